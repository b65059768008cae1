import { describe, expect, it } from "vitest";
import { jsonToHtml, jsonToText, normaliseDocument } from "~/editor/content.server";

// Whatever a modified client puts into a shared document, pages show only what the schema allows.
describe("rich text from the schema only", () => {
  const hostile = {
    type: "doc",
    content: [
      { type: "paragraph", content: [{ type: "text", text: "click", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] },
      { type: "evilNode", content: [{ type: "text", text: "hidden" }] },
      { type: "paragraph", attrs: { onclick: "alert(1)" }, content: [{ type: "text", text: "<img src=x onerror=alert(1)>" }] },
    ],
  };

  it("drops unknown nodes and attributes", () => {
    const clean = normaliseDocument(hostile);
    expect(JSON.stringify(clean)).not.toContain("evilNode");
    expect(JSON.stringify(clean)).not.toContain("onclick");
    expect(jsonToText(clean)).toBe("click\n<img src=x onerror=alert(1)>");
  });

  it("renders text escaped and no script link", () => {
    const html = jsonToHtml(hostile);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("onclick");
  });

  it("keeps what the editor makes: headings, lists, links, tables", () => {
    const json = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Mål" }] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Ett", marks: [{ type: "bold" }] }] }] }] },
        { type: "paragraph", content: [{ type: "text", text: "ICLD", marks: [{ type: "link", attrs: { href: "https://icld.se" } }] }] },
        { type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", content: [{ type: "paragraph", content: [{ type: "text", text: "A1" }] }] }] }] },
      ],
    };
    const html = jsonToHtml(json);
    expect(html).toContain("<h2");
    expect(html).toContain("<strong>Ett</strong>");
    expect(html).toContain('href="https://icld.se"');
    expect(html).toContain("<table");
  });
});
