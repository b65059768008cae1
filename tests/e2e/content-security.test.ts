import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";

// The pages' Content-Security-Policy as Chromium enforces it: nothing the app needs is refused
// (hydration, the live editor's websocket, styles, images), and signing out leaves no draft behind.

let app: TestApp;
let browser: Browser;
let projectId: string;
let sectionId: string;
let visitId: string;
const errors: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ collabDebounceMs: 300 });
  browser = await launchChromium();
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  sectionId = (await prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "background" } })).id;
  visitId = (await prisma.visit.findFirstOrThrow({ where: { projectId }, orderBy: { startDate: "asc" } })).id;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const draftNames = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? "").filter((name) => name.startsWith("partnership:")));

describe("Content-Security-Policy in Chromium", () => {
  it("no page a member opens breaks a rule of the policy; signing out removes the editor's drafts", async () => {
    const page = await signInPage(browser, app.url, "karin@vasteras.example", { locale: "sv-SE", errors, console: true });
    // Violations are also reported as events; each one becomes a console error the test collects.
    await page.context().addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) =>
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
      );
    });
    const hydrated = async () => {
      await page.waitForLoadState("networkidle");
      // Hydrated: React Router's client router is running.
      await expect.poll(() => page.evaluate(() => "__reactRouterRouteModules" in window && document.readyState === "complete")).toBe(true);
    };

    for (const pathname of [`/projects/${projectId}`, `/projects/${projectId}/visits/${visitId}`, `/projects/${projectId}/budget`, `/projects/${projectId}/budget/expenses`]) {
      await page.goto(`${app.url}${pathname}`);
      await hydrated();
    }

    // The plan section's live editor connects over the websocket and keeps a draft in the browser.
    await page.goto(`${app.url}/projects/${projectId}/plan/${sectionId}?left=sv&right=zh`);
    await hydrated();
    await expect.poll(() => page.locator(".connection").first().textContent()).toBe("Ansluten");
    const editor = page.locator('section[lang="sv"] .ProseMirror');
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Ett utkast på en delad dator.");
    await expect.poll(() => draftNames(page)).toContain(`partnership:plan.${sectionId}.sv`);

    expect(errors).toEqual([]);

    // A client-side navigation, then signing out from the header.
    await page.locator(".site-header").getByRole("button", { name: "Logga ut" }).click();
    await page.waitForURL(`${app.url}/login`);
    await expect.poll(() => draftNames(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
