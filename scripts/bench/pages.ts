// Page benchmarks for the performance budgets in docs/product.md (a script, not a test):
//   1. compressed script a first visit loads, on every page without an editor (budget 150 KB), counted
//      from the build as the size test counts it (tests/support/client-script.ts)
//   2. a project page "from Jinan": Chromium with 300 ms round trip and 1.5 Mbit/s down, cold cache
//      (budget: usable within 2 s)
//   3. a plan section "from Jinan", cold: when its text is visible, whether it ever disappears again
//      before the live editor has taken over, and when the editor is ready to type (budget 3.5 s)
//   4. server-rendered pages with 50 users at once (budget p95 < 50 ms on 2 cores): overview, plan,
//      milestones, visits, budget and ledger, 50 users each opening the page every second (an open
//      loop: requests leave on schedule, see open-loop.ts); then the overview with 50 users back to
//      back (saturation, goal ≥ 150 pages/s)
// Run: npm run bench:pages   (the demo on an embedded database in a temp dir)
//      npm run bench:pages -- --scale 10   (the demo project grown tenfold: scale.ts)
//      BENCH_DATABASE_URL=postgresql://…/db npm run bench:pages   (the same on an empty PostgreSQL database)
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { openDatabase, useDatabase } from "~/db/db.server";
import { applyMigrations } from "~/db/migrations.server";
import { jobHandlers } from "~/jobs/handlers.server";
import { startJobRunner } from "~/jobs/queue.server";
import { seedDemo } from "~/seed/demo.server";
import type { Browser } from "playwright-core";
import { launchChromium } from "../../tests/support/browser";
import { kilobytes, pageScripts, SCRIPT_BUDGET_BYTES, type PageScript } from "../../tests/support/client-script";
import { openLoop, saturate } from "./open-loop";
import { scaleDemoProject } from "./scale";
import { machine, serveApp, signIn } from "./support";

const ms = (value: number) => `${value.toFixed(1)} ms`;

const PORT = 3190;
const base = `http://127.0.0.1:${PORT}`;

const databaseUrl = process.env.BENCH_DATABASE_URL;

const args = process.argv.slice(2);
const scale = Number(args[args.indexOf("--scale") + 1] ?? 1) || 1;
const seconds = Number(args[args.indexOf("--seconds") + 1] ?? 15) || 15;

/** The demo, grown `scale` times, in a fresh embedded data directory or PostgreSQL database. */
async function startServer() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "partnership-bench-"));
  const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir };
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
  await applyMigrations(database.adapterFactory);
  useDatabase(database); // the seed writes files, ledger and search index through the current database
  if ((await database.prisma.user.count()) === 0) {
    await seedDemo(database.prisma);
    const project = await database.prisma.project.findFirstOrThrow({ orderBy: { startDate: "desc" }, where: { memberships: { some: { user: { email: "karin@vasteras.example" } } } } });
    await scaleDemoProject(database.prisma, project.id, scale);
  }
  // The seed queues work (the search index of every text): done here, before measuring, so the
  // server measured is one at rest rather than one working through its start.
  const runner = await startJobRunner(database, jobHandlers);
  const waiting = async () =>
    database.kind === "pglite"
      ? database.prisma.job.count({ where: { state: { in: ["queued", "active"] }, runAfter: { lte: new Date() } } })
      : Number((await database.prisma.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM pgboss.job WHERE state IN ('created', 'retry', 'active') AND start_after <= now()`)[0]?.count ?? 0);
  while ((await waiting()) > 0) await new Promise((resolve) => setTimeout(resolve, 200));
  await runner.stop();
  useDatabase(undefined);
  await database.close();
  if (databaseUrl) Object.assign(env, { DATABASE_URL: databaseUrl, SESSION_SECRET: "benchmark-secret-".padEnd(40, "x") });
  return serveApp(PORT, env);
}

/** The range over pages without an editor (the budget's row), and over pages with one. */
async function scriptRow() {
  const pages = await pageScripts();
  const range = (list: PageScript[]) => {
    const sorted = [...list].sort((a, b) => a.gzip - b.gzip);
    const [least, most] = [sorted[0], sorted.at(-1)];
    return least && most ? `${kilobytes(least.gzip)}–${kilobytes(most.gzip)} (largest ${most.path})` : "none";
  };
  return `Script a first visit loads, compressed: pages without an editor ${range(pages.filter((page) => !page.editor))} (budget ${kilobytes(SCRIPT_BUDGET_BYTES)}); pages with an editor ${range(pages.filter((page) => page.editor))}`;
}

/** A new page signed in with the cookie, on Jinan's link (300 ms round trip, 1.5 Mbit/s), cache off. */
async function jinanPage(browser: Browser, cookieValue: string) {
  const context = await browser.newContext();
  const [name, value] = cookieValue.split("=") as [string, string];
  await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/" }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 300,
    downloadThroughput: (1.5 * 1024 * 1024) / 8,
    uploadThroughput: (0.75 * 1024 * 1024) / 8,
  });
  return { context, page };
}

async function fromJinan(cookieValue: string, pathname: string) {
  const browser = await launchChromium();
  const results: { contentShown: number; interactive: number }[] = [];
  try {
    for (let run = 0; run < 3; run++) {
      const { context, page } = await jinanPage(browser, cookieValue);
      const started = Date.now();
      await page.goto(`${base}${pathname}`, { waitUntil: "commit" });
      await page.locator("h1").first().waitFor({ state: "visible" });
      const contentShown = Date.now() - started;
      // Usable: React has hydrated (links navigate without a reload).
      await page.waitForFunction(() => {
        const link = document.querySelector("a[href='/projects']");
        return link !== null && Object.keys(link).some((key) => key.startsWith("__reactProps"));
      });
      results.push({ contentShown, interactive: Date.now() - started });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}

/**
 * A section's page from Jinan: (a) its text is visible, (b) the live editor is ready to type (the
 * editor marks itself data-state="live" once editable and synced with the server). On every
 * animation frame the page notes whether the first column's text went empty after it was shown.
 */
async function editorFromJinan(cookieValue: string, pathname: string) {
  const browser = await launchChromium();
  const results: { textShown: number; editable: number; flashed: boolean }[] = [];
  try {
    for (let run = 0; run < 3; run++) {
      const { context, page } = await jinanPage(browser, cookieValue);
      // A string, not a function: tsx would wrap the function's inner functions in a helper the page
      // does not have.
      await page.addInitScript(`
        const seen = { shown: false, flashed: false };
        window.__editorSeen = seen;
        const check = () => {
          const text = document.querySelector(".language-column .editor-content")?.textContent?.trim() ?? "";
          if (text !== "") seen.shown = true;
          else if (seen.shown) seen.flashed = true;
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      `);
      const started = Date.now();
      await page.goto(`${base}${pathname}`, { waitUntil: "commit" });
      await page.waitForFunction(() => {
        const text = document.querySelector(".language-column .editor-content");
        return text !== null && (text.textContent ?? "").trim() !== "" && text.getBoundingClientRect().height > 0;
      }, undefined, { polling: "raf" });
      const textShown = Date.now() - started;
      await page.waitForFunction(() => {
        const live = document.querySelector('.language-column [data-state="live"] [contenteditable="true"]');
        // Before data-state existed: an editable editor showing the text has synced.
        const editable = document.querySelector('.language-column .ProseMirror[contenteditable="true"]');
        return live !== null || (editable !== null && (editable.textContent ?? "").trim() !== "");
      }, undefined, { polling: "raf", timeout: 30_000 });
      const editable = Date.now() - started;
      // A moment more to see the page settle: the text must not vanish after the editor took over.
      await page.waitForTimeout(500);
      const flashed = await page.evaluate(() => (window as unknown as { __editorSeen: { flashed: boolean } }).__editorSeen.flashed);
      results.push({ textShown, editable, flashed });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}

/** The first plan section (of any project) whose page shows text in its first column. */
async function sectionWithText(cookie: string, projects: string) {
  for (const [, projectPath] of projects.matchAll(/href="(\/projects\/[a-z0-9]+)"/g)) {
    const plan = await (await fetch(`${base}${projectPath}/plan`, { headers: { cookie } })).text();
    for (const [, sectionPath] of plan.matchAll(new RegExp(`href="(${projectPath}/plan/[a-z0-9]{20,})"`, "g"))) {
      const html = await (await fetch(`${base}${sectionPath}`, { headers: { cookie } })).text();
      if (/class="[^"]*editor-content[^"]*"[^>]*><(p|h2|ul)>[^<]/.test(html)) return sectionPath as string;
    }
  }
  throw new Error("no plan section with text");
}

async function jinanRows() {
  const cookie = await signIn(base, "karin@vasteras.example");
  const projects = await (await fetch(`${base}/projects`, { headers: { cookie } })).text();
  const projectPath = /href="(\/projects\/[a-z0-9]+)"/.exec(projects)?.[1];
  if (!projectPath) throw new Error("no project link on /projects");

  console.log(`Database: ${databaseUrl ? "PostgreSQL" : "embedded PGlite"}`);
  console.log(`Machine: ${machine()}`);
  console.log(await scriptRow());
  const html = await (await fetch(`${base}${projectPath}`, { headers: { cookie } })).text();
  console.log(`Project overview HTML: ${kilobytes(gzipSync(html).length)} compressed`);
  const jinan = await fromJinan(cookie, projectPath);
  console.log(`From Jinan (300 ms RTT, 1.5 Mbit/s, cold): content shown ${jinan.map((r) => r.contentShown).join(" / ")} ms; usable ${jinan.map((r) => r.interactive).join(" / ")} ms (budget 2000 ms)`);
  const sectionPath = await sectionWithText(cookie, projects);
  const editor = await editorFromJinan(cookie, sectionPath);
  console.log(
    `Section editor from Jinan (300 ms RTT, 1.5 Mbit/s, cold): text visible ${editor.map((r) => r.textShown).join(" / ")} ms; ready to type ${editor.map((r) => r.editable).join(" / ")} ms (budget 3500 ms); text vanished meanwhile: ${editor.map((r) => (r.flashed ? "yes" : "no")).join(" / ")}`,
  );
  return { cookie, projectPath };
}

// BENCH_ONLY=jinan: the rows above only (the load rows take minutes and load the machine).
// BENCH_PAGES=/budget,/budget/expenses: these pages' load rows only ("" is the overview).
async function underLoad(cookie: string, projectPath: string) {
  const pages = process.env.BENCH_PAGES?.split(",") ?? ["", "/plan", "/milestones", "/visits", "/budget", "/budget/expenses"];
  const label = `${databaseUrl ? "PostgreSQL" : "PGlite"}, ${scale}× demo`;
  for (const page of pages) {
    const url = `${base}${projectPath}${page}`;
    await saturate(url, cookie, 10, 3); // warm-up: compiled code paths, the database's caches
    const result = await openLoop(url, cookie, 50, seconds);
    console.log(`${label}: 50 users each opening /projects/:id${page} every second, ${seconds} s: ${result.requests} requests, ${result.errors} errors, p50 ${ms(result.p50)}, p95 ${ms(result.p95)}, p99 ${ms(result.p99)}, max ${ms(result.max)} (budget p95 < 50 ms)`);
  }
  const flat = await saturate(`${base}${projectPath}`, cookie, 50, seconds);
  console.log(`${label}: 50 users back to back on /projects/:id (saturation), ${seconds} s: ${flat.perSecond} pages/s (goal ≥ 150), p50 ${ms(flat.p50)}, p95 ${ms(flat.p95)}, ${flat.errors} errors`);
}

/**
 * Waits until the server has been idle for two seconds (at most a minute): the editor rows leave
 * it storing and indexing the sections they opened, which would land in the first load row.
 */
async function settled(pid: number | undefined) {
  if (!pid || process.platform !== "linux") return;
  const cpuTicks = () => readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ").slice(11, 13).reduce((sum, value) => sum + Number(value), 0);
  let quiet = 0;
  for (let second = 0; second < 60 && quiet < 2; second++) {
    const before = cpuTicks();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    quiet = cpuTicks() - before <= 5 ? quiet + 1 : 0; // ≤ 5 % of one core (100 ticks a second)
  }
}

const server = await startServer();
try {
  const { cookie, projectPath } = await jinanRows();
  await settled(server.pid);
  if (process.env.BENCH_ONLY !== "jinan") await underLoad(cookie, projectPath);
} finally {
  server.kill("SIGTERM");
}
