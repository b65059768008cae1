import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";

// Writing together in Chromium (issue 15, decision 029): @ in the editor suggests project members
// in either script and notifies the person mentioned; who else is in a text shows as avatars; the
// toolbar's icon buttons have names (and shortcuts) in the reader's language; @ works in a comment.

let app: TestApp;
let browser: Browser;
let sectionPath: string;
const errors: string[] = [];
const shots = path.resolve("test-results", "writing-together");

const editorIn = (page: Page, lang: "sv" | "zh") => page.locator(`section[lang="${lang === "zh" ? "zh-CN" : lang}"] .ProseMirror`);
const columnOf = (page: Page, lang: "sv" | "zh") => page.locator(`section[lang="${lang === "zh" ? "zh-CN" : lang}"]`);

beforeAll(async () => {
  app = await startTestApp({ collabDebounceMs: 300 });
  browser = await launchChromium();
  const prisma = app.database.prisma;
  const project = await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } });
  const background = await prisma.planSection.findFirstOrThrow({ where: { projectId: project.id, kind: "background" } });
  sectionPath = `/projects/${project.id}/plan/${background.id}?left=sv&right=zh`;
  mkdirSync(shots, { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("writing together", () => {
  it("Karin types @wa, picks 王芳 Wang Fang with Enter; Wang Fang is notified; each shows as an avatar for the other", async () => {
    const karin = await signInPage(browser, app.url, "karin@vasteras.example", { locale: "sv-SE", errors, console: true, viewport: { width: 1280, height: 900 } });
    const wang = await signInPage(browser, app.url, "wang.fang@jinan.example", { locale: "zh-CN", errors, console: true, viewport: { width: 1280, height: 900 } });
    await karin.goto(`${app.url}${sectionPath}`);
    await wang.goto(`${app.url}${sectionPath}`);
    await expect.poll(() => karin.locator(".connection").textContent()).toBe("Ansluten");
    await expect.poll(() => wang.locator(".connection").textContent()).toBe("在线");

    // Both have the Swedish text open: each sees the other's avatar, named for screen readers and on hover.
    const karinSees = columnOf(karin, "sv").getByRole("list", { name: "I texten just nu" });
    await expect.poll(() => karinSees.getByRole("listitem").allInnerTexts(), { timeout: 5000 }).toEqual([expect.stringContaining("王芳 Wang Fang")]);
    expect(await karinSees.getByRole("listitem").getAttribute("title")).toBe("王芳 Wang Fang");
    expect(await karinSees.locator(".avatar > [aria-hidden]").textContent()).toBe("王");
    const wangSees = columnOf(wang, "sv").getByRole("list", { name: "此刻也在本文中的成员" });
    await expect.poll(() => wangSees.locator(".avatar > [aria-hidden]").allTextContents(), { timeout: 5000 }).toEqual(["KB"]);

    // Karin types @wa: the list suggests Wang Fang; Enter inserts the mention.
    const editor = editorIn(karin, "sv");
    await editor.click();
    await karin.keyboard.press("Control+End");
    await karin.keyboard.type(" Frågan om öppettider går till @wa");
    const list = karin.getByRole("listbox", { name: "Projektmedlemmar att nämna" });
    await expect.poll(() => list.getByRole("option").allTextContents()).toEqual(["王芳 Wang Fang"]);
    expect(await list.getByRole("option").first().getAttribute("aria-selected")).toBe("true");
    expect(await editor.getAttribute("aria-activedescendant")).toBe(await list.getByRole("option").first().getAttribute("id"));
    await karin.screenshot({ path: path.join(shots, "mention-suggestion-sv-1280.png") });
    await karin.keyboard.press("Enter");
    await expect.poll(() => list.count()).toBe(0);
    await karin.keyboard.type("för beslut.");
    await expect.poll(() => editor.locator(".mention").allTextContents()).toEqual(["@王芳 Wang Fang"]);
    // Wang sees the mention in the text live.
    await expect.poll(() => editorIn(wang, "sv").locator(".mention").allTextContents(), { timeout: 5000 }).toEqual(["@王芳 Wang Fang"]);

    // "王" and "Wang" find her too; Escape closes the list and leaves the text as typed.
    await karin.keyboard.type(" @王");
    await expect.poll(() => list.getByRole("option").allTextContents()).toEqual(["王芳 Wang Fang"]);
    await karin.keyboard.press("Escape");
    await expect.poll(() => list.count()).toBe(0);
    await karin.keyboard.press("Backspace");
    await karin.keyboard.press("Backspace");

    // Wang Fang's notifications say, in Chinese, that Karin mentioned her (once).
    const prisma = app.database.prisma;
    const wangUser = await prisma.user.findUniqueOrThrow({ where: { email: "wang.fang@jinan.example" } });
    await expect.poll(() => prisma.notification.count({ where: { userId: wangUser.id, kind: "text_mention" } }), { timeout: 20_000 }).toBe(1);
    await wang.goto(`${app.url}/notifications`);
    await expect.poll(() => wang.locator("main").textContent()).toMatch(/Karin Berg在“[^”]+”中提及了您/);
    await wang.screenshot({ path: path.join(shots, "notifications-zh-1280.png") });
    await karin.screenshot({ path: path.join(shots, "section-sv-1280.png"), fullPage: true });
    await karin.context().close();
    await wang.context().close();
    expect(errors).toEqual([]);
  }, 90_000);

  it("the toolbar's icon buttons have names and shortcuts in Swedish and Chinese; the pressed state follows the text", async () => {
    const expected = {
      sv: ["Rubrik", "Underrubrik", "Fetstil", "Kursiv", "Punktlista", "Numrerad lista", "Länk", "Infoga tabell", "Ångra", "Gör om"],
      zh: ["标题", "小标题", "加粗", "斜体", "项目符号列表", "编号列表", "链接", "插入表格", "撤销", "重做"],
    };
    for (const [email, locale, lang, toolbarName] of [
      ["karin@vasteras.example", "sv-SE", "sv", "Formatering"],
      ["wang.fang@jinan.example", "zh-CN", "zh", "格式"],
    ] as const) {
      const page = await signInPage(browser, app.url, email, { locale, errors, console: true, viewport: { width: 375, height: 800 } });
      await page.goto(`${app.url}${sectionPath}`);
      const toolbar = columnOf(page, lang).getByRole("toolbar", { name: toolbarName });
      await expect.poll(() => toolbar.getByRole("button", { disabled: false }).count(), { timeout: 10_000 }).toBe(10);
      const buttons = toolbar.getByRole("button");
      const names = await buttons.evaluateAll((elements) => elements.map((element) => element.getAttribute("aria-label")));
      expect(names).toEqual(expected[lang]);
      // Icons only: the names come from aria-label, the tooltip adds the shortcut.
      expect((await buttons.allInnerTexts()).every((text) => text.trim() === "")).toBe(true);
      const bold = toolbar.getByRole("button", { name: expected[lang][2] });
      expect(await bold.getAttribute("title")).toBe(`${expected[lang][2]} (Ctrl+B)`);
      expect(await bold.getAttribute("aria-keyshortcuts")).toBe("Control+B");
      expect(await bold.getAttribute("aria-pressed")).toBe("false");
      // A word typed and selected, then made bold with the button: the button says it is on.
      await editorIn(page, lang).click();
      await page.keyboard.press("Control+End");
      await page.keyboard.type(" ord");
      for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+ArrowLeft");
      await bold.click();
      await expect.poll(async () => (await editorIn(page, lang).locator("strong").allTextContents()).join("")).toContain("ord");
      await expect.poll(() => bold.getAttribute("aria-pressed")).toBe("true");
      await page.screenshot({ path: path.join(shots, `toolbar-${lang}-375.png`) });
      await page.context().close();
    }
    expect(errors).toEqual([]);
  }, 90_000);

  it("the language chooser switches a column on one choice", async () => {
    const page = await signInPage(browser, app.url, "karin@vasteras.example", { locale: "sv-SE", errors, console: true });
    await page.goto(`${app.url}${sectionPath}`);
    await expect.poll(() => page.locator(".connection").textContent()).toBe("Ansluten");
    expect(await page.locator(".language-pickers button").count()).toBe(0);
    await page.locator('.language-pickers select[name="right"]').selectOption("en");
    await page.waitForURL(/right=en/);
    await expect.poll(() => page.locator('section[lang="en"] .column-header h2').count()).toBe(1);
    await page.context().close();
    expect(errors).toEqual([]);
  }, 60_000);

  it("@ in a comment suggests members as one types; the comment notifies the person", async () => {
    const page = await signInPage(browser, app.url, "erik@vasteras.example", { locale: "sv-SE", errors, console: true, viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.url}${sectionPath}`);
    await expect.poll(() => page.locator(".connection").textContent()).toBe("Ansluten");
    await expect.poll(() => editorIn(page, "sv").textContent()).toContain("kontaktcenter");
    await page.evaluate(() => {
      const root = document.querySelector('section[lang="sv"] .ProseMirror')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const node = walker.nextNode()!;
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, Math.min(12, node.textContent!.length));
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await columnOf(page, "sv").getByRole("button", { name: "Kommentera det markerade stycket" }).click();
    const field = page.getByLabel("Din kommentar");
    await field.click();
    await page.keyboard.type("Kan @wang");
    const list = page.getByRole("listbox", { name: "Projektmedlemmar att nämna" });
    await expect.poll(() => list.getByRole("option").allTextContents()).toEqual(["王芳 Wang Fang"]);
    await page.keyboard.press("Enter");
    await page.keyboard.type("titta på detta?");
    expect(await field.inputValue()).toBe("Kan @王芳 Wang Fang titta på detta?");
    await page.getByRole("button", { name: "Skicka" }).click();
    const prisma = app.database.prisma;
    const wangUser = await prisma.user.findUniqueOrThrow({ where: { email: "wang.fang@jinan.example" } });
    await expect.poll(() => prisma.notification.count({ where: { userId: wangUser.id, kind: "mention" } }), { timeout: 10_000 }).toBe(1);
    // On a wide screen the thread sits in the margin beside its passage.
    await expect.poll(() => columnOf(page, "sv").evaluate((column) => column.classList.contains("with-margin")), { timeout: 5000 }).toBe(true);
    const [anchorTop, threadTop] = await columnOf(page, "sv").evaluate((column) => [
      column.querySelector(".ProseMirror .comment-anchor")!.getBoundingClientRect().top,
      column.querySelector(".threads > .thread")!.getBoundingClientRect().top,
    ]);
    expect(Math.abs(anchorTop! - threadTop!)).toBeLessThan(12);
    await page.screenshot({ path: path.join(shots, "margin-comments-sv-1280.png") });
    await page.context().close();
    expect(errors).toEqual([]);
  }, 60_000);
});
