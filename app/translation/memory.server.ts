import { createHash } from "node:crypto";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { SegmentOrigin } from "~/generated/prisma/enums";
import { languages, type Lang } from "~/i18n/languages";
import { readLocalized, type Localized } from "~/i18n/localized";
import {
  isRememberable,
  normaliseSegment,
  pairParagraphs,
  rankSuggestions,
  segmentSketch,
  tokenCount,
  CLOSE_MATCH,
  type MemorySuggestion,
} from "./memory";

// The translation memory (decision 019): translations people confirmed in this project, offered
// again when the same or a close source text is translated. Everything stays in the project's
// database; nothing is sent anywhere.

export type TranslationPair = { from: Lang; to: Lang; source: string; target: string };

type MemoryClient = Pick<Prisma.TransactionClient, "translationSegment">;

const segmentKey = (text: string) => createHash("sha256").update(normaliseSegment(text)).digest("hex");

/**
 * Confirmed translations into the memory, inside the confirming transaction. A newer confirmation
 * of the same source replaces the remembered translation. Blank, over-long and letterless texts
 * are left out.
 */
export async function rememberTranslations(tx: MemoryClient, projectId: string, pairs: TranslationPair[], actorId: string | null, origin: SegmentOrigin) {
  for (const pair of pairs) {
    const source = pair.source.trim();
    const target = pair.target.trim();
    if (pair.from === pair.to || !isRememberable(source) || !isRememberable(target)) continue;
    const key = segmentKey(source);
    const remembered = { sourceText: source, targetText: target, origin, confirmedAt: new Date(), confirmedById: actorId };
    await tx.translationSegment.upsert({
      where: { projectId_sourceLang_targetLang_key: { projectId, sourceLang: pair.from, targetLang: pair.to, key } },
      create: { projectId, sourceLang: pair.from, targetLang: pair.to, key, sourceLength: tokenCount(source), sketch: segmentSketch(source), ...remembered },
      update: remembered,
      select: { id: true },
    });
  }
}

/**
 * A short text after a person saved it (decision 018: saving a translation is confirming it): the
 * original paired with each translation that was written or changed in this save. A translation
 * left as it was while its original changed is not confirmed by that save, so it is left out.
 */
export async function rememberShortText(
  tx: MemoryClient,
  projectId: string,
  actorId: string | null,
  before: { texts: unknown; original: Lang | null } | null,
  after: { texts: Localized; original: Lang | null },
) {
  const original = after.original;
  const source = original ? after.texts[original] : undefined;
  if (!original || !source) return;
  const stored = before ? readLocalized(before.texts) : {};
  const pairs = languages
    .filter((lang) => lang !== original && after.texts[lang] && after.texts[lang] !== stored[lang])
    .flatMap((lang) => pairParagraphs(source, after.texts[lang]!).map((pair) => ({ from: original, to: lang, ...pair })));
  if (pairs.length > 0) await rememberTranslations(tx, projectId, pairs, actorId, "short_text");
}

/** A glossary term's wordings, each language into each other. */
export async function rememberTerm(tx: MemoryClient, projectId: string, actorId: string | null, term: Record<Lang, string>) {
  const pairs = languages.flatMap((from) =>
    languages.filter((to) => to !== from && term[from].trim() && term[to].trim()).map((to) => ({ from, to, source: term[from], target: term[to] })),
  );
  await rememberTranslations(tx, projectId, pairs, actorId, "glossary");
}

// Close matches: the remembered sources that share the most band keys with the asked text (the
// GIN index on them finds those sharing any), among those whose length allows the similarity at
// all (a score of CLOSE_MATCH needs the shorter to have at least CLOSE_MATCH / (2 − CLOSE_MATCH)
// of the longer's tokens); the few best are then compared token by token.
const CANDIDATES = 20;
const LENGTH_RATIO = CLOSE_MATCH / (2 - CLOSE_MATCH);

type Row = { sourceText: string; targetText: string; confirmedAt: Date };

async function closeCandidates(projectId: string, from: Lang, to: Lang, text: string): Promise<Row[]> {
  const sketch = segmentSketch(text);
  if (sketch.length === 0) return [];
  const length = tokenCount(text);
  return db.$queryRaw<Row[]>`
    SELECT "sourceText", "targetText", "confirmedAt" FROM "TranslationSegment" s
    WHERE s."projectId" = ${projectId} AND s."sourceLang" = ${from}::"Language" AND s."targetLang" = ${to}::"Language"
      AND s."sourceLength" BETWEEN ${Math.floor(length * LENGTH_RATIO)} AND ${Math.ceil(length / LENGTH_RATIO)}
      AND s."sketch" && ${sketch}::text[]
    ORDER BY (SELECT count(*) FROM unnest(s."sketch") k WHERE k = ANY(${sketch}::text[])) DESC, s."confirmedAt" DESC
    LIMIT ${CANDIDATES}`;
}

/**
 * For each text (a paragraph, a title), what the memory offers for it from `from` into `to`:
 * exact matches and close ones with their differences, best first, at most three.
 */
export async function suggestTranslations(projectId: string, from: Lang, to: Lang, texts: string[]): Promise<MemorySuggestion[][]> {
  if (from === to) return texts.map(() => []);
  const asked = texts.map((text) => text.trim());
  const keys = [...new Set(asked.filter(isRememberable).map(segmentKey))];
  const exact = keys.length
    ? await db.translationSegment.findMany({
        where: { projectId, sourceLang: from, targetLang: to, key: { in: keys } },
        select: { key: true, sourceText: true, targetText: true },
      })
    : [];
  const byKey = new Map(exact.map((row) => [row.key, row]));
  const results: MemorySuggestion[][] = [];
  for (const text of asked) {
    if (!isRememberable(text)) {
      results.push([]);
      continue;
    }
    const hit = byKey.get(segmentKey(text));
    // The exact match first; close ones fill the other places.
    const candidates = hit ? [{ source: hit.sourceText, target: hit.targetText }] : [];
    for (const row of await closeCandidates(projectId, from, to, text)) candidates.push({ source: row.sourceText, target: row.targetText });
    results.push(rankSuggestions(text, candidates));
  }
  return results;
}
