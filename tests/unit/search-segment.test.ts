import { describe, expect, it } from "vitest";
import { findMatches, hanPairs, isEmptyQuery, MAX_QUERY_CHARS, parseQuery, prepareForIndex, snippetHtml } from "~/search/segment";

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
