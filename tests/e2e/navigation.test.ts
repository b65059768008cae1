import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";
import svProjects from "../../locales/sv/projects.json";
import zhProjects from "../../locales/zh/projects.json";
import svNav from "../../locales/sv/nav.json";
import zhNav from "../../locales/zh/nav.json";

// A project's sections are always reachable (issue 15): a sidebar on a desktop, a menu on a phone
// that the keyboard opens; the header stays one line on a phone; the page says where one is.

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const people = [
  { email: "karin@vasteras.example", locale: "sv-SE", projects: svProjects, nav: svNav },
  { email: "li.wei@jinan.example", locale: "zh-CN", projects: zhProjects, nav: zhNav },
] as const;

const sectionNames = (person: (typeof people)[number]) => [
  person.projects.nav.overview,
  person.projects.nav.plan,
  person.projects.nav.milestones,
  person.projects.nav.visits,
  person.projects.nav.findings,
  person.projects.nav.translations,
  person.projects.nav.results,
  person.projects.nav.budget,
  person.nav.sections.reports,
  person.projects.nav.activity,
];

async function openProject(page: Page) {
  // Sign-in lands on the home page, whose items link into projects too: start from the list.
  await page.goto(`${app.url}/projects`);
  await page.locator("main a[href^='/projects/']:not([href='/projects/new'])").first().click();
  await page.waitForURL(/\/projects\/[^/]+$/);
  // The project's page has rendered (the address changes a moment before).
  await page.locator(".project-layout").waitFor();
  return new URL(page.url()).pathname;
}

describe("project navigation", () => {
  for (const person of people) {
    it(`lists the sections in a sidebar at 1280 px, current page marked, with breadcrumbs and title (${person.locale})`, async () => {
      const errors: string[] = [];
      const page = await signInPage(browser, app.url, person.email, { locale: person.locale, viewport: { width: 1280, height: 800 }, errors, console: true });
      const project = await openProject(page);
      const sidebar = page.locator(".project-sidebar nav");
      expect(await sidebar.isVisible()).toBe(true);
      expect(await page.locator(".project-menu").isVisible()).toBe(false);
      expect((await sidebar.getByRole("link").allTextContents()).map((text) => text.trim())).toEqual(sectionNames(person));

      await sidebar.getByRole("link", { name: person.projects.nav.visits, exact: true }).click();
      await page.waitForURL(`${app.url}${project}/visits`);
      await expect.poll(() => sidebar.getByRole("link", { name: person.projects.nav.visits, exact: true }).getAttribute("aria-current")).toBe("page");
      // A visit: its name ends the breadcrumbs and begins the title, after its section.
      await page.locator("main a[href*='/visits/']").first().click();
      await page.waitForURL(/\/visits\/[^/]+$/);
      await expect.poll(() => page.getByRole("navigation", { name: person.nav.breadcrumbs }).getByRole("listitem").count()).toBe(3);
      const heading = (await page.getByRole("heading", { level: 1 }).innerText()).split("\n")[0]!.trim();
      const crumbs = page.getByRole("navigation", { name: person.nav.breadcrumbs });
      const items = (await crumbs.getByRole("listitem").allInnerTexts()).map((text) => text.trim());
      expect(items.slice(1, 2)).toEqual([person.projects.nav.visits]);
      expect(heading.startsWith(items[2]!)).toBe(true);
      expect(await crumbs.getByRole("link", { name: person.projects.nav.visits }).getAttribute("href")).toBe(`${project}/visits`);
      expect(await page.title()).toMatch(new RegExp(`^${items[2]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} · ${person.projects.nav.visits} · `));
      expect(await sidebar.getByRole("link", { name: person.projects.nav.visits, exact: true }).getAttribute("aria-current")).toBe("true");
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it(`opens the phone menu with the keyboard and reaches Reports; the header is one line at 375 px (${person.locale})`, async () => {
      const errors: string[] = [];
      const page = await signInPage(browser, app.url, person.email, { locale: person.locale, viewport: { width: 375, height: 740 }, errors, console: true });
      const project = await openProject(page);
      await page.waitForLoadState("networkidle");

      // One line: no taller than its tallest control and some padding; nothing scrolls sideways.
      const header = await page.locator(".site-header").boundingBox();
      expect(header!.height).toBeLessThan(64);
      const search = await page.getByRole("search").getByRole("button").boundingBox();
      expect(search!.height).toBeLessThan(48);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect(await page.locator(".project-sidebar").isVisible()).toBe(false);

      // The menu: focus its button with the keyboard, open it with Enter, Tab to Reports, follow it.
      const summary = page.locator(".project-menu > summary");
      await summary.focus();
      await page.keyboard.press("Enter");
      const menu = page.locator(".project-menu nav");
      expect(await menu.isVisible()).toBe(true);
      expect((await menu.getByRole("link").allTextContents()).map((text) => text.trim())).toEqual(sectionNames(person));
      let focused = "";
      for (let step = 0; step < 12 && focused !== person.nav.sections.reports; step++) {
        await page.keyboard.press("Tab");
        focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
      }
      expect(focused).toBe(person.nav.sections.reports);
      await page.keyboard.press("Enter");
      await page.waitForURL(`${app.url}${project}/reports`);
      // Closed after the navigation; Reports marked as the current page.
      await expect.poll(() => menu.isVisible()).toBe(false);
      expect(await page.locator(".project-menu nav a[aria-current='page']").textContent()).toBe(person.nav.sections.reports);
      // Escape closes it again, focus back on its button.
      await summary.focus();
      await page.keyboard.press("Enter");
      expect(await menu.isVisible()).toBe(true);
      await page.keyboard.press("Escape");
      expect(await menu.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SUMMARY");
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
