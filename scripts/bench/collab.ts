// Collaboration benchmark for the budget in docs/product.md, "propagation p95 within 1.2× a bare Hocuspocus
// server (no auth, no persistence) in the same run, read over several alternating rounds":
//   - N writers (--writers, default 20) type into one plan section, each into a paragraph of its own,
//     one edit per writer every --interval ms on average (default 200: about five keystrokes a second);
//   - M sections are open in all (--sections, default 200): the writers' one and M-1 idle sections,
//     each an editor tab of its own (one socket, one provider), connected throughout the measurement;
//   - propagation of an edit: from the writer's local change until every other writer has received
//     it (each edit types a unique token; all clients live in this process, so one clock);
//   - the same load against the app (auth, persistence with the production 2 s debounce) and a bare
//     Hocuspocus, each a child process, in alternating rounds (--rounds per server, default 3) of
//     --seconds measured (default 10, after 2 s of warm-up: long enough to contain a store, which
//     continuous typing forces every 10 s); each round on a fresh section, the M sections reopened;
//   - server memory and CPU read through an --import preload (server-probe.ts), not an endpoint.
// Run: npm run bench:collab [-- --writers 20 --sections 200 --rounds 3 --seconds 10 --interval 200]
// The app runs on a fresh embedded database (the demo seed plus sections up to M) in a temp dir.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as Y from "yjs";
import { planDocumentName } from "~/collab/document-name";
import { openDatabase, useDatabase } from "~/db/db.server";
import { applyMigrations } from "~/db/migrations.server";
import { TIPTAP_FIELD } from "~/editor/extensions";
import { PRE_STUDY_TITLE, seedDemo } from "~/seed/demo.server";
import { connectCollab, waitUntil, type CollabClient } from "../../tests/support/collab";
import type { ServerStats } from "./server-probe";
import { percentile, signIn } from "./support";

const { values: args } = parseArgs({
  options: {
    writers: { type: "string", default: "20" },
    sections: { type: "string", default: "200" },
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "10" },
    interval: { type: "string", default: "200" },
  },
});
const positive = (name: keyof typeof args, min: number) => {
  const value = Number(args[name]);
  if (Number.isInteger(value) && value >= min) return value;
  console.error(`--${name} must be an integer ≥ ${min}`);
  process.exit(2);
};
const WRITERS = positive("writers", 2);
const SECTIONS = positive("sections", 1);
const ROUNDS = positive("rounds", 1);
const MEASURE_MS = positive("seconds", 1) * 1000;
const INTERVAL_MS = positive("interval", 10);
const WARM_UP_MS = 2000;
/** After the writers stop, how long edits still in flight may take before they count as lost. */
const DRAIN_MS = 3000;
/** Between rounds: the app stores the closed section and unloads the documents. */
const SETTLE_MS = 1500;

const root = path.resolve(fileURLToPath(import.meta.url), "../../..");
const here = path.join(root, "scripts/bench");
const editors = ["karin@vasteras.example", "wang.fang@jinan.example"];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ——— Servers ———

type Server = {
  name: "app" | "bare";
  url: string;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
};

/** Starts a server script in a child process with the probe preloaded; resolves once it listens. */
async function startServer(name: Server["name"], script: string, env: NodeJS.ProcessEnv): Promise<Server> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", pathToFileURL(path.join(here, "server-probe.ts")).href, path.join(here, script)],
    { cwd: root, env, stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    // The app flushes its stores first; past 15 s, it is stuck.
    const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(killer);
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The ${name} server did not start within 90 s`)), 90_000);
      child.once("exit", (code) => reject(new Error(`The ${name} server exited (${code}) before listening`)));
      child.on("message", (message: { type?: string; port?: number }) => {
        if (message.type === "ready" && message.port) {
          clearTimeout(timer);
          resolve(message.port);
        }
      });
    });
    return { name, url: `http://127.0.0.1:${port}`, stats: () => askStats(child, name), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function askStats(child: ChildProcess, name: string): Promise<ServerStats> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`No stats from the ${name} server within 5 s`)), 5000);
    const listener = (message: { type?: string; stats?: ServerStats }) => {
      if (message.type === "bench:stats" && message.stats) done(undefined, message.stats);
    };
    function done(error?: Error, stats?: ServerStats) {
      clearTimeout(timer);
      child.off("message", listener);
      if (stats) resolve(stats);
      else reject(error);
    }
    child.on("message", listener);
    child.send("bench:stats");
  });
}

/** The demo seed, and plan sections added to the pre-study project until it has `count`; returns their ids. */
async function prepareDatabase(dataDir: string, count: number): Promise<string[]> {
  const database = await openDatabase({ dataDir });
  try {
    await applyMigrations(database.adapterFactory);
    useDatabase(database); // the seed writes files, ledger and search index through the current database
    await seedDemo(database.prisma);
    const prisma = database.prisma;
    const project = await prisma.project.findFirstOrThrow({ where: { title: PRE_STUDY_TITLE } });
    const existing = await prisma.planSection.count({ where: { projectId: project.id } });
    // Directly, not through addSection: 190-odd audit events would only slow the preparation.
    await prisma.planSection.createMany({
      data: Array.from({ length: Math.max(0, count - existing) }, (_, index) => ({
        projectId: project.id,
        position: existing + index,
        titles: { sv: `Benchmark ${existing + index + 1}` },
        titleLang: "sv" as const,
        sourceLang: "sv" as const,
      })),
    });
    const sections = await prisma.planSection.findMany({ where: { projectId: project.id }, orderBy: { position: "asc" }, take: count });
    return sections.map((section) => section.id);
  } finally {
    await database.close();
  }
}


// ——— One round ———

type Round = {
  server: Server["name"];
  connectMs: number;
  /** Propagation of each measured edit, in ms. */
  samples: number[];
  lost: number;
  before: ServerStats;
  after: ServerStats;
  /** This process's CPU time while measuring: all clients share it, so it bounds what they can time. */
  clientCpu: NodeJS.CpuUsage;
};

type Edit = { at: number; pending: number; last: number; measured: boolean };

let nextEditId = 0;

/** Opens the writers and the idle sections on `server`, types for warm-up + measurement, closes everything. */
async function runRound(server: Server, writersDoc: string, idleDocs: string[], cookies: string[]): Promise<Round> {
  const edits = new Map<number, Edit>();
  const samples: number[] = [];
  const clients: CollabClient[] = [];
  const timers = new Set<NodeJS.Timeout>();
  try {
    const opened = performance.now();
    const writers = Array.from({ length: WRITERS }, (_, index) => connectCollab(server.url, writersDoc, { cookie: cookies[index % cookies.length] }));
    clients.push(...writers);
    for (const [index, doc] of idleDocs.entries()) clients.push(connectCollab(server.url, doc, { cookie: cookies[index % cookies.length] }));
    await waitUntil(
      () => {
        const refused = clients.find((client) => client.authenticationFailures.length > 0);
        if (refused) throw new Error(`${server.name} refused a connection: ${refused.authenticationFailures.join(", ")}`);
        return clients.every((client) => client.provider.isSynced);
      },
      `${clients.length} documents to sync on ${server.name}`,
      60_000,
    );
    const connectMs = performance.now() - opened;

    // Every writer notes the tokens it receives from the others.
    for (const writer of writers) {
      writer.doc.getXmlFragment(TIPTAP_FIELD).observeDeep((events, transaction) => {
        if (transaction.local) return;
        const now = performance.now();
        for (const event of events) {
          if (!(event.target instanceof Y.XmlText)) continue;
          for (const op of event.delta) {
            if (typeof op.insert !== "string") continue;
            for (const match of op.insert.matchAll(/#(\d+);/g)) {
              const edit = edits.get(Number(match[1]));
              if (!edit) continue;
              edit.last = Math.max(edit.last, now);
              if (--edit.pending > 0) continue;
              if (edit.measured) samples.push(edit.last - edit.at);
              edits.delete(Number(match[1]));
            }
          }
        }
      });
    }

    // A paragraph of one's own, as when each person writes in a different place of the section.
    const startLength = writers[0]!.doc.getXmlFragment(TIPTAP_FIELD).length;
    const paragraphs = writers.map((writer) => {
      const text = new Y.XmlText();
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [text]);
      writer.doc.getXmlFragment(TIPTAP_FIELD).push([paragraph]);
      return text;
    });
    await waitUntil(
      () => writers.every((writer) => writer.doc.getXmlFragment(TIPTAP_FIELD).length === startLength + WRITERS),
      "the writers' paragraphs to reach every writer",
      10_000,
    );

    const started = performance.now();
    const measureFrom = started + WARM_UP_MS;
    const until = measureFrom + MEASURE_MS;
    const maxEditsPerWriter = Math.ceil((WARM_UP_MS + MEASURE_MS) / INTERVAL_MS) * 2 + 10;
    let before: ServerStats | undefined;
    let clientCpu = process.cpuUsage();
    const beforeTimer = setTimeout(() => {
      clientCpu = process.cpuUsage();
      void server.stats().then((stats) => (before = stats));
    }, WARM_UP_MS);
    timers.add(beforeTimer);
    paragraphs.forEach((text, index) => {
      let count = 0;
      const type = () => {
        timers.delete(timer);
        const at = performance.now();
        if (at >= until || count++ >= maxEditsPerWriter) return;
        const id = nextEditId++;
        edits.set(id, { at, pending: WRITERS - 1, last: at, measured: at >= measureFrom });
        text.insert(text.length, `#${id};`);
        // Uneven pauses (0.5–1.5 × the interval), as people type.
        timer = setTimeout(type, INTERVAL_MS * (0.5 + Math.random()));
        timers.add(timer);
      };
      let timer = setTimeout(type, Math.random() * INTERVAL_MS);
      timers.add(timer);
    });
    await sleep(until - performance.now());
    clientCpu = process.cpuUsage(clientCpu);
    const after = await server.stats();
    const measuredPending = () => [...edits.values()].filter((edit) => edit.measured).length;
    for (let waited = 0; waited < DRAIN_MS && measuredPending() > 0; waited += 20) await sleep(20);
    if (!before) throw new Error(`No stats from the ${server.name} server at the start of the measurement`);
    return { server: server.name, connectMs, samples, lost: measuredPending(), before, after, clientCpu };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    for (const client of clients) client.destroy();
  }
}

// ——— Figures ———


function latency(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN };
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const memory = (stats: ServerStats) => `RSS ${mb(stats.memory.rss)}, heap ${mb(stats.memory.heapUsed)} used of ${mb(stats.memory.heapTotal)}`;
/** Share of one core used during the measurement, from CPU microseconds. */
const cpu = (micros: number) => `${Math.round((100 * micros) / 1000 / MEASURE_MS)} % CPU`;
const cpuBetween = (from: ServerStats, to: ServerStats) => cpu(to.cpu.user + to.cpu.system - from.cpu.user - from.cpu.system);

function printRound(index: number, round: Round) {
  const figures = latency(round.samples);
  console.log(
    `Round ${index + 1} ${round.server.padEnd(4)}: opened in ${Math.round(round.connectMs)} ms; ${figures.count} edits, ` +
      `p50 ${ms(figures.p50)}, p95 ${ms(figures.p95)}, max ${ms(figures.max)}, lost ${round.lost}; ` +
      `clients ${cpu(round.clientCpu.user + round.clientCpu.system)}; server ${cpuBetween(round.before, round.after)}, ${memory(round.after)}`,
  );
}

// ——— Run ———

const runStarted = Date.now();
const servers: Server[] = [];
const dataDir = mkdtempSync(path.join(os.tmpdir(), "partnership-bench-collab-"));
async function cleanUp() {
  for (const server of servers.splice(0)) await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
// Interrupted: still stop the servers and remove the database (the clients die with this process).
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}
try {
  if (!existsSync(path.join(root, "build/server/index.js"))) {
    console.log("No production build: building…");
    const built = spawnSync(process.execPath, [path.join(root, "node_modules/@react-router/dev/bin.js"), "build"], { cwd: root, stdio: "inherit" });
    if (built.status !== 0) throw new Error("The build failed");
  }
  const sectionIds = await prepareDatabase(dataDir, SECTIONS);
  if (sectionIds.length < SECTIONS) throw new Error(`Only ${sectionIds.length} sections`);
  const docs = sectionIds.map((id) => planDocumentName(id, "sv"));

  // Only the embedded database the benchmark prepared; Redis stays if REDIS_URL is set, as in production.
  const appEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATA_DIR: dataDir };
  delete appEnv.DATABASE_URL;
  const app = await startServer("app", "app-server.ts", appEnv);
  servers.push(app);
  const bare = await startServer("bare", "bare-server.ts", { ...process.env, NODE_ENV: "production" });
  servers.push(bare);
  const idle = { app: await app.stats(), bare: await bare.stats() };
  const cookies = [];
  for (const email of editors) cookies.push(await signIn(app.url, email));

  const cpus = os.cpus();
  console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`);
  console.log(
    `Load: ${WRITERS} writers in one section (an edit each every ${INTERVAL_MS} ms on average, ${Math.round((WRITERS * 1000) / INTERVAL_MS)} edits/s), ` +
      `${SECTIONS} sections open (the writers' and ${SECTIONS - 1} idle, a socket each); ` +
      `${ROUNDS} round${ROUNDS === 1 ? "" : "s"} per server, alternating, ${MEASURE_MS / 1000} s measured after ${WARM_UP_MS / 1000} s warm-up` +
      (process.env.REDIS_URL ? "; app with Redis" : ""),
  );

  const rounds: Round[] = [];
  for (let index = 0; index < 2 * ROUNDS; index++) {
    const server = index % 2 === 0 ? app : bare;
    // A fresh section each round (from the end: the benchmark's own, empty ones), the others idle.
    const writersIndex = SECTIONS - 1 - (index % SECTIONS);
    const round = await runRound(server, docs[writersIndex]!, docs.filter((_, i) => i !== writersIndex), cookies);
    rounds.push(round);
    printRound(index, round);
    await sleep(SETTLE_MS);
  }

  const pooled = (name: Server["name"]) => latency(rounds.filter((round) => round.server === name).flatMap((round) => round.samples));
  const lost = (name: Server["name"]) => rounds.filter((round) => round.server === name).reduce((sum, round) => sum + round.lost, 0);
  const peak = (name: Server["name"]) =>
    rounds
      .filter((round) => round.server === name)
      .map((round) => round.after)
      .reduce((max, stats) => (stats.memory.rss > max.memory.rss ? stats : max));
  const total = { app: pooled("app"), bare: pooled("bare") };
  for (const name of ["app", "bare"] as const) {
    const figures = total[name];
    console.log(
      `${name === "app" ? "App " : "Bare"} propagation (${figures.count} edits, ${lost(name)} lost): p50 ${ms(figures.p50)}, p95 ${ms(figures.p95)}, max ${ms(figures.max)}`,
    );
  }
  const pairs = Array.from({ length: ROUNDS }, (_, pair) => latency(rounds[2 * pair]!.samples).p95 / latency(rounds[2 * pair + 1]!.samples).p95);
  console.log(
    `p95 app/bare: ${(total.app.p95 / total.bare.p95).toFixed(2)} over all rounds (budget ≤ 1.20); ` +
      `per pair of rounds ${pairs.map((ratio) => ratio.toFixed(2)).join(", ")}`,
  );
  for (const name of ["app", "bare"] as const) {
    console.log(`${name === "app" ? "App " : "Bare"} server memory: idle before the rounds ${memory(idle[name])}; under load (the round with the largest RSS) ${memory(peak(name))}`);
  }
} finally {
  await cleanUp();
  console.log(`Run took ${Math.round((Date.now() - runStarted) / 1000)} s`);
}
