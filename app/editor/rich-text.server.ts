import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { languages, type Lang } from "~/i18n/languages";
import { EMPTY_STATE, hashText } from "~/plan/plan.server";
import { translationStatus, type TranslationStatus } from "~/plan/translation-status";

// The rich texts of minutes (per agenda item) and findings, one per language: the shared Y.js
// state and the JSON and plain text derived from it, written together, as the plan's texts are.

export type RichTextOwner = { agendaItemId: string } | { findingId: string };

const whereOwner = (owner: RichTextOwner, lang: Lang): Prisma.RichTextWhereUniqueInput =>
  "agendaItemId" in owner ? { agendaItemId_lang: { agendaItemId: owner.agendaItemId, lang } } : { findingId_lang: { findingId: owner.findingId, lang } };

export async function loadRichTextState(owner: RichTextOwner, lang: Lang): Promise<Uint8Array | null> {
  const text = await db.richText.findUnique({ where: whereOwner(owner, lang), select: { ydoc: true } });
  return text ? new Uint8Array(text.ydoc) : null;
}

/**
 * What is derived from the Y.js state, with the state itself when it is stored whole (null: the
 * update log holds what changed). Returns whether the plain text changed (so the caller reindexes only then).
 */
export async function storeRichText(owner: RichTextOwner, lang: Lang, state: Uint8Array | null, json: Prisma.InputJsonValue, text: string): Promise<boolean> {
  const textHash = hashText(text);
  const ydoc = state ? (new Uint8Array(state) as Uint8Array<ArrayBuffer>) : undefined;
  const before = await db.richText.findUnique({ where: whereOwner(owner, lang), select: { textHash: true } });
  await db.richText.upsert({
    where: whereOwner(owner, lang),
    create: { ...owner, lang, ydoc: ydoc ?? EMPTY_STATE, json, text, textHash },
    update: { ...(ydoc ? { ydoc } : {}), json, text, textHash },
    // Not the stored values back: a long text's state, JSON and text cost as much to read again.
    select: { id: true },
  });
  return before?.textHash !== textHash;
}

export async function richTexts(owner: RichTextOwner) {
  return db.richText.findMany({ where: owner, select: { lang: true, text: true, textHash: true, confirmedSourceHash: true, json: true } });
}

export function statusByLanguage(sourceLang: Lang | null, texts: Awaited<ReturnType<typeof richTexts>>) {
  // Before anything is written there is no source yet: every language is missing.
  return Object.fromEntries(languages.map((lang) => [lang, sourceLang ? translationStatus(lang, sourceLang, texts) : "missing"])) as Record<Lang, TranslationStatus>;
}

/** Marks a translation as up to date with the source's current text. */
export async function confirmRichText(owner: RichTextOwner, lang: Lang, sourceLang: Lang, actorId: string) {
  const source = await db.richText.findUnique({ where: whereOwner(owner, sourceLang), select: { textHash: true, text: true } });
  const own = await db.richText.findUnique({ where: whereOwner(owner, lang), select: { text: true } });
  if (!source || source.text.trim() === "" || !own || own.text.trim() === "") return false;
  await db.richText.update({ where: whereOwner(owner, lang), data: { confirmedSourceHash: source.textHash, confirmedAt: new Date(), confirmedById: actorId } });
  return true;
}
