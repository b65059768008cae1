// Page benchmarks for the performance budgets in docs/product.md (a script, not a test):
//   1. compressed script a first visit loads, on every page without an editor (budget 150 KB), counted
//      from the build as the size test counts it (tests/support/client-script.ts)
//   2. a project page "from Jinan": Chromium with 300 ms round trip and 1.5 Mbit/s down, cold cache
//      (budget: usable within 2 s)
//   3. server-rendered page latency with 50 users at once (budget p95 < 50 ms on 2 cores): 50 users
//      each opening a page every second, and 50 users requesting back to back (saturation)
// Run: npm run bench:pages   (serves the demo on an embedded database in a temp dir)
//      BENCH_DATABASE_URL=postgresql://…/db npm run bench:pages   (the same on a fresh PostgreSQL database)
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { openDatabase, useDatabase } from "~/db/db.server";
import { applyMigrations } from "~/db/migrations.server";
import { seedDemo } from "~/seed/demo.server";
import { launchChromium } from "../../tests/support/browser";
import { kilobytes, pageScripts, SCRIPT_BUDGET_BYTES, type PageScript } from "../../tests/support/client-script";
import { machine, percentile, serveApp, signIn } from "./support";

const PORT = 3190;
const base = `http://127.0.0.1:${PORT}`;

const databaseUrl = process.env.BENCH_DATABASE_URL;

async function startServer() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "partnership-bench-"));
  const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir };
  if (databaseUrl) {
    // The demo is never seeded into PostgreSQL by the app; the benchmark puts it there itself.
    const database = await openDatabase({ databaseUrl });
    await applyMigrations(database.adapterFactory);
    useDatabase(database); // the seed writes files, ledger and search index through the current database
    if ((await database.prisma.user.count()) === 0) await seedDemo(database.prisma);
    useDatabase(undefined);
    await database.close();
    Object.assign(env, { DATABASE_URL: databaseUrl, SESSION_SECRET: "benchmark-secret-".padEnd(40, "x") });
  }
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

/** `users` loops; each starts a request every `everyMs` (0: back to back). */
async function load(cookie: string, pathname: string, users: number, seconds: number, everyMs = 0) {
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      // Users arrive spread over the first interval, as people do.
      if (everyMs > 0) await new Promise((resolve) => setTimeout(resolve, (user * everyMs) / users));
      while (Date.now() < until) {
        const started = performance.now();
        const response = await fetch(`${base}${pathname}`, { headers: { cookie, "accept-encoding": "gzip" } });
        await response.arrayBuffer();
        if (response.status !== 200) errors++;
        const took = performance.now() - started;
        latencies.push(took);
        if (everyMs > took) await new Promise((resolve) => setTimeout(resolve, everyMs - took));
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    perSecond: Math.round(latencies.length / seconds),
    p50: percentile(latencies, 50).toFixed(1),
    p95: percentile(latencies, 95).toFixed(1),
    p99: percentile(latencies, 99).toFixed(1),
  };
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
  await load(cookie, projectPath, 10, 3); // warm-up
  const page = projectPath.replace(/[a-z0-9]+$/, ":id");
  const paced = await load(cookie, projectPath, 50, 20, 1000);
  console.log(`50 users, each opening ${page} every second, 20 s: ${paced.requests} requests (${paced.perSecond}/s), ${paced.errors} errors, p50 ${paced.p50} ms, p95 ${paced.p95} ms, p99 ${paced.p99} ms (budget p95 < 50 ms)`);
  const flat = await load(cookie, projectPath, 50, 20);
  console.log(`50 users back to back on ${page}, 20 s (saturation): ${flat.requests} requests (${flat.perSecond}/s), ${flat.errors} errors, p50 ${flat.p50} ms, p95 ${flat.p95} ms, p99 ${flat.p99} ms`);
} finally {
  server.kill("SIGTERM");
}
