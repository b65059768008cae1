import { beforeAll, describe, expect, it, vi } from "vitest";
import { swedishCompounds, type Compounds } from "~/search/compounds.server";
import { findMatches, prepareForIndex, prepareForIndexInSlices, snippetHtml } from "~/search/segment";

let compounds: Compounds;

beforeAll(async () => {
  const loaded = await swedishCompounds();
  expect(loaded).toBeDefined();
  compounds = loaded!;
});

/** The parts as written, with the dictionary form where it differs: "kvarters(kvarter)|budget". */
function split(word: string): string {
  const parts = compounds.parts(word);
  return parts ? parts.map((part) => word.slice(part.start, part.end) + (part.lemma ? `(${part.lemma})` : "")).join("|") : "-";
}

describe("Swedish compounds", () => {
  it("splits the partnership's compounds into their parts, linking morphemes included", () => {
    expect(split("invånardialog")).toBe("invånar|dialog");
    expect(split("kontaktcenterchefen")).toBe("kontakt|center|chefen");
    expect(split("medborgardialog")).toBe("medborgar|dialog");
    expect(split("kommunstyrelse")).toBe("kommun|styrelse");
    expect(split("arbetsgrupp")).toBe("arbets|grupp");
    expect(split("gatubelysningen")).toBe("gatu|belysningen");
    expect(split("kvinnoorganisation")).toBe("kvinno|organisation");
    expect(split("kvartersbudgeten")).toBe("kvarters(kvarter)|budgeten");
    expect(split("styrgruppen")).toBe("styr|gruppen");
    // A part that is a compound itself is split too.
    expect(split("kommunstyrelseordföranden")).toBe("kommun|styrelse|ordföranden");
  });

  it("leaves words that are no compounds whole, inflected forms among them", () => {
    for (const word of ["dialog", "dialogen", "dialoger", "dialogerna", "samverkan", "samarbetet", "medarbetare", "regeringen", "marknaden", "förslag", "förvaltningen", "invånarna"]) {
      expect(split(word), word).toBe("-");
    }
  });

  it("does not cut a listed word where a short word happens to end it", () => {
    // under|lag, tjänste|man, helg|dag: the dictionary has the words whole, their last parts are short.
    for (const word of ["underlag", "underlaget", "tjänsteman", "helgdag"]) expect(split(word), word).toBe("-");
    // Pieces of a part are four letters or more: not ung|doms, över|syn.
    expect(split("ungdomsproblem")).toBe("ungdoms(ungdom)|problem");
    expect(split("halvtidsöversyn")).toBe("halvtids(halvtid)|översyn");
  });

  it("splits only words of letters, of a length a word has", () => {
    expect(compounds.parts("2026års")).toBeNull();
    expect(compounds.parts("e-tjänst")).toBeNull();
    expect(compounds.parts("invånardialog".repeat(6))).toBeNull();
  });

  it("indexes each part and each run of neighbouring parts, never the whole word again", () => {
    expect(compounds.terms("kontaktcenterchefen").sort()).toEqual(["center", "centerchefen", "chefen", "kontakt", "kontaktcenter"]);
    // The dictionary form of a linking form, for the stemmer: kvarter like a query for kvarteret.
    expect(compounds.terms("kvartersbudget")).toEqual(expect.arrayContaining(["kvarters", "kvarter", "budget"]));
    expect(compounds.terms("dialogen")).toEqual([]);
  });
});

describe("preparing Swedish text for the index", () => {
  const text = "Invånardialog leds av kontaktcenterchefen och hennes arbetsgrupp.";

  it("puts each compound's parts beside it, and leaves other words and texts without the dictionary as they were", () => {
    expect(prepareForIndex(text, { compounds })).toBe(
      "Invånardialog invånar dialog leds av kontaktcenterchefen kontakt kontaktcenter center centerchefen chefen och hennes arbetsgrupp arbets grupp.",
    );
    expect(prepareForIndex(text)).toBe(text);
    // Chinese in a Swedish text is split as before.
    expect(prepareForIndex("Besök hos 济南市人民政府", { compounds })).toBe(prepareForIndex("Besök hos 济南市人民政府"));
  });

  it("prepares a long text in slices with the same result", async () => {
    const long = `${text} ${"Dialogen med invånarna fortsätter i kvartersbudgeten. ".repeat(2_000)}`;
    expect(await prepareForIndexInSlices(long, { compounds }, 1)).toBe(prepareForIndex(long, { compounds }));
  });
});

describe("snippets of Swedish compounds", () => {
  const text = "En invånardialog leds av kontaktcenterchefen i samarbetet.";
  const snippet = (prefixes: string[]) => snippetHtml(text, { prefixes, runs: [], compounds });

  it("marks the part of a compound that the query found", () => {
    expect(snippet(["dialog"])).toBe("En invånar<mark>dialog</mark> leds av kontaktcenterchefen i samarbetet.");
    expect(snippet(["chef"])).toBe("En invånardialog leds av kontaktcenter<mark>chefen</mark> i samarbetet.");
    expect(snippet(["center"])).toBe("En invånardialog leds av kontakt<mark>center</mark>chefen i samarbetet.");
    // From the word's start, the whole word, as for inflected forms.
    expect(snippet(["kontaktcenter"])).toBe("En invånardialog leds av <mark>kontaktcenterchefen</mark> i samarbetet.");
  });

  it("marks nothing inside a word that merely holds the letters", () => {
    // samarbetet is no compound of arbete (sam- is no word that begins one).
    expect(findMatches(text, { prefixes: ["arbet", "arbete"], runs: [], compounds })).toEqual([]);
    // Without the dictionary (an English or Chinese text), parts are not looked for.
    expect(findMatches(text, { prefixes: ["dialog"], runs: [] })).toEqual([]);
  });
});

describe("without the dictionary", () => {
  it("splits nothing when the dictionary cannot be read (Swedish is indexed by whole words, as before), and says why in the log", async () => {
    vi.resetModules();
    vi.doMock("dictionary-sv", () => {
      throw new Error("not installed");
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const fresh = await import("~/search/compounds.server");
      expect(await fresh.swedishCompounds()).toBeUndefined();
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0]![0])).toContain("Swedish dictionary");
    } finally {
      vi.doUnmock("dictionary-sv");
      logged.mockRestore();
    }
  });
});
