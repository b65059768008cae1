import { describe, expect, it } from "vitest";
import { findTerms, protectTerms } from "~/translation/glossary-protection";

// The glossary where a provider has none: terms become placeholders, and the target language's
// terms come back in their place, however the provider spaced or bracketed the placeholder.

const svToZh = [
  { source: "dialog", target: "对话" },
  { source: "Västerås stad", target: "韦斯特罗斯市" },
  { source: "Västerås", target: "韦斯特罗斯" },
  { source: "kontaktcenter", target: "联络中心" },
];

describe("glossary protection", () => {
  it("leaves a term inside a longer word alone (a Swedish compound is not cut in two)", () => {
    const { texts } = protectTerms(["Medborgardialog är en dialog, dialogen fortsätter."], svToZh, "text", "zh");
    expect(texts).toEqual(["Medborgardialog är en [T0], dialogen fortsätter."]);
  });

  it("takes the longest term where terms overlap, and finds terms whatever their case", () => {
    const { texts } = protectTerms(["Västerås stad driver VÄSTERÅS kontaktcenter."], svToZh, "text", "zh");
    expect(texts).toEqual(["[T1] driver [T2] [T3]."]);
  });

  it("finds Chinese terms without spaces around them, the longer one first", () => {
    const zhToEn = [
      { source: "济南", target: "Jinan" },
      { source: "济南市", target: "Jinan Municipality" },
    ];
    const shielded = protectTerms(["韦斯特罗斯和济南市合作，济南欢迎你。"], zhToEn, "text", "en");
    expect(shielded.texts).toEqual(["韦斯特罗斯和[T1]合作，[T0]欢迎你。"]);
    expect(shielded.restore(["Västerås and [T1] cooperate, [T0] welcomes you."])).toEqual(["Västerås and Jinan Municipality cooperate, Jinan welcomes you."]);
  });

  it("finds a Latin-script term written straight after Chinese characters", () => {
    const { texts } = protectTerms(["与Västerås合作"], svToZh, "text", "zh");
    expect(texts).toEqual(["与[T2]合作"]);
  });

  it("restores placeholders the provider spaced, lower-cased or wrote in full-width characters", () => {
    const { restore } = protectTerms(["x"], svToZh, "text", "zh");
    expect(restore(["[ T1 ] 和公民 [t0] 。 ［Ｔ２］！【T3】"])).toEqual(["韦斯特罗斯市和公民对话。韦斯特罗斯！联络中心"]);
  });

  it("keeps the provider's spaces in Swedish and English, and a line break before a term", () => {
    const { restore } = protectTerms(["x"], [{ source: "济南", target: "Jinan" }], "text", "sv");
    expect(restore(["Besök i [ T0 ] i maj.\n[T0] svarar."])).toEqual(["Besök i Jinan i maj.\nJinan svarar."]);
  });

  it("leaves an unknown placeholder number as it is, and skips terms with no wording in the target language", () => {
    const shielded = protectTerms(["Västerås kontaktcenter"], [{ source: "Västerås", target: "" }, { source: "kontaktcenter", target: "联络中心" }], "text", "zh");
    expect(shielded.texts).toEqual(["Västerås [T1]"]);
    expect(shielded.restore(["Västerås [T1] [T7]"])).toEqual(["Västerås 联络中心 [T7]"]);
  });

  it("in HTML, replaces only text between tags and escapes the restored term", () => {
    const glossary = [{ source: "stad", target: "R&D <stad>" }];
    expect(findTerms('<p class="stad" title="stad">En stad</p>', glossary, "html")).toEqual([{ start: 32, end: 36, entry: 0 }]);
    const shielded = protectTerms(['<p class="stad">En stad</p><p>stad</p>'], glossary, "html", "en");
    expect(shielded.texts).toEqual(['<p class="stad">En [T0]</p><p>[T0]</p>']);
    expect(shielded.restore(['<p class="stad">A [T0]</p><p>[T0]</p>'])).toEqual(['<p class="stad">A R&amp;D &lt;stad&gt;</p><p>R&amp;D &lt;stad&gt;</p>']);
  });

  it("treats regular-expression characters in a term literally", () => {
    const { texts } = protectTerms(["Budget (SEK) och budget SEK"], [{ source: "Budget (SEK)", target: "预算（瑞典克朗）" }], "text", "zh");
    expect(texts).toEqual(["[T0] och budget SEK"]);
  });
});
