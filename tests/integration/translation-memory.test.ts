// The translation memory (decision 019): confirmed translations feed it — a plan section's
// paragraphs when a translation is marked up to date, a short text's translation when it is
// saved, the glossary — and the project's translators are offered them again; nobody else is.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemorySuggestion } from "~/translation/memory";
import { EARLIER_PROJECT_TITLE, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";

let app: TestApp;
let projectId: string;
let earlierId: string;
const clients: Record<string, TestClient> = {};
const as = (email: string) => clients[email]!;
const errors = (lang: string) => JSON.parse(readFileSync(`locales/${lang}/errors.json`, "utf8")) as Record<string, string>;

beforeAll(async () => {
  app = await startTestApp();
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  earlierId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: EARLIER_PROJECT_TITLE } } })).id;
  for (const email of ["karin@vasteras.example", "wang.fang@jinan.example", "zhang.min@jinan.example", "li.wei@jinan.example", "viewer@vasteras.example"]) {
    clients[email] = new TestClient(app.url);
    await clients[email].signIn(email);
  }
});
afterAll(async () => {
  await app?.close();
});

type Answer = { texts: string[]; suggestions: MemorySuggestion[][] };

async function ask(email: string, from: string, to: string, texts: string[], project = projectId) {
  const body = new FormData();
  body.set("from", from);
  body.set("to", to);
  for (const text of texts) body.append("text", text);
  return as(email).post(`/projects/${project}/memory`, body);
}

async function suggestions(email: string, from: string, to: string, texts: string[]) {
  const response = await ask(email, from, to, texts);
  expect(response.status).toBe(200);
  return ((await response.json()) as Answer).suggestions;
}

describe("the translation memory", () => {
  it("holds the demo's confirmed plan text and glossary", async () => {
    const [background, term, unknown] = await suggestions("wang.fang@jinan.example", "sv", "zh", [
      "Jinans Hotline 12345 betjänar nästan sju miljoner invånare med flera hundra medarbetare. Förstudien undersöker vad städerna kan lära av varandra.",
      "Kontaktcenter",
      "Ett stycke som ingen har översatt.",
    ]);
    expect(background![0]).toMatchObject({ exact: true, target: "济南12345热线以数百名工作人员服务近七百万居民。本预研究探讨两市可以相互借鉴的经验。" });
    expect(term![0]).toMatchObject({ exact: true, target: "联络中心" });
    expect(unknown).toEqual([]);
  });

  it("learns a plan section's paragraphs when its translation is marked up to date", async () => {
    const goal = "Målet är att invånarnas synpunkter via kontaktcenter ska nå beslutsfattarna och påverka den kommunala verksamheten.";
    expect((await suggestions("wang.fang@jinan.example", "sv", "zh", [goal]))[0]!.filter((s) => s.exact)).toEqual([]);
    const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "problemAndGoals" } });
    const confirmed = await as("wang.fang@jinan.example").post(`/projects/${projectId}/plan/${section.id}`, { intent: "confirm", lang: "zh" });
    expect(confirmed.status).toBeLessThan(400);
    const [exact] = await suggestions("karin@vasteras.example", "sv", "zh", [goal]);
    expect(exact![0]).toMatchObject({ exact: true, score: 1, target: "目标是使居民通过联络中心提出的意见能够传达给决策者，并影响市政工作。" });
    // A close sentence is offered with what differs marked.
    const [close] = await suggestions("karin@vasteras.example", "sv", "zh", [goal.replace("den kommunala verksamheten", "den kommunala budgeten")]);
    expect(close![0]!.exact).toBe(false);
    expect(close![0]!.score).toBeGreaterThan(0.8);
    expect(close![0]!.diff).toContainEqual({ text: "verksamheten", op: "delete" });
    expect(close![0]!.diff).toContainEqual({ text: "budgeten", op: "insert" });
  });

  it("learns a milestone's Chinese title when it is saved, and offers it to the project's translators", async () => {
    const milestone = await app.database.prisma.milestone.findFirstOrThrow({ where: { projectId, status: "planned", originalLang: "sv" } });
    const title = (milestone.titles as Record<string, string>).sv!;
    const saved = await as("wang.fang@jinan.example").post(`/projects/${projectId}/milestones/${milestone.id}`, {
      intent: "update",
      "title.zh": "预研究中期报告",
      "description.sv": "",
      dueDate: milestone.dueDate.toISOString().slice(0, 10),
      meetingTime: "",
      meetingZone: "Europe/Stockholm",
      ownerId: "",
    });
    expect(saved.status).toBeLessThan(400);
    const segment = await app.database.prisma.translationSegment.findFirstOrThrow({ where: { projectId, sourceLang: "sv", targetLang: "zh", sourceText: title } });
    expect(segment).toMatchObject({ targetText: "预研究中期报告", origin: "short_text" });
    const [found] = await suggestions("zhang.min@jinan.example", "sv", "zh", [title]);
    expect(found![0]).toMatchObject({ exact: true, target: "预研究中期报告" });
    // The reverse direction is another pair, not learned from this save.
    expect((await suggestions("karin@vasteras.example", "zh", "sv", ["预研究中期报告"]))[0]).toEqual([]);
  });

  it("is refused to the steering group, viewers and non-members, and says why to bad questions", async () => {
    for (const email of ["viewer@vasteras.example", "li.wei@jinan.example"]) {
      const refused = await ask(email, "sv", "zh", ["Kontaktcenter"]);
      expect(refused.status, email).toBe(403);
      expect(await refused.text()).not.toContain("联络中心");
    }
    // Karin is no member of the earlier project: it does not exist for her.
    expect((await ask("karin@vasteras.example", "sv", "zh", ["Kontaktcenter"], earlierId)).status).toBe(404);

    const bad: [string, FormData | Record<string, string>, string][] = [
      ["same language", { from: "sv", to: "sv", text: "Kontaktcenter" }, "invalid"],
      ["no text", { from: "sv", to: "zh" }, "required"],
      ["unknown language", { from: "fi", to: "zh", text: "Kontaktcenter" }, "invalid"],
      ["too long", { from: "sv", to: "zh", text: "å".repeat(1001) }, "tooLong"],
      ["NUL", { from: "sv", to: "zh", text: "Kontakt\u0000center" }, "controlCharacters"],
    ];
    const tooMany = new FormData();
    tooMany.set("from", "sv");
    tooMany.set("to", "zh");
    for (let i = 0; i < 101; i++) tooMany.append("text", `Stycke ${i}`);
    bad.push(["too many texts", tooMany, "invalid"]);
    for (const [what, body, key] of bad) {
      const response = await as("karin@vasteras.example").post(`/projects/${projectId}/memory`, body);
      expect(response.status, what).toBe(400);
      expect(((await response.json()) as { message: string }).message, what).toBe(errors("sv")[key]);
    }
  });
});
