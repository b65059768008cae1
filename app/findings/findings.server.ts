import { audit } from "~/audit/audit.server";
import type { TextWriter } from "~/editor/mentions.server";
import { accessChanged } from "~/collab/access-changes.server";
import { can } from "~/auth/permissions";
import { db } from "~/db/db.server";
import { organisationName, organisationNameSelect } from "~/projects/organisation-name";
import { confirmRichText, loadRichTextState, richTexts, statusByLanguage, storeRichText } from "~/editor/rich-text.server";
import type { Prisma } from "~/generated/prisma/client";
import type { FindingState, Language, ProjectRole } from "~/generated/prisma/enums";
import type { Lang } from "~/i18n/languages";
import { editLocalized, type Localized, readLocalized } from "~/i18n/localized";
import { listSections } from "~/plan/plan.server";
import { listProjectOrganisations } from "~/projects/projects.server";
import { reindex, reindexLater } from "~/search/search.server";
import { DomainError } from "~/utils/domain-error";
import { canEditFinding, canReadFinding } from "~/visits/access.server";
import { rememberShortText } from "~/translation/memory.server";

// What a delegation learned: a title and a rich text per language, tags from the project's list,
// the organisation it concerns, the visit and agenda item it came from, the plan sections it
// informs. Drafts are seen by their author, the owner and the project group (docs/product.md).

export class FindingError extends DomainError {}

export type Viewer = { id: string; role: ProjectRole };

export type FindingInput = {
  /** Each language given (undefined: not sent, kept; "": removed). */
  title: Partial<Record<Lang, string>>;
  /** The writer's language: a new title's original, and the body's source, when they wrote in it. */
  lang: Lang;
  organisationId: string | null;
  visitId: string | null;
  agendaItemId: string | null;
  tagIds: string[];
  sectionIds: string[];
  state: FindingState;
};

export type FindingFilters = { tagId?: string; visitId?: string; organisationId?: string; lang?: Lang; sort?: "newest" | "oldest" };

/** Only what this person may read: shared findings, and drafts for their author and the project group. */
export function readableBy(viewer: Viewer): Prisma.FindingWhereInput {
  return can(viewer.role, "finding:readDrafts") ? {} : { OR: [{ state: "shared" }, { authorId: viewer.id }] };
}

export async function listFindings(projectId: string, viewer: Viewer, filters: FindingFilters = {}) {
  const findings = await db.finding.findMany({
    where: {
      projectId,
      AND: [
        readableBy(viewer),
        filters.tagId ? { tags: { some: { tagId: filters.tagId } } } : {},
        filters.visitId ? { visitId: filters.visitId } : {},
        filters.organisationId ? { organisationId: filters.organisationId } : {},
        // Written in that language: its body has text in it.
        filters.lang ? { texts: { some: { lang: filters.lang, text: { not: "" } } } } : {},
      ],
    },
    orderBy: { createdAt: filters.sort === "oldest" ? "asc" : "desc" },
    include: {
      organisation: { select: organisationNameSelect },
      visit: { select: { id: true, titles: true, originalLang: true } },
      author: { select: { name: true } },
      tags: { select: { tag: { select: { id: true, names: true } } } },
      texts: { select: { lang: true, text: true } },
    },
  });
  return findings.map((finding) => ({
    id: finding.id,
    titles: readLocalized(finding.titles),
    originalLang: finding.originalLang,
    state: finding.state,
    organisation: finding.organisation ? organisationName(finding.organisation) : null,
    visit: finding.visit ? { id: finding.visit.id, titles: finding.visit.titles as Localized, originalLang: finding.visit.originalLang } : null,
    author: finding.author?.name ?? null,
    tags: finding.tags.map(({ tag }) => ({ id: tag.id, names: tag.names as Localized })),
    languages: finding.texts.filter((text) => text.text.trim() !== "").map((text) => text.lang),
    // A short opening of the text in each language, for the list.
    excerpts: Object.fromEntries(finding.texts.map((text) => [text.lang, text.text.slice(0, 240)])) as Localized,
    createdAt: finding.createdAt.toISOString(),
  }));
}

export async function getFinding(projectId: string, findingId: string, viewer: Viewer) {
  const finding = await db.finding.findFirst({
    where: { id: findingId, projectId, AND: [readableBy(viewer)] },
    include: {
      organisation: { select: organisationNameSelect },
      visit: { select: { id: true, titles: true, originalLang: true, minutesClosedAt: true } },
      agendaItem: { select: { id: true, titles: true, originalLang: true } },
      author: { select: { id: true, name: true } },
      tags: { select: { tagId: true } },
      sections: { select: { sectionId: true } },
    },
  });
  if (!finding) return null;
  const texts = await richTexts({ findingId: finding.id });
  return {
    id: finding.id,
    titles: readLocalized(finding.titles),
    originalLang: finding.originalLang,
    sourceLang: finding.sourceLang,
    state: finding.state,
    organisation: finding.organisation ? organisationName(finding.organisation) : null,
    visit: finding.visit ? { id: finding.visit.id, titles: finding.visit.titles as Localized, originalLang: finding.visit.originalLang } : null,
    agendaItem: finding.agendaItem ? { id: finding.agendaItem.id, titles: finding.agendaItem.titles as Localized, originalLang: finding.agendaItem.originalLang } : null,
    author: finding.author,
    tagIds: finding.tags.map((tag) => tag.tagId),
    sectionIds: finding.sections.map((section) => section.sectionId),
    status: statusByLanguage(finding.sourceLang, texts),
    content: Object.fromEntries(texts.map((text) => [text.lang, text.json])) as Partial<Record<Lang, Prisma.JsonValue>>,
  };
}

export async function mayEditFinding(viewer: Viewer, finding: { visitId: string | null }) {
  return canEditFinding(viewer.role, viewer.id, finding);
}

/** The links must stay inside the project; a delegate's finding comes from a visit they took part in. */
async function checkInput(projectId: string, viewer: Viewer, input: FindingInput) {
  if (!(await canEditFinding(viewer.role, viewer.id, { visitId: input.visitId }))) throw new FindingError("errors:findingNeedsOwnVisit", "visitId");
  if (input.organisationId && !(await db.projectOrganisation.findUnique({ where: { projectId_organisationId: { projectId, organisationId: input.organisationId } } }))) {
    throw new FindingError("errors:invalid", "organisationId");
  }
  if (input.visitId && !(await db.visit.findFirst({ where: { id: input.visitId, projectId } }))) throw new FindingError("errors:invalid", "visitId");
  if (input.agendaItemId && !(await db.agendaItem.findFirst({ where: { id: input.agendaItemId, visitId: input.visitId ?? "" } }))) {
    throw new FindingError("errors:invalid", "agendaItemId");
  }
  const tagIds = [...new Set(input.tagIds)];
  if ((await db.findingTag.count({ where: { id: { in: tagIds }, projectId } })) !== tagIds.length) throw new FindingError("errors:invalid", "tagIds");
  const sectionIds = [...new Set(input.sectionIds)];
  if ((await db.planSection.count({ where: { id: { in: sectionIds }, projectId, removedAt: null } })) !== sectionIds.length) {
    throw new FindingError("errors:invalid", "sectionIds");
  }
  return { tagIds, sectionIds };
}

export async function createFinding(viewer: Viewer, projectId: string, input: FindingInput) {
  const { tagIds, sectionIds } = await checkInput(projectId, viewer, input);
  const { texts: titles, original: originalLang } = editLocalized(null, null, input.title, input.lang);
  if (!originalLang) throw new FindingError("errors:required", "title");
  const finding = await db.$transaction(async (tx) => {
    const created = await tx.finding.create({
      data: {
        projectId,
        titles,
        originalLang,
        sourceLang: input.lang as Language,
        state: input.state,
        organisationId: input.organisationId,
        visitId: input.visitId,
        agendaItemId: input.agendaItemId,
        authorId: viewer.id,
        tags: { create: tagIds.map((tagId) => ({ tagId })) },
        sections: { create: sectionIds.map((sectionId) => ({ sectionId })) },
      },
    });
    await audit({ actorId: viewer.id, projectId, action: "finding.create", entityType: "Finding", entityId: created.id, data: { titles, state: input.state } }, tx);
    // A draft's title stays out of the memory, as its text does (confirmFindingTranslation).
    if (input.state === "shared") await rememberShortText(tx, projectId, viewer.id, null, { texts: titles, original: originalLang });
    return created;
  });
  await reindex("finding", finding.id);
  return finding;
}

/** The title's languages sent replace theirs, the others stay; links, tags and state are the finding's own. */
export async function updateFinding(viewer: Viewer, projectId: string, findingId: string, input: FindingInput) {
  const existing = await db.finding.findFirst({ where: { id: findingId, projectId, AND: [readableBy(viewer)] } });
  if (!existing) throw new FindingError("errors:notFound");
  if (!(await canEditFinding(viewer.role, viewer.id, existing))) throw new FindingError("errors:forbidden");
  const { tagIds, sectionIds } = await checkInput(projectId, viewer, input);
  const { texts: titles, original: originalLang } = editLocalized(existing.titles, existing.originalLang, input.title, input.lang);
  if (!originalLang) throw new FindingError("errors:required", "title");
  await db.$transaction(async (tx) => {
    await tx.finding.update({
      where: { id: existing.id },
      data: {
        titles,
        originalLang,
        state: input.state,
        organisationId: input.organisationId,
        visitId: input.visitId,
        agendaItemId: input.agendaItemId,
        tags: { deleteMany: {}, create: tagIds.map((tagId) => ({ tagId })) },
        sections: { deleteMany: {}, create: sectionIds.map((sectionId) => ({ sectionId })) },
      },
    });
    if (input.state === "shared") {
      // Shared now: a title kept from the draft is remembered too.
      const before = existing.state === "shared" ? { texts: existing.titles, original: existing.originalLang } : null;
      await rememberShortText(tx, projectId, viewer.id, before, { texts: titles, original: originalLang });
    }
    await audit(
      {
        actorId: viewer.id,
        projectId,
        action: existing.state !== input.state ? (input.state === "shared" ? "finding.share" : "finding.unshare") : "finding.update",
        entityType: "Finding",
        entityId: existing.id,
        data: { before: { titles: existing.titles, state: existing.state }, after: { titles, state: input.state } },
      },
      tx,
    );
  });
  // Unshared, or moved to another visit: who may open or write its text changes for open editors too.
  if (existing.state !== input.state || existing.visitId !== input.visitId) await accessChanged({ kind: "finding", ids: [existing.id] });
  await reindex("finding", existing.id);
  // Its comments are found as privately as it is: shared or draft, they follow.
  for (const comment of await db.comment.findMany({ where: { findingId: existing.id }, select: { id: true } })) await reindex("comment", comment.id);
}

export async function confirmFindingTranslation(viewer: Viewer, projectId: string, findingId: string, lang: Lang) {
  const finding = await db.finding.findFirst({ where: { id: findingId, projectId, AND: [readableBy(viewer)] } });
  if (!finding) throw new FindingError("errors:notFound");
  if (!(await canEditFinding(viewer.role, viewer.id, finding))) throw new FindingError("errors:forbidden");
  if (lang === finding.sourceLang) throw new FindingError("errors:confirmSource");
  const entry = { projectId, action: "finding.confirm", entityType: "Finding", entityId: findingId };
  // A draft's paragraphs stay out of the memory: delegates who may not read the draft use it.
  if (!(await confirmRichText({ findingId }, lang, finding.sourceLang, viewer.id, entry, { remember: finding.state === "shared" }))) throw new FindingError("errors:confirmEmpty");
}

export async function listTags(projectId: string) {
  const tags = await db.findingTag.findMany({ where: { projectId }, orderBy: { createdAt: "asc" } });
  return tags.map((tag) => ({ id: tag.id, names: tag.names as Localized }));
}

export async function addTag(actorId: string, projectId: string, names: Localized) {
  const tag = await db.$transaction(async (tx) => {
    const created = await tx.findingTag.create({ data: { projectId, names } });
    await audit({ actorId, projectId, action: "finding_tag.create", entityType: "FindingTag", entityId: created.id, data: { names } }, tx);
    return created;
  });
  return tag;
}

/** The shared findings (and the reader's readable drafts) that inform a plan section. */
export async function listFindingsForSection(projectId: string, sectionId: string, viewer: Viewer) {
  const findings = await db.finding.findMany({
    where: { projectId, sections: { some: { sectionId } }, AND: [readableBy(viewer)] },
    orderBy: { createdAt: "desc" },
    select: { id: true, titles: true, originalLang: true, state: true },
  });
  return findings.map((finding) => ({ id: finding.id, titles: finding.titles as Localized, originalLang: finding.originalLang, state: finding.state }));
}

/** For the collaboration server: a finding's body is opened by those who may read it, written by those who may edit it. */
export async function findingAccess(findingId: string, userId: string): Promise<{ projectId: string; role: ProjectRole; readOnly: boolean } | null> {
  const finding = await db.finding.findUnique({ where: { id: findingId }, select: { projectId: true, state: true, authorId: true, visitId: true } });
  if (!finding) return null;
  const membership = await db.membership.findUnique({ where: { projectId_userId: { projectId: finding.projectId, userId } } });
  if (!membership || !canReadFinding(membership.role, userId, finding)) return null;
  return { projectId: finding.projectId, role: membership.role, readOnly: !(await canEditFinding(membership.role, userId, finding)) };
}

/** Each language's translation status, as the open editors are told after a store. */
export async function findingStatus(findingId: string) {
  const finding = await db.finding.findUnique({ where: { id: findingId }, select: { sourceLang: true } });
  return finding ? statusByLanguage(finding.sourceLang, await richTexts({ findingId })) : null;
}

export const loadFindingState = (findingId: string, lang: Lang) => loadRichTextState({ findingId }, lang);

export async function storeFinding(findingId: string, lang: Lang, state: Uint8Array | null, json: Prisma.InputJsonValue, text: string, writers: TextWriter[] = []) {
  if (await storeRichText({ findingId }, lang, state, json, text, writers)) {
    await reindexLater("finding", findingId);
  }
}

/** What a finding's form offers: the project's organisations, visits with their items, tags and plan sections. */
export async function findingChoices(projectId: string) {
  const [organisations, visits, tags, sections] = await Promise.all([
    listProjectOrganisations(projectId),
    db.visit.findMany({
      where: { projectId },
      orderBy: { startDate: "asc" },
      select: { id: true, titles: true, originalLang: true, agendaItems: { orderBy: { startsAt: "asc" }, select: { id: true, titles: true, originalLang: true } } },
    }),
    listTags(projectId),
    listSections(projectId),
  ]);
  return {
    organisations,
    visits: visits.map((visit) => ({
      id: visit.id,
      titles: visit.titles as Localized,
      originalLang: visit.originalLang,
      items: visit.agendaItems.map((item) => ({ id: item.id, titles: item.titles as Localized, originalLang: item.originalLang })),
    })),
    tags,
    sections: sections.map((section) => ({ id: section.id, title: section.title })),
  };
}
