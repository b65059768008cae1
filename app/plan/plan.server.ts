import { createHash } from "node:crypto";
import { audit } from "~/audit/audit.server";
import { DomainError } from "~/utils/domain-error";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { languages, type Lang } from "~/i18n/languages";
import { reindex, reindexLater } from "~/search/search.server";
import { translationStatus, type TextState } from "./translation-status";

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

/** A Y.js update that changes nothing (an empty document's state). */
export const EMPTY_STATE = new Uint8Array([0, 0]) as Uint8Array<ArrayBuffer>;

export const hashText = (text: string) => createHash("sha256").update(text).digest("hex");

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

export async function addSection(actorId: string, projectId: string, input: { title: string; lang: Lang }) {
  const added = await db.$transaction(async (tx) => {
    const section = await tx.planSection.create({
      data: {
        projectId,
        position: await nextPosition(tx, projectId),
        titles: { [input.lang]: input.title },
        titleLang: input.lang,
        sourceLang: input.lang,
      },
    });
    await audit({ actorId, projectId, action: "plan_section.create", entityType: "PlanSection", entityId: section.id, data: { title: input.title } }, tx);
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

/** Renaming in one language keeps the other languages' titles; a standard title becomes custom. */
export async function renameSection(actorId: string, projectId: string, sectionId: string, input: { title: string; lang: Lang }) {
  await db.$transaction(async (tx) => {
    const section = await findSectionOrThrow(tx, projectId, sectionId);
    const before = (section.titles as Record<string, string> | null) ?? {};
    const titles = { ...before, [input.lang]: input.title };
    await tx.planSection.update({
      where: { id: section.id },
      data: { titles, titleLang: section.titleLang ?? input.lang, kind: null },
    });
    await audit(
      { actorId, projectId, action: "plan_section.rename", entityType: "PlanSection", entityId: section.id, data: { before: section.kind ?? before, after: titles } },
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
  await db.$transaction(async (tx) => {
    const section = await findSectionOrThrow(tx, projectId, sectionId);
    if (lang === section.sourceLang) throw new PlanError("errors:confirmSource");
    const [source, translation] = await Promise.all([
      tx.planText.findUnique({ where: { sectionId_lang: { sectionId, lang: section.sourceLang } } }),
      tx.planText.findUnique({ where: { sectionId_lang: { sectionId, lang } } }),
    ]);
    if (!source || source.text.trim() === "" || !translation || translation.text.trim() === "") {
      throw new PlanError("errors:confirmEmpty");
    }
    await tx.planText.update({
      where: { id: translation.id },
      data: { confirmedSourceHash: source.textHash, confirmedAt: new Date(), confirmedById: actorId },
    });
    await audit(
      { actorId, projectId, action: "plan_text.confirm", entityType: "PlanText", entityId: translation.id, data: { lang, sourceLang: section.sourceLang } },
      tx,
    );
  });
}

/** Where the collaboration server finds a section's project, for authorization. */
/** Each language's translation status, as the open editors are told after a store. */
export async function sectionStatus(sectionId: string) {
  const section = await db.planSection.findUnique({ where: { id: sectionId }, include: { texts: { select: textStateSelect } } });
  return section ? sectionView(section).status : null;
}

export async function findSectionProject(sectionId: string) {
  const section = await db.planSection.findFirst({ where: { id: sectionId, removedAt: null }, select: { projectId: true } });
  return section?.projectId ?? null;
}

export async function loadTextState(sectionId: string, lang: Lang): Promise<Uint8Array | null> {
  const text = await db.planText.findUnique({ where: { sectionId_lang: { sectionId, lang } }, select: { ydoc: true } });
  return text ? new Uint8Array(text.ydoc) : null;
}

// While people write, a version is kept at most every ten minutes of a changing text.
export const AUTO_VERSION_MINUTES = 10;

/**
 * What is derived from a text's Y.js state (JSON, plain text, an automatic version when due), with
 * the state itself when it is stored whole (null: the update log holds what changed, decision 010).
 */
export async function storeText(sectionId: string, lang: Lang, state: Uint8Array | null, json: Prisma.InputJsonValue, text: string) {
  const textHash = hashText(text);
  const ydoc = state ? (new Uint8Array(state) as Uint8Array<ArrayBuffer>) : undefined;
  const changed = await db.$transaction(async (tx) => {
    const before = await tx.planText.findUnique({ where: { sectionId_lang: { sectionId, lang } }, select: { textHash: true } });
    const saved = await tx.planText.upsert({
      where: { sectionId_lang: { sectionId, lang } },
      // Without a state, an empty one: the update log holds the text until it is folded in.
      create: { sectionId, lang, ydoc: ydoc ?? EMPTY_STATE, json, text, textHash },
      update: { ...(ydoc ? { ydoc } : {}), json, text, textHash },
      // Not the stored values back: a long text's state, JSON and text cost as much to read again.
      select: { id: true },
    });
    if (before?.textHash === textHash) return false;
    // A long text's statements take a while on the embedded database (which runs on the event
    // loop): other requests get a turn between them.
    await new Promise((resolve) => setImmediate(resolve));
    const lastAuto = await tx.planVersion.findFirst({ where: { textId: saved.id, kind: "auto" }, orderBy: { createdAt: "desc" } });
    if (!lastAuto || Date.now() - lastAuto.createdAt.getTime() >= AUTO_VERSION_MINUTES * 60_000) {
      await tx.planVersion.create({ data: { textId: saved.id, kind: "auto", json, text }, select: { id: true } });
    }
    return true;
  });
  // After the commit, off the editing path: the index follows what people typed.
  if (changed) await reindexLater("plan_section", sectionId);
}
