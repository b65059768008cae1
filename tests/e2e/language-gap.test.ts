// Across the language gap, as the partnership works (issue 14's scenario), in Chromium with a
// machine-translation provider configured (a local stand-in answering as LibreTranslate's API does):
// Karin writes a milestone in Swedish and submits it; she is told the steering group reads Chinese
// and the Chinese texts are missing, and asks for them as she submits; Wang Fang finds the request in
// Chinese, takes one sentence from the translation memory, writes the rest and saves; Li Wei decides
// reading Chinese; his Chinese comment reaches Karin with a button that drafts it in Swedish.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { rememberTranslations } from "~/translation/memory.server";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";
import { startLibreTranslateStandIn, type StandIn } from "../support/translation-stand-ins";

let app: TestApp;
let provider: StandIn;
let browser: Browser;
let projectId: string;
const consoleErrors: string[] = [];

const remembered = { sv: "Delrapporten beskriver vad förstudien har lärt om Hotline 12345.", zh: "中期报告说明预研究对12345热线的了解。" };

beforeAll(async () => {
  provider = await startLibreTranslateStandIn();
  app = await startTestApp({ env: { TRANSLATION_PROVIDER: "libretranslate", TRANSLATION_URL: provider.url } });
  browser = await launchChromium();
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  // A sentence the project translated and confirmed before, in another text.
  await rememberTranslations(app.database.prisma, projectId, [{ from: "sv", to: "zh", source: remembered.sv, target: remembered.zh }], null, "rich_text");
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await provider?.close();
});

const signIn = (email: string, locale: string): Promise<Page> => signInPage(browser, app.url, email, { locale, errors: consoleErrors, console: true });

describe("across the language gap, in Chromium", () => {
  it("a Swedish milestone reaches the Chinese steering group translated, and its decision comes back readable", async () => {
    const prisma = app.database.prisma;

    // Karin writes the milestone in Swedish only.
    const karin = await signIn("karin@vasteras.example", "sv-SE");
    await karin.goto(`${app.url}/projects/${projectId}/milestones`);
    await karin.getByRole("link", { name: "Ny milstolpe" }).click();
    const create = karin.locator("form").filter({ has: karin.locator('input[name="intent"][value="create"]') });
    await create.locator('input[name="title.sv"]').fill("Delrapport till ICLD");
    await create.locator('textarea[name="description.sv"]').fill(`${remembered.sv}\nDen går till styrgruppen före mötet i mars.`);
    await create.locator('input[name="dueDate"]').fill("2027-03-15");
    await create.getByRole("button", { name: "Skapa milstolpe" }).click();
    await karin.waitForURL(/\/milestones\/[^/?]+$/);
    const milestoneUrl = karin.url();

    // Submitting: she is told what the steering group cannot read, and asks for it as she submits.
    await expect.poll(() => karin.locator("main").textContent()).toContain("Titeln och beskrivningen på kinesiska saknas – styrgruppen läser kinesiska.");
    await karin.locator('textarea[name="summary.sv"]').fill("Delrapporten är klar för styrgruppen.");
    await karin.getByRole("button", { name: "Be om översättningar och lämna in" }).click();
    await expect.poll(() => karin.locator("main").textContent()).toContain("Väntar på beslut");
    const milestone = await prisma.milestone.findFirstOrThrow({ where: { projectId, titles: { path: ["sv"], equals: "Delrapport till ICLD" } } });
    expect(await prisma.translationRequest.count({ where: { milestoneId: milestone.id, lang: "zh", doneAt: null } })).toBe(1);

    // Wang Fang writes Chinese: the request is under her bell and on the project's "to translate" list.
    const wang = await signIn("wang.fang@jinan.example", "zh-CN");
    await wang.goto(`${app.url}/notifications`);
    expect(await wang.locator("main").textContent()).toContain("Delrapport till ICLD");
    await wang.goto(`${app.url}/projects/${projectId}`);
    await wang.getByRole("link", { name: "待翻译" }).first().click();
    await wang.waitForURL(/\/translations$/);
    const request = wang.locator("main li").filter({ hasText: "Delrapport till ICLD" }).first();
    // The overview's own list (what needs her) names the request too, until the list page has come.
    await expect.poll(() => request.textContent()).toContain("瑞典语 → 简体中文");
    expect(await request.textContent()).toContain("您书写这种语言");
    await request.getByRole("link").first().click();
    await wang.waitForURL(milestoneUrl);

    // The content is locked while the steering group decides, but translations may be added.
    await wang.getByText("添加或修改翻译").click();
    const translate = wang.locator("form").filter({ has: wang.locator('input[name="intent"][value="translate"]') });
    const description = translate.locator('textarea[name="description.zh"]');
    const suggestions = description.locator("xpath=..").locator(".memory-suggestions");
    await expect.poll(() => suggestions.textContent(), { timeout: 10_000 }).toContain(remembered.zh);
    expect(await suggestions.textContent()).toContain("完全匹配");
    await suggestions.getByRole("button", { name: "采用" }).first().click();
    expect(await description.inputValue()).toBe(remembered.zh);
    await description.press("End");
    await description.pressSequentially("\n报告在三月会议前提交指导小组。");
    await translate.locator('input[name="title.zh"]').fill("提交ICLD的中期报告");
    await translate.getByRole("button", { name: "保存", exact: true }).click();
    await expect.poll(() => wang.locator("h1").textContent()).toContain("提交ICLD的中期报告");
    // Done: off the open list, and Karin is told.
    expect(await prisma.translationRequest.count({ where: { milestoneId: milestone.id, lang: "zh", doneAt: null } })).toBe(0);
    await karin.goto(`${app.url}/notifications`);
    expect(await karin.locator("main").textContent()).toContain("Wang Fang");

    // Li Wei reads it in Chinese, the Swedish original one click away, and asks for a change.
    const liWei = await signIn("li.wei@jinan.example", "zh-CN");
    await liWei.goto(milestoneUrl);
    const main = (await liWei.locator("main").textContent())!;
    expect(main).toContain("提交ICLD的中期报告");
    expect(main).toContain("报告在三月会议前提交指导小组。");
    await liWei.getByLabel("意见（要求修改或否决时必填）").fill("请补充12345热线的接听数据。");
    await liWei.getByRole("button", { name: "要求修改" }).click();
    await expect.poll(() => liWei.locator(".notice").textContent()).toBe("您的决定已记录。");

    // Karin sees his comment in Chinese, with a button that drafts it in Swedish for reading.
    await karin.goto(milestoneUrl);
    const round = karin.locator(".rounds > li").first();
    expect(await round.textContent()).toContain("请补充12345热线的接听数据。");
    await round.getByRole("button", { name: "Översätt till svenska" }).click();
    // The stand-in marks what it translated; the glossary's term arrives in its Swedish wording.
    await expect.poll(() => round.locator(".machine-draft-text").textContent(), { timeout: 10_000 }).toContain("〈sv〉请补充Hotline 12345的接听数据。");
    expect(await round.locator(".machine-draft-text").textContent()).toContain("Maskinöversättning");
    // Stored nowhere: the decision still holds only what Li Wei wrote.
    const decision = await prisma.decision.findFirstOrThrow({ where: { request: { milestoneId: milestone.id } } });
    expect(decision.comment).toEqual({ zh: "请补充12345热线的接听数据。" });
    expect(provider.violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("a page's own translations arrive with it when it is reached without reloading (decision 023)", async () => {
    const liWei = await signIn("li.wei@jinan.example", "zh-CN");
    await liWei.goto(`${app.url}/projects/${projectId}`);
    // Each of these pages carries a namespace the first page did not download.
    for (const [link, heading] of [
      ["动态", "动态"],
      ["成果框架", "成果矩阵"],
      ["发现与经验", "发现与经验"],
    ]) {
      await liWei.getByRole("navigation").getByRole("link", { name: link, exact: true }).first().click();
      await expect.poll(() => liWei.locator("main h1").first().textContent()).toContain(heading);
      expect(await liWei.locator("main").textContent()).not.toMatch(/\b(activity|results|findings|reports):[a-z]/);
    }
    expect(consoleErrors).toEqual([]);
  });

  it("a request for a translation beside a text keeps the editor page when the connection drops, and is sent once it is back", async () => {
    const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "problemAndGoals" } });
    const karin = await signIn("karin@vasteras.example", "sv-SE");
    await karin.goto(`${app.url}/projects/${projectId}/plan/${section.id}?left=en&right=sv`);
    const english = karin.locator('section[lang="en"]');
    await expect.poll(() => english.locator(".editor").getAttribute("data-state")).toBe("live");
    await english.getByText("Be om översättning till engelska").click();
    await karin.route("**/translation-request", (route) => void route.abort("internetdisconnected"));
    await english.getByRole("button", { name: "Skicka förfrågan" }).click();
    await expect.poll(() => english.locator(".form-error").textContent()).toContain("Ingen anslutning till servern");
    expect(await english.locator(".ProseMirror").count()).toBe(1);
    expect(await app.database.prisma.translationRequest.count({ where: { sectionId: section.id, lang: "en" } })).toBe(0);

    // The link is back: sent, said, and shown as open beside the text.
    await karin.unroute("**/translation-request");
    await english.getByRole("button", { name: "Skicka förfrågan" }).click();
    await expect.poll(() => english.locator(".notice").textContent()).toContain("Förfrågan skickad");
    await expect.poll(() => english.locator(".translation-requested").textContent()).toContain("Karin Berg");
    expect(await app.database.prisma.translationRequest.count({ where: { sectionId: section.id, lang: "en", doneAt: null } })).toBe(1);
    // The browser's own note of the dropped request is the only message.
    expect(consoleErrors.filter((message) => !message.includes("ERR_INTERNET_DISCONNECTED"))).toEqual([]);
  });
});
