import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";

// axe-core in Chromium on the main pages, in Swedish (Karin) and Chinese (Li Wei): no serious or
// critical WCAG 2.1 A/AA violation (issue 15). axe is evaluated through the browser's debugging
// protocol (page.evaluate), so the app's Content-Security-Policy stays as it is served.

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

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

type Violation = { id: string; impact: string | null; help: string; nodes: { target: unknown[]; html: string }[] };

async function audit(page: Page, path: string): Promise<string[]> {
  await page.goto(`${app.url}${path}`);
  await page.waitForLoadState("networkidle");
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${path}: ${violation.id} (${violation.impact}) ${violation.help}: ${violation.nodes.slice(0, 3).map((node) => node.html).join(" | ")}`);
}

/** The main pages, with one of each kind of object found through the lists. */
async function mainPages(page: Page, projectId: string) {
  const first = async (list: string, pattern: RegExp) => {
    await page.goto(`${app.url}${list}`);
    const hrefs = await page.locator("main a").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    const found = hrefs.find((href) => pattern.test(href));
    if (!found) throw new Error(`no link like ${pattern} on ${list}`);
    return found;
  };
  const p = `/projects/${projectId}`;
  return [
    "/",
    "/projects",
    p,
    `${p}/plan`,
    await first(`${p}/plan`, /\/plan\/(?!glossary|print|export|snapshots)[^/]+$/),
    `${p}/milestones`,
    await first(`${p}/milestones`, /\/milestones\/[^/]+$/),
    `${p}/visits`,
    await first(`${p}/visits`, /\/visits\/[^/]+$/),
    `${p}/findings`,
    await first(`${p}/findings`, /\/findings\/[^/]+$/),
    `${p}/budget`,
    `${p}/budget/expenses`,
    `${p}/results`,
    `${p}/reports`,
    `${p}/activity`,
    "/profile",
    "/notifications",
  ];
}

describe("accessibility (axe-core, WCAG 2.1 AA)", () => {
  for (const [email, locale] of [
    ["karin@vasteras.example", "sv-SE"],
    ["li.wei@jinan.example", "zh-CN"],
  ] as const) {
    it(`finds no serious or critical violation on the main pages for ${email}`, async () => {
      const errors: string[] = [];
      const page = await signInPage(browser, app.url, email, { locale, errors });
      // Sign-in lands on the home page, whose items link into projects too: the list names projects.
      await page.goto(`${app.url}/projects`);
      const projectId = /\/projects\/([^/]+)$/.exec((await page.locator("main a[href^='/projects/']:not([href='/projects/new'])").first().getAttribute("href")) ?? "")?.[1];
      expect(projectId).toBeTruthy();
      const found: string[] = [];
      for (const path of await mainPages(page, projectId!)) found.push(...(await audit(page, path)));
      await page.context().close();
      expect(found).toEqual([]);
    });
  }

  it("finds none on the members page for the owner either", async () => {
    const errors: string[] = [];
    const page = await signInPage(browser, app.url, "owner@vasteras.example", { locale: "sv-SE", errors });
    const href = (await page.locator("main a[href^='/projects/']:not([href='/projects/new'])").first().getAttribute("href")) ?? "";
    expect(await audit(page, `${href}/members`)).toEqual([]);
    await page.context().close();
  });
});
