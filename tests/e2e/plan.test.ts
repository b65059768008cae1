import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";
import { documentText, unzip } from "../support/docx";

let app: TestApp;
let browser: Browser;
let sectionPath: string;
const consoleErrors: string[] = [];

async function signedInPage(email: string, locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const page = await signInPage(browser, app.url, email, { locale, errors: consoleErrors, console: true });
  return { context: page.context(), page };
}

const editorIn = (page: Page, lang: "sv" | "zh") => page.locator(`section[lang="${lang === "zh" ? "zh-CN" : lang}"] .ProseMirror`);
const statusIn = (page: Page, lang: "sv" | "zh") => page.locator(`section[lang="${lang === "zh" ? "zh-CN" : lang}"] .column-header .badge`);

beforeAll(async () => {
  app = await startTestApp({ collabDebounceMs: 300 });
  browser = await launchChromium();
  const prisma = app.database.prisma;
  const project = await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } });
  const background = await prisma.planSection.findFirstOrThrow({ where: { projectId: project.id, kind: "background" } });
  sectionPath = `/projects/${project.id}/plan/${background.id}?left=sv&right=zh`;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("co-writing the plan in Chromium", () => {
  it("two writers see each other's text live; a translation needs an update until confirmed; a named version is restored live", async () => {
    const karin = await signedInPage("karin@vasteras.example", "sv-SE");
    const wang = await signedInPage("wang.fang@jinan.example", "zh-CN");
    const warnings: string[] = [];
    for (const { page } of [karin, wang]) page.on("console", (message) => void (message.type() === "warning" && warnings.push(message.text())));
    await karin.page.goto(`${app.url}${sectionPath}`);
    await wang.page.goto(`${app.url}${sectionPath}`);
    await expect.poll(() => karin.page.locator(".connection").textContent()).toBe("Ansluten");
    await expect.poll(() => wang.page.locator(".connection").textContent()).toBe("在线");
    expect(await statusIn(wang.page, "zh").textContent()).toContain("已是最新");
    // The glossary's terms are marked in each language's text.
    await expect.poll(() => karin.page.locator('section[lang="sv"] .glossary-term').allTextContents()).toContain("kontaktcenter");
    await expect.poll(() => karin.page.locator('section[lang="zh-CN"] .glossary-term').allTextContents()).toContain("12345热线");

    // Karin writes in Swedish; Wang sees it.
    await editorIn(karin.page, "sv").click();
    await karin.page.keyboard.press("Control+End");
    await karin.page.keyboard.type(" Karin skriver nu.");
    await expect.poll(() => editorIn(wang.page, "sv").textContent(), { timeout: 5000 }).toContain("Karin skriver nu.");

    // Wang writes in Chinese; Karin sees it, with Wang's named caret.
    await editorIn(wang.page, "zh").click();
    await wang.page.keyboard.press("Control+End");
    await wang.page.keyboard.type("王芳在写。");
    await expect.poll(() => editorIn(karin.page, "zh").textContent(), { timeout: 5000 }).toContain("王芳在写。");
    await expect.poll(() => karin.page.locator(".collaboration-carets__label").allTextContents(), { timeout: 5000 }).toContain("王芳 Wang Fang");
    // In Wang's colour, readable: a visible background behind the white name, a caret line in it.
    const caret = await karin.page
      .locator(".collaboration-carets__caret", { hasText: "王芳 Wang Fang" })
      .evaluate((element) => ({ line: getComputedStyle(element).borderLeftColor, label: getComputedStyle(element.firstElementChild!).backgroundColor }));
    expect(caret.label).toMatch(/^rgb\(/);
    expect(caret.line).toBe(caret.label);

    // The Swedish source changed after the Chinese was confirmed: needs update, then confirmed again.
    await expect.poll(() => statusIn(wang.page, "zh").textContent(), { timeout: 15000 }).toContain("需要更新");
    await wang.page.getByRole("button", { name: "标记为最新" }).click();
    await expect.poll(() => statusIn(wang.page, "zh").textContent(), { timeout: 10000 }).toContain("已是最新");

    // What they wrote is in the database, derived as plain text.
    await expect
      .poll(async () => (await app.database.prisma.richText.findFirst({ where: { lang: "sv", text: { contains: "Karin skriver nu." } } })) !== null, { timeout: 10000 })
      .toBe(true);

    // A named version of the whole plan, then a later change by Wang to the Swedish text…
    await karin.page.goto(`${app.url}${sectionPath.replace(/\/[^/]+\?.*$/, "")}`);
    await karin.page.getByText("Spara en namngiven version av hela planen").click();
    await karin.page.getByLabel("Versionens namn").fill("Skickad till styrgruppen");
    await karin.page.getByRole("button", { name: "Spara version" }).click();
    await expect.poll(() => karin.page.locator(".notice").textContent()).toContain("Skickad till styrgruppen");
    await editorIn(wang.page, "sv").click();
    await wang.page.keyboard.press("Control+End");
    await wang.page.keyboard.type(" Tillägg efter versionen.");
    await expect
      .poll(async () => (await app.database.prisma.richText.findFirst({ where: { lang: "sv", text: { contains: "Tillägg efter versionen." } } })) !== null, { timeout: 10000 })
      .toBe(true);

    // …undone by restoring the named version: Wang, still editing, sees it go.
    await karin.page.goto(`${app.url}${sectionPath.replace(/\?.*$/, "")}/history?lang=sv`);
    await karin.page.getByRole("row", { name: /Skickad till styrgruppen/ }).getByRole("button", { name: "Återställ" }).click();
    // Asked first, in Swedish, with the act named (decision 027).
    await karin.page.getByRole("dialog", { name: /^Återställa versionen från/ }).getByRole("button", { name: "Återställ versionen" }).click();
    await expect.poll(() => karin.page.locator(".notice").textContent()).toContain("Versionen har återställts");
    await expect.poll(() => editorIn(wang.page, "sv").textContent(), { timeout: 5000 }).not.toContain("Tillägg efter versionen.");
    expect(await editorIn(wang.page, "sv").textContent()).toContain("Karin skriver nu.");

    await karin.context.close();
    await wang.context.close();
    expect(consoleErrors).toEqual([]);
    expect(warnings.filter((warning) => /colou?r/i.test(warning))).toEqual([]);
  });

  it("a steering-group member comments on a passage; the anchor follows the passage through later edits", async () => {
    const erik = await signedInPage("erik@vasteras.example", "sv-SE");
    const karin = await signedInPage("karin@vasteras.example", "sv-SE");
    await erik.page.goto(`${app.url}${sectionPath}`);
    await expect.poll(() => erik.page.locator(".connection").textContent()).toBe("Ansluten");
    const passage = "nästan sju miljoner invånare";
    await expect.poll(() => editorIn(erik.page, "sv").textContent()).toContain(passage);
    // Select the passage in the (read-only) Swedish text, as a mouse would.
    await erik.page.evaluate((words) => {
      const root = document.querySelector('section[lang="sv"] .ProseMirror')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(words);
        if (at >= 0) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + words.length);
          window.getSelection()!.removeAllRanges();
          window.getSelection()!.addRange(range);
          return;
        }
      }
      throw new Error("passage not found");
    }, passage);
    await erik.page.locator('section[lang="sv"]').getByRole("button", { name: "Kommentera det markerade stycket" }).click();
    await erik.page.getByLabel("Din kommentar").fill("@Karin Berg kan vi förtydliga antalet medarbetare?");
    await erik.page.getByRole("button", { name: "Skicka" }).click();
    // Posted, then the page's threads are loaded again: on a busy machine more than the default second.
    await expect.poll(() => erik.page.locator('section[lang="sv"] .comment-anchor').allTextContents(), { timeout: 5000 }).toEqual([passage]);
    const karinUser = await app.database.prisma.user.findUniqueOrThrow({ where: { email: "karin@vasteras.example" } });
    const comment = await app.database.prisma.comment.findFirstOrThrow({ where: { quote: passage } });
    expect(comment.mentions).toEqual([karinUser.id]);

    // Karin writes before the passage; the highlighted passage is still the same words.
    await karin.page.goto(`${app.url}${sectionPath}`);
    await expect.poll(() => karin.page.locator('section[lang="sv"] .comment-anchor').allTextContents()).toEqual([passage]);
    await editorIn(karin.page, "sv").locator("p").first().click();
    await karin.page.keyboard.press("Home");
    await karin.page.keyboard.type("Inledning: ");
    await expect.poll(() => editorIn(erik.page, "sv").textContent(), { timeout: 5000 }).toContain("Inledning: ");
    await erik.page.reload();
    await expect.poll(() => erik.page.locator('section[lang="sv"] .comment-anchor').allTextContents(), { timeout: 5000 }).toEqual([passage]);

    // Erik resolves his own thread.
    await erik.page.locator('section[lang="sv"]').getByRole("button", { name: "Markera som löst" }).click();
    await expect.poll(() => erik.page.locator('section[lang="sv"] .comment-anchor').count()).toBe(0);
    expect((await app.database.prisma.comment.findUniqueOrThrow({ where: { id: comment.id } })).resolvedAt).not.toBeNull();
    await erik.context.close();
    await karin.context.close();
    expect(consoleErrors).toEqual([]);
  });

  it("downloads the plan as a .docx in Swedish and Chinese side by side", async () => {
    const karin = await signedInPage("karin@vasteras.example", "sv-SE");
    await karin.page.goto(`${app.url}${sectionPath.replace(/\/[^/]+\?.*$/, "")}`);
    await karin.page.getByLabel("Andra språk, sida vid sida").selectOption("zh");
    const [download] = await Promise.all([karin.page.waitForEvent("download"), karin.page.getByRole("button", { name: "Ladda ned .docx" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = await download.path();
    const text = documentText(unzip(readFileSync(file)).get("word/document.xml")!.toString("utf8"));
    expect(text).toContain("Karin skriver nu.");
    expect(text).toContain("韦斯特罗斯市与济南市自2015年起在居民对话领域开展合作。");
    expect(text).toContain("Bakgrund");
    await karin.context.close();
  });

  it("a paste past the size limit of a text is refused, in the writer's language, and nothing of it is shared", async () => {
    const wang = await signedInPage("wang.fang@jinan.example", "zh-CN");
    await wang.page.goto(`${app.url}${sectionPath}`);
    await expect.poll(() => wang.page.locator(".connection").textContent()).toBe("在线");
    await editorIn(wang.page, "zh").click();
    // 160 000 characters pasted, as from a report opened in another program.
    await editorIn(wang.page, "zh").evaluate((editor) => {
      const data = new DataTransfer();
      data.setData("text/plain", "长篇报告".repeat(40_000));
      editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => wang.page.locator('section[lang="zh-CN"] [role="alert"]').textContent()).toContain("文本过长，无法共享：最多 150,000 个字符");
    expect(await editorIn(wang.page, "zh").textContent()).not.toContain("长篇报告长篇报告");
    // Still writing: a sentence after the refusal is shared as usual.
    await wang.page.keyboard.type("短句。");
    const stored = () => app.database.prisma.richText.findFirst({ where: { section: { id: sectionPath.split("/plan/")[1]!.split("?")[0]! }, lang: "zh" } });
    await expect.poll(async () => (await stored())?.text ?? "", { timeout: 10_000 }).toContain("短句。");
    expect((await stored())?.text).not.toContain("长篇报告长篇报告");
    await wang.context.close();
  });

  it("a viewer reads the plan but cannot type into it", async () => {
    const viewer = await signedInPage("viewer@vasteras.example", "en-GB");
    await viewer.page.goto(`${app.url}${sectionPath}`);
    await expect.poll(() => editorIn(viewer.page, "sv").getAttribute("contenteditable")).toBe("false");
    expect(await viewer.page.textContent("main")).toContain("only the owner and the project group edit it");
    expect(await viewer.page.locator('section[lang="sv"]').innerText()).toContain("Förstudien undersöker vad städerna kan lära av varandra.");
    expect(await viewer.page.locator('[contenteditable="true"]').count()).toBe(0);
    await viewer.context.close();
  });

  it("shows a section's text before the live editor has connected, and then the same text once, editable", async () => {
    const karin = await signedInPage("karin@vasteras.example", "sv-SE");
    // The collaboration server does not answer (a link that drops websockets, a server restarting).
    let blocked = true;
    await karin.page.routeWebSocket(/\/collab$/, (socket) => (blocked ? socket.close() : socket.connectToServer()));
    await karin.page.goto(`${app.url}${sectionPath}`);
    const column = karin.page.locator('section[lang="sv"]');
    const sentence = "Förstudien undersöker vad städerna kan lära av varandra.";
    expect(await column.innerText()).toContain(sentence);
    // Read-only until then, and said so to a screen reader.
    await expect.poll(() => column.locator('[role="status"]').allTextContents()).toContain("Texten kan redigeras när anslutningen till servern är upprättad.");
    expect(await column.getByRole("textbox").getAttribute("aria-readonly")).toBe("true");
    await karin.page.waitForTimeout(1500);
    expect(await column.innerText()).toContain(sentence);
    expect(await karin.page.locator('[contenteditable="true"]').count()).toBe(0);

    blocked = false;
    // The provider tries again on its own; then the live editor shows the text, once, editable.
    await expect.poll(() => editorIn(karin.page, "sv").getAttribute("contenteditable"), { timeout: 20_000 }).toBe("true");
    await expect.poll(() => column.locator('.editor[data-state="live"]').count()).toBe(1);
    expect((await column.innerText()).split(sentence).length - 1).toBe(1);
    expect(await column.getByRole("textbox").count()).toBe(1);
    await editorIn(karin.page, "sv").click();
    await karin.page.keyboard.press("Control+End");
    await karin.page.keyboard.type(" Efter anslutningen.");
    await expect.poll(() => editorIn(karin.page, "sv").textContent()).toContain("Efter anslutningen.");
    await karin.context.close();
  });

  it("asks for a section's texts while the page's own scripts are still on their way (decision 034)", async () => {
    const karin = await signedInPage("karin@vasteras.example", "sv-SE");
    // React and the page's code held back, as a slow link holds the largest file.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await karin.page.route(/\/assets\/framework-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    const socket = karin.page.waitForEvent("websocket", (candidate) => candidate.url().endsWith("/collab"));
    await karin.page.goto(`${app.url}${sectionPath}`, { waitUntil: "commit" });
    // The server's answer to the texts' first sync arrives meanwhile (each text: an answer with its content).
    const answers = await (await socket).waitForEvent("framereceived", { predicate: (frame) => typeof frame.payload !== "string" && frame.payload.length > 200 });
    expect(answers).toBeTruthy();
    expect(await karin.page.locator('.editor[data-state="live"]').count()).toBe(0);
    release();
    // Then the editors bind to what was synced: live, editable, the text once.
    await expect.poll(() => editorIn(karin.page, "sv").getAttribute("contenteditable"), { timeout: 20_000 }).toBe("true");
    const column = karin.page.locator('section[lang="sv"]');
    expect((await column.innerText()).split("Förstudien undersöker vad städerna kan lära av varandra.").length - 1).toBe(1);
    await karin.context.close();
  });
});
