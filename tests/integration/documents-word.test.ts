import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportFigures } from "~/budget/report.server";
import type { Prisma } from "~/generated/prisma/client";
import { formatDate } from "~/i18n/format";
import type { Lang } from "~/i18n/languages";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { signedIn, type TestClient } from "../support/client";
import { cjkRegions } from "../support/cjk-faces";
import { renderToPdf, type RenderedDocument } from "../support/office";
import { documentText, unzip } from "../support/docx";
import { createSnapshot } from "~/plan/versions.server";
import { decide, submitForApproval } from "~/milestones/approvals.server";

// Every Word export as its recipient sees it: LibreOffice renders it to PDF (one render per document
// and language case). The Chinese is set in a Simplified-Chinese face, every page says which page of
// how many it is, and the header names the project and both cities; the footer dates the export.

let app: TestApp;
let viewer: TestClient;
let projectId: string;
let visitId: string;
let timeZone: string;

const TITLE = { sv: PRE_STUDY_TITLE, zh: "通过联络中心开展居民对话——预研究" };
const CITIES = { sv: ["Västerås stad", "Jinans stad"], zh: ["韦斯特罗斯市", "济南市人民政府"], en: ["City of Västerås", "Jinan Municipal People's Government"] };
const PAGE = { sv: (page: number, pages: number) => `Sida ${page} av ${pages}`, zh: (page: number, pages: number) => `第 ${page} 页，共 ${pages} 页`, en: (page: number, pages: number) => `Page ${page} of ${pages}` };
const EXPORTED = { sv: "Exporterad", zh: "导出日期", en: "Exported" };

/** Text without spaces or line breaks: pdftotext lays Chinese and headers out with spaces of its own. */
const compact = (text: string) => text.replace(/\s+/g, "");

async function render(path: string, name: string): Promise<RenderedDocument> {
  const response = await viewer.get(path);
  expect(response.status, await response.clone().text().then((body) => body.slice(0, 300))).toBe(200);
  return renderToPdf(Buffer.from(await response.arrayBuffer()), "docx", name);
}

/** What every export must show on every page, in each of its languages. */
function expectHouseStyle(document: RenderedDocument, langs: Lang[], { chinese }: { chinese: boolean }) {
  // The Chinese is drawn with the Simplified-Chinese face's glyphs, never the Japanese face's. The
  // fonts' names cannot say so here: Noto CJK's collection names every subset "…CJKjp" (./cjk-faces).
  const regions = cjkRegions(document.cjkGlyphs, document.pageTexts.join("\n"));
  expect(regions.jp, JSON.stringify(document.fonts)).toBe(0);
  if (chinese) expect(regions.sc, JSON.stringify(document.fonts)).toBeGreaterThan(0);
  // Any CJK font outside that collection is named for its region.
  expect(document.fonts.filter((font) => /CJK|Hei|Song/i.test(font.name) && !/^Noto(Sans|Serif)CJK/.test(font.name) && !/SC(-|$)/.test(font.name))).toEqual([]);
  expect(document.pages).toBeGreaterThan(0);
  expect(document.pageTexts).toHaveLength(document.pages);
  const today = compact(formatDate(new Date(), langs[0]!, timeZone));
  document.pageTexts.forEach((text, index) => {
    const page = compact(text);
    for (const lang of langs) {
      expect(page, `page ${index + 1}`).toContain(compact(PAGE[lang as "sv"](index + 1, document.pages)));
      for (const city of CITIES[lang]) expect(page, `page ${index + 1}`).toContain(compact(city));
    }
    expect(page, `page ${index + 1}`).toContain(compact(TITLE[langs[0] as "sv"]));
    expect(page, `page ${index + 1}`).toContain(compact(EXPORTED[langs[0]!]));
    expect(page, `page ${index + 1}`).toContain(today);
  });
}

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  const project = await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } });
  projectId = project.id;
  TITLE.zh = (project.titles as Record<string, string>).zh ?? TITLE.zh;
  timeZone = (await prisma.user.findUniqueOrThrow({ where: { email: "viewer@vasteras.example" } })).timeZone;
  visitId = (await prisma.visit.findFirstOrThrow({ where: { projectId, titles: { path: ["sv"], equals: "Jinans delegation i Västerås" } } })).id;
  viewer = await signedIn(app.url, "viewer@vasteras.example");
});
afterAll(async () => {
  await app?.close();
});

describe("Word exports as LibreOffice renders them", () => {
  it("the plan in Swedish and Chinese side by side: a contents list, Simplified-Chinese faces, page X of Y in both languages", async () => {
    const plan = await render(`/projects/${projectId}/plan/export?lang=sv&second=zh`, "plan-sv-zh");
    expectHouseStyle(plan, ["sv", "zh"], { chinese: true });
    const first = compact(plan.pageTexts[0]!);
    expect(first).toContain("Innehåll");
    // The plan as it stands is no approved version; the document says so rather than looking final.
    expect(first).toContain(compact("Ingen version av planen är godkänd av styrgruppen än"));
  });

  it("the plan in Chinese alone", async () => {
    const plan = await render(`/projects/${projectId}/plan/export?lang=zh`, "plan-zh");
    expectHouseStyle(plan, ["zh"], { chinese: true });
    expect(compact(plan.pageTexts[0]!)).toContain("目录");
  });

  it("a visit's programme and minutes", async () => {
    const visit = await render(`/projects/${projectId}/visits/${visitId}/export?langs=sv`, "visit-sv");
    expectHouseStyle(visit, ["sv"], { chinese: false });
  });

  it("the narrative report in Chinese, a submitted version: its version, who submitted it and the budget's approval", async () => {
    const prisma = app.database.prisma;
    const owner = await prisma.user.findUniqueOrThrow({ where: { email: "owner@vasteras.example" } });
    const figures = await reportFigures(projectId, 1);
    await prisma.report.create({ data: { projectId, projectYear: 1, version: 1, figures: figures as unknown as Prisma.InputJsonValue, submittedById: owner.id } });
    const report = await render(`/projects/${projectId}/reports/1/narrative.docx?lang=zh&version=1`, "report-zh");
    expectHouseStyle(report, ["zh"], { chinese: true });
    const first = compact(report.pageTexts[0]!);
    expect(first).toContain("第1版");
    expect(first).toContain(compact(owner.name));
    // The budget it accounts for was approved by both cities' members of the steering group (the demo's).
    expect(first).toContain("指导小组");
    expect(first).toContain("Erik");
  });

  it("the narrative report in Swedish, today's draft: not submitted", async () => {
    const report = await render(`/projects/${projectId}/reports/1/narrative.docx?lang=sv`, "report-sv");
    expectHouseStyle(report, ["sv"], { chinese: false });
    expect(compact(report.pageTexts[0]!)).toContain(compact("Utkast, inte inlämnat"));
  });
});

describe("a named version of the plan as a Word document", () => {
  /** The words of the .docx: its body and its footers. */
  async function words(path: string) {
    const response = await viewer.get(path);
    expect(response.status).toBe(200);
    const files = unzip(Buffer.from(await response.arrayBuffer()));
    return [...files].filter(([name]) => /^word\/(document|footer\d*)\.xml$/.test(name)).map(([, xml]) => documentText(xml.toString("utf8"))).join("\n");
  }

  it("holds the text as it was saved, and says where the steering group stands on it", async () => {
    const prisma = app.database.prisma;
    const person = (email: string) => prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true, organisationId: true } });
    const [karin, erik, liWei] = await Promise.all([person("karin@vasteras.example"), person("erik@vasteras.example"), person("li.wei@jinan.example")]);
    const text = await prisma.richText.findFirstOrThrow({ where: { lang: "sv", text: { contains: "Hotline 12345" }, section: { projectId, removedAt: null } } });
    const saved = text.text.slice(0, 40);
    const snapshot = await createSnapshot(karin.id, projectId, "Till styrgruppen i december");
    // Today's text moves on; the version keeps what was saved.
    const later = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "En senare formulering." }] }] };
    await prisma.richText.update({ where: { id: text.id }, data: { json: later, text: "En senare formulering." } });
    const address = `/projects/${projectId}/plan/export?lang=sv&version=${snapshot.id}`;

    let document = await words(address);
    expect(document).toContain(saved);
    expect(document).not.toContain("En senare formulering.");
    expect(document).toContain("Version ”Till styrgruppen i december”");
    expect(document).toContain("är inte godkänd av styrgruppen");
    // Today's text, exported as such, has the later wording.
    expect(await words(`/projects/${projectId}/plan/export?lang=sv`)).toContain("En senare formulering.");

    const round = await submitForApproval(karin.id, projectId, { snapshotId: snapshot.id }, { summary: { sv: "Inför beslut." }, lang: "sv" });
    expect(await words(address)).toContain("inlämnad till styrgruppen; beslutet väntar");
    await decide(erik, projectId, round.id, { kind: "approve", comment: {}, lang: "sv" });
    await decide(liWei, projectId, round.id, { kind: "approve", comment: {}, lang: "zh" });
    document = await words(address);
    expect(document).toContain("godkänd av styrgruppen");
    for (const name of [erik.name, liWei.name]) expect(document).toContain(name);
    expect(await words(`/projects/${projectId}/plan/export?lang=zh&version=${snapshot.id}`)).toContain("版本“Till styrgruppen i december”");

    // A version of another project, or none, is not found.
    expect((await viewer.get(`/projects/${projectId}/plan/export?lang=sv&version=nosuchversion`)).status).toBe(404);
  });
});
