import type { JSONContent } from "@tiptap/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { jsonToText, jsonToYdocUpdate } from "~/editor/content.server";
import type { Lang } from "~/i18n/languages";
import { hashText } from "~/editor/rich-text.server";
import { EARLIER_PROJECT_TITLE, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { documentText, unzip } from "../support/docx";

// The plan's export: the .docx download and the print page, from the stored JSON only.

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const SV_BACKGROUND = "Västerås stad och Jinan har samarbetat sedan 2015 om invånardialog.";
const ZH_BACKGROUND = "韦斯特罗斯市与济南市自2015年起在居民对话领域开展合作。";
const SV_TITLES = [
  "Bakgrund",
  "Problem och mål",
  "Målgrupper",
  "Aktiviteter",
  "Förväntade resultat och indikatorer",
  "Risker",
  "Hållbarhet",
  "Budgetsammanfattning",
];

let app: TestApp;
let karin: TestClient;
let owner: TestClient;
let projectId: string;
let sectionIds: Record<string, string>;
let earlierSectionId: string;

async function download(client: TestClient, query: string) {
  const response = await client.get(`/projects/${projectId}/plan/export?${query}`);
  expect(response.status, await response.clone().text().then((body) => body.slice(0, 300))).toBe(200);
  const files = unzip(Buffer.from(await response.arrayBuffer()));
  const xml = files.get("word/document.xml")?.toString("utf8");
  if (!xml) throw new Error(`No word/document.xml in ${[...files.keys()].join(", ")}`);
  return { response, files, xml, text: documentText(xml) };
}

async function writeText(sectionId: string, lang: Lang, json: JSONContent) {
  const text = jsonToText(json);
  const data = { json: json as object, text, textHash: hashText(text), ydoc: jsonToYdocUpdate(json) as Uint8Array<ArrayBuffer> };
  await app.database.prisma.richText.upsert({
    where: { sectionId_lang: { sectionId, lang } },
    create: { sectionId, lang, ...data },
    update: data,
  });
}

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  const sections = await prisma.planSection.findMany({ where: { projectId } });
  sectionIds = Object.fromEntries(sections.map((section) => [section.kind!, section.id]));
  const earlier = await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: EARLIER_PROJECT_TITLE } } });
  earlierSectionId = (await prisma.planSection.findFirstOrThrow({ where: { projectId: earlier.id } })).id;
  await prisma.user.create({
    data: { email: "outsider@example.org", name: "Outsider", passwordHash: await hashPassword("demo-partnership") },
  });
  karin = new TestClient(app.url);
  await karin.signIn("karin@vasteras.example");
  owner = new TestClient(app.url);
  await owner.signIn("owner@vasteras.example");
});
afterAll(async () => {
  await app?.close();
});

describe("the plan as .docx", () => {
  it("downloads the whole plan in Swedish for a member, with a file name in UTF-8 and ASCII", async () => {
    const { response, files, text } = await download(karin, "lang=sv");
    expect(response.headers.get("content-type")).toBe(DOCX);
    const disposition = response.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.docx"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|#-]+$/);
    expect(disposition).toContain('filename="Invanardialog via kontaktcenter - forstudie (sv).docx"');
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(`${PRE_STUDY_TITLE} (sv).docx`);
    expect(files.has("[Content_Types].xml")).toBe(true);

    expect(text).toContain(PRE_STUDY_TITLE);
    expect(text).toContain("Projektplan");
    expect(text).toContain(SV_BACKGROUND);
    for (const title of SV_TITLES) expect(text.split("\n"), title).toContain(title);
    // In plan order.
    const positions = SV_TITLES.map((title) => text.split("\n").indexOf(title));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The activities' heading and bullet list; empty sections say so in Swedish.
    expect(text).toContain("Utbytesbesök");
    expect(text).toContain("Åtta tjänstepersoner från Jinan besöker Västerås i en vecka.");
    expect(text).toContain("Ingen text på det här språket än");
    expect(text).not.toContain(ZH_BACKGROUND);
  });

  it("puts two languages side by side in a table per section", async () => {
    const { response, xml, text } = await download(karin, "lang=sv&second=zh");
    expect(decodeURIComponent(response.headers.get("content-disposition")!.split("filename*=UTF-8''")[1]!)).toBe(`${PRE_STUDY_TITLE} (sv-zh).docx`);
    expect(text).toContain(SV_BACKGROUND);
    expect(text).toContain(ZH_BACKGROUND);
    expect(text).toContain("Bakgrund / 背景");
    // The project's title in both languages, as the plan's own title.
    expect(text).toContain(`${PRE_STUDY_TITLE} / 通过联络中心开展居民对话——预研究`);
    expect(text).toContain("Svenska");
    expect(text).toContain("中文");
    // The activities have no Chinese text yet: the note is in Chinese.
    expect(text).toContain("此语言尚无文本");
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(8);
  });

  it("exports only the chosen sections", async () => {
    const { text } = await download(karin, `lang=sv&sections=${sectionIds.activities}`);
    expect(text).toContain("Aktiviteter");
    expect(text).toContain("Utbytesbesök");
    expect(text).not.toContain("Bakgrund");
    expect(text).not.toContain(SV_BACKGROUND);
    const two = await download(karin, `lang=en&sections=${sectionIds.risks},${sectionIds.background}`);
    // Plan order, whatever the order asked for.
    expect(two.text.split("\n").filter((line) => line === "Background" || line === "Risks")).toEqual(["Background", "Risks"]);
    expect(two.text).not.toContain("Activities");
    expect(two.text).toContain("No text in this language yet");
  });

  it("converts formatting, links, nested lists, tables and line breaks", async () => {
    const text = (value: string, marks?: JSONContent["marks"]): JSONContent => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
    const paragraph = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
    const item = (...content: JSONContent[]): JSONContent => ({ type: "listItem", content });
    await writeText(sectionIds.risks!, "en", {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 3 }, content: [text("Main risks")] },
        paragraph(
          text("Bold", [{ type: "bold" }]),
          text(" and "),
          text("italic", [{ type: "italic" }]),
          text(" and "),
          text("struck", [{ type: "strike" }]),
          { type: "hardBreak" },
          text("next line, "),
          text("see ICLD", [{ type: "link", attrs: { href: "https://icld.se/en/" } }]),
          text(" or "),
          text("this", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]),
        ),
        {
          type: "orderedList",
          attrs: { start: 1 },
          content: [
            item(paragraph(text("First risk")), { type: "bulletList", content: [item(paragraph(text("Nested point")))] }),
            item(paragraph(text("Second risk"))),
          ],
        },
        {
          type: "table",
          content: [
            { type: "tableRow", content: [{ type: "tableHeader", content: [paragraph(text("Risk"))] }, { type: "tableHeader", content: [paragraph(text("Likelihood"))] }] },
            { type: "tableRow", content: [{ type: "tableCell", content: [paragraph(text("Staff turnover"))] }, { type: "tableCell", content: [paragraph(text("Medium"))] }] },
          ],
        },
      ],
    });
    const { xml, text: visible, files } = await download(karin, `lang=en&sections=${sectionIds.risks}`);
    expect(visible).toContain("Main risks");
    expect(xml).toMatch(/<w:pStyle w:val="Heading3"\/>/);
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*<w:t[^>]*>Bold<\/w:t>/s);
    expect(xml).toMatch(/<w:i\/>(?:(?!<\/w:r>).)*<w:t[^>]*>italic<\/w:t>/s);
    expect(xml).toMatch(/<w:strike\/>(?:(?!<\/w:r>).)*<w:t[^>]*>struck<\/w:t>/s);
    expect(xml).toContain("<w:br/>");
    // The safe link is a hyperlink to its address; the script link is plain text.
    const hyperlink = /<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>(?:(?!<\/w:hyperlink>).)*see ICLD/s.exec(xml);
    expect(hyperlink).not.toBeNull();
    const rels = files.get("word/_rels/document.xml.rels")!.toString("utf8");
    expect(rels).toMatch(new RegExp(`Id="${hyperlink![1]}"[^>]*Target="https://icld.se/en/"|Target="https://icld.se/en/"[^>]*Id="${hyperlink![1]}"`));
    expect(rels).not.toContain("javascript:");
    expect(visible).toContain("this");
    // Numbered and nested bulleted list items.
    expect((xml.match(/<w:numPr>/g) ?? []).length).toBe(3);
    expect(xml).toMatch(/<w:ilvl w:val="1"\/>(?:(?!<\/w:p>).)*Nested point/s);
    const numbering = files.get("word/numbering.xml")!.toString("utf8");
    expect(numbering).toContain('w:val="decimal"');
    expect(numbering).toContain('w:val="bullet"');
    expect(visible).toContain("Staff turnover");
    expect(xml).toContain("<w:tbl>");
  });

  it("answers 404 to a non-member and sends a signed-out visitor to sign in", async () => {
    const outsider = new TestClient(app.url);
    await outsider.signIn("outsider@example.org");
    const refused = await outsider.get(`/projects/${projectId}/plan/export?lang=sv`);
    expect(refused.status).toBe(404);
    expect(refused.headers.get("content-type")).not.toBe(DOCX);
    const signedOut = await new TestClient(app.url).get(`/projects/${projectId}/plan/export?lang=sv`);
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    for (const page of ["export", "print"]) {
      expect((await outsider.get(`/projects/${projectId}/plan/${page}?lang=sv`)).status).toBe(404);
    }
  });

  it("answers 400 to a bad language or a section that is not in the plan", async () => {
    await app.database.prisma.planSection.create({
      data: { projectId, kind: null, titles: { sv: "Borttaget" }, titleLang: "sv", position: 99, sourceLang: "sv", removedAt: new Date() },
    });
    const removed = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId, removedAt: { not: null } } });
    const queries = [
      "",
      "lang=de",
      "lang=SV",
      "lang=sv&second=sv",
      "lang=sv&second=fr",
      `lang=sv&sections=${earlierSectionId}`,
      `lang=sv&sections=${sectionIds.background},${earlierSectionId}`,
      `lang=sv&sections=${removed.id}`,
      "lang=sv&sections=does-not-exist",
      "lang=sv&sections=",
      "lang=sv&sections=%3Cscript%3E",
    ];
    for (const page of ["export", "print"]) {
      for (const query of queries) {
        const response = await owner.get(`/projects/${projectId}/plan/${page}?${query}`);
        expect(response.status, `${page}?${query}`).toBe(400);
        expect(response.headers.get("content-type"), `${page}?${query}`).not.toBe(DOCX);
      }
    }
    // The owner is a member of the earlier project: its sections export there.
    const earlier = await app.database.prisma.planSection.findUniqueOrThrow({ where: { id: earlierSectionId } });
    const there = await owner.get(`/projects/${earlier.projectId}/plan/export?lang=zh&sections=${earlierSectionId}`);
    expect(there.status).toBe(200);
  });
});

describe("the print page", () => {
  it("shows one language, or two side by side, with a print button and print styles", async () => {
    const one = await karin.get(`/projects/${projectId}/plan/print?lang=sv`);
    expect(one.status).toBe(200);
    const html = await one.text();
    expect(html).toContain(SV_BACKGROUND);
    expect(html).toContain("Bakgrund");
    expect(html).toContain("Skriv ut / spara som PDF");
    expect(html).toMatch(/<link(?=[^>]*rel="stylesheet")(?=[^>]*href="[^"]*print[^"]*\.css")/);
    expect(html).not.toContain(ZH_BACKGROUND);

    const two = await karin.get(`/projects/${projectId}/plan/print?lang=sv&second=zh&sections=${sectionIds.background},${sectionIds.activities}`);
    expect(two.status).toBe(200);
    const both = await two.text();
    expect(both).toContain(SV_BACKGROUND);
    expect(both).toContain(ZH_BACKGROUND);
    expect(both).toContain("此语言尚无文本");
    expect(both).toContain('class="print-columns"');
    expect(both).not.toContain("Problem och mål");
  });

  it("escapes markup typed into a text, in the page and in the .docx", async () => {
    await writeText(sectionIds.targetGroups!, "sv", {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Invånare <script>alert(1)</script> & företag" }] }],
    });
    const response = await karin.get(`/projects/${projectId}/plan/print?lang=sv&sections=${sectionIds.targetGroups}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)</script>");
    const { xml, text } = await download(karin, `lang=sv&sections=${sectionIds.targetGroups}`);
    expect(text).toContain("Invånare <script>alert(1)</script> & företag");
    expect(xml).not.toContain("<script>");
  });

  it("is offered on the plan page with the .docx download", async () => {
    const response = await karin.get(`/projects/${projectId}/plan`);
    const html = await response.text();
    // HTML attribute names are case-insensitive; React writes formAction.
    expect(html.toLowerCase()).toContain(`formaction="/projects/${projectId}/plan/export"`.toLowerCase());
    expect(html.toLowerCase()).toContain(`formaction="/projects/${projectId}/plan/print"`.toLowerCase());
    expect(html).toContain("Ladda ned .docx");
    expect((html.match(/name="sections"/g) ?? []).length).toBe(8);
  });
});
