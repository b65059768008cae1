import { afterEach, describe, expect, it, vi } from "vitest";
import {
  findMatches,
  hanPairs,
  isEmptyQuery,
  MAX_HAN_TERM_OCCURRENCES,
  MAX_INDEXED_HAN_TERMS,
  MAX_QUERY_CHARS,
  MAX_SEGMENTED_RUN,
  parseQuery,
  prepareForIndex,
  prepareForIndexInSlices,
  snippetHtml,
} from "~/search/segment";

const tokens = (text: string) => prepareForIndex(text).split(/\s+/).filter(Boolean);

describe("prepareForIndex", () => {
  it("splits Chinese into the segmenter's words and every pair of characters", () => {
    const words = tokens("济南市人民政府开通12345市民热线");
    // The segmenter keeps 人民政府 whole; its pairs make 政府 findable.
    expect(words).toEqual(expect.arrayContaining(["人民政府", "人民", "民政", "政府", "市民", "热线", "12345"]));
  });

  it("keeps Latin words inside Chinese text, and Swedish or English text as it is", () => {
    expect(tokens("使用Contact Center对话")).toEqual(expect.arrayContaining(["Contact", "Center", "对话"]));
    expect(prepareForIndex("Dialogen med invånarna")).toBe("Dialogen med invånarna");
  });

  it("splits a Chinese name quoted in a Swedish text too", () => {
    expect(tokens("Samarbetet med 济南市人民政府 fortsätter")).toEqual(expect.arrayContaining(["Samarbetet", "政府", "fortsätter"]));
  });

  it("makes pairs of characters outside the basic plane without cutting them", () => {
    expect(hanPairs("𠮷野家")).toEqual(["𠮷野", "野家"]);
    expect(hanPairs("市")).toEqual(["市"]);
  });
});

describe("a long Chinese text without punctuation", () => {
  afterEach(() => vi.restoreAllMocks());

  // 200 000 characters in one run, as a pasted report without line breaks arrives. Distinct
  // characters every so often, so that pairs across the segmenter's pieces can be checked.
  const filler = "济南市人民政府开通市民热线开展公民对话";
  const run = Array.from({ length: 200_000 }, (_, i) => (i % 1000 === 255 ? "龘" : i % 1000 === 256 ? "齉" : filler[i % filler.length])).join("");

  it("gives Intl.Segmenter pieces of bounded length, each character once: work linear in the length", () => {
    // Intl.Segmenter's cost grows with the square of what it is given at once; what it is given
    // is the measure of the work, without timing anything.
    const given: number[] = [];
    const segment = Intl.Segmenter.prototype.segment;
    vi.spyOn(Intl.Segmenter.prototype, "segment").mockImplementation(function (this: Intl.Segmenter, input: string) {
      given.push(input.length);
      return segment.call(this, input);
    });
    const terms = new Set(prepareForIndex(run).split(/\s+/).filter(Boolean));
    expect(Math.max(...given)).toBeLessThanOrEqual(MAX_SEGMENTED_RUN);
    expect(given.reduce((sum, length) => sum + length, 0)).toBe(run.length);
    // The pairs are those of the whole run, across the pieces' edges too (characters 255 and 256).
    for (const pair of ["龘齉", "府龘", "齉热", "人民", "政府", "热线"]) expect(terms).toContain(pair);
    expect(terms).toContain("人民政府");
  }, 20_000);

  it("is prepared in slices with the same result, and indexes a bounded number of distinct terms", async () => {
    expect(await prepareForIndexInSlices(run)).toBe(prepareForIndex(run));
    // Random characters make a distinct pair almost every character: only so many are indexed.
    let seed = 7;
    const random = Array.from({ length: 150_000 }, () => String.fromCharCode(0x4e00 + ((seed = (seed * 48271) % 2147483647) % 6000))).join("");
    const terms = new Set(prepareForIndex(random).split(/\s+/).filter(Boolean));
    expect(terms.size).toBe(MAX_INDEXED_HAN_TERMS);
  }, 20_000);

  it("indexes a term a few times a text, however often it recurs", () => {
    const prepared = prepareForIndex("市民热线，".repeat(50)).split(/\s+/);
    expect(prepared.filter((term) => term === "热线")).toHaveLength(MAX_HAN_TERM_OCCURRENCES);
    // A short text keeps each occurrence (once a run), as before.
    expect(prepareForIndex("热线。热线。").split(/\s+/).filter((term) => term === "热线")).toHaveLength(2);
  });
});

describe("parseQuery", () => {
  it("queries Chinese by its pairs, all required", () => {
    expect(parseQuery("人民政府").han).toBe("'人民' & '民政' & '政府'");
    expect(parseQuery("热线 市民").han).toBe("'热线' & '市民'");
    expect(parseQuery("政").han).toBe("'政':*");
  });

  it("keeps words of other scripts, lower case, for the language's own stemming", () => {
    const query = parseQuery("Dialogen, med invånarna!");
    expect(query.words).toBe("dialogen med invånarna");
    expect(query.han).toBe("");
  });

  it("separates the scripts of a mixed query", () => {
    const query = parseQuery("12345热线 app");
    expect(query.words.split(" ")).toEqual(expect.arrayContaining(["12345", "app"]));
    expect(query.han).toBe("'热线'");
  });

  it("drops punctuation and operators: nothing typed reaches the tsquery syntax", () => {
    expect(isEmptyQuery(parseQuery("!!! ??? … ——— 。，、"))).toBe(true);
    const sql = parseQuery(`'; DROP TABLE "User"; -- & | ! <-> :* ()`);
    expect(sql.words).toBe("drop table user");
    expect(sql.han).toBe("");
    for (const term of parseQuery("政府'):* | !'x").han.split(" & ")) expect(term).toMatch(/^'[\p{Script=Han}]+'(:\*)?$/u);
  });

  it("cuts a very long query", () => {
    const query = parseQuery("dialog ".repeat(400));
    expect(query.words).toBe("dialog");
    const long = parseQuery("a".repeat(2000));
    expect(long.words.length).toBe(MAX_QUERY_CHARS);
    const han = parseQuery("政府".repeat(1000));
    expect(han.han.split(" & ").length).toBeLessThanOrEqual(16);
  });

  it("reads full-width Latin letters as ordinary ones", () => {
    expect(parseQuery("ＩＣＬＤ").words).toBe("icld");
  });
});

describe("snippets", () => {
  it("marks inflected forms by their stem and escapes the text", () => {
    const html = snippetHtml("<b>Dialogen</b> & dialoger om dialog", { prefixes: ["dialog"], runs: [] });
    expect(html).toBe("&lt;b&gt;<mark>Dialogen</mark>&lt;/b&gt; &amp; <mark>dialoger</mark> om <mark>dialog</mark>");
  });

  it("marks Chinese runs, or their pairs when the run is not there whole", () => {
    expect(snippetHtml("济南市人民政府开通热线", { prefixes: [], runs: ["政府"] })).toBe("济南市人民<mark>政府</mark>开通热线");
    expect(findMatches("人民的政府", { prefixes: [], runs: ["人民政府"] })).toEqual([
      [0, 2],
      [3, 5],
    ]);
  });

  it("shows the text around the first match, cut with an ellipsis", () => {
    const text = `${"Inledning. ".repeat(30)}Här står ordet medborgardialog. ${"Slut. ".repeat(60)}`;
    const html = snippetHtml(text, { prefixes: ["medborgardialog"], runs: [] });
    expect(html.startsWith("…")).toBe(true);
    expect(html.endsWith("…")).toBe(true);
    expect(html).toContain("<mark>medborgardialog</mark>");
    expect(html.length).toBeLessThan(400);
  });

  it("marks a short term only where it stands alone", () => {
    expect(snippetHtml("EU och Europa", { prefixes: ["eu"], runs: [] })).toBe("<mark>EU</mark> och Europa");
  });
});
