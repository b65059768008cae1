import { db } from "~/db/db.server";
import type { TextWriter } from "~/editor/mentions.server";
import { organisationName, organisationNameSelect } from "~/projects/organisation-name";
import type { Prisma } from "~/generated/prisma/client";
import type { ProjectRole } from "~/generated/prisma/enums";
import { confirmRichText, loadRichTextState, richTexts, statusByLanguage, storeRichText } from "~/editor/rich-text.server";
import type { Lang } from "~/i18n/languages";
import { reindexLater } from "~/search/search.server";
import { canWriteNotes } from "./access.server";
import { VisitError } from "./visits.server";

// Minutes and notes of an agenda item: one live text per language, written by the visit's
// participants during or after the visit (document `minutes.<agendaItemId>.<lang>`).

/** For the collaboration server: the project, the role, and whether this person may write. */
export async function minutesAccess(agendaItemId: string, userId: string): Promise<{ projectId: string; role: ProjectRole; readOnly: boolean } | null> {
  const item = await db.agendaItem.findUnique({ where: { id: agendaItemId }, select: { visit: { select: { id: true, projectId: true, minutesClosedAt: true } } } });
  if (!item) return null;
  const membership = await db.membership.findUnique({ where: { projectId_userId: { projectId: item.visit.projectId, userId } } });
  if (!membership) return null;
  return { projectId: item.visit.projectId, role: membership.role, readOnly: !(await canWriteNotes(membership.role, userId, item.visit)) };
}

export const loadMinutesState = (agendaItemId: string, lang: Lang) => loadRichTextState({ agendaItemId }, lang);

export async function storeMinutes(agendaItemId: string, lang: Lang, state: Uint8Array | null, json: Prisma.InputJsonValue, text: string, writers: TextWriter[] = []) {
  const changed = await storeRichText({ agendaItemId }, lang, state, json, text, writers);
  // The first language written in is the minutes' source; the others translate it.
  if (text.trim() !== "") await db.agendaItem.updateMany({ where: { id: agendaItemId, minutesLang: null }, data: { minutesLang: lang } });
  if (changed) await reindexLater("minutes", agendaItemId);
}

/** Each language's translation status, as the open editors are told after a store. */
export async function minutesStatus(agendaItemId: string) {
  const item = await db.agendaItem.findUnique({ where: { id: agendaItemId }, select: { minutesLang: true } });
  return item ? statusByLanguage(item.minutesLang, await richTexts({ agendaItemId })) : null;
}

/** An agenda item of this visit with its minutes in each language and their translation status. */
export async function getAgendaItem(projectId: string, visitId: string, itemId: string) {
  const item = await db.agendaItem.findFirst({
    where: { id: itemId, visitId, visit: { projectId } },
    include: { visit: { select: { id: true, titles: true, originalLang: true, minutesClosedAt: true, host: { select: { ...organisationNameSelect, timeZone: true } } } } },
  });
  if (!item) return null;
  const texts = await richTexts({ agendaItemId: item.id });
  return {
    id: item.id,
    visit: { id: item.visit.id, titles: item.visit.titles as Partial<Record<Lang, string>>, originalLang: item.visit.originalLang, minutesClosedAt: item.visit.minutesClosedAt, host: { ...organisationName(item.visit.host), timeZone: item.visit.host.timeZone } },
    startsAt: item.startsAt.toISOString(),
    endsAt: item.endsAt.toISOString(),
    titles: item.titles as Partial<Record<Lang, string>>,
    originalLang: item.originalLang,
    place: item.place,
    leader: item.leader,
    minutesLang: item.minutesLang,
    status: statusByLanguage(item.minutesLang, texts),
    content: Object.fromEntries(texts.map((text) => [text.lang, text.json])) as Partial<Record<Lang, Prisma.JsonValue>>,
  };
}

export async function confirmMinutesTranslation(actorId: string, projectId: string, visitId: string, itemId: string, lang: Lang) {
  const item = await getAgendaItem(projectId, visitId, itemId);
  if (!item) throw new VisitError("errors:notFound");
  if (item.visit.minutesClosedAt) throw new VisitError("errors:minutesClosed");
  if (!item.minutesLang || lang === item.minutesLang) throw new VisitError("errors:confirmSource");
  const entry = { projectId, action: "minutes.confirm", entityType: "AgendaItem", entityId: item.id };
  if (!(await confirmRichText({ agendaItemId: item.id }, lang, item.minutesLang, actorId, entry))) throw new VisitError("errors:confirmEmpty");
}
