// The translate button beside a comment, a decision or a summary in another language: a machine
// draft for reading, from the configured provider (here a local stand-in that answers as
// LibreTranslate's published API does), for texts the reader may read, stored nowhere.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config, parseConfig, setConfig } from "~/config.server";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { startLibreTranslateStandIn, type StandIn } from "../support/translation-stand-ins";

let app: TestApp;
let provider: StandIn;
let projectId: string;
const clients: Record<string, TestClient> = {};
const as = (email: string) => clients[email]!;
const errors = (lang: string) => JSON.parse(readFileSync(`locales/${lang}/errors.json`, "utf8")) as Record<string, string>;

beforeAll(async () => {
  provider = await startLibreTranslateStandIn();
  app = await startTestApp({ env: { TRANSLATION_PROVIDER: "libretranslate", TRANSLATION_URL: provider.url } });
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  for (const email of ["karin@vasteras.example", "li.wei@jinan.example", "viewer@vasteras.example"]) {
    clients[email] = new TestClient(app.url);
    await clients[email].signIn(email);
  }
});
afterAll(async () => {
  await app?.close();
  await provider?.close();
});

const translate = (email: string, fields: Record<string, string>) => as(email).post(`/projects/${projectId}/translate`, fields);

describe("the translate button", () => {
  it("gives Karin a Swedish draft of Li Wei's Chinese decision, and stores nothing", async () => {
    const decision = await app.database.prisma.decision.findFirstOrThrow({ where: { commentLang: "zh", NOT: { comment: { equals: {} } }, request: { projectId, milestoneId: { not: null } } } });
    const request = await app.database.prisma.approvalRequest.findUniqueOrThrow({ where: { id: decision.requestId } });
    // The milestone's page offers it to Karin, in Swedish; not to Li Wei, who wrote it.
    const page = `/projects/${projectId}/milestones/${request.milestoneId}`;
    expect(await (await as("karin@vasteras.example").get(page)).text()).toContain("Översätt till svenska");
    expect(await (await as("li.wei@jinan.example").get(page)).text()).not.toContain("翻译成中文");

    const before = await app.database.prisma.auditEvent.count();
    const response = await translate("karin@vasteras.example", { kind: "decision", id: decision.id, to: "sv" });
    expect(response.status).toBe(200);
    const written = (decision.comment as Record<string, string>).zh;
    expect(await response.text()).toContain(`〈sv〉${written}`);
    const sent = provider.requests.filter((recorded) => recorded.path === "/translate").at(-1)!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ q: [written], source: "zh-Hans", target: "sv" });
    expect(provider.violations).toEqual([]);
    expect(await app.database.prisma.auditEvent.count()).toBe(before);
  });

  it("drafts a summary from its original for a reader whose language no one gave, and offers none where it was given", async () => {
    // The demo's pending round: its summary in Swedish and Chinese, no English.
    const request = await app.database.prisma.approvalRequest.findFirstOrThrow({ where: { projectId, status: "pending", milestoneId: { not: null } } });
    expect(request.summary).toMatchObject({ sv: "Utkastet från Jinan-delegationens besök i Västerås.", zh: "济南代表团访问韦斯特罗斯期间形成的草案。" });
    const response = await translate("viewer@vasteras.example", { kind: "summary", id: request.id, to: "en" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("〈en〉Utkastet från Jinan-delegationens besök i Västerås.");
    const sent = provider.requests.filter((recorded) => recorded.path === "/translate").at(-1)!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ source: "sv", target: "en" });
    // Li Wei reads the Chinese someone gave: no machine draft is offered for it (Erik's Swedish comment still has one).
    const page = await (await as("li.wei@jinan.example").get(`/projects/${projectId}/milestones/${request.milestoneId}`)).text();
    expect(page).toContain("济南代表团访问韦斯特罗斯期间形成的草案。");
    expect(page.match(/翻译成/g) ?? []).toHaveLength(1);
  });

  it("translates a comment from the language it is written in, whatever column it is on", async () => {
    const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId } });
    const author = await app.database.prisma.user.findUniqueOrThrow({ where: { email: "li.wei@jinan.example" } });
    // Li Wei comments in Chinese on the Swedish text.
    const comment = await app.database.prisma.comment.create({ data: { projectId, sectionId: section.id, lang: "sv", authorId: author.id, body: { zh: "这一段需要补充热线数据。" }, bodyLang: "zh" } });
    const response = await translate("karin@vasteras.example", { kind: "comment", id: comment.id, to: "sv" });
    expect(response.status).toBe(200);
    const sent = provider.requests.filter((recorded) => recorded.path === "/translate").at(-1)!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ source: "zh-Hans", target: "sv" });
  });

  it("finds nothing the reader may not read: another project's text, a draft finding's comment for a viewer", async () => {
    const finding = await app.database.prisma.finding.findFirstOrThrow({ where: { projectId } });
    await app.database.prisma.finding.update({ where: { id: finding.id }, data: { state: "draft" } });
    const comment = await app.database.prisma.comment.create({ data: { projectId, findingId: finding.id, lang: "sv", body: { sv: "Ett utkast" }, bodyLang: "sv" } });
    const sentBefore = provider.requests.length;
    expect((await translate("viewer@vasteras.example", { kind: "comment", id: comment.id, to: "en" })).status).toBe(404);
    expect((await translate("karin@vasteras.example", { kind: "summary", id: "not-a-request", to: "en" })).status).toBe(404);
    expect((await translate("karin@vasteras.example", { kind: "anything", id: comment.id, to: "en" })).status).toBe(400);
    expect(provider.requests.length).toBe(sentBefore);
  });

  it("says so in the reader's language when the provider is down, and shows no button without one", async () => {
    const decision = await app.database.prisma.decision.findFirstOrThrow({ where: { commentLang: "zh", NOT: { comment: { equals: {} } }, request: { projectId, milestoneId: { not: null } } } });
    const configured = config();
    setConfig(parseConfig({ NODE_ENV: "test", DATA_DIR: configured.DATA_DIR, SESSION_SECRET: "test-secret-".padEnd(40, "x"), TRANSLATION_PROVIDER: "libretranslate", TRANSLATION_URL: "http://127.0.0.1:9" }));
    try {
      const response = await translate("karin@vasteras.example", { kind: "decision", id: decision.id, to: "sv" });
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(await response.text()).toContain(errors("sv").translationUnavailable!.slice(0, 20));
      setConfig(parseConfig({ NODE_ENV: "test", DATA_DIR: configured.DATA_DIR, SESSION_SECRET: "test-secret-".padEnd(40, "x") }));
      const request = await app.database.prisma.approvalRequest.findUniqueOrThrow({ where: { id: decision.requestId } });
      expect(await (await as("karin@vasteras.example").get(`/projects/${projectId}/milestones/${request.milestoneId}`)).text()).not.toContain("Översätt till svenska");
    } finally {
      setConfig(configured);
    }
  });
});
