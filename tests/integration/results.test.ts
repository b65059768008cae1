import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { listLedger } from "~/budget/ledger.server";
import { formatMinor, fromDecimalString, sum } from "~/budget/money";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { signedIn, TestClient } from "../support/client";

let app: TestApp;
let projectId: string;
let categories: Record<string, string>;
let toVasteras: string;
const clients: Record<string, TestClient> = {};
const as = (email: string) => clients[email]!;
const page = () => `/projects/${projectId}/results`;
const visibleText = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'").replace(/&nbsp;|\s+/g, " ").replace(/\u202f|\u00a0/g, " ");
const resultsEvents = () => app.database.prisma.auditEvent.count({ where: { projectId, action: { startsWith: "results." } } });

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  // The demo workspace has the pre-study's results matrix.
  await prisma.resultsFramework.findUniqueOrThrow({ where: { projectId } });
  categories = Object.fromEntries((await prisma.costCategory.findMany({ where: { projectId } })).map((category) => [category.key, category.id]));
  toVasteras = (await prisma.visit.findFirstOrThrow({ where: { projectId, titles: { path: ["sv"], equals: "Jinans delegation i Västerås" } } })).id;
  await prisma.user.create({ data: { email: "outsider@example.org", name: "Outsider", passwordHash: await hashPassword("demo-partnership") } });
  for (const email of ["karin@vasteras.example", "wang.fang@jinan.example", "erik@vasteras.example", "viewer@vasteras.example", "li.wei@jinan.example", "outsider@example.org"]) {
    clients[email] = await signedIn(app.url, email);
  }
});
afterAll(async () => {
  await app?.close();
});

describe("the results matrix", () => {
  it("shows the goals in the reader's language, and the original marked where there is no translation", async () => {
    const english = await as("viewer@vasteras.example").get(page());
    expect(english.status).toBe(200);
    const text = visibleText(await english.text());
    expect(text).toContain("Invånarnas förtroende för staden och dess kontaktcenter ökar");
    // Untranslated: said once for the goals, not after each of them (decision 031).
    expect(text).toMatch(/Goals\s*These texts are in Swedish, not translated yet\.\s*Overall goal\s*Invånarnas förtroende för staden och dess kontaktcenter ökar i Västerås och Jinan\.\s*Project goal/);
    expect(text).not.toContain("(in Swedish, not translated yet)");
    expect(text).not.toContain("Add an expected result");

    const chinese = visibleText(await (await as("li.wei@jinan.example").get(page())).text());
    expect(chinese).toContain("韦斯特罗斯和济南居民对城市及其联络中心的信任不断提升");
    expect(chinese).toContain("一份经两市共同认可的");
    // Translations: their Swedish originals one click away, one button per group (the goals, each
    // result with its activities, the risks), not one per field; the project's title in the header
    // is a name there, without its original (decision 028).
    expect(chinese).toMatch(/目标\s*瑞典语原文\s*总体目标/);
    expect(chinese).not.toContain("信任不断提升。 瑞典语原文");
    const results = await app.database.prisma.expectedResult.count({ where: { projectId } });
    expect(chinese.split("瑞典语原文").length - 1).toBe(1 + results + 1);
    expect(chinese).not.toContain("Invånarnas förtroende");
  });

  it("lets the project group edit the project goal in Swedish while the Chinese text stays", async () => {
    const prisma = app.database.prisma;
    const before = await prisma.resultsFramework.findUniqueOrThrow({ where: { projectId } });
    const response = await as("karin@vasteras.example").post(page(), {
      intent: "goals",
      "overallGoal.sv": (before.overallGoal as Record<string, string>).sv!,
      "projectGoal.sv": "En gemensam projektplan för kontaktcentret, antagen av båda städerna.",
    });
    expect(response.status).toBe(200);
    const after = await prisma.resultsFramework.findUniqueOrThrow({ where: { projectId } });
    expect((after.projectGoal as Record<string, string>).sv).toBe("En gemensam projektplan för kontaktcentret, antagen av båda städerna.");
    expect((after.projectGoal as Record<string, string>).zh).toBe((before.projectGoal as Record<string, string>).zh);
    expect(after.overallGoal).toEqual(before.overallGoal);
    expect(await prisma.auditEvent.count({ where: { projectId, action: "results.update" } })).toBe(1);
  });

  it("adds a result and an activity linked to a visit and a budget category, and shows what it cost", async () => {
    const prisma = app.database.prisma;
    const karin = as("karin@vasteras.example");
    const added = await karin.post(page(), {
      intent: "addResult",
      "statement.sv": "Kontaktcentrets medarbetare har provat Jinans sätt att följa upp ärenden.",
      "indicator.sv": "Antal uppföljda ärenden",
      "baseline.sv": "0",
      "target.sv": "50",
      "verification.sv": "Kontaktcentrets ärendesystem",
    });
    expect(added.status).toBe(200);
    const result = await prisma.expectedResult.findFirstOrThrow({ where: { projectId, statement: { path: ["sv"], equals: "Kontaktcentrets medarbetare har provat Jinans sätt att följa upp ärenden." } } });
    expect(result.originalLang).toBe("sv");
    expect(result.target).toEqual({ sv: "50" });

    const activity = await karin.post(page(), {
      intent: "addActivity",
      resultId: result.id,
      "text.sv": "Uppföljning av ärenden under besöket",
      status: "under_way",
      visitId: toVasteras,
      milestoneId: "",
      budgetCategoryId: categories.accommodation!,
    });
    expect(activity.status).toBe(200);
    const row = await prisma.resultActivity.findFirstOrThrow({ where: { resultId: result.id } });
    expect(row).toMatchObject({ visitId: toVasteras, budgetCategoryId: categories.accommodation, status: "under_way", milestoneId: null });

    // The category's eligible spend, as the ledger has it.
    const ledger = await listLedger(projectId);
    const spend = sum(ledger.lines.filter((line) => line.category === "accommodation" && line.ineligible.length === 0).map((line) => fromDecimalString(line.amountSek)));
    expect(spend).toBeGreaterThan(0n);
    const html = await (await karin.get(page())).text();
    expect(html).toContain(`href="/projects/${projectId}/visits/${toVasteras}"`);
    const text = visibleText(html);
    expect(text).toContain("Jinans delegation i Västerås");
    expect(text).toContain(`Logi: ${visibleText(formatMinor(spend, "SEK", "sv"))}`);
    expect(await prisma.auditEvent.count({ where: { projectId, action: { in: ["results.result_add", "results.activity_add"] } } })).toBe(2);
  });

  it("takes a risk in several languages from a writer in a Chinese interface; each reader sees their own, the original one click away", async () => {
    const prisma = app.database.prisma;
    const added = await as("wang.fang@jinan.example").post(page(), {
      intent: "addRisk",
      kind: "risk",
      "text.zh": "口译人员不足",
      "text.sv": "För få tolkar",
      "mitigation.zh": "提前预订口译",
    });
    expect(added.status).toBe(200);
    const risk = await prisma.resultRisk.findFirstOrThrow({ where: { projectId, texts: { path: ["zh"], equals: "口译人员不足" } } });
    expect({ texts: risk.texts, mitigation: risk.mitigation, originalLang: risk.originalLang }).toEqual({
      texts: { zh: "口译人员不足", sv: "För få tolkar" },
      mitigation: { zh: "提前预订口译" },
      originalLang: "zh",
    });
    const swedish = visibleText(await (await as("karin@vasteras.example").get(page())).text());
    // The risks' originals behind one button for the group, not one after the risk.
    expect(swedish).toContain("För få tolkar");
    expect(swedish.split("Original på förenklad kinesiska").length - 1).toBe(1);
    expect(swedish).not.toContain("För få tolkar Original på förenklad kinesiska");
    expect(swedish).toContain("提前预订口译 (på förenklad kinesiska, inte översatt än)");

    // Karin adds the Swedish mitigation; the languages she does not send stay, the original stays Chinese.
    expect((await as("karin@vasteras.example").post(page(), { intent: "updateRisk", riskId: risk.id, kind: "risk", "text.sv": "För få tolkar", "mitigation.sv": "Boka tolkar i god tid" })).status).toBe(200);
    const after = await prisma.resultRisk.findUniqueOrThrow({ where: { id: risk.id } });
    expect({ texts: after.texts, mitigation: after.mitigation, originalLang: after.originalLang }).toEqual({
      texts: { zh: "口译人员不足", sv: "För få tolkar" },
      mitigation: { zh: "提前预订口译", sv: "Boka tolkar i god tid" },
      originalLang: "zh",
    });
    // Emptied in every language, or over-long: refused, nothing changes.
    const emptied = await as("karin@vasteras.example").post(page(), { intent: "updateRisk", riskId: risk.id, kind: "risk", "text.sv": "", "text.zh": "", "text.en": "" });
    expect(emptied.status).toBe(400);
    const tooLong = await as("karin@vasteras.example").post(page(), { intent: "updateRisk", riskId: risk.id, kind: "risk", "text.sv": "För få tolkar", "text.en": "x".repeat(1001) });
    expect(tooLong.status).toBe(400);
    expect((await prisma.resultRisk.findUniqueOrThrow({ where: { id: risk.id } })).texts).toEqual(after.texts);
  });

  it("says when a category's spend is shared by several activities", async () => {
    const text = visibleText(await (await as("viewer@vasteras.example").get(page())).text());
    // The demo links the venue category to two activities.
    expect(text).toContain("the whole category's eligible spend in the ledger, also linked to 1 other activities");
  });

  it("refuses the steering group and viewers (403) and members of other projects (404), and saves nothing", async () => {
    const prisma = app.database.prisma;
    const result = await prisma.expectedResult.findFirstOrThrow({ where: { projectId }, include: { activities: true } });
    const risk = await prisma.resultRisk.findFirstOrThrow({ where: { projectId } });
    const activityId = result.activities[0]!.id;
    const bodies: Record<string, string>[] = [
      { intent: "goals", "overallGoal.sv": "x", "projectGoal.sv": "y" },
      { intent: "addResult", "statement.sv": "x" },
      { intent: "updateResult", resultId: result.id, "statement.sv": "x" },
      { intent: "removeResult", resultId: result.id },
      { intent: "addActivity", resultId: result.id, "text.sv": "x" },
      { intent: "updateActivity", activityId, "text.sv": "x" },
      { intent: "removeActivity", activityId },
      { intent: "addRisk", kind: "risk", "text.sv": "x" },
      { intent: "updateRisk", riskId: risk.id, kind: "risk", "text.sv": "x" },
      { intent: "removeRisk", riskId: risk.id },
    ];
    const before = await resultsEvents();
    for (const body of bodies) {
      for (const email of ["erik@vasteras.example", "viewer@vasteras.example", "li.wei@jinan.example"]) {
        expect((await as(email).post(page(), body)).status, `${email} ${body.intent}`).toBe(403);
      }
      expect((await as("outsider@example.org").post(page(), body)).status, `outsider ${body.intent}`).toBe(404);
    }
    expect((await as("outsider@example.org").get(page())).status).toBe(404);
    expect(await resultsEvents()).toBe(before);
    expect(await prisma.expectedResult.count({ where: { id: result.id } })).toBe(1);
  });

  it("refuses an empty statement with a message and saves nothing", async () => {
    const prisma = app.database.prisma;
    const count = await prisma.expectedResult.count({ where: { projectId } });
    const before = await resultsEvents();
    const response = await as("karin@vasteras.example").post(page(), { intent: "addResult", "statement.sv": "   ", "indicator.sv": "Något" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Fältet måste fyllas i.");
    const result = await prisma.expectedResult.findFirstOrThrow({ where: { projectId } });
    const emptyActivity = await as("karin@vasteras.example").post(page(), { intent: "addActivity", resultId: result.id, "text.sv": "" });
    expect(emptyActivity.status).toBe(400);
    const foreignVisit = await as("karin@vasteras.example").post(page(), { intent: "addActivity", resultId: result.id, "text.sv": "x", visitId: "nope" });
    expect(foreignVisit.status).toBe(400);
    expect(await prisma.expectedResult.count({ where: { projectId } })).toBe(count);
    expect(await resultsEvents()).toBe(before);
  });
});
