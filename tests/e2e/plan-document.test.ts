import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";

// Li Wei reads the plan as one document, in Chinese with the Swedish beside it, on a desktop and on a
// phone (issue 15). Screenshots are kept for review under tests/.tmp/screenshots (nothing is
// asserted by pixels).

const SCREENSHOTS = "tests/.tmp/screenshots";
const ZH_BACKGROUND = "韦斯特罗斯市与济南市自2015年起在居民对话领域开展合作。";
const SV_BACKGROUND = "Västerås stad och Jinan har samarbetat sedan 2015 om invånardialog.";

let app: TestApp;
let browser: Browser;
let projectId: string;
const errors: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  app = await startTestApp();
  browser = await launchChromium();
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("the plan as one document in Chromium", () => {
  it("Li Wei reads it in Chinese and Swedish side by side at 1280 px; the contents jump to a section", async () => {
    const page = await signInPage(browser, app.url, "li.wei@jinan.example", { locale: "zh-CN", errors, console: true, viewport: { width: 1280, height: 900 } });
    // From the plan page's invitation.
    await page.goto(`${app.url}/projects/${projectId}/plan`);
    await page.getByRole("link", { name: "以完整文档形式阅读计划" }).click();
    await page.waitForURL(`${app.url}/projects/${projectId}/plan/document`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("完整计划");

    // Chinese on the left, Swedish on the right, in the same row.
    const background = page.locator("section.plan-doc-section").first();
    const chinese = background.locator('.plan-doc-text[lang="zh-CN"]');
    const swedish = background.locator('.plan-doc-text[lang="sv"]');
    await expect.poll(() => chinese.textContent()).toContain(ZH_BACKGROUND);
    expect(await swedish.textContent()).toContain(SV_BACKGROUND);
    const [left, right] = [(await chinese.boundingBox())!, (await swedish.boundingBox())!];
    expect(right.x).toBeGreaterThan(left.x + left.width - 1);
    expect(Math.abs(right.y - left.y)).toBeLessThan(5);
    // Each section's status per language in the contents, in Chinese.
    const contents = page.getByRole("navigation", { name: "目录" });
    expect(await contents.locator("li").count()).toBe(8);
    expect(await contents.locator("li").first().textContent()).toMatch(/背景.*SV\s*原文.*ZH\s*已是最新.*EN\s*缺失/);
    await page.screenshot({ path: `${SCREENSHOTS}/plan-document-zh-1280.png`, fullPage: true });

    // The contents' link to "risks" (far down) brings that section into view.
    const risks = page.locator("section.plan-doc-section", { has: page.getByRole("heading", { name: "风险" }) });
    expect(await risks.evaluate((element) => element.getBoundingClientRect().top)).toBeGreaterThan(900);
    await contents.getByRole("link", { name: "风险" }).click();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#${await risks.getAttribute("id")}`);
    // Scrolled to it: at the top of the window, or as far as the page goes (it is near the end).
    await expect
      .poll(() => page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2 || window.scrollY > 0))
      .toBe(true);
    const top = await risks.evaluate((element) => element.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(600);

    // One language: Chinese only, through the chooser (a GET form).
    await page.getByLabel("对照语言").selectOption("");
    await page.getByRole("button", { name: "显示" }).click();
    await expect.poll(() => page.url()).toContain("right=");
    await expect.poll(() => page.locator('.plan-doc-lang[lang="sv"]').count()).toBe(0);
    expect(await page.locator(`text=${SV_BACKGROUND}`).count()).toBe(0);
    // Where the Chinese is missing the Swedish original is offered, folded.
    await page.getByText("显示瑞典语原文").first().click();
    await expect.poll(() => page.locator('.plan-doc-original[open] .plan-doc-text[lang="sv"]').first().textContent()).toContain("Åtta tjänstepersoner");
    await page.context().close();
    expect(errors).toEqual([]);
  });

  it("at 375 px the columns stack and the page does not scroll sideways", async () => {
    const page = await signInPage(browser, app.url, "li.wei@jinan.example", { locale: "zh-CN", errors, console: true, viewport: { width: 375, height: 800 } });
    await page.goto(`${app.url}/projects/${projectId}/plan/document?left=zh&right=sv`);
    const background = page.locator("section.plan-doc-section").first();
    const [left, right] = [(await background.locator('.plan-doc-text[lang="zh-CN"]').boundingBox())!, (await background.locator('.plan-doc-text[lang="sv"]').boundingBox())!];
    expect(right.y).toBeGreaterThanOrEqual(left.y + left.height);
    expect(Math.abs(right.x - left.x)).toBeLessThan(2);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await page.screenshot({ path: `${SCREENSHOTS}/plan-document-zh-375.png`, fullPage: false });
    await page.screenshot({ path: `${SCREENSHOTS}/plan-document-zh-375-full.png`, fullPage: true });
    // Karin's Swedish at both widths, for review.
    const karin = await signInPage(browser, app.url, "karin@vasteras.example", { locale: "sv-SE", errors, console: true, viewport: { width: 375, height: 800 } });
    await karin.goto(`${app.url}/projects/${projectId}/plan/document`);
    expect(await karin.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await karin.screenshot({ path: `${SCREENSHOTS}/plan-document-sv-375.png`, fullPage: false });
    await karin.setViewportSize({ width: 1280, height: 900 });
    await karin.screenshot({ path: `${SCREENSHOTS}/plan-document-sv-1280.png`, fullPage: false });
    await page.context().close();
    await karin.context().close();
    expect(errors).toEqual([]);
  });
});
