import { audit } from "~/audit/audit.server";
import { accessChanged } from "~/collab/access-changes.server";
import { db } from "~/db/db.server";
import { organisationName, organisationNameSelect } from "~/projects/organisation-name";
import { removeStoredFiles } from "~/files/storage.server";
import type { Language, ParticipantRole, VisitStatus } from "~/generated/prisma/enums";
import type { Lang } from "~/i18n/languages";
import { editLocalized, givenTexts, mergeLocalized, readLocalized } from "~/i18n/localized";
import { reindex } from "~/search/search.server";
import { deliverLater } from "~/notifications/notifications.server";
import { completeLanguages, completeTranslationRequests } from "~/translation/requests.server";
import { DomainError } from "~/utils/domain-error";
import { isSkippedWallTime, wallTimeToInstant } from "~/utils/time-zones.server";
import { rememberShortText } from "~/translation/memory.server";

export class VisitError extends DomainError {}

export type VisitInput = {
  /** Each language given (undefined: not sent, kept; "": removed). */
  title: Partial<Record<Lang, string>>;
  purpose: Partial<Record<Lang, string>>;
  /** The writer's language: a new text's original when they wrote in it. */
  lang: Lang;
  travellerOrgId: string;
  hostOrgId: string;
  startDate: Date;
  endDate: Date;
  status: VisitStatus;
  accommodation: string;
  siteContact: string;
  visaLettersNeeded: boolean;
};

/** An agenda item as typed: a day and two times on the host city's clock. */
export type AgendaItemInput = { date: Date; start: string; end: string; title: Partial<Record<Lang, string>>; place: string; leader: string; lang: Lang };

const organisationView = { select: { ...organisationNameSelect, timeZone: true } } as const;
type OrganisationView = { id: string; names: unknown; originalLang: Lang; timeZone: string };
const organisationOf = (row: OrganisationView) => ({ ...organisationName(row), timeZone: row.timeZone });

async function checkOrganisations(projectId: string, input: Pick<VisitInput, "travellerOrgId" | "hostOrgId" | "startDate" | "endDate">) {
  if (input.travellerOrgId === input.hostOrgId) throw new VisitError("errors:sameOrganisation", "hostOrgId");
  const linked = await db.projectOrganisation.count({ where: { projectId, organisationId: { in: [input.travellerOrgId, input.hostOrgId] } } });
  if (linked !== 2) throw new VisitError("errors:notProjectOrganisation", "hostOrgId");
  if (input.endDate < input.startDate) throw new VisitError("errors:endBeforeStart", "endDate");
}

/** What the list of visits and a visit's page both show of it. */
function visitSummary(visit: {
  id: string;
  titles: unknown;
  purposes: unknown;
  originalLang: Language;
  traveller: OrganisationView;
  host: OrganisationView;
  startDate: Date;
  endDate: Date;
  status: VisitStatus;
}) {
  return {
    id: visit.id,
    titles: readLocalized(visit.titles),
    purposes: readLocalized(visit.purposes),
    originalLang: visit.originalLang,
    traveller: organisationOf(visit.traveller),
    host: organisationOf(visit.host),
    startDate: visit.startDate.toISOString(),
    endDate: visit.endDate.toISOString(),
    status: visit.status,
  };
}

/** A project's visits by start date, of one status or one travelling organisation when asked. */
export async function listVisits(projectId: string, filter: { status?: VisitStatus; travellerOrgId?: string } = {}) {
  const visits = await db.visit.findMany({
    where: { projectId, ...(filter.status ? { status: filter.status } : {}), ...(filter.travellerOrgId ? { travellerOrgId: filter.travellerOrgId } : {}) },
    orderBy: { startDate: "asc" },
    include: { traveller: organisationView, host: organisationView, _count: { select: { participants: { where: { role: "delegate" } }, agendaItems: true } } },
  });
  return visits.map((visit) => ({
    ...visitSummary(visit),
    delegates: visit._count.participants,
    agendaItems: visit._count.agendaItems,
  }));
}

/** A visit of this project with its delegation and programme, or null (404). */
export async function getVisit(projectId: string, visitId: string) {
  const visit = await db.visit.findFirst({
    where: { id: visitId, projectId },
    include: {
      traveller: organisationView,
      host: organisationView,
      participants: { orderBy: { createdAt: "asc" }, include: { user: { select: { id: true, name: true, organisation: { select: organisationNameSelect } } } } },
      agendaItems: { orderBy: { startsAt: "asc" }, include: { texts: { select: { lang: true, text: true } } } },
    },
  });
  if (!visit) return null;
  return {
    ...visitSummary(visit),
    accommodation: visit.accommodation,
    siteContact: visit.siteContact,
    visaLettersNeeded: visit.visaLettersNeeded,
    minutesClosedAt: visit.minutesClosedAt?.toISOString() ?? null,
    participants: visit.participants.map((participant) => ({
      id: participant.id,
      role: participant.role,
      userId: participant.userId,
      // A member's name as it is now; a guest's as typed.
      name: participant.user?.name ?? participant.name,
      // A member's organisation by its names; a guest's as typed.
      memberOrganisation: participant.user?.organisation ? organisationName(participant.user.organisation) : null,
      organisation: participant.organisation,
      title: participant.title,
      isMember: participant.userId !== null,
    })),
    agendaItems: visit.agendaItems.map((item) => ({
      id: item.id,
      startsAt: item.startsAt.toISOString(),
      endsAt: item.endsAt.toISOString(),
      titles: readLocalized(item.titles),
      originalLang: item.originalLang,
      place: item.place,
      leader: item.leader,
      minutesIn: item.texts.filter((text) => text.text.trim() !== "").map((text) => text.lang),
    })),
  };
}

export type VisitView = NonNullable<Awaited<ReturnType<typeof getVisit>>>;

export async function createVisit(actorId: string, projectId: string, input: VisitInput) {
  await checkOrganisations(projectId, input);
  const { texts: titles, original: originalLang } = editLocalized(null, null, input.title, input.lang);
  if (!originalLang) throw new VisitError("errors:required", "title");
  const visit = await db.$transaction(async (tx) => {
    const created = await tx.visit.create({
      data: {
        projectId,
        titles,
        purposes: givenTexts(input.purpose),
        originalLang,
        travellerOrgId: input.travellerOrgId,
        hostOrgId: input.hostOrgId,
        startDate: input.startDate,
        endDate: input.endDate,
        status: input.status,
        accommodation: input.accommodation,
        siteContact: input.siteContact,
        visaLettersNeeded: input.visaLettersNeeded,
      },
    });
    await audit({ actorId, projectId, action: "visit.create", entityType: "Visit", entityId: created.id, data: { titles } }, tx);
    await rememberShortText(tx, projectId, actorId, null, { texts: titles, original: originalLang });
    await rememberShortText(tx, projectId, actorId, null, { texts: readLocalized(created.purposes), original: originalLang });
    return created;
  });
  await reindex("visit", visit.id);
  return visit;
}

/** The languages sent replace theirs; the others stay as they were. */
export async function updateVisit(actorId: string, projectId: string, visitId: string, input: VisitInput) {
  await checkOrganisations(projectId, input);
  const notified = await db.$transaction(async (tx) => {
    const visit = await tx.visit.findFirst({ where: { id: visitId, projectId } });
    if (!visit) throw new VisitError("errors:notFound");
    const { texts: titles, original: originalLang } = editLocalized(visit.titles, visit.originalLang, input.title, input.lang);
    if (!originalLang) throw new VisitError("errors:required", "title");
    const purposes = mergeLocalized(readLocalized(visit.purposes), input.purpose);
    await tx.visit.update({
      where: { id: visit.id },
      data: {
        titles,
        purposes,
        originalLang,
        travellerOrgId: input.travellerOrgId,
        hostOrgId: input.hostOrgId,
        startDate: input.startDate,
        endDate: input.endDate,
        status: input.status,
        accommodation: input.accommodation,
        siteContact: input.siteContact,
        visaLettersNeeded: input.visaLettersNeeded,
      },
    });
    await rememberShortText(tx, projectId, actorId, { texts: visit.titles, original: visit.originalLang }, { texts: titles, original: originalLang });
    await rememberShortText(tx, projectId, actorId, { texts: visit.purposes, original: visit.originalLang }, { texts: purposes, original: originalLang });
    await audit(
      {
        actorId,
        projectId,
        action: "visit.update",
        entityType: "Visit",
        entityId: visit.id,
        data: { lang: input.lang, before: { titles: visit.titles, status: visit.status, startDate: visit.startDate.toISOString() }, after: { titles, status: input.status, startDate: input.startDate.toISOString() } },
      },
      tx,
    );
    // Title and purpose now in a requested language: that request is done (decision 020).
    return completeTranslationRequests(tx, { kind: "visit", id: visit.id }, completeLanguages([titles, purposes]), actorId);
  });
  await deliverLater(notified);
  await reindex("visit", visitId);
}

async function findVisitOrThrow(projectId: string, visitId: string) {
  const visit = await db.visit.findFirst({ where: { id: visitId, projectId }, include: { host: organisationView } });
  if (!visit) throw new VisitError("errors:notFound");
  return visit;
}

/** A member of the project, or a guest by name, organisation and title (nothing more is kept about guests). */
export async function addParticipant(
  actorId: string,
  projectId: string,
  visitId: string,
  input: { role: ParticipantRole; userId: string | null; name: string; organisation: string; title: string },
) {
  await findVisitOrThrow(projectId, visitId);
  if (input.userId) {
    const member = await db.membership.findUnique({ where: { projectId_userId: { projectId, userId: input.userId } } });
    if (!member) throw new VisitError("errors:invalid", "userId");
    const already = await db.visitParticipant.findFirst({ where: { visitId, userId: input.userId } });
    if (already) throw new VisitError("errors:alreadyParticipant", "userId");
  } else if (!input.name) {
    throw new VisitError("errors:participantNeeded", "name");
  }
  await db.$transaction(async (tx) => {
    const participant = await tx.visitParticipant.create({
      data: input.userId
        ? { visitId, role: input.role, userId: input.userId, title: input.title }
        : { visitId, role: input.role, name: input.name, organisation: input.organisation, title: input.title },
    });
    await audit(
      { actorId, projectId, action: "visit.participant_add", entityType: "Visit", entityId: visitId, data: { participantId: participant.id, role: input.role, userId: input.userId, name: input.name } },
      tx,
    );
  });
}

export async function removeParticipant(actorId: string, projectId: string, visitId: string, participantId: string) {
  await findVisitOrThrow(projectId, visitId);
  const userId = await db.$transaction(async (tx) => {
    const participant = await tx.visitParticipant.findFirst({ where: { id: participantId, visitId } });
    if (!participant) throw new VisitError("errors:notFound");
    await tx.visitParticipant.delete({ where: { id: participant.id } });
    await audit(
      { actorId, projectId, action: "visit.participant_remove", entityType: "Visit", entityId: visitId, data: { role: participant.role, userId: participant.userId, name: participant.name } },
      tx,
    );
    return participant.userId;
  });
  // A delegate no longer in the delegation stops writing its minutes and findings at once.
  if (userId) await accessChanged({ userId });
}

/** The item's start and end as instants, from the day (one of the visit's) and the host city's clock. */
function agendaTimes(input: AgendaItemInput, visit: { startDate: Date; endDate: Date }, hostTimeZone: string) {
  if (input.date < visit.startDate || input.date > visit.endDate) throw new VisitError("errors:outsideVisit", "date");
  const day = input.date.toISOString().slice(0, 10);
  if (isSkippedWallTime(`${day}T${input.start}`, hostTimeZone)) throw new VisitError("errors:timeSkipped", "start");
  if (isSkippedWallTime(`${day}T${input.end}`, hostTimeZone)) throw new VisitError("errors:timeSkipped", "end");
  const startsAt = wallTimeToInstant(`${day}T${input.start}`, hostTimeZone);
  const endsAt = wallTimeToInstant(`${day}T${input.end}`, hostTimeZone);
  if (!startsAt) throw new VisitError("errors:time", "start");
  if (!endsAt) throw new VisitError("errors:time", "end");
  if (endsAt <= startsAt) throw new VisitError("errors:endBeforeStart", "end");
  return { startsAt, endsAt };
}

export async function addAgendaItem(actorId: string, projectId: string, visitId: string, input: AgendaItemInput) {
  const visit = await findVisitOrThrow(projectId, visitId);
  const times = agendaTimes(input, visit, visit.host.timeZone);
  const { texts: titles, original: originalLang } = editLocalized(null, null, input.title, input.lang);
  if (!originalLang) throw new VisitError("errors:required", "title");
  const item = await db.$transaction(async (tx) => {
    const created = await tx.agendaItem.create({
      data: { visitId, ...times, titles, originalLang, place: input.place, leader: input.leader },
    });
    await audit({ actorId, projectId, action: "agenda_item.create", entityType: "AgendaItem", entityId: created.id, data: { visitId, titles } }, tx);
    await rememberShortText(tx, projectId, actorId, null, { texts: titles, original: originalLang });
    return created;
  });
  await reindex("agenda_item", item.id);
  return item;
}

export async function findAgendaItem(projectId: string, visitId: string, itemId: string) {
  return db.agendaItem.findFirst({ where: { id: itemId, visitId, visit: { projectId } }, include: { visit: { include: { host: organisationView } } } });
}

export async function updateAgendaItem(actorId: string, projectId: string, visitId: string, itemId: string, input: AgendaItemInput) {
  const item = await findAgendaItem(projectId, visitId, itemId);
  if (!item) throw new VisitError("errors:notFound");
  const times = agendaTimes(input, item.visit, item.visit.host.timeZone);
  const { texts: titles, original: originalLang } = editLocalized(item.titles, item.originalLang, input.title, input.lang);
  if (!originalLang) throw new VisitError("errors:required", "title");
  await db.$transaction(async (tx) => {
    await tx.agendaItem.update({ where: { id: item.id }, data: { ...times, titles, originalLang, place: input.place, leader: input.leader } });
    await rememberShortText(tx, projectId, actorId, { texts: item.titles, original: item.originalLang }, { texts: titles, original: originalLang });
    await audit(
      {
        actorId,
        projectId,
        action: "agenda_item.update",
        entityType: "AgendaItem",
        entityId: item.id,
        data: { before: { titles: item.titles, startsAt: item.startsAt.toISOString() }, after: { titles, startsAt: times.startsAt.toISOString() } },
      },
      tx,
    );
  });
  await reindex("agenda_item", item.id);
}

export async function removeAgendaItem(actorId: string, projectId: string, visitId: string, itemId: string) {
  const item = await findAgendaItem(projectId, visitId, itemId);
  if (!item) throw new VisitError("errors:notFound");
  // Its attachments go with it (cascade); the audit keeps their names and checksums.
  const files = await db.$transaction(async (tx) => {
    const attached = await tx.attachment.findMany({ where: { agendaItemId: item.id }, select: { fileName: true, sha256: true, storageKey: true } });
    await tx.agendaItem.delete({ where: { id: item.id } });
    const attachments = attached.map(({ fileName, sha256 }) => ({ fileName, sha256 }));
    await audit({ actorId, projectId, action: "agenda_item.delete", entityType: "AgendaItem", entityId: item.id, data: { visitId, titles: item.titles, attachments } }, tx);
    return attached;
  });
  await removeStoredFiles(files.map((file) => file.storageKey));
  await reindex("agenda_item", item.id);
  await reindex("minutes", item.id);
}

/** Closed minutes are read-only; reopening them is an audited act as well. */
export async function setMinutesClosed(actorId: string, projectId: string, visitId: string, closed: boolean) {
  await findVisitOrThrow(projectId, visitId);
  const items = await db.$transaction(async (tx) => {
    await tx.visit.update({ where: { id: visitId }, data: { minutesClosedAt: closed ? new Date() : null } });
    await audit({ actorId, projectId, action: closed ? "visit.minutes_close" : "visit.minutes_reopen", entityType: "Visit", entityId: visitId }, tx);
    return tx.agendaItem.findMany({ where: { visitId }, select: { id: true } });
  });
  // Open minutes editors become read-only when closed, writable again when reopened.
  await accessChanged({ kind: "minutes", ids: items.map((item) => item.id) });
}

/** The members who may be added to a delegation, with their organisation. */
export async function listMembersForDelegation(projectId: string) {
  const memberships = await db.membership.findMany({
    where: { projectId },
    include: { user: { select: { id: true, name: true, organisation: { select: organisationNameSelect } } } },
    orderBy: { user: { name: "asc" } },
  });
  return memberships.map(({ user }) => ({ id: user.id, name: user.name, organisation: user.organisation ? organisationName(user.organisation) : null }));
}
