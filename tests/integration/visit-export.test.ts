import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { EARLIER_PROJECT_TITLE, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { signedIn, TestClient } from "../support/client";
import { documentText, unzip } from "../support/docx";

// A visit's programme with its minutes: the .docx download and the print page, in one language or two side by side.

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const TO_VASTERAS = "Jinans delegation i Västerås";
const TO_JINAN = "Västerås delegation i Jinan";
const SV_MINUTES = "Kontaktcentret har 40 medarbetare";
const ZH_MINUTES = "联络中心有40名工作人员";

let app: TestApp;
let viewer: TestClient;
let projectId: string;
let earlierProjectId: string;
let toVasteras: string;
let toJinan: string;

const path = (page: string, query: string, visitId = toVasteras, project = projectId) => `/projects/${project}/visits/${visitId}/${page}?${query}`;

async function download(query: string, visitId = toVasteras) {
  const response = await viewer.get(path("export", query, visitId));
  expect(response.status, await response.clone().text().then((body) => body.slice(0, 300))).toBe(200);
  const files = unzip(Buffer.from(await response.arrayBuffer()));
  const xml = files.get("word/document.xml")?.toString("utf8");
  if (!xml) throw new Error(`No word/document.xml in ${[...files.keys()].join(", ")}`);
  return { response, xml, text: documentText(xml) };
}

async function printPage(query: string, visitId = toVasteras) {
  const response = await viewer.get(path("print", query, visitId));
  expect(response.status).toBe(200);
  return response.text();
}

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  earlierProjectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: EARLIER_PROJECT_TITLE } } })).id;
  const visits = await prisma.visit.findMany({ where: { projectId } });
  const byTitle = (title: string) => visits.find((visit) => (visit.titles as Record<string, string>).sv === title)!.id;
  toVasteras = byTitle(TO_VASTERAS);
  toJinan = byTitle(TO_JINAN);
  viewer = await signedIn(app.url, "viewer@vasteras.example");
});
afterAll(async () => {
  await app?.close();
});

describe("the visit's programme and minutes as .docx", () => {
  it("puts Swedish and Chinese minutes side by side, with times on the host city's clock", async () => {
    const { response, xml, text } = await download("langs=sv,zh");
    expect(response.headers.get("content-type")).toBe(DOCX);
    const disposition = response.headers.get("content-disposition") ?? "";
    expect(disposition).toContain('filename="Jinans delegation i Vasteras (sv-zh).docx"');
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(`${TO_VASTERAS} (sv-zh).docx`);

    expect(text).toContain(`${TO_VASTERAS} / 济南代表团访问韦斯特罗斯`);
    expect(text).toContain("Jinans stad besöker Västerås stad / 济南市人民政府访问韦斯特罗斯市");
    expect(text).toContain("Åtta tjänstepersoner från Jinan");
    expect(text).toContain("济南八名工作人员");
    expect(text).toContain("Mei Andersson, Tolk, kinesiska–svenska, Tolkförmedlingen Västmanland");
    expect(text).toMatch(/13:00–16:00\s+Studiebesök på kontaktcentret \/ 参观联络中心/);
    expect(text).toMatch(/09:00–10:30\s+Välkomstmöte i stadshuset/);
    // Both minutes in the same table row, one cell each, under the language names.
    const table = [...xml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((match) => match[0]).find((candidate) => candidate.includes(SV_MINUTES));
    expect(table).toBeDefined();
    expect(table).toContain(ZH_MINUTES);
    const row = /<w:tr>(?:(?!<\/w:tr>).)*<\/w:tr>/gs;
    const rows = table!.match(row) ?? [];
    expect(rows.some((r) => r.includes(SV_MINUTES) && r.includes(ZH_MINUTES))).toBe(true);
    expect(documentText(table!)).toMatch(/^Svenska\n中文\n/);
    // The workshop has minutes only in Chinese: the Swedish cell says so in Swedish.
    expect(text).toContain("Ingen text på det här språket än");
    // The welcome has no minutes in either language.
    expect(text).toContain("Inget protokoll för den här punkten än. / 此日程项尚无纪要。");
  });

  it("exports only Swedish for langs=sv", async () => {
    const { xml, text } = await download("langs=sv");
    expect(text).toContain(SV_MINUTES);
    expect(text).not.toContain(ZH_MINUTES);
    expect(text).not.toContain("济南代表团访问韦斯特罗斯");
    expect(text).toMatch(/13:00–16:00\s+Studiebesök på kontaktcentret\n/);
    expect(text).toContain("Program och protokoll");
    expect(text).toContain("Tiderna gäller på klockan i Västerås");
    expect(xml).not.toContain("<w:tbl>");
  });

  it("shows a visit to Jinan on Jinan's clock, with fallbacks for missing translations", async () => {
    const { text } = await download("langs=en,zh", toJinan);
    expect(text).toMatch(/09:00–11:30\s+参观12345热线 \(in Simplified Chinese, not yet translated\)/);
    expect(text).toContain("预备说明：12345热线每天受理数万件市民诉求");
    expect(text).toContain("No text in this language yet");
    expect(text).toContain("Programme and minutes / 日程与纪要");
    expect(text).toContain("Times are on the clock of Jinan Municipal People's Government.");
    expect(text).not.toContain("13:00–16:00");
  });
});

describe("the print page", () => {
  it("shows the same content, two languages side by side", async () => {
    const html = await printPage("langs=sv,zh");
    expect(html).toContain(SV_MINUTES);
    expect(html).toContain(ZH_MINUTES);
    expect(html).toContain('class="print-columns"');
    expect(html).toMatch(/13:00–16:00<\/time>/);
    expect(html).toContain("Studiebesök på kontaktcentret");
    expect(html).toContain("Print / Save as PDF");
    expect(html).toMatch(/<link(?=[^>]*rel="stylesheet")(?=[^>]*href="[^"]*print[^"]*\.css")/);
    // The two minutes sit in one row of one table.
    const row = [...html.matchAll(/<tr>(?:(?!<\/tr>).)*<\/tr>/gs)].map((match) => match[0]).find((candidate) => candidate.includes(SV_MINUTES));
    expect(row).toContain(ZH_MINUTES);
  });

  it("shows only Swedish for langs=sv", async () => {
    const html = await printPage("langs=sv");
    expect(html).toContain(SV_MINUTES);
    expect(html).not.toContain(ZH_MINUTES);
    expect(html).not.toContain('class="print-columns"');
    expect(html).toMatch(/13:00–16:00<\/time>/);
  });
});

describe("refusals", () => {
  it("answers 400 to a bad langs parameter", async () => {
    const queries = ["", "langs=", "langs=de", "langs=SV", "langs=sv,sv", "langs=sv,zh,en", "langs=sv,", "langs=sv;zh", "lang=sv"];
    for (const page of ["export", "print"]) {
      for (const query of queries) {
        const response = await viewer.get(path(page, query));
        expect(response.status, `${page}?${query}`).toBe(400);
        expect(response.headers.get("content-type"), `${page}?${query}`).not.toBe(DOCX);
      }
    }
  });

  it("answers 404 to a member of another project, and for a visit under another project", async () => {
    const prisma = app.database.prisma;
    const other = await prisma.user.create({
      data: { email: "earlier.only@example.org", name: "Earlier Only", passwordHash: await hashPassword("demo-partnership") },
    });
    await prisma.membership.create({ data: { projectId: earlierProjectId, userId: other.id, role: "project_group" } });
    const outsider = await signedIn(app.url, "earlier.only@example.org");
    const owner = await signedIn(app.url, "owner@vasteras.example");
    for (const page of ["export", "print"]) {
      const refused = await outsider.get(path(page, "langs=sv"));
      expect(refused.status, page).toBe(404);
      expect(refused.headers.get("content-type")).not.toBe(DOCX);
      // The owner is in both projects, but this visit is not the earlier project's.
      expect((await owner.get(path(page, "langs=sv", toVasteras, earlierProjectId))).status, page).toBe(404);
      expect((await owner.get(path(page, "langs=sv", "no-such-visit"))).status, page).toBe(404);
    }
    const signedOut = await new TestClient(app.url).get(path("export", "langs=sv"));
    expect(signedOut.status).toBe(302);
  });
});
