import { createHash } from "node:crypto";
import { audit, type AuditInput } from "~/audit/audit.server";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { languages, type Lang } from "~/i18n/languages";
import { translationStatus, type TextState, type TranslationStatus } from "~/plan/translation-status";
import { pairBlocks } from "~/translation/memory";
import { rememberTranslations } from "~/translation/memory.server";
import { deliverLater } from "~/notifications/notifications.server";
import type { RequestTarget } from "~/translation/request-kinds";
import { completeTranslationRequests } from "~/translation/requests.server";
import { notifyNewMentions, type TextWriter } from "./mentions.server";

// Rich texts, one model for three things (decision 015): a plan section's text, an agenda item's
// minutes and a finding's body. One per language; each has its owner's source language, a
// translation status, and versions. The shared Y.js state and the JSON and plain text derived
// from it are written together.

export type RichTextOwner = { sectionId: string } | { agendaItemId: string } | { findingId: string };

/** A Y.js update that changes nothing (an empty document's state). */
export const EMPTY_STATE = new Uint8Array([0, 0]) as Uint8Array<ArrayBuffer>;

export const hashText = (text: string) => createHash("sha256").update(text).digest("hex");

// While people write, a version is kept at most every ten minutes of a changing text.
export const AUTO_VERSION_MINUTES = 10;

const whereOwner = (owner: RichTextOwner, lang: Lang): Prisma.RichTextWhereUniqueInput =>
  "sectionId" in owner
    ? { sectionId_lang: { sectionId: owner.sectionId, lang } }
    : "agendaItemId" in owner
      ? { agendaItemId_lang: { agendaItemId: owner.agendaItemId, lang } }
      : { findingId_lang: { findingId: owner.findingId, lang } };

export async function loadRichTextState(owner: RichTextOwner, lang: Lang): Promise<Uint8Array | null> {
  const text = await db.richText.findUnique({ where: whereOwner(owner, lang), select: { ydoc: true } });
  return text ? new Uint8Array(text.ydoc) : null;
}

/**
 * What is derived from a text's Y.js state (JSON, plain text, an automatic version when due), with
 * the state itself when it is stored whole (null: the update log holds what changed, decision
 * 010). Returns whether the plain text changed (so the caller reindexes only then).
 */
export async function storeRichText(
  owner: RichTextOwner,
  lang: Lang,
  state: Uint8Array | null,
  json: Prisma.InputJsonValue,
  text: string,
  writers: TextWriter[] = [],
): Promise<boolean> {
  const textHash = hashText(text);
  const ydoc = state ? (new Uint8Array(state) as Uint8Array<ArrayBuffer>) : undefined;
  const { changed, notified } = await db.$transaction(async (tx) => {
    const before = await tx.richText.findUnique({ where: whereOwner(owner, lang), select: { textHash: true, mentions: true } });
    const saved = await tx.richText.upsert({
      where: whereOwner(owner, lang),
      // Without a state, an empty one: the update log holds the text until it is folded in.
      create: { ...owner, lang, ydoc: ydoc ?? EMPTY_STATE, json, text, textHash },
      update: { ...(ydoc ? { ydoc } : {}), json, text, textHash },
      // Not the stored values back: a long text's state, JSON and text cost as much to read again.
      select: { id: true },
    });
    if (before?.textHash === textHash) return { changed: false, notified: [] };
    // Those newly @mentioned are told once (decision 029).
    const mentions = await notifyNewMentions(tx, owner, lang, before?.mentions ?? [], json, writers);
    if (mentions) await tx.richText.update({ where: { id: saved.id }, data: { mentions: mentions.mentions }, select: { id: true } });
    const lastAuto = await tx.textVersion.findFirst({ where: { textId: saved.id, kind: "auto" }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
    if (!lastAuto || Date.now() - lastAuto.createdAt.getTime() >= AUTO_VERSION_MINUTES * 60_000) {
      await tx.textVersion.create({ data: { textId: saved.id, kind: "auto", json, text }, select: { id: true } });
    }
    return { changed: true, notified: mentions?.notified ?? [] };
  });
  await deliverLater(notified);
  return changed;
}

/** Each language's state (what the status needs) and JSON (what a page shows first). */
export async function richTexts(owner: RichTextOwner) {
  return db.richText.findMany({ where: owner, select: { lang: true, text: true, textHash: true, confirmedSourceHash: true, json: true } });
}

export function statusByLanguage(sourceLang: Lang | null, texts: TextState[]) {
  // Before anything is written there is no source yet: every language is missing.
  return Object.fromEntries(languages.map((lang) => [lang, sourceLang ? translationStatus(lang, sourceLang, texts) : "missing"])) as Record<Lang, TranslationStatus>;
}

/**
 * Marks a translation as up to date with the source's current text, and audits it in the same
 * transaction. Its paragraphs go into the project's translation memory (decision 019) unless
 * `remember` is false (a draft finding: the memory is offered to members who may not read it).
 * False (nothing written) when the source or the translation is empty.
 */
export async function confirmRichText(
  owner: RichTextOwner,
  lang: Lang,
  sourceLang: Lang,
  actorId: string,
  entry: Omit<AuditInput, "actorId" | "data"> & { projectId: string },
  { remember = true }: { remember?: boolean } = {},
) {
  const notified = await db.$transaction(async (tx) => {
    const [source, own] = await Promise.all([
      tx.richText.findUnique({ where: whereOwner(owner, sourceLang), select: { textHash: true, text: true, json: true } }),
      tx.richText.findUnique({ where: whereOwner(owner, lang), select: { id: true, text: true, json: true } }),
    ]);
    if (!source || source.text.trim() === "" || !own || own.text.trim() === "") return null;
    // A person confirming is what a machine draft waited for (decision 022).
    await tx.richText.update({
      where: { id: own.id },
      data: { confirmedSourceHash: source.textHash, confirmedAt: new Date(), confirmedById: actorId, machineDraftAt: null, machineDraftById: null },
    });
    await audit({ ...entry, actorId, data: { lang, sourceLang } }, tx);
    if (remember) {
      const pairs = pairBlocks(source.json, own.json).map((pair) => ({ from: sourceLang, to: lang, ...pair }));
      await rememberTranslations(tx, entry.projectId, pairs, actorId, "rich_text");
    }
    // A confirmed translation is what a translation request waits for (decision 020).
    return completeTranslationRequests(tx, requestTargetOf(owner), [lang], actorId);
  });
  if (!notified) return false;
  await deliverLater(notified);
  return true;
}

const requestTargetOf = (owner: RichTextOwner): RequestTarget =>
  "sectionId" in owner ? { kind: "plan_section", id: owner.sectionId } : "agendaItemId" in owner ? { kind: "agenda_item", id: owner.agendaItemId } : { kind: "finding", id: owner.findingId };

/**
 * Before a machine draft replaces a translation: its text as stored now, as a version, unless the
 * newest version already holds it (automatic versions are kept at most every ten minutes, so the
 * last words typed may be in none). The editor replaces the text; this keeps what it replaced.
 */
export async function keepVersionBeforeDraft(owner: RichTextOwner, lang: Lang) {
  const own = await db.richText.findUnique({ where: whereOwner(owner, lang), select: { id: true, json: true, text: true } });
  if (!own || own.text.trim() === "") return;
  const newest = await db.textVersion.findFirst({ where: { textId: own.id }, orderBy: { createdAt: "desc" }, select: { text: true } });
  if (newest?.text === own.text) return;
  await db.textVersion.create({ data: { textId: own.id, kind: "auto", json: own.json as Prisma.InputJsonValue, text: own.text }, select: { id: true } });
}

/**
 * Marks a translation as holding a machine draft (decision 022), and audits it in the same
 * transaction: its confirmation is dropped, so it is not up to date until a person confirms it
 * (which clears the mark). A text not stored yet (the draft was put into an empty editor a moment
 * ago) gets its row now, empty: the collaboration server fills it when it derives the text.
 */
export async function markMachineDraft(owner: RichTextOwner, lang: Lang, actorId: string, entry: Omit<AuditInput, "actorId" | "data">) {
  await db.$transaction(async (tx) => {
    const mark = { machineDraftAt: new Date(), machineDraftById: actorId, confirmedSourceHash: null, confirmedAt: null, confirmedById: null };
    await tx.richText.upsert({
      where: whereOwner(owner, lang),
      create: { ...owner, lang, ydoc: EMPTY_STATE, json: { type: "doc", content: [{ type: "paragraph" }] }, text: "", textHash: hashText(""), ...mark },
      update: mark,
      select: { id: true },
    });
    await audit({ ...entry, actorId, data: { lang } }, tx);
  });
}

/** The languages of a text that hold a machine draft nobody has confirmed yet. */
export async function machineDraftLanguages(owner: RichTextOwner): Promise<Lang[]> {
  const marked = await db.richText.findMany({ where: { ...owner, machineDraftAt: { not: null } }, select: { lang: true } });
  return marked.map((text) => text.lang);
}
