// Project titles and organisation names in three languages (decision 021): each reader sees them
// in their own language, wherever they are shown; an owner gives them in any language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EARLIER_PROJECT_TITLE, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { visibleText } from "../support/html";

let app: TestApp;
let projectId: string;
let earlierId: string;
const clients: Record<string, TestClient> = {};
const as = (email: string) => clients[email]!;
const text = async (email: string, path: string) => {
  const response = await as(email).get(path);
  expect(response.status, path).toBe(200);
  return visibleText(await response.text());
};

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  earlierId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: EARLIER_PROJECT_TITLE } } })).id;
  for (const email of ["owner@vasteras.example", "karin@vasteras.example", "li.wei@jinan.example", "viewer@vasteras.example"]) {
    clients[email] = new TestClient(app.url);
    await clients[email].signIn(email);
  }
});
afterAll(async () => {
  await app?.close();
});

describe("project titles and organisation names", () => {
  it("Li Wei reads the project's title and the cities' names in Chinese; the Swedish original is one click away", async () => {
    const overview = await text("li.wei@jinan.example", `/projects/${projectId}`);
    // The header and the heading: the Chinese title, the Swedish original behind its toggle.
    expect(overview).toContain("通过联络中心开展居民对话——预研究 瑞典语原文");
    expect(overview).toContain("韦斯特罗斯市, 济南市人民政府");
    expect(overview).toContain("李伟 Li Wei · 济南市人民政府");
    expect(overview).toContain("Karin Berg · 韦斯特罗斯市");
    expect(await text("li.wei@jinan.example", "/projects")).toContain("通过联络中心开展居民对话——预研究");

    // The viewer reads English; the owner Swedish, where the Swedish is the original (no toggle).
    const english = await text("viewer@vasteras.example", `/projects/${projectId}`);
    expect(english).toContain("Citizen dialogue through contact centres – pre-study");
    expect(english).toContain("City of Västerås, Jinan Municipal People");
    const swedish = await text("owner@vasteras.example", `/projects/${projectId}`);
    expect(swedish).toContain("Västerås stad, Jinans stad");
    expect(swedish).not.toContain("Visa originalet");
  });

  it("the visit's host clock line names the host city in the reader's language", async () => {
    const visit = await app.database.prisma.visit.findFirstOrThrow({ where: { projectId }, include: { host: true } });
    const host = visit.host.names as Record<string, string>;
    const page = await text("li.wei@jinan.example", `/projects/${projectId}/visits/${visit.id}`);
    expect(page).toContain(`时间按${host.zh}当地时间显示`);
    expect(page).not.toContain(`时间按${host.sv}`);
    expect(await text("viewer@vasteras.example", `/projects/${projectId}/visits/${visit.id}`)).toContain(`Times are on the clock of ${host.en}`);
  });

  it("an owner gives the title in another language from the settings; emptied or over-long is refused", async () => {
    const path = `/projects/${earlierId}/settings`;
    expect((await as("karin@vasteras.example").post(path, { intent: "title", "title.zh": "不是我的项目" })).status).toBe(404);
    const saved = await as("owner@vasteras.example").post(path, { intent: "title", "title.en": "Citizen dialogue, the first partnership" });
    expect(saved.status).toBe(200);
    expect(visibleText(await saved.text())).toContain("Projektets namn är sparat.");
    const project = await app.database.prisma.project.findUniqueOrThrow({ where: { id: earlierId } });
    // What was not sent is kept; the original stays Swedish.
    expect(project.titles).toMatchObject({ sv: EARLIER_PROJECT_TITLE, en: "Citizen dialogue, the first partnership" });
    expect(project.originalLang).toBe("sv");
    expect(await app.database.prisma.auditEvent.count({ where: { projectId: earlierId, action: "project.rename" } })).toBe(1);

    const emptied = await as("owner@vasteras.example").post(path, { intent: "title", "title.sv": "", "title.zh": "", "title.en": "" });
    expect(emptied.status).toBe(400);
    expect(visibleText(await emptied.text())).toContain("Fältet måste fyllas i");
    const tooLong = await as("owner@vasteras.example").post(path, { intent: "title", "title.zh": "长".repeat(201) });
    expect(tooLong.status).toBe(400);
    expect((await app.database.prisma.project.findUniqueOrThrow({ where: { id: earlierId } })).titles).toEqual(project.titles);
  });

  it("a new project takes its title in several languages; its original is the writer's", async () => {
    const organisationIds = (await app.database.prisma.organisation.findMany()).map((organisation) => organisation.id);
    const created = await as("owner@vasteras.example").post("/projects/new", {
      "title.sv": "Digital invånardialog",
      "title.zh": "数字化居民对话",
      grantAmount: "100 000",
      currency: "SEK",
      startDate: "2027-01-01",
      endDate: "2027-12-31",
      organisationIds,
    });
    expect(created.status).toBe(302);
    const project = await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: "Digital invånardialog" } } });
    expect({ titles: project.titles, originalLang: project.originalLang }).toEqual({ titles: { sv: "Digital invånardialog", zh: "数字化居民对话" }, originalLang: "sv" });
  });
});

describe("a submission's summary and a decision's comment", () => {
  it("a summary given in Swedish and Chinese reads in Chinese for Li Wei, the Swedish original one click away; his comment in Chinese and English reads in English for the viewer", async () => {
    const prisma = app.database.prisma;
    const milestone = (await prisma.milestone.findMany({ where: { projectId } })).find((one) => (one.titles as Record<string, string>).sv === "Rapport om Hotline 12345")!;
    const path = `/projects/${projectId}/milestones/${milestone.id}`;
    const submitted = await as("karin@vasteras.example").post(path, { intent: "submit", "summary.sv": "Rapporten är klar för granskning.", "summary.zh": "报告已可供审阅。" });
    expect(submitted.status).toBe(200);
    const round = await prisma.approvalRequest.findFirstOrThrow({ where: { milestoneId: milestone.id } });
    expect({ summary: round.summary, summaryLang: round.summaryLang }).toEqual({ summary: { sv: "Rapporten är klar för granskning.", zh: "报告已可供审阅。" }, summaryLang: "sv" });

    expect(await text("li.wei@jinan.example", path)).toContain("报告已可供审阅。 瑞典语原文");
    // The English reader has no English: the Swedish original, marked.
    expect(await text("viewer@vasteras.example", path)).toContain("Rapporten är klar för granskning. (in Swedish, not translated yet)");
    // Li Wei's notice carries the summary in Chinese.
    const notice = await prisma.notification.findFirstOrThrow({ where: { kind: "awaiting_decision", user: { email: "li.wei@jinan.example" }, link: path } });
    expect((notice.params as Record<string, string>).detail).toBe("报告已可供审阅。");

    const decided = await as("li.wei@jinan.example").post(path, { intent: "decide", requestId: round.id, kind: "request_changes", "comment.zh": "请补充接听数据。", "comment.en": "Please add the call figures." });
    expect(decided.status).toBe(200);
    const decision = await prisma.decision.findFirstOrThrow({ where: { requestId: round.id } });
    expect({ comment: decision.comment, commentLang: decision.commentLang }).toEqual({ comment: { zh: "请补充接听数据。", en: "Please add the call figures." }, commentLang: "zh" });
    expect(await text("viewer@vasteras.example", path)).toContain("Please add the call figures. Original in Simplified Chinese");
    // Karin, who submitted, hears of it with the comment in the original: no Swedish was given.
    const heard = await prisma.notification.findFirstOrThrow({ where: { kind: "decision", user: { email: "karin@vasteras.example" }, link: path } });
    expect((heard.params as Record<string, string>).detail).toBe("请补充接听数据。");
  });

  it("a summary empty in every language, or over-long, is refused; a change request needs a comment in some language", async () => {
    const prisma = app.database.prisma;
    const milestone = (await prisma.milestone.findMany({ where: { projectId } })).find((one) => (one.titles as Record<string, string>).sv === "Slutrapport till ICLD")!;
    const path = `/projects/${projectId}/milestones/${milestone.id}`;
    const empty = await as("karin@vasteras.example").post(path, { intent: "submit", "summary.sv": "  ", "summary.zh": "", "summary.en": "" });
    expect(empty.status).toBe(400);
    expect(visibleText(await empty.text())).toContain("Skriv en sammanfattning för styrgruppen.");
    const tooLong = await as("karin@vasteras.example").post(path, { intent: "submit", "summary.sv": "Kort.", "summary.en": "x".repeat(5001) });
    expect(tooLong.status).toBe(400);
    expect(await prisma.approvalRequest.count({ where: { milestoneId: milestone.id } })).toBe(0);
  });
});

describe("comments and replies", () => {
  it("a comment written by Li Wei in Chinese with an English version reads in English for the viewer; mentions, notices and search follow", async () => {
    const prisma = app.database.prisma;
    const section = await prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "background" } });
    const path = `/projects/${projectId}/plan/${section.id}`;
    const anchor = Buffer.from([0, 1, 2]).toString("base64");
    // On the Swedish text (the column), in Chinese, with an English version.
    const posted = await as("li.wei@jinan.example").post(path, {
      intent: "comment",
      lang: "sv",
      "body.zh": "@Olof Viewer 请补充热线的接听数据。",
      "body.en": "@Olof Viewer please add the hotline's call figures.",
      quote: "Hotline 12345",
      anchorStart: anchor,
      anchorEnd: anchor,
    });
    expect(posted.status).toBe(200);
    const comment = await prisma.comment.findFirstOrThrow({ where: { sectionId: section.id, quote: "Hotline 12345" } });
    expect({ lang: comment.lang, body: comment.body, bodyLang: comment.bodyLang }).toEqual({
      lang: "sv",
      body: { zh: "@Olof Viewer 请补充热线的接听数据。", en: "@Olof Viewer please add the hotline's call figures." },
      bodyLang: "zh",
    });
    const viewer = await prisma.user.findUniqueOrThrow({ where: { email: "viewer@vasteras.example" } });
    expect(comment.mentions).toEqual([viewer.id]);

    const english = visibleText((await (await as("viewer@vasteras.example").get(`${path}?left=sv`)).text()).replace(/&#x27;/g, "'"));
    expect(english).toContain("@Olof Viewer please add the hotline's call figures. Original in Simplified Chinese");
    // Karin has no Swedish: the Chinese original, marked.
    const swedish = visibleText(await (await as("karin@vasteras.example").get(`${path}?left=sv`)).text());
    expect(swedish).toContain("@Olof Viewer 请补充热线的接听数据。 (på förenklad kinesiska, inte översatt än)");
    // The one mentioned hears of it in English.
    const notice = await prisma.notification.findFirstOrThrow({ where: { kind: "mention", userId: viewer.id } });
    expect((notice.params as Record<string, string>).detail).toBe("@Olof Viewer please add the hotline's call figures.");
    // Found by its words in either language, each indexed as that language.
    const entries = await prisma.searchEntry.findMany({ where: { kind: "comment", entityId: comment.id }, select: { lang: true } });
    expect(entries.map((entry) => entry.lang).sort()).toEqual(["en", "zh"]);
    const search = visibleText(await (await as("viewer@vasteras.example").get(`/projects/${projectId}/search?q=${encodeURIComponent("figures")}`)).text());
    expect(search).toContain("call figures");

    // Karin replies in Swedish only; empty in every language is refused.
    expect((await as("karin@vasteras.example").post(path, { intent: "reply", threadId: comment.id, "body.sv": "", "body.zh": "  " })).status).toBe(400);
    expect((await as("karin@vasteras.example").post(path, { intent: "reply", threadId: comment.id, "body.sv": "Jag lägger till siffrorna." })).status).toBe(200);
    const reply = await prisma.comment.findFirstOrThrow({ where: { threadId: comment.id } });
    expect({ body: reply.body, bodyLang: reply.bodyLang, lang: reply.lang }).toEqual({ body: { sv: "Jag lägger till siffrorna." }, bodyLang: "sv", lang: "sv" });
  });
});
