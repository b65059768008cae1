import { createRequire } from "node:module";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";

// Every main page, opened by each demo person on a desktop (1280 px) and on a phone (375 px), in
// Swedish, Chinese and English:
// - it fits the screen (decision 031): the document never scrolls sideways; on a desktop every
//   column of the ledger is in view, not cut off by a scrolling container; on a phone the ledger's
//   rows are cards whose every amount carries its label;
// - on a desktop, in Swedish (Karin) and Chinese (Li Wei), and on the members page for the owner,
//   axe-core finds no serious or critical WCAG 2.1 A/AA violation (issue 15). axe is evaluated
//   through the browser's debugging protocol (page.evaluate), so the app's Content-Security-Policy
//   stays as it is served;
// - a screenshot of it is kept under tests/.tmp/screenshots for review (nothing is asserted by pixels).
// One sweep per person and width: each page is opened once for all three.

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SCREENSHOTS = path.resolve("tests/.tmp/screenshots");
const widths = [
  { width: 1280, height: 800 },
  { width: 375, height: 740 },
] as const;

type Person = { email: string; short: string; locale: string; members: boolean; audit: boolean };
const people: Person[] = [
  { email: "karin@vasteras.example", short: "karin", locale: "sv-SE", members: false, audit: true },
  { email: "li.wei@jinan.example", short: "li.wei", locale: "zh-CN", members: false, audit: true },
  { email: "viewer@vasteras.example", short: "viewer", locale: "en-GB", members: false, audit: false },
  // Only an owner may open the members page (docs/roles.md): the owner stands in for that page.
  { email: "owner@vasteras.example", short: "owner", locale: "sv-SE", members: true, audit: true },
];

let app: TestApp;
let browser: Browser;
let pages: { name: string; path: string }[];
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  app = await startTestApp();
  browser = await launchChromium();
  const prisma = app.database.prisma;
  const project = await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } });
  const p = `/projects/${project.id}`;
  const [section, milestone, visit, finding] = await Promise.all([
    prisma.planSection.findFirstOrThrow({ where: { projectId: project.id, removedAt: null }, orderBy: { position: "asc" } }),
    prisma.milestone.findFirstOrThrow({ where: { projectId: project.id }, orderBy: { dueDate: "asc" } }),
    prisma.visit.findFirstOrThrow({ where: { projectId: project.id }, orderBy: { startDate: "asc" } }),
    prisma.finding.findFirstOrThrow({ where: { projectId: project.id, state: "shared" }, orderBy: { createdAt: "asc" } }),
  ]);
  pages = [
    { name: "home", path: "/" },
    { name: "projects", path: "/projects" },
    { name: "overview", path: p },
    { name: "plan", path: `${p}/plan` },
    { name: "section", path: `${p}/plan/${section.id}` },
    { name: "milestones", path: `${p}/milestones` },
    { name: "milestone", path: `${p}/milestones/${milestone.id}` },
    { name: "visits", path: `${p}/visits` },
    { name: "visit", path: `${p}/visits/${visit.id}` },
    { name: "findings", path: `${p}/findings` },
    { name: "finding", path: `${p}/findings/${finding.id}` },
    { name: "budget", path: `${p}/budget` },
    { name: "ledger", path: `${p}/budget/expenses` },
    { name: "results", path: `${p}/results` },
    { name: "reports", path: `${p}/reports` },
    { name: "activity", path: `${p}/activity` },
    { name: "members", path: `${p}/members` },
    { name: "profile", path: "/profile" },
    { name: "notifications", path: "/notifications" },
  ];
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

type Violation = { id: string; impact: string | null; help: string; nodes: { target: unknown[]; html: string }[] };

/** axe-core's serious and critical WCAG 2.1 A/AA violations on the page, once it has hydrated and its live texts are live. */
async function audit(page: Page, name: string): Promise<string[]> {
  await page.waitForFunction(() => {
    const link = document.querySelector("header a[href]");
    const hydrated = link !== null && Object.keys(link).some((key) => key.startsWith("__reactProps"));
    return hydrated && document.querySelector('.editor[data-state="static"]') === null;
  });
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${name}: ${violation.id} (${violation.impact}) ${violation.help}: ${violation.nodes.slice(0, 3).map((node) => node.html).join(" | ")}`);
}

/** What sticks out of the document sideways: the overflow and the widest elements beyond the edge. */
function sideways(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const beyond = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 0.5)
      .filter((element) => !element.parentElement || element.parentElement.getBoundingClientRect().right <= root.clientWidth + 0.5)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} (${Math.round(element.getBoundingClientRect().right)} px)`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, beyond };
  });
}

/** The ledger's column headers that are not wholly in view: outside the window or cut off by a container that clips. */
function hiddenLedgerHeaders(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("table.ledger thead th")]
      .filter((header) => {
        const box = header.getBoundingClientRect();
        if (box.width === 0 || box.left < 0 || box.right > document.documentElement.clientWidth) return true;
        for (let parent = header.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
          if (getComputedStyle(parent).overflowX === "visible") continue;
          const clip = parent.getBoundingClientRect();
          if (box.left < clip.left - 0.5 || box.right > clip.right + 0.5) return true;
        }
        return false;
      })
      .map((header) => header.textContent),
  );
}

/** Each ledger row on a phone: the label shown before each amount, and the column it belongs to. */
function ledgerCards(page: Page) {
  return page.evaluate(() => {
    const table = document.querySelector("table.ledger")!;
    const headers = [...table.querySelectorAll("thead th")].map((header) => header.textContent?.trim() ?? "");
    return [...table.querySelectorAll("tbody tr")].map((row) => ({
      display: getComputedStyle(row).display,
      amounts: [...row.querySelectorAll("td.number")].map((cell) => {
        const label = cell.querySelector<HTMLElement>(".cell-label");
        return {
          column: headers[[...row.children].indexOf(cell)] ?? "",
          label: label && label.offsetParent !== null ? label.innerText.trim() : null,
          value: (cell as HTMLElement).innerText,
        };
      }),
    }));
  });
}

describe("every main page fits a desktop and a phone, and is accessible", () => {
  for (const person of people) {
    for (const viewport of widths) {
      it(`${person.short} (${person.locale}) at ${viewport.width} px${person.audit && viewport.width === 1280 ? ", with axe-core" : ""}`, async () => {
        const page = await signInPage(browser, app.url, person.email, { locale: person.locale, viewport, errors: pageErrors });
        const misfits: string[] = [];
        const violations: string[] = [];
        for (const { name, path: address } of pages.filter((entry) => (entry.name === "members") === person.members)) {
          const response = await page.goto(`${app.url}${address}`, { waitUntil: "load" });
          expect(response?.status(), `${name} for ${person.short}`).toBe(200);
          await page.screenshot({ path: path.join(SCREENSHOTS, `${person.short}-${viewport.width}-${name}.png`), fullPage: true });
          if (person.audit && viewport.width === 1280) violations.push(...(await audit(page, name)));
          const fit = await sideways(page);
          if (fit.scrollWidth > fit.clientWidth) misfits.push(`${name}: ${fit.scrollWidth} > ${fit.clientWidth}: ${fit.beyond.join(", ")}`);

          if (name === "ledger" && viewport.width === 1280) {
            expect(await page.locator("table.ledger thead th").count()).toBeGreaterThanOrEqual(6);
            expect(await hiddenLedgerHeaders(page), `ledger headers cut off for ${person.short}`).toEqual([]);
            // The remarks column, where "not eligible" and "receipt missing" appear, is in view.
            const remarks = page.locator("table.ledger tbody td.col-flags .badge").first();
            expect(await remarks.isVisible()).toBe(true);
            const box = (await remarks.boundingBox())!;
            expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
          }
          if (name === "ledger" && viewport.width === 375) {
            const cards = await ledgerCards(page);
            expect(cards.length).toBeGreaterThan(0);
            for (const card of cards) {
              expect(card.display).toBe("block");
              expect(card.amounts.length).toBe(2);
              // Every amount is shown with its column's label: no bare figures.
              for (const amount of card.amounts) {
                expect(amount.label, `${person.short}: ${amount.value}`).toBe(amount.column);
                expect(amount.value).toMatch(/\d/);
              }
            }
          }
        }
        expect(misfits, `pages that scroll sideways for ${person.short} at ${viewport.width} px`).toEqual([]);
        expect(violations, `axe-core on the pages ${person.short} opens`).toEqual([]);
        await page.context().close();
      }, 240_000);
    }
  }

  it("raised no script errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
