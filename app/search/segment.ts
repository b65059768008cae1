// Text preparation for PostgreSQL full-text search, the same for indexing and for queries.
// PostgreSQL's parser has no idea where Chinese words end, so Chinese runs are split here: into
// the words Intl.Segmenter finds, plus every overlapping pair of characters, because the segmenter
// keeps 人民政府 whole and a search for 政府 must still find it (docs/product.md). A query is matched by its
// pairs alone, which are in the index whatever words the segmenter chose for the surrounding text.
// Swedish compounds get their parts beside them the same way (app/search/compounds.server.ts).

import type { Compounds } from "./compounds.server";

/** A query is cut to this many characters before anything else: nobody types more into a search box. */
export const MAX_QUERY_CHARS = 200;
const MAX_TERMS = 16;

const HAN = /\p{Script=Han}/u;
const HAN_RUNS = /\p{Script=Han}+/gu;
const NOT_WORD = /[^\p{L}\p{M}\p{N}]+/gu;
const NON_HAN_WORDS = /(?:(?!\p{Script=Han})[\p{L}\p{M}\p{N}])+/gu;
const LETTER_WORDS = /(?:(?!\p{Script=Han})[\p{L}\p{M}])+/gu;
/** A long Swedish text yields after this many words, so that it too is prepared in slices. */
const WORDS_PER_STEP = 500;

let segmenter: Intl.Segmenter | undefined;
const zhSegmenter = () => (segmenter ??= new Intl.Segmenter("zh", { granularity: "word" }));

/** Every overlapping pair of characters of a run of Chinese characters (a single character stays one). */
export function hanPairs(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i]! + chars[i + 1]!);
  return pairs;
}

/**
 * The longest piece of a run of Chinese characters given to Intl.Segmenter at once. Its cost grows
 * with the square of what it is given (measured: 20 000 characters without a break 4 s and 0.6 GB,
 * 50 000 characters 38 s and 3 GB), so a run without punctuation — a pasted report — is cut into
 * pieces of this length: the cost is then linear in the text's length. Real sentences are far
 * shorter, so their words come out as before; a word cut at a piece's edge only loses its whole
 * form, while its pairs (which queries match) are taken over the whole run.
 */
export const MAX_SEGMENTED_RUN = 256;

/**
 * At most this many distinct Chinese terms (words and pairs) are indexed from one text: PostgreSQL
 * refuses a tsvector over 1 MB, which about 75 000 distinct terms with their positions reach (a
 * text of random characters; a real report of 120 000 characters has far fewer). Beyond it the
 * rest of the text's Chinese is left out of the index rather than the whole text.
 */
export const MAX_INDEXED_HAN_TERMS = 50_000;

/**
 * A Chinese term is indexed at most this many times in one text (once per run of characters up
 * to then). ts_rank weighs a term's n-th occurrence by 1/n², so the fifth and later hardly change
 * a text's rank, while they made most of a long text's index: a report of 120 000 characters with
 * 4 000 distinct terms took 100 000 of them (0.4 s of to_tsvector on the embedded database, which
 * runs on the event loop), now at most 16 000.
 */
export const MAX_HAN_TERM_OCCURRENCES = 4;

/** The pieces of a run that Intl.Segmenter sees, none longer than MAX_SEGMENTED_RUN characters. */
export function segmentedPieces(run: string): string[] {
  const chars = [...run];
  if (chars.length <= MAX_SEGMENTED_RUN) return [run];
  const pieces: string[] = [];
  for (let at = 0; at < chars.length; at += MAX_SEGMENTED_RUN) pieces.push(chars.slice(at, at + MAX_SEGMENTED_RUN).join(""));
  return pieces;
}

/** How a text is prepared: with `compounds` (Swedish texts), each compound gets its parts beside it. */
export type PrepareOptions = { compounds?: Compounds };

/**
 * The work of prepareForIndex, yielding after each piece of Chinese (and every few hundred
 * Swedish words) so that a long text can be prepared a slice at a time (prepareForIndexInSlices)
 * without holding the event loop.
 */
function* preparing(text: string, options: PrepareOptions): Generator<void, string> {
  const normalized = text.normalize("NFKC");
  const withHan = HAN.test(normalized) ? yield* withHanTerms(normalized) : normalized;
  return options.compounds ? yield* withCompoundParts(withHan, options.compounds) : withHan;
}

function* withHanTerms(normalized: string): Generator<void, string> {
  const parts: string[] = [];
  const occurrences = new Map<string, number>();
  let at = 0;
  for (const match of normalized.matchAll(HAN_RUNS)) {
    parts.push(normalized.slice(at, match.index));
    at = match.index + match[0].length;
    // The run's words, then its pairs (a pair across two pieces too), each term once.
    const terms = new Set<string>();
    let previous = "";
    for (const piece of segmentedPieces(match[0])) {
      const words: string[] = [];
      for (const part of zhSegmenter().segment(piece)) if (part.isWordLike) words.push(part.segment);
      for (const term of [...words, ...hanPairs(previous + piece)]) {
        if (terms.has(term)) continue;
        const seen = occurrences.get(term) ?? 0;
        if (seen >= MAX_HAN_TERM_OCCURRENCES || (seen === 0 && occurrences.size >= MAX_INDEXED_HAN_TERMS)) continue;
        occurrences.set(term, seen + 1);
        terms.add(term);
      }
      previous = [...piece].at(-1)!;
      yield;
    }
    parts.push(` ${[...terms].join(" ")} `);
  }
  parts.push(normalized.slice(at));
  return parts.join("");
}

/** Each Swedish compound followed by its parts (invånardialog → invånardialog invånar dialog), each word split once. */
function* withCompoundParts(text: string, compounds: Compounds): Generator<void, string> {
  const parts: string[] = [];
  const known = new Map<string, string>();
  let at = 0;
  let words = 0;
  for (const match of text.matchAll(LETTER_WORDS)) {
    const word = match[0].toLowerCase();
    let terms = known.get(word);
    if (terms === undefined) {
      terms = compounds.terms(word).join(" ");
      known.set(word, terms);
    }
    if (terms) {
      const end = match.index + match[0].length;
      parts.push(text.slice(at, end), " ", terms);
      at = end;
    }
    if (++words % WORDS_PER_STEP === 0) yield;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/**
 * The text as PostgreSQL's `to_tsvector` should see it: each run of Chinese characters replaced by
 * its words and pairs separated by spaces, everything else (Swedish, English, numbers) left for
 * the language's own configuration. Applied to every language, so a Chinese name quoted in a
 * Swedish text is found as well. With `compounds` (Swedish texts), each compound is followed by
 * its parts.
 */
export function prepareForIndex(text: string, options: PrepareOptions = {}): string {
  return runToEnd(preparing(text, options));
}

/** The same as prepareForIndex, giving other work the event loop every `sliceMs` (a long text takes a second). */
export function prepareForIndexInSlices(text: string, options: PrepareOptions = {}, sliceMs = 10): Promise<string> {
  return inSlices(preparing(text, options), sliceMs);
}

/** Runs a piece of work that yields between its steps at once. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs a piece of work that yields between its steps, giving other work the event loop every `sliceMs`. */
export async function inSlices<T>(steps: Generator<void, T>, sliceMs = 10): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

export type ParsedQuery = {
  /** Words of Latin and other scripts, space-separated, for `plainto_tsquery(<language>, …)`. */
  words: string;
  /** A `to_tsquery('simple', …)` expression of Chinese pairs, all required; "" when there are none. */
  han: string;
  /** What to mark in snippets: the query's words and its Chinese runs as typed. */
  highlight: { words: string[]; runs: string[] };
};

/** The first MAX_QUERY_CHARS characters, without a word cut in half where words have spaces between them. */
function cut(input: string) {
  const chars = [...input];
  if (chars.length <= MAX_QUERY_CHARS) return input;
  const kept = chars.slice(0, MAX_QUERY_CHARS).join("");
  return /\s/.test(chars[MAX_QUERY_CHARS]!) ? kept : kept.replace(/\s+\S*$/u, "");
}

/**
 * A query as typed, reduced to safe terms: cut to MAX_QUERY_CHARS, split into words like the
 * index (Intl.Segmenter), punctuation and operators dropped. What remains holds only letters,
 * marks and digits, so nothing a person types can change the meaning of the tsquery.
 */
export function parseQuery(input: string): ParsedQuery {
  const text = cut(input.normalize("NFKC")).toLowerCase();
  const words = new Set<string>();
  for (const part of zhSegmenter().segment(text)) {
    if (!part.isWordLike) continue;
    // A segment may mix scripts ("app热线"): the Chinese goes by pairs below, the rest as words.
    for (const word of part.segment.replace(HAN_RUNS, " ").split(NOT_WORD)) if (word) words.add(word);
  }
  // Whole runs, not the segmenter's words: neighbouring words of a query (人民 + 政府) form one run,
  // and the pairs across their boundary are in the index too.
  const runs = [...new Set(text.match(HAN_RUNS) ?? [])].slice(0, MAX_TERMS);
  const pairs = new Set<string>();
  for (const run of runs) for (const pair of hanPairs(run)) pairs.add(pair);
  // A single character can only be the start of a pair (or a one-character word): a prefix search.
  const hanTerms = [...pairs].slice(0, MAX_TERMS).map((pair) => ([...pair].length === 1 ? `'${pair}':*` : `'${pair}'`));
  const wordList = [...words].slice(0, MAX_TERMS);
  return { words: wordList.join(" "), han: hanTerms.join(" & "), highlight: { words: wordList, runs } };
}

export const isEmptyQuery = (query: ParsedQuery) => query.words === "" && query.han === "";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

type Range = [number, number];

/** What a snippet marks: words beginning with `prefixes`, Chinese `runs`, and with `compounds` (Swedish texts) parts of compounds. */
export type Match = { prefixes: string[]; runs: string[]; compounds?: Pick<Compounds, "parts"> };

/**
 * Where a text matches: words that begin with one of `prefixes` (the query's words and their stems,
 * so dialog marks dialogen), parts of compounds that do (invånar|dialog), and occurrences of
 * Chinese runs (or, when a run is not there as a whole, of its pairs).
 */
export function findMatches(text: string, match: Match): Range[] {
  const ranges: Range[] = [];
  // Lower case only where that keeps every character's place (it does, but for a few letters like İ).
  const lowered = text.toLowerCase();
  const lower = lowered.length === text.length ? lowered : text;
  const prefixes = match.prefixes.filter(Boolean);
  if (prefixes.length > 0) {
    for (const word of lower.matchAll(NON_HAN_WORDS)) {
      const value = word[0];
      // A one- or two-letter term marks only itself, not every word that begins with it.
      if (prefixes.some((prefix) => (prefix.length > 2 ? value.startsWith(prefix) : value === prefix))) ranges.push([word.index, word.index + value.length]);
      else if (match.compounds) for (const [from, to] of partMatches(value, prefixes, match.compounds)) ranges.push([word.index + from, word.index + to]);
    }
  }
  for (const run of match.runs) {
    const needles = lower.includes(run) ? [run] : hanPairs(run);
    for (const needle of needles) {
      for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) ranges.push([at, at + needle.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/**
 * The parts of a compound that a query's word begins, as the index found them: from a part's
 * start to the end of the shortest run of parts that begins with it (kontakt|center|chefen:
 * "center" marks center, "centerchef" centerchefen). A match at the word's start is the whole
 * word's (findMatches).
 */
function partMatches(word: string, prefixes: string[], compounds: Pick<Compounds, "parts">): Range[] {
  const long = prefixes.filter((prefix) => prefix.length > 2 && word.includes(prefix));
  if (long.length === 0) return [];
  const parts = compounds.parts(word);
  if (!parts) return [];
  const found: Range[] = [];
  for (let first = 1; first < parts.length; first++) {
    for (let last = first; last < parts.length; last++) {
      const start = parts[first]!.start;
      const end = parts[last]!;
      const written = word.slice(start, end.end);
      const listed = end.lemma ? word.slice(start, end.start) + end.lemma : written;
      if (long.some((prefix) => written.startsWith(prefix) || listed.startsWith(prefix))) {
        found.push([start, end.end]);
        break;
      }
    }
  }
  return found;
}

const SNIPPET_BEFORE = 60;
const SNIPPET_LENGTH = 240;

/** Keeps a cut off the middle of a surrogate pair (an emoji, a rare character). */
function safeIndex(text: string, index: number) {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}

/**
 * A short piece of the text around its first match, HTML-escaped, with <mark> around each match.
 * Built from the original text, not from the indexed one (whose Chinese is split into pairs).
 */
export function snippetHtml(original: string, match: Match): string {
  const text = original.replace(/\s+/g, " ").trim();
  const ranges = findMatches(text, match);
  const first = ranges[0]?.[0] ?? 0;
  const start = first > SNIPPET_BEFORE ? safeIndex(text, first - SNIPPET_BEFORE) : 0;
  const end = Math.min(text.length, safeIndex(text, start + SNIPPET_LENGTH));
  let html = start > 0 ? "…" : "";
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= start) continue;
    if (from >= end) break;
    const markFrom = Math.max(from, start);
    const markTo = Math.min(to, end);
    html += escapeHtml(text.slice(at, markFrom)) + `<mark>${escapeHtml(text.slice(markFrom, markTo))}</mark>`;
    at = markTo;
  }
  html += escapeHtml(text.slice(at, end));
  if (end < text.length) html += "…";
  return html;
}
