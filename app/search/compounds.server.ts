// Swedish writes compounds as one word (invånardialog, kontaktcenterchefen), and PostgreSQL's
// `swedish` configuration only stems whole words: a search for "dialog" would miss them. Long
// Swedish words are split here into the parts a dictionary knows, and the parts are indexed
// beside the word (app/search/segment.ts), as Chinese words get their pairs.
//
// The parts come from the Swedish Hunspell dictionary (the `dictionary-sv` package, LGPL-3.0,
// read as it is shipped): it marks which words may begin a compound and which may end one, and
// lists the forms words take before another word — the linking morphemes: arbets- (arbete), gatu-
// (gata), invånar- (invånare), kvinno- (kvinna). Its affix rules tell the inflected forms of the
// last part (chefen, dialogerna). See docs/decisions/017-swedish-compounds-and-time-zones.md.

import { inSlices } from "./segment";

/** A part of a compound, as characters of the word ([start, end)); `lemma` where the dictionary form differs (gatu → gata). */
export type CompoundPart = { start: number; end: number; lemma?: string };

type SuffixRule = { flag: string; strip: string; condition: RegExp };

type SwedishLexicon = {
  /** Every dictionary word (lower case) with its flags. */
  words: Map<string, string>;
  /** Forms that may begin a compound or stand inside one, with their dictionary word. */
  firstParts: Map<string, string>;
  /** Inflection rules by the ending they add ("" for those that only take away). */
  suffixes: Map<string, SuffixRule[]>;
  longestSuffix: number;
  flags: Flags;
};

// The dictionary's flags (index.aff): COMPOUNDBEGIN, COMPOUNDMIDDLE, COMPOUNDEND, ONLYINCOMPOUND,
// FORBIDDENWORD, NEEDAFFIX. Checked when the dictionary is read, so a new release that renames
// them fails loudly rather than splitting nothing.
const flagNames = { first: "COMPOUNDBEGIN", middle: "COMPOUNDMIDDLE", last: "COMPOUNDEND", onlyInCompound: "ONLYINCOMPOUND", forbidden: "FORBIDDENWORD", needsAffix: "NEEDAFFIX" } as const;
type Flags = Record<keyof typeof flagNames, string>;

/** A word is split only from this length on: two parts of three letters. */
const MIN_COMPOUND = 6;
/**
 * How short parts may be. A word the dictionary does not know must be explained by its parts:
 * three letters each (bil-, mål-). A word it knows (underlag, lagring, ordförande) is a word
 * already, and short words end many others by chance (under|lag): its last part is a word of
 * four letters at least (mål|grupp, styr|gruppen still split). A part split again (ungdoms →
 * ung|doms, lagring → lag|ring would be wrong) has four-letter pieces only.
 */
const UNLISTED_LIMITS: Limits = { minPart: 3, minLast: 0 };
const LISTED_LIMITS: Limits = { minPart: 3, minLast: 4 };
const INNER_LIMITS: Limits = { minPart: 4, minLast: 4 };
/** Runs of at most this many neighbouring parts are indexed (see compoundTerms). */
const MAX_RUN_PARTS = 3;
const LETTERS = /^\p{L}+$/u;
/** Reading the dictionary yields after this many of its words. */
const WORDS_PER_STEP = 5_000;
/** Nobody writes longer words; a longer run of letters is no word to split. */
const MAX_WORD = 60;

/**
 * Reads a Hunspell affix file and word list (as `dictionary-sv` ships them) into what splitting
 * needs, yielding every few thousand words (run in slices by swedishCompounds).
 */
function* readingSwedishLexicon(aff: string, dic: string): Generator<void, SwedishLexicon> {
  const flags = {} as Flags;
  const ruleLines: string[][] = [];
  for (const line of aff.split("\n")) {
    const fields = line.trim().split(/\s+/);
    const name = Object.entries(flagNames).find(([, directive]) => directive === fields[0]);
    if (name && fields[1]) flags[name[0] as keyof Flags] = fields[1];
    else if (fields[0] === "SFX" && fields.length >= 5) ruleLines.push(fields);
  }
  for (const name of Object.keys(flagNames) as (keyof Flags)[]) {
    if (!flags[name]) throw new Error(`Swedish dictionary: no ${flagNames[name]} flag`);
  }

  const words = new Map<string, string>();
  let read = 0;
  for (const line of dic.split("\n").slice(1)) {
    if (++read % WORDS_PER_STEP === 0) yield;
    const slash = line.indexOf("/");
    const word = (slash < 0 ? line : line.slice(0, slash)).trim().toLowerCase();
    const wordFlags = slash < 0 ? "" : line.slice(slash + 1).trim();
    if (!word || wordFlags.includes(flags.forbidden)) continue;
    words.set(word, (words.get(word) ?? "") + wordFlags);
  }

  // Rules whose result may begin a compound (continuation flags with COMPOUNDBEGIN or -MIDDLE)
  // make linking forms; the others inflect.
  const suffixes = new Map<string, SuffixRule[]>();
  const linking = new Map<string, (SuffixRule & { add: string })[]>();
  let longestSuffix = 0;
  for (const [, flag, stripField, addField, condition] of ruleLines) {
    const [add = "", continuation = ""] = addField!.split("/");
    const rule = { flag: flag!, strip: stripField === "0" ? "" : stripField!, condition: new RegExp(`${condition === "." ? "" : condition}$`, "u") };
    const added = add === "0" ? "" : add;
    if (continuation.includes(flags.first) || continuation.includes(flags.middle)) {
      // Forms with a hyphen (TV-) begin only hyphenated words, which PostgreSQL's parser splits itself.
      if (added && !LETTERS.test(added)) continue;
      linking.set(rule.flag, [...(linking.get(rule.flag) ?? []), { ...rule, add: added }]);
    } else if (!continuation) {
      suffixes.set(added, [...(suffixes.get(added) ?? []), rule]);
      longestSuffix = Math.max(longestSuffix, added.length);
    }
  }

  const firstParts = new Map<string, string>();
  for (const [word, wordFlags] of words) {
    if (++read % WORDS_PER_STEP === 0) yield;
    if (!LETTERS.test(word)) {
      // "gatu-", "abonnemangs-": forms the dictionary lists only to begin compounds.
      if (word.endsWith("-") && LETTERS.test(word.slice(0, -1))) firstParts.set(word.slice(0, -1), word.slice(0, -1));
      continue;
    }
    if (wordFlags.includes(flags.first) || wordFlags.includes(flags.middle)) firstParts.set(word, word);
    for (const flag of wordFlags) {
      for (const rule of linking.get(flag) ?? []) {
        if (!word.endsWith(rule.strip) || !rule.condition.test(word)) continue;
        const form = word.slice(0, word.length - rule.strip.length) + rule.add;
        // A form several words make (ansvars: ansvar, ansvara) stands for the shortest.
        const listed = firstParts.get(form);
        if (listed === undefined || (listed !== form && listed.length > word.length)) firstParts.set(form, word);
      }
    }
  }
  return { words, firstParts, suffixes, longestSuffix, flags };
}

/**
 * The dictionary word of `form` (itself, or what it is an inflected form of: chefen → chef), or
 * null; with `last`, only a word that may end a compound (chefen may, borgar only begins one).
 */
function dictionaryWord(form: string, lexicon: SwedishLexicon, last = false): string | null {
  const flags = lexicon.flags;
  const allowed = (wordFlags: string | undefined): wordFlags is string =>
    wordFlags !== undefined && !wordFlags.includes(flags.onlyInCompound) && (!last || wordFlags.includes(flags.last));
  const own = lexicon.words.get(form);
  if (allowed(own) && !own.includes(flags.needsAffix)) return form;
  for (let length = 1; length <= Math.min(lexicon.longestSuffix, form.length - 1); length++) {
    const rules = lexicon.suffixes.get(form.slice(form.length - length));
    if (!rules) continue;
    const stem = form.slice(0, form.length - length);
    for (const rule of rules) {
      const word = stem + rule.strip;
      const wordFlags = lexicon.words.get(word);
      if (allowed(wordFlags) && wordFlags.includes(rule.flag) && rule.condition.test(word)) return word;
    }
  }
  // Rules that only take letters away (springa → spring).
  for (const rule of lexicon.suffixes.get("") ?? []) {
    const word = form + rule.strip;
    const wordFlags = lexicon.words.get(word);
    if (rule.strip && allowed(wordFlags) && wordFlags.includes(rule.flag) && rule.condition.test(word)) return word;
  }
  return null;
}

/** How short parts may be: `minPart` letters as written, the last part's dictionary word `minLast`. */
type Limits = { minPart: number; minLast: number };

type Split = { parts: CompoundPart[]; shortest: number };

/** The split of word[from..] with the fewest parts (then the longest shortest part), or null. */
function bestSplit(word: string, from: number, limits: Limits, lexicon: SwedishLexicon, memo: Map<number, Split | null>): Split | null {
  if (memo.has(from)) return memo.get(from)!;
  let best: Split | null = null;
  const consider = (candidate: Split) => {
    if (!best || candidate.parts.length < best.parts.length || (candidate.parts.length === best.parts.length && candidate.shortest > best.shortest)) best = candidate;
  };
  // The rest as the last part (not the whole word: a split has two parts at least).
  if (from > 0 && word.length - from >= limits.minPart) {
    const last = dictionaryWord(word.slice(from), lexicon, true);
    if (last !== null && last.length >= limits.minLast) consider({ parts: [{ start: from, end: word.length }], shortest: word.length - from });
  }
  for (let end = from + limits.minPart; end <= word.length - limits.minPart; end++) {
    const form = word.slice(from, end);
    const lemma = lexicon.firstParts.get(form);
    if (lemma === undefined) continue;
    const rest = bestSplit(word, end, limits, lexicon, memo);
    if (!rest) continue;
    const part: CompoundPart = lemma === form ? { start: from, end } : { start: from, end, lemma };
    consider({ parts: [part, ...rest.parts], shortest: Math.min(end - from, rest.shortest) });
  }
  memo.set(from, best);
  return best;
}

/**
 * The parts of a Swedish compound (lower case), in order: the split with the fewest parts, each
 * part split again where it is a compound itself (kommunstyrelse|ordföranden →
 * kommun|styrelse|ordföranden). Null for a word that is no compound the dictionary explains.
 */
function compoundParts(word: string, lexicon: SwedishLexicon, inner = false): CompoundPart[] | null {
  if (word.length < MIN_COMPOUND || word.length > MAX_WORD || !LETTERS.test(word)) return null;
  const limits = inner ? INNER_LIMITS : dictionaryWord(word, lexicon) === null ? UNLISTED_LIMITS : LISTED_LIMITS;
  const split = bestSplit(word, 0, limits, lexicon, new Map());
  if (!split) return null;
  return split.parts.flatMap((part, index) => {
    const last = index === split.parts.length - 1;
    const pieces = compoundParts(part.lemma ?? word.slice(part.start, part.end), lexicon, true);
    if (!pieces) return [part];
    return pieces.map((piece, at): CompoundPart => {
      const start = part.start + piece.start;
      if (at < pieces.length - 1) return piece.lemma ? { start, end: part.start + piece.end, lemma: piece.lemma } : { start, end: part.start + piece.end };
      // The pieces are of the dictionary form (gata): the last one ends where the part does as written (gatu).
      const lemma = last ? undefined : part.lemma?.slice(piece.start);
      return lemma ? { start, end: part.end, lemma } : { start, end: part.end };
    });
  });
}

/**
 * What is indexed beside a compound: each part and each run of neighbouring parts, as written
 * (kontakt, center, chefen, kontaktcenter, centerchefen) and, where a part ends in a linking
 * form, in the dictionary form too (gatu → gata), for the `swedish` stemmer to stem like a query.
 */
function compoundTerms(word: string, lexicon: SwedishLexicon): string[] {
  const parts = compoundParts(word, lexicon);
  if (!parts) return [];
  const terms = new Set<string>();
  for (let first = 0; first < parts.length; first++) {
    for (let last = first; last < parts.length; last++) {
      if (first === 0 && last === parts.length - 1) continue;
      if (last - first + 1 > MAX_RUN_PARTS) continue;
      const start = parts[first]!.start;
      const end = parts[last]!;
      terms.add(word.slice(start, end.end));
      if (end.lemma) terms.add(word.slice(start, end.start) + end.lemma);
    }
  }
  return [...terms];
}

/** Splitting with one dictionary: what app/search/segment.ts is given for Swedish texts. */
export type Compounds = {
  /** What to index beside a word (compoundTerms). */
  terms(word: string): string[];
  /** A word's parts (compoundParts), to mark the part a query matched. */
  parts(word: string): CompoundPart[] | null;
};

let loading: Promise<Compounds | undefined> | undefined;

/**
 * Swedish compounds, with the dictionary read once per process when first needed: about 0.2 s of
 * work and 20 MB, done a slice at a time so that other requests get their turns meanwhile.
 * Undefined, and said once in the log, if the dictionary cannot be read: Swedish is then indexed
 * and searched as before, by whole words, rather than not at all.
 */
export function swedishCompounds(): Promise<Compounds | undefined> {
  loading ??= (async () => {
    const { default: dictionary } = await import("dictionary-sv");
    const decoder = new TextDecoder();
    const lexicon = await inSlices(readingSwedishLexicon(decoder.decode(dictionary.aff), decoder.decode(dictionary.dic)));
    return { terms: (word: string) => compoundTerms(word, lexicon), parts: (word: string) => compoundParts(word, lexicon) };
  })().catch((error: unknown) => {
    console.error("Search: the Swedish dictionary could not be read; compounds are not split:", error);
    return undefined;
  });
  return loading;
}
