import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { visibleText } from "../support/html";

// The whole plan on one page (/plan/document): every section in order, its status per language, its
// text in one language or two side by side, for every member; nothing for anyone else.

const SV_BACKGROUND = "Västerås stad och Jinan har samarbetat sedan 2015 om invånardialog.";
const ZH_BACKGROUND = "韦斯特罗斯市与济南市自2015年起在居民对话领域开展合作。";
const SV_ACTIVITY = "Åtta tjänstepersoner från Jinan besöker Västerås i en vecka.";
const SV_TITLES = ["Bakgrund", "Problem och mål", "Målgrupper", "Aktiviteter", "Förväntade resultat och indikatorer", "Risker", "Hållbarhet", "Budgetsammanfattning"];
const ZH_TITLES = ["背景", "问题与目标", "目标群体", "活动", "预期成果与指标", "风险", "可持续性", "预算概要"];

let app: TestApp;
let projectId: string;
let sectionIds: Record<string, string>;
const clients: Record<string, TestClient> = {};
const path = () => `/projects/${projectId}/plan/document`;

async function page(who: string, query = "") {
  const response = await clients[who]!.get(`${path()}${query}`);
  expect(response.status, `${who} ${query}`).toBe(200);
  const html = await response.text();
  return { html, text: visibleText(html) };
}

/** The positions of the strings in the text, which must all be there. */
function positions(text: string, strings: string[]) {
  return strings.map((string) => {
    const at = text.indexOf(string);
    expect(at, string).toBeGreaterThanOrEqual(0);
    return at;
  });
}

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  const sections = await prisma.planSection.findMany({ where: { projectId } });
  sectionIds = Object.fromEntries(sections.map((section) => [section.kind!, section.id]));
  await prisma.user.create({ data: { email: "outsider@example.org", name: "Outsider", passwordHash: await hashPassword("demo-partnership") } });
  for (const email of ["karin@vasteras.example", "li.wei@jinan.example", "viewer@vasteras.example", "owner@vasteras.example", "outsider@example.org"]) {
    clients[email] = new TestClient(app.url);
    await clients[email].signIn(email);
  }
});
afterAll(async () => {
  await app?.close();
});

describe("the plan as one document", () => {
  it("lists every section in plan order, in the contents and in the text, with each language's status", async () => {
    const { html, text } = await page("karin@vasteras.example", "?lang=sv");
    expect(html).toContain("<title>Hela planen");
    // The contents, then the sections: each title twice, in the same order both times.
    const contents = text.slice(text.indexOf("Innehåll"));
    const first = positions(contents, SV_TITLES);
    expect([...first].sort((a, b) => a - b)).toEqual(first);
    const body = contents.slice(contents.indexOf("Budgetsammanfattning") + 1);
    const second = positions(body, SV_TITLES);
    expect([...second].sort((a, b) => a - b)).toEqual(second);
    // Each contents entry links to its section's place on the page; each section to its own page.
    for (const id of Object.values(sectionIds)) {
      expect(html).toContain(`href="#section-${id}"`);
      expect(html).toContain(`id="section-${id}"`);
      expect(html).toContain(`href="/projects/${projectId}/plan/${id}?left=sv"`);
    }
    // The texts, one language only.
    expect(text).toContain(SV_BACKGROUND);
    expect(text).toContain(SV_ACTIVITY);
    expect(text).not.toContain(ZH_BACKGROUND);
    // Status per language in the contents: the background's Swedish is the source, its Chinese up to
    // date, its English missing; the goals' Chinese needs an update.
    const entry = (title: string, next: string) => contents.slice(contents.indexOf(title), contents.indexOf(next, contents.indexOf(title) + title.length));
    expect(entry("Bakgrund", "Problem och mål")).toMatch(/SV\s*Källtext.*ZH\s*Aktuell.*EN\s*Saknas/);
    expect(entry("Problem och mål", "Målgrupper")).toMatch(/ZH\s*Behöver uppdateras/);
    // Karin edits the plan: each section offers "Edit", named for screen readers.
    expect(html).toContain('aria-label="Redigera avsnittet Bakgrund"');
  });

  it("shows two languages side by side, by default the reader's and the other city's", async () => {
    const { text } = await page("li.wei@jinan.example");
    expect(text).toContain("完整计划");
    // Chinese first, Swedish beside it, in each section.
    const background = text.slice(text.indexOf(ZH_TITLES[0]!, text.indexOf("预算概要")));
    expect(background.indexOf(ZH_BACKGROUND)).toBeGreaterThan(0);
    expect(background.indexOf(SV_BACKGROUND)).toBeGreaterThan(background.indexOf(ZH_BACKGROUND));
    // The activities have no Chinese yet: said in Chinese, the Swedish original is beside it.
    expect(text).toContain("尚无简体中文文本。");
    expect(text).toContain("瑞典语原文见旁栏。");
    // Karin's default: Swedish, then Chinese.
    const karin = await page("karin@vasteras.example");
    expect(karin.text.indexOf(SV_BACKGROUND)).toBeLessThan(karin.text.indexOf(ZH_BACKGROUND));
    expect(karin.text.indexOf(SV_BACKGROUND)).toBeGreaterThan(0);
    // Asked for: English and Chinese.
    const asked = await page("karin@vasteras.example", "?left=en&right=zh");
    expect(asked.text).toContain(ZH_BACKGROUND);
    expect(asked.text).toContain("Texten finns inte på engelska än.");
    // Swedish, the source, is not a column: it is offered where English is missing, folded.
    expect(asked.text).toContain("Visa originaltexten på svenska");
    expect(asked.html).not.toContain(`class="plan-doc-lang" lang="sv"`);
    expect(asked.html).toContain(`class="plan-doc-lang" lang="en"`);
    // "Only one language" from the chooser (an empty right).
    const one = await page("karin@vasteras.example", "?left=zh&right=");
    expect(one.text).toContain(ZH_BACKGROUND);
    expect(one.text).not.toContain(SV_BACKGROUND);
  });

  it("offers the original where a translation is missing and the original is not shown", async () => {
    const { html, text } = await page("li.wei@jinan.example", "?lang=zh");
    expect(text).toContain("显示瑞典语原文");
    // The Swedish activities are there, behind the offer, marked as Swedish.
    expect(html).toMatch(/<details class="plan-doc-original">.*?<div class="prose plan-doc-text" lang="sv">.*?Åtta tjänstepersoner/s);
    expect(text).not.toContain(SV_BACKGROUND);
  });

  it("is read by a viewer, without edit controls, and linked from the plan page", async () => {
    const { html, text } = await page("viewer@vasteras.example");
    expect(text).toContain("The whole plan");
    // English with Chinese (the other city's language) beside it.
    expect(text).toContain(ZH_BACKGROUND);
    expect(text).toContain("No text in English yet.");
    expect(html).not.toContain("Edit the section");
    expect(html).toContain('aria-label="Open the section Background"');
    const plan = await (await clients["viewer@vasteras.example"]!.get(`/projects/${projectId}/plan`)).text();
    expect(plan).toContain(`href="${path()}"`);
    expect(plan).toContain("Read the whole plan as one document");
    // A section's page leads back to its place in the document, in the same languages.
    const section = await (await clients["karin@vasteras.example"]!.get(`/projects/${projectId}/plan/${sectionIds.risks}?left=zh&right=sv`)).text();
    expect(section).toContain(`href="${path()}?left=zh&amp;right=sv#section-${sectionIds.risks}"`);
  });

  it("answers 404 to someone outside the project and sends a signed-out visitor to sign in", async () => {
    const refused = await clients["outsider@example.org"]!.get(path());
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain(SV_BACKGROUND);
    const signedOut = await new TestClient(app.url).get(path());
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("falls back to the defaults on bad parameters, never an error", async () => {
    const queries = [
      "?lang=de",
      "?lang=SV",
      "?lang=",
      "?left=fr&right=xx",
      "?left=sv&right=sv",
      "?left=%00&right=%00",
      "?lang=%3Cscript%3E",
      "?left=sv&left=zh&right=en&right=de",
      "?lang=sv&lang=zh",
      `?right=${"x".repeat(10_000)}`,
      "?left[]=sv",
      "?%E0%A4%A=1",
    ];
    for (const query of queries) {
      const response = await clients["owner@vasteras.example"]!.get(`${path()}${query}`);
      expect(response.status, query).toBe(200);
      const text = visibleText(await response.text());
      // The background in one of the languages asked for, or the defaults.
      expect(text, query).toMatch(/Västerås stad och Jinan har samarbetat|韦斯特罗斯市与济南市自2015年/);
      expect(text, query).toContain("Innehåll");
    }
    // Two the same: the reader's language with the other city's beside it.
    const same = await page("owner@vasteras.example", "?left=sv&right=sv");
    expect(same.text).toContain(ZH_BACKGROUND);
  });
});
