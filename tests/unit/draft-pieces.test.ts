import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { jsonToHtml, jsonToText } from "~/editor/content.server";
import { draftPieces, htmlToInline } from "~/editor/draft-pieces.server";

// A rich text goes to a provider as the inline HTML of its paragraphs and headings, and comes back
// into the same structure: whatever the provider answers, only the schema's marks survive.
const section: JSONContent = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Bakgrund" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Västerås " },
        { type: "text", text: "kontaktcenter", marks: [{ type: "bold" }] },
        { type: "text", text: " & " },
        { type: "text", text: "webb", marks: [{ type: "link", attrs: { href: "https://www.vasteras.se" } }] },
        { type: "hardBreak" },
        { type: "text", text: "andra raden" },
      ],
    },
    {
      type: "bulletList",
      content: [
        { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Ett" }] }] },
        { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Två" }] }] },
      ],
    },
    { type: "codeBlock", content: [{ type: "text", text: "npm start" }] },
    { type: "paragraph" },
  ],
};

describe("a rich text in pieces for a machine draft", () => {
  it("sends each paragraph and heading with text as inline HTML, and nothing else", () => {
    const { pieces } = draftPieces(section);
    expect(pieces).toEqual(["Bakgrund", 'Västerås <strong>kontaktcenter</strong> &amp; <a href="https://www.vasteras.se">webb</a><br>andra raden', "Ett", "Två"]);
  });

  it("puts the drafts back into the same structure: heading, marks, line break, list, code untouched", () => {
    const { pieces, fill } = draftPieces(section);
    const filled = fill(pieces.map((piece) => `〈zh〉${piece}`));
    const html = jsonToHtml(filled);
    expect(html).toContain("<h2>〈zh〉Bakgrund</h2>");
    expect(html).toContain("<strong>kontaktcenter</strong>");
    expect(html).toContain('href="https://www.vasteras.se"');
    expect(html).toMatch(/<ul><li><p>〈zh〉Ett<\/p><\/li><li><p>〈zh〉Två<\/p><\/li><\/ul>/);
    expect(html).toContain("<code>npm start</code>");
    expect(jsonToText(filled)).toContain("〈zh〉Västerås kontaktcenter & webb\nandra raden");
  });

  it("keeps no node, attribute, script or unknown link a provider adds", () => {
    const { fill } = draftPieces(section);
    const filled = fill([
      '<h1 onclick="x()">标题</h1>',
      '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">点击</a> <a href="https://www.vasteras.se">网站</a>',
      "<table><tr><td>一</td></tr></table>",
      "<b><code>二</code></b>",
    ]);
    const html = jsonToHtml(filled);
    expect(html).not.toMatch(/<script|<img|onclick|onerror|javascript:|<table|<h1/);
    // The heading stays a heading (level 2), the list a list; only the text changed.
    expect(html).toContain("<h2>标题</h2>");
    expect(html).toContain('<a target="_blank" rel="noopener noreferrer nofollow" href="https://www.vasteras.se">网站</a>');
    expect(html).toContain("点击");
    expect(html).toContain("alert(1)"); // as text: the script's words, escaped, never a script
    expect(html).toMatch(/<li><p>一<\/p><\/li><li><p><code>二<\/code><\/p><\/li>/);
  });

  it("reads entities, whitespace and unclosed tags as HTML does", () => {
    expect(htmlToInline("  A&amp;B &lt;tag&gt; &#20013;&#x6587; &nbsp;x\n y  ", new Set())).toEqual([{ type: "text", text: "A&B <tag> 中文 \u00a0x y" }]);
    expect(htmlToInline("<em>open <strong>both", new Set())).toEqual([
      { type: "text", text: "open ", marks: [{ type: "italic" }] },
      { type: "text", text: "both", marks: [{ type: "bold" }, { type: "italic" }] },
    ]);
    expect(htmlToInline("a < b", new Set())).toEqual([{ type: "text", text: "a < b" }]);
  });
});
