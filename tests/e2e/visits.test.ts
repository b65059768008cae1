import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";

let app: TestApp;
let browser: Browser;
let projectUrl: string;
const pageErrors: string[] = [];

// A photo from a phone, small: a 2×2 PNG.
const photo = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==", "base64");

function signIn(email: string, locale: string, viewport?: { width: number; height: number }): Promise<Page> {
  return signInPage(browser, app.url, email, { locale, viewport, errors: pageErrors });
}

beforeAll(async () => {
  app = await startTestApp({ collabDebounceMs: 200 });
  browser = await launchChromium();
  const project = await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } });
  projectUrl = `${app.url}/projects/${project.id}`;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("a visit's notes, from a phone in Jinan to a search in Västerås, in Chromium", () => {
  it("a Jinan delegate writes a note in Chinese and adds a photo; Karin finds the note by a Chinese word and downloads the calendar", async () => {
    // Zhang Min, on a phone 375 px wide, in Chinese.
    const zhang = await signIn("zhang.min@jinan.example", "zh-CN", { width: 375, height: 740 });
    await zhang.goto(`${projectUrl}/visits`);
    await zhang.getByRole("link", { name: "济南代表团访问韦斯特罗斯" }).click();
    await zhang.getByRole("link", { name: "研讨会：项目计划草案" }).click();
    const editor = zhang.locator('section[lang="zh-CN"] .ProseMirror');
    await expect.poll(() => editor.getAttribute("contenteditable"), { timeout: 10_000 }).toBe("true");
    await editor.click();
    await zhang.keyboard.press("End");
    await zhang.keyboard.type("回访满意度数据每月通报。");
    await expect
      .poll(async () => (await app.database.prisma.richText.findFirst({ where: { lang: "zh", text: { contains: "回访满意度数据每月通报" } } }))?.text ?? "", { timeout: 10_000 })
      .toContain("回访满意度数据每月通报");
    // Nothing on the page is wider than the phone.
    const wide = await zhang.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > 376)
        .map((element) => `${element.tagName}.${element.className}`)
        .slice(0, 8),
    );
    expect(wide).toEqual([]);

    await zhang.getByLabel("添加附件").setInputFiles({ name: "研讨会.png", mimeType: "image/png", buffer: photo });
    await zhang.getByRole("button", { name: "上传" }).click();
    await expect.poll(() => zhang.locator(".attachments").textContent(), { timeout: 10_000 }).toContain("研讨会.png");
    await expect.poll(() => zhang.locator('.attachments img[alt="研讨会.png"]').count()).toBe(1);

    // Karin, in Swedish, searches a Chinese word from the note and opens it.
    const karin = await signIn("karin@vasteras.example", "sv-SE");
    await karin.goto(projectUrl);
    const box = karin.getByRole("searchbox", { name: "Sök i projektet" }).first();
    await box.fill("满意度");
    await box.press("Enter");
    await karin.waitForURL(/\/search\?q=/);
    const result = karin.locator("main").getByRole("link", { name: /研讨会：项目计划草案|Workshop: utkast till projektplan/ }).first();
    await expect.poll(() => result.count()).toBeGreaterThan(0);
    expect(await karin.locator("main mark").first().textContent()).toContain("满意");
    await result.click();
    await expect.poll(() => karin.locator('section[lang="zh-CN"]').textContent(), { timeout: 10_000 }).toContain("回访满意度数据每月通报");

    // And adds the programme to her calendar.
    await karin.getByRole("link", { name: /Jinans delegation i Västerås/ }).first().click();
    const [download] = await Promise.all([karin.waitForEvent("download"), karin.getByRole("link", { name: "Lägg in programmet i din kalender (.ics)" }).click()]);
    const ics = readFileSync((await download.path())!, "utf8");
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("TZID:Europe/Stockholm");
    expect(ics).toContain("SUMMARY:Workshop: utkast till projektplan");
    expect(pageErrors).toEqual([]);
  });
});
