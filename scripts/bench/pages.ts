// Page benchmarks for the performance budgets in docs/product.md (a script, not a test):
//   1. compressed script a first visit loads, on every page without an editor (budget 150 KB), counted
//      from the build as the size test counts it (tests/support/client-script.ts)
//   2. a project page "from Jinan": Chromium with 300 ms round trip and 1.5 Mbit/s down, cold cache
//      (budget: usable within 2 s)
//   3. server-rendered pages with 50 users at once (budget p95 < 50 ms on 2 cores): overview, plan,
//      milestones, visits, budget and ledger, 50 users each opening the page every second (an open
//      loop: requests leave on schedule, see open-loop.ts); then the overview with 50 users back to
//      back (saturation, goal ≥ 150 pages/s)
// Run: npm run bench:pages   (the demo on an embedded database in a temp dir)
//      npm run bench:pages -- --scale 10   (the demo project grown tenfold: scale.ts)
//      BENCH_DATABASE_URL=postgresql://…/db npm run bench:pages   (the same on an empty PostgreSQL database)
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { openDatabase, useDatabase } from "~/db/db.server";
import { applyMigrations } from "~/db/migrations.server";
import { seedDemo } from "~/seed/demo.server";
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

async function fromJinan(cookieValue: string, pathname: string) {
  const browser = await launchChromium();
  const results: { contentShown: number; interactive: number }[] = [];
  try {
    for (let run = 0; run < 3; run++) {
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

const server = await startServer();
try {
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
  const pages = ["", "/plan", "/milestones", "/visits", "/budget", "/budget/expenses"];
  const label = `${databaseUrl ? "PostgreSQL" : "PGlite"}, ${scale}× demo`;
  for (const page of pages) {
    const url = `${base}${projectPath}${page}`;
    await saturate(url, cookie, 10, 3); // warm-up: compiled code paths, the database's caches
    const result = await openLoop(url, cookie, 50, seconds);
    console.log(`${label}: 50 users each opening /projects/:id${page} every second, ${seconds} s: ${result.requests} requests, ${result.errors} errors, p50 ${ms(result.p50)}, p95 ${ms(result.p95)}, p99 ${ms(result.p99)}, max ${ms(result.max)} (budget p95 < 50 ms)`);
  }
  const flat = await saturate(`${base}${projectPath}`, cookie, 50, seconds);
  console.log(`${label}: 50 users back to back on /projects/:id (saturation), ${seconds} s: ${flat.perSecond} pages/s (goal ≥ 150), p50 ${ms(flat.p50)}, p95 ${ms(flat.p95)}, ${flat.errors} errors`);
} finally {
  server.kill("SIGTERM");
}
