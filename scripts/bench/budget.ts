// Budget benchmark (a script, not a test): a three-year project with an approved budget of 24 lines
// and 10 000 expenses in SEK, CNY, EUR and USD, nearly all with a receipt, served by the app as
// `npm start` serves it. Prints p50/p95 time to serve the budget page (and, for comparison, one
// year of the ledger), and the time to build and download a year's .xlsx account.
// Goals (issue 7): budget page p95 under 100 ms, workbook under 2 s.
// Run: npm run bench:budget                  (PGlite, then PostgreSQL)
//      npm run bench:budget -- --only pglite  (or postgres); --expenses N overrides the count
//      --keep leaves the PGlite directory in place (its path is printed) to look into
//      BENCH_POSTGRES_URL=postgresql://user@host:5432  (default postgresql://postgres@127.0.0.1:5432)
// On PostgreSQL it creates a database of its own and drops it afterwards.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureCategories } from "~/budget/ledger.server";
import { convertToSekOre, toDecimalString, type Currency } from "~/budget/money";
import { openDatabase, useDatabase, type Database } from "~/db/db.server";
import { applyMigrations } from "~/db/migrations.server";
import { seedDemo } from "~/seed/demo.server";
import { textPdf } from "~/seed/text-pdf";
import { machine, percentile, seededRandom, serveApp, signIn, withScratchPostgres } from "./support";

const { values: args } = parseArgs({
  options: { only: { type: "string" }, expenses: { type: "string", default: "10000" }, requests: { type: "string", default: "200" }, keep: { type: "boolean", default: false } },
});
const PORT = 3191;
const base = `http://127.0.0.1:${PORT}`;
const BENCH_TITLE = "Benchmark: three-year project";

const random = seededRandom(7); // the same data on every run
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

const rates: Record<Currency, string> = { SEK: "1", CNY: "1.4567", EUR: "11.23", USD: "10.4512" };
const payees = ["SAS", "Air China", "济南舜耕山庄", "Hotell Stora torget", "Västerås Tolkförmedling AB", "济南翻译公司", "Taxi Västerås", "滴滴出行", "Migrationsverket", "Klimatkompensation Sverige"];

/** The demo, then a three-year project with an approved budget and `count` expenses with receipts. */
async function generate(database: Database, count: number) {
  const prisma = database.prisma;
  useDatabase(database);
  await applyMigrations(database.adapterFactory);
  await seedDemo(prisma);
  const [owner, karin, vasteras, jinan] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { email: "owner@vasteras.example" } }),
    prisma.user.findUniqueOrThrow({ where: { email: "karin@vasteras.example" } }),
    prisma.organisation.findFirstOrThrow({ where: { timeZone: "Europe/Stockholm" } }),
    prisma.organisation.findFirstOrThrow({ where: { timeZone: "Asia/Shanghai" } }),
  ]);
  const start = new Date("2026-01-01T00:00:00Z");
  const project = await prisma.project.create({
    data: {
      titles: { en: BENCH_TITLE },
      originalLang: "en",
      funder: "ICLD",
      grantAmount: "2400000",
      currency: "SEK",
      startDate: start,
      endDate: new Date("2028-12-31T00:00:00Z"),
      status: "active",
      organisations: { create: [{ organisationId: vasteras.id }, { organisationId: jinan.id }] },
      memberships: { create: [{ userId: owner.id, role: "owner" }, { userId: karin.id, role: "project_group" }] },
    },
  });
  const categories = await ensureCategories(project.id);
  const eligible = categories.filter((category) => category.eligible);
  await prisma.exchangeRate.createMany({
    data: (["CNY", "EUR", "USD"] as const).map((currency) => ({ projectId: project.id, currency, validFrom: start, rate: rates[currency], createdById: owner.id })),
  });
  await prisma.budgetVersion.create({
    data: {
      projectId: project.id,
      number: 1,
      status: "approved",
      createdById: karin.id,
      approvedAt: new Date(),
      lines: {
        create: [1, 2, 3].flatMap((projectYear) =>
          eligible.map((category, position) => ({ projectYear, categoryId: category.id, descriptions: { sv: `${category.key} år ${projectYear}` }, originalLang: "sv" as const, amount: "100000", position })),
        ),
      },
    },
  });

  const receipt = textPdf(["Kvitto / Receipt"]) as Uint8Array<ArrayBuffer>;
  const sha256 = createHash("sha256").update(receipt).digest("hex");
  const batch = 1000;
  for (let first = 0; first < count; first += batch) {
    const expenses = [];
    const receipts = [];
    for (let index = first; index < Math.min(count, first + batch); index++) {
      const projectYear = (index % 3) + 1;
      const currency = pick(["SEK", "SEK", "SEK", "SEK", "CNY", "CNY", "CNY", "EUR", "EUR", "USD"] as const);
      const amount = BigInt(10_000 + Math.floor(random() * 2_000_000));
      const id = `benchexp${index.toString(36).padStart(6, "0")}`;
      expenses.push({
        id,
        projectId: project.id,
        date: new Date(start.getTime() + ((projectYear - 1) * 365 + Math.floor(random() * 364)) * 86_400_000),
        payee: pick(payees),
        description: `Utgift ${index + 1}`,
        descriptionLang: "sv" as const,
        projectYear,
        categoryId: random() < 0.9 ? pick(eligible).id : pick(categories).id,
        payingOrgId: currency === "CNY" && random() < 0.5 ? jinan.id : vasteras.id,
        currency,
        amount: toDecimalString(amount),
        rate: rates[currency],
        rateSource: currency === "SEK" ? ("typed" as const) : ("table" as const),
        amountSek: toDecimalString(convertToSekOre(amount, currency, rates[currency])),
        perDiem: random() < 0.03,
        recordedById: karin.id,
      });
      if (random() < 0.97) {
        receipts.push({ projectId: project.id, expenseId: id, fileName: `kvitto-${index + 1}.pdf`, contentType: "application/pdf", size: receipt.length, sha256, data: receipt, uploadedById: karin.id });
      }
    }
    await prisma.expense.createMany({ data: expenses });
    await prisma.attachment.createMany({ data: receipts });
  }
  if (database.kind === "postgres") await prisma.$executeRawUnsafe(`VACUUM (ANALYZE)`);
  useDatabase(undefined);
  return project.id;
}

async function timed(cookie: string, pathname: string, rounds: number) {
  const times: number[] = [];
  let bytes = 0;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const response = await fetch(`${base}${pathname}`, { headers: { cookie, "accept-encoding": "gzip" } });
    const body = await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${pathname}: ${response.status}`);
    bytes = body.byteLength;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50).toFixed(1), p95: percentile(times, 95).toFixed(1), max: times.at(-1)!.toFixed(1), kb: (bytes / 1024).toFixed(0) };
}

async function measure(label: string, env: NodeJS.ProcessEnv, projectId: string, count: number) {
  const server = await serveApp(PORT, env);
  try {
    const cookie = await signIn(base, "karin@vasteras.example");
    const budget = `/projects/${projectId}/budget`;
    const page = await (await fetch(`${base}${budget}`, { headers: { cookie } })).text();
    if (!page.includes(BENCH_TITLE)) throw new Error("the budget page does not show the benchmark project");
    await timed(cookie, budget, 10); // warm-up
    const requests = Number(args.requests);
    const budgetPage = await timed(cookie, budget, requests);
    const ledgerYear = await timed(cookie, `${budget}/expenses?year=1`, 20);
    const workbook = await timed(cookie, `/projects/${projectId}/reports/1/account.xlsx`, 10);
    console.log(`${label}: ${count} expenses over three project years, 24 budget lines`);
    console.log(`  budget page: p50 ${budgetPage.p50} ms, p95 ${budgetPage.p95} ms, max ${budgetPage.max} ms (${requests} requests, ${budgetPage.kb} KB) — goal p95 < 100 ms`);
    console.log(`  ledger, one year (~${Math.round(count / 3)} expenses), its first page of 100: p50 ${ledgerYear.p50} ms, p95 ${ledgerYear.p95} ms (20 requests, ${ledgerYear.kb} KB)`);
    console.log(`  year 1 account .xlsx (~${Math.round(count / 3)} expenses): p50 ${workbook.p50} ms, max ${workbook.max} ms (10 downloads, ${workbook.kb} KB) — goal < 2000 ms`);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
}

console.log(`Machine: ${machine()}; ${new Date().toISOString().slice(0, 10)}`);
const count = Number(args.expenses);

if (args.only !== "postgres") {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "partnership-bench-budget-"));
  try {
    const database = await openDatabase({ dataDir });
    const projectId = await generate(database, count);
    await database.close();
    await measure("PGlite", { DATA_DIR: dataDir }, projectId, count);
  } finally {
    if (args.keep) console.log(`  kept ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

if (args.only !== "pglite") {
  await withScratchPostgres("budget", async (databaseUrl) => {
    const database = await openDatabase({ databaseUrl });
    const projectId = await generate(database, count);
    await database.close();
    await measure("PostgreSQL", { DATABASE_URL: databaseUrl, SESSION_SECRET: "benchmark-secret-".padEnd(40, "x"), DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "partnership-bench-budget-")) }, projectId, count);
  });
}
