// Home: "what needs me" (issue 15, decision 026), in Chromium, as Karin (Swedish), Li Wei (Chinese)
// and the viewer (English) find it after signing in, on a desktop and on a phone: exactly what
// awaits each of them in the demo, each item one click from the place to act, and gone once acted on.
// Screenshots of each home page go to tests/.tmp/screenshots/ for review (nothing is asserted by pixels).
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";

let app: TestApp;
let browser: Browser;
let projectId: string;
const consoleErrors: string[] = [];
const SCREENSHOTS = "tests/.tmp/screenshots";

const widths = [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "phone", viewport: { width: 375, height: 812 } },
] as const;

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

/** The titles of the items the home page lists, group by group, as a reader sees them. */
async function listed(page: Page) {
  const groups = page.locator("main .agenda-group");
  const result: Record<string, string[]> = {};
  for (let index = 0; index < (await groups.count()); index++) {
    const group = groups.nth(index);
    const heading = (await group.locator("h2, h3").first().innerText()).replace(/\s*\d+$/, "").trim();
    result[heading] = (await group.locator(".agenda-title").allInnerTexts()).map((text) => text.trim());
  }
  return result;
}

/** The page scrolls sideways on a phone when its content is wider than the window. */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

const people = [
  {
    email: "karin@vasteras.example",
    who: "karin",
    locale: "sv-SE",
    heading: "Det här väntar på mig",
    expected: { "Dina milstolpar som förfaller": ["Rapport om Hotline 12345"], "Besöksprotokoll som är öppna": ["Jinans delegation i Västerås"] },
  },
  { email: "li.wei@jinan.example", who: "li-wei", locale: "zh-CN", heading: "待我处理", expected: { 待您决定的事项: ["未来项目计划草案"] } },
  { email: "viewer@vasteras.example", who: "viewer", locale: "en-GB", heading: "What needs me", expected: {} },
] as const;

describe("home: what needs me, in Chromium", () => {
  for (const person of people) {
    for (const width of widths) {
      it(`${person.email} at ${width.viewport.width} px lands on exactly what awaits them`, async () => {
        const page = await signInPage(browser, app.url, person.email, { locale: person.locale, viewport: width.viewport, errors: consoleErrors, console: true });
        expect(new URL(page.url()).pathname).toBe("/");
        await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(person.heading);
        expect(await listed(page)).toEqual(person.expected);
        if (Object.keys(person.expected).length === 0) {
          expect(await page.locator("main .agenda-empty").innerText()).toContain("Nothing is waiting for you right now.");
        }
        // Their projects follow, each a link.
        expect(await page.locator("main .home-projects a").count()).toBeGreaterThan(0);
        expect(await scrollsSideways(page)).toBe(false);
        await page.screenshot({ path: `${SCREENSHOTS}/home-${person.who}-${width.viewport.width}.png`, fullPage: true });
        await page.context().close();
      });
    }
  }

  it("Karin's open minutes: the item leads to the visit, she closes them, and the item is gone (home and the project's overview)", async () => {
    const page = await signInPage(browser, app.url, "karin@vasteras.example", { locale: "sv-SE", viewport: { width: 375, height: 812 }, errors: consoleErrors, console: true });
    await page.getByRole("link", { name: "Jinans delegation i Västerås" }).click();
    await page.waitForURL(new RegExp(`/projects/${projectId}/visits/[^/]+$`));
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toContain("Jinans delegation i Västerås");
    await page.getByRole("button", { name: "Stäng protokollet" }).click();
    // Closing asks first (decision 027).
    const confirm = page.getByRole("dialog", { name: "Stäng protokollet?" });
    await confirm.getByRole("button", { name: "Stäng protokollet" }).click();
    await expect.poll(() => page.locator("main").innerText()).toContain("Protokollet är stängt.");
    await page.goto(`${app.url}/`);
    expect(await listed(page)).toEqual({ "Dina milstolpar som förfaller": ["Rapport om Hotline 12345"] });
    // The project's overview lists the same, near the top.
    await page.goto(`${app.url}/projects/${projectId}`);
    expect(await listed(page)).toEqual({ "Dina milstolpar som förfaller": ["Rapport om Hotline 12345"] });
    await page.context().close();
  });

  it("Li Wei's decision: the item leads to the milestone, he approves, and it is gone from his home and his bell", async () => {
    const page = await signInPage(browser, app.url, "li.wei@jinan.example", { locale: "zh-CN", viewport: { width: 1280, height: 900 }, errors: consoleErrors, console: true });
    expect(await page.locator(".bell").getAttribute("aria-label")).toBe("通知，1条未读");
    await page.locator("main").getByRole("link", { name: "未来项目计划草案" }).click();
    await page.waitForURL(new RegExp(`/projects/${projectId}/milestones/[^/]+$`));
    await page.getByRole("button", { name: "批准", exact: true }).click();
    await expect.poll(() => page.locator("main").innerText()).toContain("您的决定已记录。");
    await page.goto(`${app.url}/`);
    expect(await listed(page)).toEqual({});
    expect(await page.locator("main .agenda-empty").innerText()).toContain("目前没有需要您处理的事项。");
    expect(await page.locator(".bell").getAttribute("aria-label")).toBe("通知，0条未读");
    await page.context().close();
  });

  it("left no errors in any browser console", () => {
    expect(consoleErrors).toEqual([]);
  });
});
