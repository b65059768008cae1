import { statSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { matchRoutes, type RouteObject } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import routeConfig from "~/routes";
import { renewCalendarFeed } from "~/calendar/feeds.server";
import { submitForApproval } from "~/milestones/approvals.server";
import { createSnapshot } from "~/plan/versions.server";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { launchChromium, signInPage } from "../support/browser";
import { TestClient } from "../support/client";

// Every link and button works, for every demo role: every page reachable from the navigation and
// the first page of each kind (a section, a milestone, a visit, an item, a finding, an expense, a
// version…) is crawled over HTTP with the person's cookie; every same-origin link found on them
// must answer without 4xx/5xx (a link to a page the person may not open must not be shown). Then,
// in Chromium, every download link and every button of a GET form (exports, print pages, filters)
// on those pages is clicked: it must deliver a non-empty file or show a page with content.

// Every role's links are crawled over HTTP. The clicks in Chromium (the slow part) are made by the
// owner, who is shown every download and export there is, and by the delegate, who sees the fewest
// and reads Chinese; the roles between see a subset of the owner's, each already answered over HTTP.
const roles = [
  { email: "owner@vasteras.example", locale: "sv-SE", clicks: true },
  { email: "karin@vasteras.example", locale: "sv-SE", clicks: false },
  { email: "li.wei@jinan.example", locale: "zh-CN", clicks: false },
  { email: "zhang.min@jinan.example", locale: "zh-CN", clicks: true },
  { email: "viewer@vasteras.example", locale: "en-GB", clicks: false },
];

/** Pages expanded per person at most: a bound on the crawl's time, well above the app's kinds of page. */
const MAX_PAGES = 120;

type ConfigEntry = { path?: string; file: string; index?: boolean; children?: ConfigEntry[] };
const toRouteObjects = (entries: ConfigEntry[]): RouteObject[] =>
  entries.map((entry) =>
    entry.index ? { index: true, id: entry.file } : { path: entry.path, id: entry.file, children: entry.children ? toRouteObjects(entry.children) : undefined },
  );
const routeObjects = toRouteObjects(routeConfig as ConfigEntry[]);

/** The route an address belongs to: its full pattern, and whether it is a resource route (a file, no page). */
function routeOf(pathname: string): { pattern: string; resource: boolean } | null {
  const matches = matchRoutes(routeObjects, pathname);
  if (!matches) return null;
  const leaf = matches[matches.length - 1]!;
  const pattern = matches
    .map((match) => match.route.path ?? "")
    .filter(Boolean)
    .join("/");
  return { pattern: `/${pattern}`, resource: /\.ts$/.test(leaf.route.id!) };
}

/** One key per kind of page: its route and the names of its query parameters (a filter, a version). */
function kindOf(url: URL): string {
  const route = routeOf(url.pathname);
  return `${route?.pattern ?? url.pathname}?${[...new Set(url.searchParams.keys())].sort().join("&")}`;
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };
const decode = (value: string) => value.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => entities[name]!);

/** The same-origin links of a page, resolved against its address (fragments dropped). */
function linksOf(html: string, pageUrl: URL): { url: URL; download: boolean }[] {
  const links: { url: URL; download: boolean }[] = [];
  for (const match of html.matchAll(/<a\s([^>]*)>/g)) {
    const attributes = match[1]!;
    const href = /\bhref="([^"]*)"/.exec(attributes)?.[1];
    if (href === undefined || href.startsWith("#") || /^(mailto|tel):/.test(href)) continue;
    const url = new URL(decode(href), pageUrl);
    url.hash = "";
    if (url.origin !== pageUrl.origin) continue;
    links.push({ url, download: /\sdownload(=|\s|$)/.test(` ${attributes}`) });
  }
  return links;
}

/** GET with the person's cookie, following redirects (a link that leads, through a redirect, to a page is fine). */
async function follow(client: TestClient, url: URL): Promise<{ status: number; url: URL; type: string; body: Buffer }> {
  let current = url;
  for (let hop = 0; hop < 5; hop++) {
    const response = await client.get(current.pathname + current.search);
    if (response.status >= 300 && response.status < 400 && response.headers.get("location")) {
      await response.arrayBuffer();
      current = new URL(response.headers.get("location")!, current);
      continue;
    }
    return { status: response.status, url: current, type: response.headers.get("content-type") ?? "", body: Buffer.from(await response.arrayBuffer()) };
  }
  return { status: 310, url: current, type: "", body: Buffer.alloc(0) };
}

type Crawl = { failures: string[]; pages: { url: URL; html: string }[]; checked: number };

/**
 * Crawls as one person over HTTP: from /projects and the pre-study's overview, each link is checked
 * once, and the first page of each kind is opened and its links followed in turn.
 */
async function crawl(client: TestClient, start: URL[]): Promise<Crawl> {
  const failures: string[] = [];
  const checked = new Map<string, Promise<Awaited<ReturnType<typeof follow>>>>();
  const expandedKinds = new Set<string>();
  const pages: { url: URL; html: string }[] = [];
  const queue: { url: URL; from: string }[] = start.map((url) => ({ url, from: "(start)" }));
  while (queue.length > 0 && pages.length < MAX_PAGES) {
    const batch = queue.splice(0, queue.length);
    // The links of one round are checked together (each once), then the new kinds among them opened.
    await Promise.all(
      batch.map(async ({ url, from }) => {
        const key = url.pathname + url.search;
        if (!checked.has(key)) checked.set(key, follow(client, url));
        const result = await checked.get(key)!;
        if (result.status >= 400) failures.push(`${key} (linked from ${from}) answers ${result.status}`);
        else if (result.url.pathname === "/login") failures.push(`${key} (linked from ${from}) leads to the sign-in page`);
        else if (result.body.length === 0) failures.push(`${key} (linked from ${from}) answers an empty body`);
      }),
    );
    for (const { url } of batch) {
      const result = await checked.get(url.pathname + url.search)!;
      if (result.status >= 400 || !result.type.startsWith("text/html")) continue;
      const kind = kindOf(result.url);
      if (expandedKinds.has(kind) || pages.length >= MAX_PAGES) continue;
      expandedKinds.add(kind);
      const html = result.body.toString("utf8");
      pages.push({ url: result.url, html });
      const from = result.url.pathname + result.url.search;
      for (const link of linksOf(html, result.url)) {
        // /logout is a POST form in the header, never a link; a GET only shows its button.
        queue.push({ url: link.url, from });
      }
    }
  }
  return { failures, pages, checked: checked.size };
}

/** Waits for what a click delivers: a download (saved, its size) or another page (its address). */
async function activate(page: Page, target: Locator): Promise<{ download: { name: string; size: number } } | { page: string } | { nothing: true }> {
  const before = page.url();
  const download = page.waitForEvent("download", { timeout: 15_000 }).then(
    async (event) => {
      const path = (await event.path())!;
      return { download: { name: event.suggestedFilename(), size: statSync(path).size } };
    },
    () => null,
  );
  const navigation = page.waitForURL((url) => url.href !== before, { timeout: 15_000, waitUntil: "commit" }).then(
    () => ({ page: page.url() }),
    () => null,
  );
  await target.click();
  const first = await Promise.race([download, navigation]);
  if (first && "page" in first) {
    // A navigation may still turn into a download (a form's GET to a file answers as an attachment).
    const late = await Promise.race([download, page.waitForLoadState("load").then(() => null)]);
    return late ?? first;
  }
  return first ?? (await download) ?? { nothing: true };
}

/** What a page shows when it is there: a heading in <main> (a blank outlet or no document has none). */
async function pageProblem(page: Page): Promise<string | null> {
  const heading = page.locator("main h1").first();
  if ((await heading.count()) === 0 || !(await heading.isVisible()) || (await heading.innerText()).trim() === "") {
    return `shows no page (${JSON.stringify((await page.locator("body").innerText().catch(() => "")).replace(/\s+/g, " ").slice(0, 120))})`;
  }
  return null;
}

/**
 * The GET forms of a page that lead elsewhere (an export, a print page, the search), each as its
 * action and its buttons: what the browser part clicks.
 */
function getFormsOf(html: string, pageUrl: URL): string[] {
  return [...html.matchAll(/<form\s([^>]*method="get"[^>]*)>([\s\S]*?)<\/form>/gi)]
    .filter((match) => /formaction=/i.test(match[2]!) || new URL(decode(/\baction="([^"]*)"/.exec(match[1]!)?.[1] ?? ""), pageUrl).pathname !== pageUrl.pathname)
    .map((match) => `${/\baction="([^"]*)"/.exec(match[1]!)?.[1] ?? ""} ${[...match[2]!.matchAll(/<button[^>]*>([\s\S]*?)<\/button>/g)].map((button) => button[1]).join("|")}`);
}

let app: TestApp;
let browser: Browser;
let projectId: string;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  // A named version of the plan awaiting the steering group: the demo has none, and its page, its
  // link in the plan and in the deciders' notifications are links like any other.
  const karin = await app.database.prisma.user.findUniqueOrThrow({ where: { email: "karin@vasteras.example" } });
  const snapshot = await createSnapshot(karin.id, projectId, "Planutkast 1");
  await submitForApproval(karin.id, projectId, { snapshotId: snapshot.id }, { summary: { sv: "Första utkastet." }, lang: "sv" });
  // Everyone has a calendar address: its link on the profile page is a download like any other.
  for (const role of roles) await renewCalendarFeed((await app.database.prisma.user.findUniqueOrThrow({ where: { email: role.email } })).id);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("every link and button works, for each demo role", () => {
  for (const role of roles) {
    it(`${role.email}: every link answers${role.clicks ? " and every download delivers a file" : ""}`, async () => {
      const client = new TestClient(app.url);
      await client.signIn(role.email);
      const base = new URL(app.url);
      // From the navigation's start, plus an address of the design people bookmark that no page need link.
      const { failures, pages, checked } = await crawl(client, [
        new URL("/", base),
        new URL("/projects", base),
        new URL(`/projects/${projectId}`, base),
        new URL(`/projects/${projectId}/budget/rates`, base),
      ]);
      // The crawl reached a page of each kind the demo has (not just the navigation).
      const kinds = new Set(pages.map(({ url }) => routeOf(url.pathname)?.pattern));
      for (const kind of [
        "/projects/:projectId/plan/:sectionId",
        "/projects/:projectId/milestones/:milestoneId",
        "/projects/:projectId/visits/:visitId",
        "/projects/:projectId/visits/:visitId/items/:itemId",
        "/projects/:projectId/findings/:findingId",
        "/projects/:projectId/budget/expenses/:expenseId",
        "/projects/:projectId/plan/:sectionId/history",
        "/projects/:projectId/plan/snapshots/:snapshotId",
        "/projects/:projectId/plan/document",
        "/projects/:projectId/reports",
        "/projects/:projectId/translations",
        "/notifications",
        "/profile",
      ]) {
        expect(kinds, `${role.email} reached a page of ${kind}`).toContain(kind);
      }
      expect(checked).toBeGreaterThan(50);

      if (!role.clicks) {
        expect(failures).toEqual([]);
        return;
      }
      // In Chromium: every download link and every GET form's button on the crawled pages.
      const errors: string[] = [];
      const page = await signInPage(browser, app.url, role.email, { locale: role.locale, errors });
      try {
        const done = new Set<string>();
        const formsSeen = new Set<string>();
        for (const { url, html } of pages) {
          const downloads = linksOf(html, url).filter((link) => link.download || routeOf(link.url.pathname)?.resource);
          const newDownloads = downloads.filter((link) => !done.has(`a ${kindOf(link.url)}`));
          const newForms = getFormsOf(html, url).filter((form) => !formsSeen.has(form));
          newForms.forEach((form) => formsSeen.add(form));
          if (newDownloads.length === 0 && newForms.length === 0) continue;
          await page.goto(url.href);
          for (const link of newDownloads) {
            const key = `a ${kindOf(link.url)}`;
            if (done.has(key)) continue;
            done.add(key);
            const anchor = page.locator(`a[href="${link.url.pathname}${link.url.search}"]`).or(page.locator(`main a[href="${link.url.href}"]`)).first();
            if (!(await anchor.isVisible())) continue; // A link inside a closed panel: its answer was checked over HTTP.
            const result = await activate(page, anchor);
            const where = `${link.url.pathname}${link.url.search} on ${url.pathname}`;
            if ("download" in result) {
              if (result.download.size === 0) failures.push(`${where}: an empty download`);
            } else if ("page" in result) {
              // A file shown in the browser (a photo, a PDF) rather than saved is fine; a page must have content.
              const problem = link.download ? "opened instead of downloading" : routeOf(new URL(result.page).pathname)?.resource ? null : await pageProblem(page);
              if (problem) failures.push(`${where}: ${problem}`);
            } else failures.push(`${where}: clicking it did nothing`);
            await page.goto(url.href);
          }
          // Buttons of GET forms that lead elsewhere: exports, print pages, the search box. (Filters and
          // language pickers lead to the page they are on, whose answer the crawl checks.)
          const selector = 'form[method="get" i] button[type="submit"], form[method="get" i] button:not([type])';
          const count = await page.locator(selector).count();
          for (let index = 0; index < count; index++) {
            const button = page.locator(selector).nth(index);
            if (!(await button.isVisible()) || !(await button.isEnabled())) continue;
            const label = (await button.innerText()).trim();
            // Where the browser itself would send the form: the button's formaction, else the form's action.
            const action = new URL(
              await button.evaluate((element: HTMLButtonElement) => (element.hasAttribute("formaction") ? element.formAction : element.form!.action)),
            );
            if (action.pathname === url.pathname) continue;
            const key = `button ${label} ${kindOf(action)}`;
            if (done.has(key)) continue;
            done.add(key);
            const result = await activate(page, button);
            const where = `"${label}" on ${url.pathname}`;
            if ("download" in result) {
              if (result.download.size === 0) failures.push(`${where}: an empty download`);
            } else if ("page" in result) {
              const response = await follow(client, new URL(result.page));
              if (response.status >= 400) failures.push(`${where}: leads to ${result.page}, ${response.status}`);
              else {
                const problem = await pageProblem(page);
                if (problem) failures.push(`${where}: leads to ${new URL(result.page).pathname}, which ${problem}`);
              }
            } else failures.push(`${where}: clicking it did nothing`);
            await page.goto(url.href);
          }
        }
        // Each kind of file the person can reach was delivered at least once.
        const delivered = [...done].filter((key) => key.startsWith("a ")).map((key) => key.slice(2, key.indexOf("?")));
        expect(delivered).toEqual(expect.arrayContaining(["/projects/:projectId/visits/:visitId/calendar.ics", "/projects/:projectId/files/:fileId", "/calendar/:token/feed.ics"]));
        // The audit log's files are the owner's alone.
        const auditFiles = ["/projects/:projectId/audit/csv", "/projects/:projectId/audit/xlsx"];
        if (role.email === "owner@vasteras.example") expect(delivered).toEqual(expect.arrayContaining(auditFiles));
        else for (const file of auditFiles) expect(delivered).not.toContain(file);
      } finally {
        await page.context().close();
      }
      expect(failures).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});
