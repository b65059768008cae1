import type { Lang } from "~/i18n/languages";
import type { GlossaryEntry, TextFormat } from "./translator";

// The project's glossary where a provider has no glossary of its own for the pair (LibreTranslate;
// Azure between Swedish and Chinese; DeepL should a pair lose its glossaries): each term found in
// the source is sent as a placeholder the provider leaves alone, and the target language's term is
// put in its place afterwards. Also used to find where Azure's dictionary markup goes.

export type TermMatch = { start: number; end: number; entry: number };

// A term in Latin script matches only as a whole word: "dialog" is not replaced inside
// "medborgardialog" (a Swedish compound would be cut in two). Chinese has no spaces between words,
// so a Chinese term matches wherever it occurs. A Chinese character is therefore no word
// character for the Latin boundary: "与Västerås合作" still has the word "Västerås".
const WORD = String.raw`(?:(?!\p{Script=Han})[\p{L}\p{N}])`;
const HAN = /\p{Script=Han}/u;
const escapeRegExp = (text: string) => text.replace(/[\^$\\.*+?()[\]{}|/]/g, "\\$&");

function termPattern(term: string): string {
  const body = term.split(/\s+/).map(escapeRegExp).join(String.raw`\s+`);
  const first = term[0] ?? "";
  const last = term.at(-1) ?? "";
  const wordStart = /[\p{L}\p{N}]/u.test(first) && !HAN.test(first);
  const wordEnd = /[\p{L}\p{N}]/u.test(last) && !HAN.test(last);
  return `${wordStart ? `(?<!${WORD})` : ""}${body}${wordEnd ? `(?!${WORD})` : ""}`;
}

/** The glossary as one pattern: at each position the longest term wins, and matching goes left to right, so overlapping terms never both match. */
function glossaryPattern(glossary: GlossaryEntry[]): { pattern: RegExp; entryOf: number[] } | undefined {
  const order = glossary
    .map((entry, index) => ({ term: entry.source.trim(), index }))
    .filter(({ term }) => term !== "")
    .sort((a, b) => b.term.length - a.term.length);
  if (order.length === 0) return undefined;
  return {
    pattern: new RegExp(order.map(({ term }) => `(${termPattern(term)})`).join("|"), "giu"),
    entryOf: order.map(({ index }) => index),
  };
}

/** Where the glossary's source terms occur. In HTML, only in the text between tags, never in a tag or attribute. */
export function findTerms(text: string, glossary: GlossaryEntry[], format: TextFormat): TermMatch[] {
  const compiled = glossaryPattern(glossary);
  if (!compiled) return [];
  const matches: TermMatch[] = [];
  const segments = format === "html" ? text.split(/(<[^>]*>)/) : [text];
  let offset = 0;
  for (const segment of segments) {
    if (!(format === "html" && segment.startsWith("<"))) {
      for (const match of segment.matchAll(compiled.pattern)) {
        const group = match.findIndex((value, index) => index > 0 && value !== undefined);
        matches.push({ start: offset + match.index, end: offset + match.index + match[0].length, entry: compiled.entryOf[group - 1]! });
      }
    }
    offset += segment.length;
  }
  return matches;
}

/** Rewrites each found term with `wrap` (a placeholder, or a provider's own markup). */
export function replaceTerms(text: string, glossary: GlossaryEntry[], format: TextFormat, wrap: (entry: number, found: string) => string): string {
  let out = "";
  let at = 0;
  for (const match of findTerms(text, glossary, format)) {
    out += text.slice(at, match.start) + wrap(match.entry, text.slice(match.start, match.end));
    at = match.end;
  }
  return out + text.slice(at);
}

export const placeholder = (entry: number) => `[T${entry}]`;

// What a provider may make of "[T3]": spaces inside or around it, a lower-case t, full-width
// brackets, letters or digits in Chinese output ("［Ｔ３］", "【T3】").
// Only spaces on the same line are the placeholder's: a line break before it stays.
const PLACEHOLDER = /([ \t\u00a0\u3000]*)[[［【][ \u3000]*[TtＴｔ][ \u3000]*([0-9０-９]+)[ \u3000]*[\]］】]([ \t\u00a0\u3000]*)/g;
// Chinese needs no space around a term; a space next to Chinese text or punctuation is the provider's.
const CHINESE_NEIGHBOUR = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export type Protected = { texts: string[]; restore(translated: string[]): string[] };

/** Replaces the glossary's terms by placeholders; `restore` puts the target language's terms in their place. */
export function protectTerms(texts: string[], glossary: GlossaryEntry[], format: TextFormat, to: Lang): Protected {
  const usable = glossary.map((entry) => (entry.target.trim() === "" ? { ...entry, source: "" } : entry));
  return {
    texts: texts.map((text) => replaceTerms(text, usable, format, (entry) => placeholder(entry))),
    restore: (translated) =>
      translated.map((text) =>
        text.replace(PLACEHOLDER, (whole, before: string, digits: string, after: string, offset: number, all: string) => {
          const entry = usable[Number(digits.replace(/[０-９]/g, (digit) => String(digit.charCodeAt(0) - 0xff10)))];
          if (!entry || entry.source === "") return whole;
          const term = format === "html" ? escapeHtml(entry.target.trim()) : entry.target.trim();
          if (to !== "zh") return before + term + after;
          const previous = all[offset - 1];
          const next = all[offset + whole.length];
          const keepBefore = previous !== undefined && !CHINESE_NEIGHBOUR.test(previous);
          const keepAfter = next !== undefined && !CHINESE_NEIGHBOUR.test(next);
          return (keepBefore ? before : "") + term + (keepAfter ? after : "");
        }),
      ),
  };
}
