import { audit } from "~/audit/audit.server";
import type { TextWriter } from "~/editor/mentions.server";
import { DomainError } from "~/utils/domain-error";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { languages, type Lang } from "~/i18n/languages";
import { confirmRichText, loadRichTextState, storeRichText } from "~/editor/rich-text.server";
import { reindex, reindexLater } from "~/search/search.server";
import { translationStatus, type TextState } from "./translation-status";
import { editLocalized, readLocalized } from "~/i18n/localized";
import { rememberShortText } from "~/translation/memory.server";

// The sections an ICLD partnership plan needs; a new project starts with them.
export const defaultSectionKinds = [
  "background",
  "problemAndGoals",
  "targetGroups",
  "activities",
  "expectedResults",
  "risks",
  "sustainability",
  "budgetSummary",
] as const;

export class PlanError extends DomainError {}

type Tx = Prisma.TransactionClient;

export async function createDefaultSections(tx: Tx, projectId: string, sourceLang: Lang) {
  await tx.planSection.createMany({
    data: defaultSectionKinds.map((kind, position) => ({ projectId, kind, position, sourceLang })),
  });
}

export type SectionTitle = { kind: string | null; titles: Partial<Record<Lang, string>> | null; titleLang: Lang | null };

function sectionView(section: {
  id: string;
  kind: string | null;
  titles: Prisma.JsonValue;
  titleLang: Lang | null;
  sourceLang: Lang;
  texts: TextState[];
}) {
  return {
    id: section.id,
    title: { kind: section.kind, titles: section.titles as SectionTitle["titles"], titleLang: section.titleLang },
    sourceLang: section.sourceLang,
    status: Object.fromEntries(languages.map((lang) => [lang, translationStatus(lang, section.sourceLang, section.texts)])) as Record<
      Lang,
      ReturnType<typeof translationStatus>
    >,
  };
}

const textStateSelect = { lang: true, textHash: true, confirmedSourceHash: true } as const;

export async function listSections(projectId: string) {
  const sections = await db.planSection.findMany({
    where: { projectId, removedAt: null },
    orderBy: { position: "asc" },
    include: { texts: { select: textStateSelect } },
  });
  return sections.map(sectionView);
}

/** A section of this project (404 otherwise), with each language's status and content for the first paint. */
export async function getSection(projectId: string, sectionId: string) {
  const section = await db.planSection.findFirst({
    where: { id: sectionId, projectId, removedAt: null },
    include: { texts: { select: { ...textStateSelect, json: true, confirmedAt: true } } },
  });
  if (!section) return null;
  return {
    ...sectionView(section),
    content: Object.fromEntries(section.texts.map((text) => [text.lang, text.json])) as Partial<Record<Lang, Prisma.JsonValue>>,
  };
}

async function nextPosition(tx: Tx, projectId: string) {
  const last = await tx.planSection.findFirst({ where: { projectId, removedAt: null }, orderBy: { position: "desc" } });
  return (last?.position ?? -1) + 1;
}

/** A section's title as a form sends it: each language given (undefined: kept; "": removed), and the writer's language. */
export type SectionTitleInput = { title: Partial<Record<Lang, string>>; lang: Lang };

export async function addSection(actorId: string, projectId: string, input: SectionTitleInput) {
  const { texts: titles, original: titleLang } = editLocalized(null, null, input.title, input.lang);
  if (!titleLang) throw new PlanError("errors:required", "title");
  const added = await db.$transaction(async (tx) => {
    const section = await tx.planSection.create({
      data: {
        projectId,
        position: await nextPosition(tx, projectId),
        titles,
        titleLang,
        // The text is first written in the writer's language.
        sourceLang: input.lang,
      },
    });
    await audit({ actorId, projectId, action: "plan_section.create", entityType: "PlanSection", entityId: section.id, data: { titles } }, tx);
    await rememberShortText(tx, projectId, actorId, null, { texts: titles, original: titleLang });
    return section;
  });
  await reindex("plan_section", added.id);
  return added;
}

async function findSectionOrThrow(tx: Tx, projectId: string, sectionId: string) {
  const section = await tx.planSection.findFirst({ where: { id: sectionId, projectId, removedAt: null } });
  if (!section) throw new PlanError("errors:notFound");
  return section;
}

/** The languages sent replace theirs, the others stay; a standard title becomes custom. */
export async function renameSection(actorId: string, projectId: string, sectionId: string, input: SectionTitleInput) {
  await db.$transaction(async (tx) => {
    const section = await findSectionOrThrow(tx, projectId, sectionId);
    const { texts: titles, original: titleLang } = editLocalized(section.titles, section.titleLang, input.title, input.lang);
    if (!titleLang) throw new PlanError("errors:required", "title");
    await tx.planSection.update({
      where: { id: section.id },
      data: { titles, titleLang, kind: null },
    });
    await rememberShortText(tx, projectId, actorId, { texts: section.titles, original: section.titleLang }, { texts: titles, original: titleLang });
    await audit(
      { actorId, projectId, action: "plan_section.rename", entityType: "PlanSection", entityId: section.id, data: { before: section.kind ?? readLocalized(section.titles), after: titles } },
      tx,
    );
  });
  await reindex("plan_section", sectionId);
}

export async function moveSection(actorId: string, projectId: string, sectionId: string, direction: "up" | "down") {
  await db.$transaction(async (tx) => {
    const sections = await tx.planSection.findMany({ where: { projectId, removedAt: null }, orderBy: { position: "asc" } });
    const index = sections.findIndex((section) => section.id === sectionId);
    if (index < 0) throw new PlanError("errors:notFound");
    const swapWith = direction === "up" ? index - 1 : index + 1;
    if (swapWith < 0 || swapWith >= sections.length) return;
    const order = sections.map((section) => section.id);
    [order[index], order[swapWith]] = [order[swapWith] as string, order[index] as string];
    // Rewrite every position: gaps and ties left by earlier removals disappear.
    for (const [position, id] of order.entries()) await tx.planSection.update({ where: { id }, data: { position } });
    await audit({ actorId, projectId, action: "plan_section.move", entityType: "PlanSection", entityId: sectionId, data: { direction } }, tx);
  });
}

export async function removeSection(actorId: string, projectId: string, sectionId: string) {
  await db.$transaction(async (tx) => {
    const section = await findSectionOrThrow(tx, projectId, sectionId);
    await tx.planSection.update({ where: { id: section.id }, data: { removedAt: new Date() } });
    await audit({ actorId, projectId, action: "plan_section.remove", entityType: "PlanSection", entityId: section.id }, tx);
  });
  // Out of the index, with its comments.
  await reindex("plan_section", sectionId);
}

export async function setSourceLanguage(actorId: string, projectId: string, sectionId: string, lang: Lang) {
  await db.$transaction(async (tx) => {
    const section = await findSectionOrThrow(tx, projectId, sectionId);
    await tx.planSection.update({ where: { id: section.id }, data: { sourceLang: lang } });
    await audit(
      { actorId, projectId, action: "plan_section.set_source", entityType: "PlanSection", entityId: section.id, data: { before: section.sourceLang, after: lang } },
      tx,
    );
  });
}

/** "Mark as up to date": this translation now matches the source's current text. */
export async function confirmTranslation(actorId: string, projectId: string, sectionId: string, lang: Lang) {
  const section = await findSectionOrThrow(db, projectId, sectionId);
  if (lang === section.sourceLang) throw new PlanError("errors:confirmSource");
  const confirmed = await confirmRichText({ sectionId }, lang, section.sourceLang, actorId, {
    projectId,
    action: "plan_text.confirm",
    entityType: "PlanSection",
    entityId: sectionId,
  });
  if (!confirmed) throw new PlanError("errors:confirmEmpty");
}

/** Each language's translation status, as the open editors are told after a store. */
export async function sectionStatus(sectionId: string) {
  const section = await db.planSection.findUnique({ where: { id: sectionId }, include: { texts: { select: textStateSelect } } });
  return section ? sectionView(section).status : null;
}

/** Where the collaboration server finds a section's project, for authorization. */
export async function findSectionProject(sectionId: string) {
  const section = await db.planSection.findFirst({ where: { id: sectionId, removedAt: null }, select: { projectId: true } });
  return section?.projectId ?? null;
}

export const loadTextState = (sectionId: string, lang: Lang) => loadRichTextState({ sectionId }, lang);

/** A section's text as the collaboration server derived it (decision 010); the index follows after the commit. */
export async function storeText(sectionId: string, lang: Lang, state: Uint8Array | null, json: Prisma.InputJsonValue, text: string, writers: TextWriter[] = []) {
  if (await storeRichText({ sectionId }, lang, state, json, text, writers)) await reindexLater("plan_section", sectionId);
}
