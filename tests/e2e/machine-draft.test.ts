import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";
import { startLibreTranslateStandIn, type StandIn } from "../support/translation-stand-ins";

// "Fill with machine draft" in Chromium (decision 022), the app started with a machine-translation
// provider (a local stand-in answering as LibreTranslate does): the draft goes into the live editor,
// everyone on the text sees it, the column is marked machine-made until a person confirms it.

let app: TestApp;
let provider: StandIn;
let browser: Browser;
let projectId: string;
const consoleErrors: string[] = [];

const column = (page: Page, lang: "sv" | "zh") => page.locator(`section[lang="${lang === "zh" ? "zh-CN" : lang}"]`);
const editorIn = (page: Page, lang: "sv" | "zh") => column(page, lang).locator(".ProseMirror");
const statusIn = (page: Page, lang: "sv" | "zh") => column(page, lang).locator(".column-header .badge:not(.translation-requested)");

beforeAll(async () => {
  provider = await startLibreTranslateStandIn();
  app = await startTestApp({ env: { TRANSLATION_PROVIDER: "libretranslate", TRANSLATION_URL: provider.url }, collabDebounceMs: 300 });
  browser = await launchChromium();
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await provider?.close();
});

describe("a machine draft in the editor, in Chromium", () => {
  it("Wang fills the empty Chinese column with a draft that Karin sees live; it is marked until Wang confirms it", async () => {
    const prisma = app.database.prisma;
    const section = await prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "activities" } });
    const path = `${app.url}/projects/${projectId}/plan/${section.id}?left=zh&right=sv`;
    const wang = await signInPage(browser, app.url, "wang.fang@jinan.example", { locale: "zh-CN", errors: consoleErrors, console: true });
    const karin = await signInPage(browser, app.url, "karin@vasteras.example", { locale: "sv-SE", errors: consoleErrors, console: true });
    await wang.goto(path);
    await karin.goto(path);
    await expect.poll(() => wang.locator(".connection").textContent()).toBe("在线");
    await expect.poll(() => column(wang, "zh").locator(".editor").getAttribute("data-state")).toBe("live");
    expect(await statusIn(wang, "zh").textContent()).toContain("缺失");

    // The column is empty: nothing to replace, so no question; the button waits for the draft.
    const fill = column(wang, "zh").getByRole("button", { name: "用机器翻译草稿填充" });
    await expect.poll(() => fill.isEnabled()).toBe(true);
    await fill.click();
    await expect.poll(() => editorIn(wang, "zh").locator("h2").first().textContent(), { timeout: 10_000 }).toBe("〈zh〉Utbytesbesök");
    expect(await editorIn(wang, "zh").locator("ul > li").count()).toBe(2);
    // Karin, on the same text, sees it arrive live.
    await expect.poll(() => editorIn(karin, "zh").textContent(), { timeout: 10_000 }).toContain("〈zh〉Åtta tjänstepersoner");
    // Marked as machine-made, and never up to date: it needs an update until a person confirms it.
    await expect.poll(() => column(wang, "zh").locator(".machine-draft-mark").textContent(), { timeout: 10_000 }).toBe("机器翻译草稿——请校对并确认");
    expect(await column(wang, "zh").getByRole("status").textContent()).toContain("草稿已填入");
    await expect.poll(() => statusIn(wang, "zh").textContent(), { timeout: 15_000 }).toContain("需要更新");
    await expect
      .poll(async () => (await prisma.richText.findFirst({ where: { sectionId: section.id, lang: "zh" } }))?.text ?? "", { timeout: 10_000 })
      .toContain("〈zh〉Utbytesbesök");

    // Wang checks it and confirms: up to date, the mark gone, no button any more.
    await column(wang, "zh").getByRole("button", { name: "标记为最新" }).click();
    await expect.poll(() => statusIn(wang, "zh").textContent(), { timeout: 10_000 }).toContain("已是最新");
    await expect.poll(() => column(wang, "zh").locator(".machine-draft-mark").count()).toBe(0);
    expect(await fill.count()).toBe(0);
    expect((await prisma.richText.findFirstOrThrow({ where: { sectionId: section.id, lang: "zh" } })).machineDraftAt).toBeNull();
    expect(consoleErrors).toEqual([]);
    await wang.context().close();
    await karin.context().close();
  });

  it("asks before replacing a translation that has text, and keeps the old text as a version", async () => {
    const prisma = app.database.prisma;
    const section = await prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "background" } });
    // The Swedish source changed since the Chinese was confirmed: it needs an update.
    await prisma.richText.updateMany({ where: { sectionId: section.id, lang: "zh" }, data: { confirmedSourceHash: null } });
    const before = (await prisma.richText.findFirstOrThrow({ where: { sectionId: section.id, lang: "zh" } })).text;
    const wang = await signInPage(browser, app.url, "wang.fang@jinan.example", { locale: "zh-CN", errors: consoleErrors, console: true });
    await wang.goto(`${app.url}/projects/${projectId}/plan/${section.id}?left=zh&right=sv`);
    await expect.poll(() => column(wang, "zh").locator(".editor").getAttribute("data-state")).toBe("live");
    const fill = column(wang, "zh").getByRole("button", { name: "用机器翻译草稿填充" });
    await expect.poll(() => fill.isEnabled()).toBe(true);

    // Declined: nothing asked of the provider, nothing changed.
    const sent = provider.requests.length;
    wang.once("dialog", (dialog) => void dialog.dismiss());
    await fill.click();
    expect(provider.requests.length).toBe(sent);
    expect(await editorIn(wang, "zh").textContent()).toContain("韦斯特罗斯市与济南市");

    let question = "";
    wang.once("dialog", (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await fill.click();
    await expect.poll(() => editorIn(wang, "zh").textContent(), { timeout: 10_000 }).toContain("〈zh〉Västerås stad och Jinan");
    expect(question).toContain("中文文本将被替换");
    expect(await editorIn(wang, "zh").textContent()).not.toContain("韦斯特罗斯市与济南市");
    const zh = await prisma.richText.findFirstOrThrow({ where: { sectionId: section.id, lang: "zh" } });
    expect((await prisma.textVersion.findFirstOrThrow({ where: { textId: zh.id }, orderBy: { createdAt: "desc" } })).text).toBe(before);
    await expect.poll(() => column(wang, "zh").locator(".machine-draft-mark").count(), { timeout: 10_000 }).toBe(1);
    expect(consoleErrors).toEqual([]);
    await wang.context().close();
  });

  it("keeps the page and says so when the connection drops while a draft is asked for", async () => {
    const prisma = app.database.prisma;
    const section = await prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "problemAndGoals" } });
    await prisma.richText.deleteMany({ where: { sectionId: section.id, lang: "en" } });
    const wang = await signInPage(browser, app.url, "wang.fang@jinan.example", { locale: "zh-CN", errors: consoleErrors, console: true });
    await wang.goto(`${app.url}/projects/${projectId}/plan/${section.id}?left=en&right=sv`);
    const english = wang.locator('section[lang="en"]');
    await expect.poll(() => english.locator(".editor").getAttribute("data-state")).toBe("live");
    // The link to our own server drops just as the button is pressed (the browser sees a network error).
    await wang.route("**/machine-draft", (route) => void route.abort("internetdisconnected"));
    const sent = provider.requests.length;
    await english.getByRole("button", { name: "用机器翻译草稿填充" }).click();
    await expect.poll(() => english.locator(".field-error").textContent()).toContain("无法连接服务器");
    // Still the editor page, with the editor; nothing was asked of the provider or changed.
    expect(await english.locator(".ProseMirror").count()).toBe(1);
    expect(await wang.locator("main h1").count()).toBeGreaterThan(0);
    expect(provider.requests.length).toBe(sent);
    expect(await english.locator(".machine-draft-mark").count()).toBe(0);
    await wang.context().close();
  });
});
