import { audit } from "~/audit/audit.server";
import { can, projectRoles } from "~/auth/permissions";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { ProjectRole } from "~/generated/prisma/enums";
import { languages, type Lang } from "~/i18n/languages";
import { pickLocalized, readLocalized, type Localized } from "~/i18n/localized";
import { deliverLater, notify } from "~/notifications/notifications.server";
import { resolveSectionTitle } from "~/plan/export.server";
import { BLANK_TEXT_HASH, translationStatus, type TextState } from "~/plan/translation-status";
import { DomainError, isUniqueViolation } from "~/utils/domain-error";
import { href, withQuery } from "~/utils/links";
import type { TranslationRequestAction } from "./schemas";
import { completeLanguages, writtenLanguages, type OpenRequest, type RequestKind, type RequestTarget } from "./request-kinds";

// Translation requests (decision 020): someone asks for a text to be translated into a language;
// the members who may write it and write that language are told; the request is done when the
// translation is confirmed (rich texts) or saved in that language (short texts).

export class TranslationRequestError extends DomainError {}

type Tx = Prisma.TransactionClient;
export type Requester = { id: string; role: ProjectRole };

const column = {
  plan_section: "sectionId",
  agenda_item: "agendaItemId",
  finding: "findingId",
  milestone: "milestoneId",
  visit: "visitId",
} as const satisfies Record<RequestKind, keyof Prisma.TranslationRequestUncheckedCreateInput>;

const whereTarget = (target: RequestTarget) => ({ [column[target.kind]]: target.id }) as Prisma.TranslationRequestWhereInput;

/** One open request per thing and language: the key is cleared when it is done or cancelled. */
const openKey = (target: RequestTarget, lang: Lang) => `${target.id}:${lang}`;

/** Who writes a language: those who say so in their profile (nobody has said anything: their interface language). */
export const writesWhere = (lang: Lang): Prisma.UserWhereInput => ({
  OR: [{ writesLanguages: { has: lang } }, { writesLanguages: { isEmpty: true }, language: lang }],
});

// The roles that edit the project's texts (plan:edit, project:edit), from the one table of rights.
const editingRoles = projectRoles.filter((role) => can(role, "plan:edit") && can(role, "project:edit"));

/** What is loaded of the thing a request is about, for its title, its link and its source language. */
export const thingInclude = {
  section: { select: { id: true, kind: true, titles: true, titleLang: true, sourceLang: true } },
  agendaItem: { select: { id: true, titles: true, originalLang: true, minutesLang: true, visitId: true } },
  finding: { select: { id: true, titles: true, originalLang: true, sourceLang: true, state: true, authorId: true } },
  milestone: { select: { id: true, titles: true, originalLang: true } },
  visit: { select: { id: true, titles: true, originalLang: true } },
} satisfies Prisma.TranslationRequestInclude;

type RequestWithThing = Prisma.TranslationRequestGetPayload<{ include: typeof thingInclude }>;

/** The thing as a reader sees it: its kind, its title in their language, where to translate it, its source language. */
export function describe(request: Pick<RequestWithThing, keyof typeof thingInclude | "projectId" | "lang">) {
  const { projectId } = request;
  const localized = (texts: unknown, original: Lang) => (lang: Lang) => pickLocalized(readLocalized(texts), original, lang).text;
  // The page opens with the language to write beside its source.
  const sideBySide = (source: Lang | null) => ({ left: request.lang, right: source && source !== request.lang ? source : undefined });
  if (request.section) {
    const section = request.section;
    return {
      kind: "plan_section" as RequestKind,
      title: (lang: Lang) => resolveSectionTitle({ kind: section.kind, titles: readLocalized(section.titles), titleLang: section.titleLang }, lang).text,
      link: withQuery(href("/projects/:projectId/plan/:sectionId", { projectId, sectionId: section.id }), sideBySide(section.sourceLang)),
      sourceLang: section.sourceLang as Lang | null,
    };
  }
  if (request.agendaItem) {
    const item = request.agendaItem;
    return {
      kind: "agenda_item" as RequestKind,
      title: localized(item.titles, item.originalLang),
      link: withQuery(href("/projects/:projectId/visits/:visitId/items/:itemId", { projectId, visitId: item.visitId, itemId: item.id }), sideBySide(item.minutesLang)),
      sourceLang: item.minutesLang,
    };
  }
  if (request.finding) {
    const finding = request.finding;
    return {
      kind: "finding" as RequestKind,
      title: localized(finding.titles, finding.originalLang),
      link: withQuery(href("/projects/:projectId/findings/:findingId", { projectId, findingId: finding.id }), sideBySide(finding.sourceLang)),
      sourceLang: finding.sourceLang as Lang | null,
    };
  }
  if (request.milestone) {
    const milestone = request.milestone;
    return {
      kind: "milestone" as RequestKind,
      title: localized(milestone.titles, milestone.originalLang),
      link: href("/projects/:projectId/milestones/:milestoneId", { projectId, milestoneId: milestone.id }),
      sourceLang: milestone.originalLang as Lang | null,
    };
  }
  const visit = request.visit!;
  return {
    kind: "visit" as RequestKind,
    title: localized(visit.titles, visit.originalLang),
    link: href("/projects/:projectId/visits/:visitId", { projectId, visitId: visit.id }),
    sourceLang: visit.originalLang as Lang | null,
  };
}

type Facts = {
  /** up_to_date: nothing to do in that language (a confirmed translation, the source itself, every short text there). */
  state: (lang: Lang) => "up_to_date" | "needed" | "no_source";
  /** Besides the editing roles, who may write it: delegates of this visit (minutes, a finding of their visit). */
  delegatesOf: { visitId: string; authorId?: string | null } | null;
  closed: boolean;
  readable: (viewer: Requester) => boolean;
};

const richState = (sourceLang: Lang | null, texts: TextState[]) => (lang: Lang) => {
  const source = sourceLang ? texts.find((text) => text.lang === sourceLang) : undefined;
  if (!sourceLang || !source || source.textHash === BLANK_TEXT_HASH) return "no_source" as const;
  const status = translationStatus(lang, sourceLang, texts);
  return status === "up_to_date" || status === "source" ? ("up_to_date" as const) : ("needed" as const);
};

const textStates = { select: { lang: true, textHash: true, confirmedSourceHash: true } } as const;

/** What decides whether a request makes sense, read in the request's transaction. Null: not in this project. */
async function factsOf(tx: Tx, projectId: string, target: RequestTarget): Promise<Facts | null> {
  const everyone = () => true;
  switch (target.kind) {
    case "plan_section": {
      const section = await tx.planSection.findFirst({ where: { id: target.id, projectId, removedAt: null }, include: { texts: textStates } });
      return section && { state: richState(section.sourceLang, section.texts), delegatesOf: null, closed: false, readable: everyone };
    }
    case "agenda_item": {
      const item = await tx.agendaItem.findFirst({ where: { id: target.id, visit: { projectId } }, include: { texts: textStates, visit: { select: { minutesClosedAt: true } } } });
      return item && { state: richState(item.minutesLang, item.texts), delegatesOf: { visitId: item.visitId }, closed: item.visit.minutesClosedAt !== null, readable: everyone };
    }
    case "finding": {
      const finding = await tx.finding.findFirst({ where: { id: target.id, projectId }, include: { texts: textStates } });
      if (!finding) return null;
      const draft = finding.state === "draft";
      return {
        state: richState(finding.sourceLang, finding.texts),
        // A draft is read only by its author among the delegates.
        delegatesOf: finding.visitId ? { visitId: finding.visitId, ...(draft ? { authorId: finding.authorId } : {}) } : null,
        closed: false,
        readable: (viewer) => !draft || finding.authorId === viewer.id || can(viewer.role, "finding:readDrafts"),
      };
    }
    case "milestone": {
      const milestone = await tx.milestone.findFirst({ where: { id: target.id, projectId } });
      if (!milestone) return null;
      const complete = completeLanguages([readLocalized(milestone.titles), readLocalized(milestone.descriptions)]);
      return { state: (lang) => (complete.includes(lang) ? "up_to_date" : "needed"), delegatesOf: null, closed: false, readable: everyone };
    }
    case "visit": {
      const visit = await tx.visit.findFirst({ where: { id: target.id, projectId } });
      if (!visit) return null;
      const complete = completeLanguages([readLocalized(visit.titles), readLocalized(visit.purposes)]);
      return { state: (lang) => (complete.includes(lang) ? "up_to_date" : "needed"), delegatesOf: null, closed: false, readable: everyone };
    }
  }
}

/** The members asked: those who may write the thing and write the language, never the one asking. */
async function translatorsFor(tx: Tx, projectId: string, facts: Facts, lang: Lang, requesterId: string) {
  const delegates = facts.delegatesOf;
  const members = await tx.membership.findMany({
    where: {
      projectId,
      userId: { not: requesterId },
      user: writesWhere(lang),
      OR: [
        { role: { in: editingRoles } },
        ...(delegates
          ? [{ role: "delegate" as const, user: { visitParts: { some: { visitId: delegates.visitId, role: "delegate" as const } } }, ...(delegates.authorId !== undefined ? { userId: delegates.authorId ?? "" } : {}) }]
          : []),
      ],
    },
    select: { user: { select: { id: true, language: true } } },
  });
  return members.map((member) => member.user);
}

/**
 * Asks for a translation. Whoever may comment may ask (decision 020); refused when the language is
 * already up to date, when there is nothing to translate yet, or when the same request is open.
 * Returns how many were told.
 */
export async function requestTranslation(requester: Requester, projectId: string, target: RequestTarget, lang: Lang, note = "") {
  const notified = await recordTranslationRequest(requester, projectId, target, lang, note);
  await deliverLater(notified);
  return { notified: notified.length };
}

/** What the request forms send (decision 020): ask for a translation, or withdraw a request. */
export async function actOnTranslationRequest(actor: Requester, projectId: string, input: TranslationRequestAction) {
  if (input.intent === "cancel") {
    await cancelTranslationRequest(actor, projectId, input.requestId);
    return { done: "cancel" as const };
  }
  const { notified } = await requestTranslation(actor, projectId, { kind: input.kind, id: input.id }, input.lang, input.note);
  return { done: "request" as const, notified, lang: input.lang };
}

/** The request and its notifications, without e-mailing them (the demo's seed records one so). */
export async function recordTranslationRequest(requester: Requester, projectId: string, target: RequestTarget, lang: Lang, note = "") {
  if (!can(requester.role, "comment:write")) throw new TranslationRequestError("errors:forbidden");
  try {
    const { notified } = await db.$transaction(async (tx) => {
      const facts = await factsOf(tx, projectId, target);
      if (!facts || !facts.readable(requester)) throw new TranslationRequestError("errors:notFound");
      if (facts.closed) throw new TranslationRequestError("errors:minutesClosed");
      const state = facts.state(lang);
      if (state === "no_source") throw new TranslationRequestError("errors:translationNoSource");
      if (state === "up_to_date") throw new TranslationRequestError("errors:translationUpToDate");
      // Checked before the insert too, so the usual case gets its message without a failed statement.
      if (await tx.translationRequest.findUnique({ where: { openKey: openKey(target, lang) }, select: { id: true } })) {
        throw new TranslationRequestError("errors:translationAlreadyRequested");
      }
      const request = await tx.translationRequest.create({
        data: { projectId, [column[target.kind]]: target.id, lang, note, requestedById: requester.id, openKey: openKey(target, lang) },
        include: { ...thingInclude, requestedBy: { select: { name: true } } },
      });
      await audit({ actorId: requester.id, projectId, action: "translation.request", entityType: "TranslationRequest", entityId: request.id, data: { ...target, lang } }, tx);
      const about = describe(request);
      const notified: string[] = [];
      for (const user of await translatorsFor(tx, projectId, facts, lang, requester.id)) {
        notified.push(
          ...(await notify(tx, [user.id], {
            kind: "translation_request",
            projectId,
            params: { name: request.requestedBy?.name ?? "", title: about.title(user.language), language: lang, ...(note ? { detail: note } : {}) },
            link: about.link,
          })),
        );
      }
      return { notified };
    });
    return notified;
  } catch (error) {
    if (isUniqueViolation(error)) throw new TranslationRequestError("errors:translationAlreadyRequested");
    throw error;
  }
}

/** The one who asked, or an owner, withdraws an open request. */
export async function cancelTranslationRequest(actor: Requester, projectId: string, requestId: string) {
  await db.$transaction(async (tx) => {
    const request = await tx.translationRequest.findFirst({ where: { id: requestId, projectId } });
    if (!request) throw new TranslationRequestError("errors:notFound");
    if (request.requestedById !== actor.id && !can(actor.role, "project:manage")) throw new TranslationRequestError("errors:forbidden");
    if (!request.openKey) throw new TranslationRequestError("errors:translationRequestClosed");
    await tx.translationRequest.update({ where: { id: request.id }, data: { cancelledAt: new Date(), openKey: null } });
    await audit({ actorId: actor.id, projectId, action: "translation.cancel", entityType: "TranslationRequest", entityId: request.id, data: { lang: request.lang } }, tx);
  });
}

/**
 * Marks the open requests for these languages of a thing done, in the transaction that confirmed or
 * saved the translation, and tells each requester (not when they did it themselves). Returns the
 * notifications to deliver after the commit.
 */
export async function completeTranslationRequests(tx: Tx, target: RequestTarget, langs: Lang[], actorId: string): Promise<string[]> {
  if (langs.length === 0) return [];
  const open = await tx.translationRequest.findMany({
    where: { ...whereTarget(target), lang: { in: langs }, openKey: { not: null } },
    include: { ...thingInclude, requestedBy: { select: { id: true, language: true } } },
  });
  if (open.length === 0) return [];
  const actor = await tx.user.findUniqueOrThrow({ where: { id: actorId }, select: { name: true } });
  const notified: string[] = [];
  for (const request of open) {
    await tx.translationRequest.update({ where: { id: request.id }, data: { doneAt: new Date(), doneById: actorId, openKey: null } });
    await audit({ actorId, projectId: request.projectId, action: "translation.done", entityType: "TranslationRequest", entityId: request.id, data: { ...target, lang: request.lang } }, tx);
    if (!request.requestedBy || request.requestedBy.id === actorId) continue;
    const about = describe(request);
    notified.push(
      ...(await notify(tx, [request.requestedBy.id], {
        kind: "translation_done",
        projectId: request.projectId,
        params: { name: actor.name, title: about.title(request.requestedBy.language), language: request.lang },
        link: about.link,
      })),
    );
  }
  return notified;
}

/** The open requests for one thing, for the control beside its texts. */
export async function openRequestsFor(target: RequestTarget, viewer: Requester): Promise<OpenRequest[]> {
  const requests = await db.translationRequest.findMany({
    where: { ...whereTarget(target), openKey: { not: null } },
    orderBy: { createdAt: "asc" },
    include: { requestedBy: { select: { name: true } } },
  });
  return requests.map((request) => ({
    id: request.id,
    lang: request.lang,
    requestedBy: request.requestedBy?.name ?? null,
    note: request.note,
    createdAt: request.createdAt.toISOString(),
    canCancel: request.requestedById === viewer.id || can(viewer.role, "project:manage"),
  }));
}

/** How many recently done requests the "To translate" page lists. */
export const RECENTLY_DONE = 20;

/**
 * The project's open requests (those in a language the reader writes first, then the newest) and the
 * recently done ones, each titled in the reader's language. Drafts the reader may not read are left out.
 */
export async function listTranslationRequests(projectId: string, viewer: Requester, lang: Lang) {
  const reader = await db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { writesLanguages: true, language: true } });
  const writes = writtenLanguages(reader);
  const readableFindings: Prisma.TranslationRequestWhereInput = can(viewer.role, "finding:readDrafts")
    ? {}
    : { OR: [{ findingId: null }, { finding: { OR: [{ state: "shared" }, { authorId: viewer.id }] } }] };
  const include = { ...thingInclude, requestedBy: { select: { name: true } }, doneBy: { select: { name: true } } };
  const [open, done] = await Promise.all([
    db.translationRequest.findMany({ where: { projectId, openKey: { not: null }, AND: [readableFindings] }, orderBy: { createdAt: "desc" }, include }),
    db.translationRequest.findMany({ where: { projectId, doneAt: { not: null }, AND: [readableFindings] }, orderBy: { doneAt: "desc" }, take: RECENTLY_DONE, include }),
  ]);
  const view = (request: (typeof open)[number]) => {
    const about = describe(request);
    return {
      id: request.id,
      kind: about.kind,
      title: about.title(lang),
      link: about.link,
      from: about.sourceLang,
      to: request.lang,
      note: request.note,
      requestedBy: request.requestedBy?.name ?? null,
      createdAt: request.createdAt.toISOString(),
      doneBy: request.doneBy?.name ?? null,
      doneAt: request.doneAt?.toISOString() ?? null,
      mine: writes.includes(request.lang),
      canCancel: request.requestedById === viewer.id || can(viewer.role, "project:manage"),
    };
  };
  const openViews = open.map(view);
  // The reader's own work first: what they could translate.
  openViews.sort((a, b) => Number(b.mine) - Number(a.mine));
  return { open: openViews, done: done.map(view), writes };
}

export type TranslationRequestView = Awaited<ReturnType<typeof listTranslationRequests>>["open"][number];

// ——— Submitting for approval: what the steering group reads and the submitted thing lacks ———

/** The steering group's interface languages: the languages the approvers read. */
export async function approverLanguages(projectId: string): Promise<Lang[]> {
  const members = await db.membership.findMany({ where: { projectId, role: "steering_group" }, select: { user: { select: { language: true } } } });
  return languages.filter((lang) => members.some((member) => member.user.language === lang));
}

export type MilestoneGap = { lang: Lang; fields: ("title" | "description")[] };

/** The approvers' languages a milestone's title or description lacks (a description it has). */
export async function milestoneGaps(projectId: string, milestone: { titles: Localized; descriptions: Localized }): Promise<MilestoneGap[]> {
  const gaps: MilestoneGap[] = [];
  for (const lang of await approverLanguages(projectId)) {
    const fields: MilestoneGap["fields"] = [];
    if (!milestone.titles[lang]) fields.push("title");
    if (Object.keys(milestone.descriptions).length > 0 && !milestone.descriptions[lang]) fields.push("description");
    if (fields.length > 0) gaps.push({ lang, fields });
  }
  return gaps;
}

export type SnapshotGap = { lang: Lang; sectionIds: string[] };

/** The approvers' languages missing from sections of a named plan version that have a text in another language. */
export async function snapshotGaps(projectId: string, snapshotId: string): Promise<SnapshotGap[]> {
  const versions = await db.textVersion.findMany({ where: { snapshotId, snapshot: { projectId } }, select: { text: true, richText: { select: { lang: true, sectionId: true } } } });
  const written = new Map<string, Set<Lang>>();
  for (const version of versions) {
    const sectionId = version.richText.sectionId;
    if (!sectionId) continue;
    if (!written.has(sectionId)) written.set(sectionId, new Set());
    if (version.text.trim() !== "") written.get(sectionId)!.add(version.richText.lang);
  }
  const gaps: SnapshotGap[] = [];
  for (const lang of await approverLanguages(projectId)) {
    const sectionIds = [...written].filter(([, langs]) => langs.size > 0 && !langs.has(lang)).map(([sectionId]) => sectionId);
    if (sectionIds.length > 0) gaps.push({ lang, sectionIds });
  }
  return gaps;
}

/**
 * "Request translations and submit": each missing language of what is submitted is requested; one
 * that is open already, up to date since, or has nothing to translate is passed over (the
 * submission is not held up). Returns the languages requested.
 */
export async function requestTranslationsForApproval(requester: Requester, projectId: string, target: { milestoneId: string } | { snapshotId: string }) {
  const wanted: { target: RequestTarget; lang: Lang }[] = [];
  if ("milestoneId" in target) {
    const milestone = await db.milestone.findFirst({ where: { id: target.milestoneId, projectId } });
    if (!milestone) throw new TranslationRequestError("errors:notFound");
    for (const gap of await milestoneGaps(projectId, { titles: readLocalized(milestone.titles), descriptions: readLocalized(milestone.descriptions) })) {
      wanted.push({ target: { kind: "milestone", id: milestone.id }, lang: gap.lang });
    }
  } else {
    for (const gap of await snapshotGaps(projectId, target.snapshotId)) {
      for (const sectionId of gap.sectionIds) wanted.push({ target: { kind: "plan_section", id: sectionId }, lang: gap.lang });
    }
  }
  const requested = new Set<Lang>();
  for (const { target: thing, lang } of wanted) {
    try {
      await requestTranslation(requester, projectId, thing, lang);
      requested.add(lang);
    } catch (error) {
      if (!(error instanceof TranslationRequestError) || error.key === "errors:forbidden") throw error;
    }
  }
  return [...requested];
}

export { completeLanguages };
