import { describe, expect, it } from "vitest";
import { compareSegments, normaliseSegment, pairBlocks, pairParagraphs, rankSuggestions, segmentGrams, segmentSketch } from "~/translation/memory";

// Translation-memory matching (decision 019): what a translator is offered for a paragraph.
const remembered = [
  { source: "Invånarna kontaktar kommunen via telefon, e-post och chatt.", target: "市民通过电话、电子邮件和在线聊天联系市政府。" },
  { source: "Styrgruppen beslutar om budgeten.", target: "指导小组决定预算。" },
  { source: "市民热线十二三四五受理市民诉求。", target: "Medborgarlinjen 12345 tar emot invånarnas ärenden." },
];

describe("translation memory matching", () => {
  it("offers an exact match whatever the spacing and case", () => {
    const [best, ...rest] = rankSuggestions("  invånarna kontaktar  kommunen via telefon, e-post och chatt. ", remembered);
    expect(best).toMatchObject({ exact: true, score: 1, target: "市民通过电话、电子邮件和在线聊天联系市政府。" });
    expect(rest).toEqual([]);
  });

  it("offers a close Swedish match with the differing words marked", () => {
    const [best] = rankSuggestions("Invånarna kontaktar kommunen via telefon och chatt.", remembered);
    expect(best).toBeDefined();
    expect(best!.exact).toBe(false);
    expect(best!.score).toBeGreaterThan(0.7);
    expect(best!.score).toBeLessThan(1);
    expect(best!.target).toBe("市民通过电话、电子邮件和在线聊天联系市政府。");
    // The remembered source has ", e-post" that the asked text lacks: marked word by word.
    expect(best!.diff.filter((part) => part.op === "delete").map((part) => part.text.trim())).toEqual([", e-post"]);
    expect(best!.diff.filter((part) => part.op === "insert")).toEqual([]);
  });

  it("offers a close Chinese match with the differing characters marked", () => {
    const [best] = rankSuggestions("市民热线一二三四五受理市民诉求。", remembered);
    expect(best).toMatchObject({ exact: false, target: "Medborgarlinjen 12345 tar emot invånarnas ärenden." });
    expect(best!.score).toBeGreaterThan(0.8);
    expect(best!.diff).toContainEqual({ text: "十", op: "delete" });
    expect(best!.diff).toContainEqual({ text: "一", op: "insert" });
    expect(best!.diff.filter((part) => part.op !== "insert").map((part) => part.text).join("")).toBe("市民热线十二三四五受理市民诉求。");
    expect(best!.diff.filter((part) => part.op !== "delete").map((part) => part.text).join("")).toBe("市民热线一二三四五受理市民诉求。");
  });

  it("offers nothing for an unrelated or too different text", () => {
    expect(rankSuggestions("Programmet för besöket i Jinan är klart.", remembered)).toEqual([]);
    expect(rankSuggestions("项目预算已经批准。", remembered)).toEqual([]);
    expect(compareSegments("Styrgruppen beslutar.", "Styrgruppen beslutar om budgeten för nästa år.")).toBeNull();
  });

  it("puts exact matches before close ones, at most three", () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ source: `Styrgruppen beslutar om budgeten ${i}.`, target: `指导小组决定预算${i}。` }));
    const suggestions = rankSuggestions("Styrgruppen beslutar om budgeten.", [...many, remembered[1]!]);
    expect(suggestions).toHaveLength(3);
    expect(suggestions[0]).toMatchObject({ exact: true, target: "指导小组决定预算。" });
    expect(suggestions.slice(1).every((suggestion) => !suggestion.exact && suggestion.score >= 0.7)).toBe(true);
  });

  it("normalises and cuts texts into words and Chinese character pairs", () => {
    expect(normaliseSegment(" Hej\u00a0 VÄRLDEN ")).toBe("hej världen");
    expect(segmentGrams("Kontaktcenter i 济南市")).toEqual(["kontaktcenter", "i", "济南", "南市"]);
  });

  it("finds a close match's candidates by shared sketch keys, and not an unrelated text's", () => {
    const shared = (a: string, b: string) => segmentSketch(a).filter((key) => segmentSketch(b).includes(key)).length;
    const source = "Invånarna kontaktar kommunen via telefon, e-post och chatt och får svar inom en vecka.";
    expect(segmentSketch(source)).toHaveLength(28);
    expect(segmentSketch(source)).toEqual(segmentSketch(source.toUpperCase()));
    expect(shared(source, source.replace("en vecka", "två veckor"))).toBeGreaterThan(0);
    expect(shared("济南12345热线以数百名工作人员服务近七百万居民。", "济南12345热线以数百名工作人员服务近八百万居民。")).toBeGreaterThan(0);
    expect(shared(source, "Styrgruppen beslutar om budgeten och programmet för besöket i Jinan.")).toBe(0);
    expect(segmentSketch("。。。")).toEqual([]);
  });

  it("pairs paragraphs only where the two texts line up", () => {
    expect(pairParagraphs("Mål\nBudget", "目标\n预算")).toEqual([
      { source: "Mål", target: "目标" },
      { source: "Budget", target: "预算" },
    ]);
    expect(pairParagraphs("Mål och budget", "目标\n预算")).toEqual([{ source: "Mål och budget", target: "目标\n预算" }]);
    const doc = (...blocks: [string, string][]) => ({ type: "doc", content: blocks.map(([type, text]) => ({ type, ...(type === "heading" ? { attrs: { level: 2 } } : {}), content: [{ type: "text", text }] })) });
    expect(pairBlocks(doc(["heading", "Bakgrund"], ["paragraph", "Text."]), doc(["heading", "背景"], ["paragraph", "文字。"]))).toEqual([
      { source: "Bakgrund", target: "背景" },
      { source: "Text.", target: "文字。" },
    ]);
    expect(pairBlocks(doc(["heading", "Bakgrund"], ["paragraph", "Text."]), doc(["paragraph", "背景"], ["paragraph", "文字。"]))).toEqual([{ source: "Text.", target: "文字。" }]);
    expect(pairBlocks(doc(["paragraph", "Ett."], ["paragraph", "Två."]), doc(["paragraph", "一。二。"]))).toEqual([]);
  });
});
