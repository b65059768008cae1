import { diffArrays } from "diff";
import type { JSONContent } from "@tiptap/core";
import { mentionText } from "~/editor/mention-text";

// The translation memory's text rules (decision 019), without the database: how a text is cut
// into segments, normalised for exact lookup, cut into grams for finding close matches, and
// compared with a remembered source. The page component imports only the types.

/** A remembered source at least this similar is offered as a close match. */
export const CLOSE_MATCH = 0.7;
/** Suggestions per text, best first. */
export const MAX_SUGGESTIONS = 3;
/** Longer paragraphs are not remembered: they rarely recur whole, and would cost every lookup. */
export const MAX_SEGMENT_LENGTH = 1000;

/** Texts (paragraphs) one lookup may ask about. */
export const MEMORY_LOOKUP_TEXTS = 100;

export type DiffPart = { text: string; op: "same" | "insert" | "delete" };

/**
 * A remembered translation offered for a text. `diff` turns the remembered source into the asked
 * text: "delete" is in the remembered source only, "insert" in the asked text only (what the
 * remembered translation lacks or has too much of).
 */
export type MemorySuggestion = { source: string; target: string; score: number; exact: boolean; diff: DiffPart[] };

/** Whitespace collapsed and case folded (and full-width forms made plain): the exact-match form. */
export function normaliseSegment(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, " ").trim().toLowerCase();
}

// A Chinese character is a token of its own (Chinese has no spaces between words); elsewhere a
// run of letters and digits is a word, and any other visible character a token. Each token keeps
// the spaces after it, so a diff's parts put together give the text back.
const TOKEN = /(\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+|\S)(\s*)/gu;
const HAN = /^\p{Script=Han}$/u;
const WORD = /^[\p{L}\p{M}\p{N}]+$/u;

type Token = { text: string; norm: string };

export function tokenize(text: string): Token[] {
  return [...text.normalize("NFKC").trim().matchAll(TOKEN)].map((match) => ({ text: match[0], norm: match[1]!.toLowerCase() }));
}

/** How many tokens a text has: close matches differ from it in length by a bounded ratio. */
export const tokenCount = (text: string) => tokenize(text).length;

/**
 * What candidates for close matches are found by: the source's words (Latin script) and pairs of
 * neighbouring Chinese characters (a lone character where a run has one), each once.
 */
export function segmentGrams(text: string, limit = 200): string[] {
  const grams = new Set<string>();
  let han = "";
  const flushHan = () => {
    if (han.length === 1) grams.add(han);
    for (let i = 0; i + 1 < han.length; i++) grams.add(han.slice(i, i + 2));
    han = "";
  };
  for (const token of tokenize(text)) {
    if (HAN.test(token.norm)) han += token.norm;
    else {
      flushHan();
      if (WORD.test(token.norm)) grams.add(token.norm);
    }
  }
  flushHan();
  return [...grams].slice(0, limit);
}

// Close matches are found by MinHash with bands (locality-sensitive hashing), as counting shared
// words over every remembered segment is too slow at 10 000 segments (function words like "och"
// or 的 are in nearly all of them). Each segment keeps BANDS keys; each key is ROWS minimum
// hashes of its grams under different hash functions. Two texts whose gram sets overlap by a
// Jaccard index J share at least one key with probability 1 − (1 − J⁴)²⁸: 0.92 at J = 0.54 (what
// a similarity of 0.7 comes to), 0.99 at J = 0.67 (0.8), but 0.014 at J = 0.15 (unrelated texts
// sharing function words), so a lookup compares a few dozen candidates, not thousands.
const BANDS = 28;
const ROWS = 4;

function hashString(text: string): number {
  let hash = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** MurmurHash3's finaliser: a well-mixed 32-bit hash of a gram's hash under seed `i`. */
function mix(value: number, i: number): number {
  let h = (value ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The band keys of a text's grams (none for a text without any). */
export function segmentSketch(text: string): string[] {
  const hashes = segmentGrams(text, Infinity).map(hashString);
  if (hashes.length === 0) return [];
  const minima: number[] = [];
  for (let i = 0; i < BANDS * ROWS; i++) {
    let min = 0xffffffff;
    for (const hash of hashes) min = Math.min(min, mix(hash, i));
    minima.push(min);
  }
  return Array.from({ length: BANDS }, (_, band) => `${band}:${minima.slice(band * ROWS, band * ROWS + ROWS).map((m) => m.toString(36)).join(".")}`);
}

/** Whether a text is worth remembering: some letters, not blank, not over-long. */
export function isRememberable(text: string) {
  return text.trim() !== "" && text.length <= MAX_SEGMENT_LENGTH && /\p{L}/u.test(text);
}

/**
 * The asked text against a remembered source: similarity (twice the tokens in common over the
 * tokens of both, 0..1) and the differences, or null when below `threshold` (the diff gives up
 * as soon as more edits would be needed than that allows).
 */
export function compareSegments(asked: string, remembered: string, threshold = CLOSE_MATCH): { score: number; diff: DiffPart[] } | null {
  const a = tokenize(asked);
  const b = tokenize(remembered);
  if (a.length === 0 || b.length === 0) return null;
  const total = a.length + b.length;
  // Edits = tokens of both not in common = total × (1 − score).
  const maxEditLength = Math.floor(total * (1 - threshold) + 1e-9);
  const changes = diffArrays(b, a, { comparator: (x, y) => x.norm === y.norm, maxEditLength });
  if (!changes) return null;
  let same = 0;
  const diff: DiffPart[] = [];
  for (const change of changes) {
    const op = change.added ? "insert" : change.removed ? "delete" : "same";
    if (op === "same") same += change.count;
    const text = change.value.map((token) => token.text).join("");
    const last = diff.at(-1);
    if (last && last.op === op) last.text += text;
    else diff.push({ text, op });
  }
  const score = (2 * same) / total;
  return score >= threshold ? { score, diff } : null;
}

/** A short text's paragraphs: one a line, blank lines left out. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/**
 * A rich text's text blocks (paragraphs, headings, list items' and table cells' paragraphs) in
 * order, each with its structure (the node types from the document down to it), so that two
 * languages' blocks can be paired only where they are the same kind of block.
 */
export function textBlocks(json: unknown): { structure: string; text: string }[] {
  const blocks: { structure: string; text: string }[] = [];
  const walk = (node: JSONContent, path: string) => {
    const here = node.type === "heading" ? `${path}/heading${String(node.attrs?.level ?? "")}` : `${path}/${node.type ?? "?"}`;
    const children = Array.isArray(node.content) ? node.content : [];
    if (children.some((child) => child.type === "text" || child.type === "hardBreak" || child.type === "mention")) {
      const text = children
        .map((child) => (child.type === "text" ? String(child.text ?? "") : child.type === "hardBreak" ? " " : child.type === "mention" ? mentionText(child) : ""))
        .join("");
      blocks.push({ structure: here, text: text.trim() });
      return;
    }
    for (const child of children) walk(child, here);
  };
  if (json && typeof json === "object") walk(json as JSONContent, "");
  return blocks;
}

/**
 * A rich text's source and translation paired block by block: only when both have as many
 * blocks, and then only the blocks of the same kind at the same place (decision 019: with more
 * or fewer blocks there is no telling which paragraph translates which).
 */
export function pairBlocks(source: unknown, translation: unknown): { source: string; target: string }[] {
  const from = textBlocks(source);
  const to = textBlocks(translation);
  if (from.length !== to.length) return [];
  return from.flatMap((block, i) => (block.structure === to[i]!.structure ? [{ source: block.text, target: to[i]!.text }] : []));
}

/**
 * A short text's original and a translation paired line by line when they have as many lines,
 * else whole (a title, or a few lines rewritten as one).
 */
export function pairParagraphs(source: string, target: string): { source: string; target: string }[] {
  const from = splitParagraphs(source);
  const to = splitParagraphs(target);
  if (from.length === to.length) return from.map((text, i) => ({ source: text, target: to[i]! }));
  return [{ source: from.join("\n"), target: to.join("\n") }];
}

/**
 * The suggestions for one text among remembered candidates: exact matches (same normalised
 * source) first, then close ones by similarity; at most MAX_SUGGESTIONS.
 */
export function rankSuggestions(asked: string, candidates: { source: string; target: string }[]): MemorySuggestion[] {
  const key = normaliseSegment(asked);
  const suggestions: MemorySuggestion[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const id = `${normaliseSegment(candidate.source)}\u0000${candidate.target}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (normaliseSegment(candidate.source) === key) {
      suggestions.push({ source: candidate.source, target: candidate.target, score: 1, exact: true, diff: [{ text: candidate.source, op: "same" }] });
      continue;
    }
    const compared = compareSegments(asked, candidate.source);
    if (compared) suggestions.push({ source: candidate.source, target: candidate.target, exact: false, ...compared });
  }
  return suggestions.sort((x, y) => Number(y.exact) - Number(x.exact) || y.score - x.score).slice(0, MAX_SUGGESTIONS);
}
