// Collaboration benchmark for the budget in docs/product.md, "propagation p95 within 1.2× a bare Hocuspocus
// server (no auth, no persistence) in the same run, read over several alternating rounds":
//   - N writers (--writers, default "20,100": each count in turn) type into one plan section, each into
//     a paragraph of its own, --rate edits a second in all (default 100, so 20 writers type every
//     200 ms on average and 100 writers every second: the same load spread over more people);
//   - M sections are open in all (--sections, default 200): the writers' one and M-1 idle sections,
//     each an editor tab of its own (one socket, one provider), connected throughout the measurement;
//   - the writers' section (--chars, default 90 000: fifty Swedish standard pages) starts with a long
//     history of edits (--history, default 20 000 edits by 400 sessions at random places, a tenth of
//     them deletions), stored in the app's database and given to the bare server by a reader that
//     keeps the section open on both servers; every round types into that SAME section, which grows:
//     this is the steady state of a long-lived section. --chars 0: a fresh, empty section each round;
//   - propagation of an edit: from the writer's local change until every other writer has received
//     it (each edit types a unique token; all clients live in this process, so one clock);
//   - the same load against the app (auth, persistence with the production 2 s debounce) and a bare
//     Hocuspocus, each a child process, in alternating rounds (--rounds per server, default 5) of
//     --seconds measured (default 10, after 2 s of warm-up: long enough to contain a store, which
//     continuous typing forces every 10 s); one line per pair of rounds: p95 of each, their ratio,
//     server CPU per typed edit and RSS; each round also counts the writers' sockets the server
//     closed (a reconnect syncs the whole text again, which would show as a stall);
//   - memory: each server's RSS idle, then with the M sections open (one socket each, no typing);
//   - server memory and CPU read through an --import preload (server-probe.ts), not an endpoint.
//     BENCH_CPU_PROF=dir writes a V8 CPU profile of the app server there (node --cpu-prof).
// Run: npm run bench:collab [-- --writers 20,100 --sections 200 --rounds 5 --seconds 10 --rate 100 --chars 90000]
// The app runs on a fresh embedded database (the demo seed plus sections up to M) in a temp dir.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as Y from "yjs";
import { textLength } from "~/collab/document-limit.server";
import { planDocumentName } from "~/collab/document-name";
import { openDatabase, useDatabase } from "~/db/db.server";
import { applyMigrations } from "~/db/migrations.server";
import { jsonToText, ydocToJson } from "~/editor/content.server";
import { TIPTAP_FIELD } from "~/editor/extensions";
import { storeText } from "~/plan/plan.server";
import { reindex } from "~/search/search.server";
import { PRE_STUDY_TITLE, seedDemo } from "~/seed/demo.server";
import { connectCollab, waitUntil, type CollabClient } from "../../tests/support/collab";
import type { ServerStats } from "./server-probe";
import { percentile, seededRandom, signIn } from "./support";

const { values: args } = parseArgs({
  options: {
    writers: { type: "string", default: "20,100" },
    sections: { type: "string", default: "200" },
    rounds: { type: "string", default: "5" },
    seconds: { type: "string", default: "10" },
    rate: { type: "string", default: "100" },
    chars: { type: "string", default: "90000" },
    history: { type: "string", default: "20000" },
  },
});
const integer = (name: keyof typeof args, text: string, min: number) => {
  const value = Number(text);
  if (Number.isInteger(value) && value >= min) return value;
  console.error(`--${name} must be an integer ≥ ${min}`);
  process.exit(2);
};
const positive = (name: keyof typeof args, min: number) => integer(name, String(args[name]), min);
const WRITER_COUNTS = String(args.writers)
  .split(",")
  .map((text) => integer("writers", text, 2));
const SECTIONS = positive("sections", 1);
const ROUNDS = positive("rounds", 1);
const MEASURE_MS = positive("seconds", 1) * 1000;
const RATE = positive("rate", 1);
const CHARS = positive("chars", 0);
const HISTORY = positive("history", 0);
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
async function startServer(name: Server["name"], script: string, env: NodeJS.ProcessEnv, cpuProfileDir?: string): Promise<Server> {
  const profile = cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(cpuProfileDir)}`] : [];
  const child = spawn(
    process.execPath,
    [...profile, "--import", "tsx", "--import", pathToFileURL(path.join(here, "server-probe.ts")).href, path.join(here, script)],
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
    const timer = setTimeout(() => done(new Error(`No stats from the ${name} server within 30 s`)), 30_000);
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

const WORDS = (
  "partnerskap kommun medborgare dialog kontaktcenter ärende uppföljning styrgrupp budget aktivitet mål resultat risk " +
  "hållbarhet utbildning workshop besök rapport samverkan förvaltning invånare synpunkter tjänst digital utveckling och att " +
  "det som för med till av på är en ett de vi kan ska har inte under mellan genom"
).split(" ");

/**
 * A section's text with a long history: `edits` edits by sessions of 50 (each session a new Y.js
 * client, as every browser tab is) at random places in 50 paragraphs, a tenth deleting a word,
 * until about `chars` characters. Returns the state as one update.
 */
function sectionWithHistory(chars: number, edits: number): Uint8Array {
  const random = seededRandom(13);
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(TIPTAP_FIELD);
  const texts = Array.from({ length: 50 }, () => {
    const text = new Y.XmlText();
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [text]);
    fragment.push([paragraph]);
    return text;
  });
  let length = 0;
  let words = "";
  for (let edit = 0; edit < edits || length < chars; edit++) {
    if (edit % 50 === 0) doc.clientID = Math.floor(random() * 2 ** 31);
    const text = texts[Math.floor(random() * texts.length)]!;
    if (random() < 0.1 && text.length > 20) {
      text.delete(Math.floor(random() * (text.length - 10)), 5);
      length -= 5;
      continue;
    }
    // A burst of typing whose mean size reaches `chars` after `edits` edits (then a sentence at a time).
    const wanted = edit < edits ? (chars - length) / (edits - edit) : 80;
    const size = Math.max(1, Math.round(2 * wanted * random()));
    while (words.length < size) words += WORDS[Math.floor(random() * WORDS.length)] + " ";
    text.insert(Math.floor(random() * (text.length + 1)), words.slice(0, size));
    words = words.slice(size);
    length += size;
  }
  return Y.encodeStateAsUpdate(doc);
}

/** The demo seed, and plan sections added to the pre-study project until it has `count`; returns their ids. */
async function prepareDatabase(dataDir: string, count: number, longText?: Uint8Array): Promise<string[]> {
  const database = await openDatabase({ dataDir });
  try {
    await applyMigrations(database.adapterFactory);
    useDatabase(database); // the seed writes files, ledger and search index through the current database
    await seedDemo(database.prisma);
    const prisma = database.prisma;
    const project = await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } });
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
    const last = sections.at(-1);
    if (longText && last) {
      // Stored as the collaboration server stores a text (its JSON and plain text derived), then indexed.
      const doc = new Y.Doc();
      Y.applyUpdate(doc, longText);
      const json = ydocToJson(doc);
      await storeText(last.id, "sv", longText, json, jsonToText(json));
      await reindex("plan_section", last.id);
    }
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
  /** Edits typed while measuring. */
  typed: number;
  before: ServerStats;
  after: ServerStats;
  /** This process's CPU time while measuring: all clients share it, so it bounds what they can time. */
  clientCpu: NodeJS.CpuUsage;
  /** Sockets of the writers the server closed during the round (each then reconnects and syncs again). */
  closed: number;
};

type Edit = { at: number; pending: number; last: number; measured: boolean };

let nextEditId = 0;

/** Opens the writers and the idle sections on `server`, types for warm-up + measurement, closes everything. */
type Session = { writers: CollabClient[]; clients: CollabClient[]; connectMs: number };

/** Opens the writers and the idle sections on `server`. */
async function openSession(server: Server, WRITERS: number, writersDoc: string, idleDocs: string[], cookies: string[]): Promise<Session> {
  const clients: CollabClient[] = [];
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
      600_000,
    );
    return { writers, clients, connectMs: performance.now() - opened };
  } catch (error) {
    for (const client of clients) client.destroy();
    throw error;
  }
}

/** Types for warm-up + measurement with the session's writers. */
async function runRound(server: Server, session: Session): Promise<Round> {
  const { writers, connectMs } = session;
  const WRITERS = writers.length;
  const INTERVAL_MS = (WRITERS * 1000) / RATE;
  const edits = new Map<number, Edit>();
  const samples: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const observers: (() => void)[] = [];
  const closedBefore = writers.reduce((sum, writer) => sum + writer.closeReasons.length, 0);
  try {
    // Every writer notes the tokens it receives from the others.
    for (const writer of writers) {
      const fragment = writer.doc.getXmlFragment(TIPTAP_FIELD);
      const observer = (events: Y.YEvent<Y.XmlElement | Y.XmlText>[], transaction: Y.Transaction) => {
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
      };
      fragment.observeDeep(observer);
      observers.push(() => fragment.unobserveDeep(observer));
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
      60_000,
    );

    const started = performance.now();
    const measureFrom = started + WARM_UP_MS;
    const until = measureFrom + MEASURE_MS;
    const maxEditsPerWriter = Math.ceil((WARM_UP_MS + MEASURE_MS) / INTERVAL_MS) * 2 + 10;
    let before: ServerStats | undefined;
    let typed = 0;
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
        if (at >= measureFrom) typed++;
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
    const closed = writers.reduce((sum, writer) => sum + writer.closeReasons.length, 0) - closedBefore;
    return { server: server.name, connectMs, samples, lost: measuredPending(), typed, before, after, clientCpu, closed };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    for (const stop of observers) stop();
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
      `p50 ${ms(figures.p50)}, p95 ${ms(figures.p95)}, max ${ms(figures.max)}, lost ${round.lost}, sockets closed ${round.closed}; ` +
      `clients ${cpu(round.clientCpu.user + round.clientCpu.system)}; server ${cpuBetween(round.before, round.after)}, ${memory(round.after)}`,
  );
}

/** Server CPU per edit typed while measuring (each reaches every other writer), in ms. */
const cpuPerEdit = (round: Round) =>
  (round.after.cpu.user + round.after.cpu.system - round.before.cpu.user - round.before.cpu.system) / 1000 / Math.max(1, round.typed);

/** One line per run over the section: both servers' p95, their ratio, CPU per edit and memory. */
function printPair(writers: number, index: number, app: Round, bare: Round) {
  const a = latency(app.samples);
  const b = latency(bare.samples);
  console.log(
    `Run ${index + 1} (${writers} writers): app p95 ${ms(a.p95)}, bare p95 ${ms(b.p95)}, ratio ${(a.p95 / b.p95).toFixed(2)}; ` +
      `server CPU per edit app ${cpuPerEdit(app).toFixed(3)} ms, bare ${cpuPerEdit(bare).toFixed(3)} ms (${(cpuPerEdit(app) / cpuPerEdit(bare)).toFixed(2)}×); ` +
      `RSS app ${mb(app.after.memory.rss)}, bare ${mb(bare.after.memory.rss)}; lost ${app.lost}/${bare.lost}`,
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
  const longText = CHARS > 0 ? sectionWithHistory(CHARS, HISTORY) : undefined;
  const sectionIds = await prepareDatabase(dataDir, SECTIONS, longText);
  if (sectionIds.length < SECTIONS) throw new Error(`Only ${sectionIds.length} sections`);
  const docs = sectionIds.map((id) => planDocumentName(id, "sv"));

  // Only the embedded database the benchmark prepared; Redis stays if REDIS_URL is set, as in production.
  const appEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATA_DIR: dataDir };
  delete appEnv.DATABASE_URL;
  const app = await startServer("app", "app-server.ts", appEnv, process.env.BENCH_CPU_PROF);
  servers.push(app);
  const bare = await startServer("bare", "bare-server.ts", { ...process.env, NODE_ENV: "production" });
  servers.push(bare);
  const cookies: string[] = [];
  for (const email of editors) cookies.push(await signIn(app.url, email));

  const cpus = os.cpus();
  console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`);
  if (longText) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, longText);
    console.log(
      `Section: ${textLength(doc.getXmlFragment(TIPTAP_FIELD))} characters, ${HISTORY} past edits, Y.js state ${Math.round(longText.byteLength / 1024)} KB; ` +
        `every round types into this same section`,
    );
    doc.destroy();
  }

  // Memory: idle, then the M sections open (a socket each), nothing typed.
  const idle = { app: await app.stats(), bare: await bare.stats() };
  const keepers: CollabClient[] = [];
  for (const server of [app, bare]) {
    const clients = docs.map((doc, index) => connectCollab(server.url, doc, { cookie: cookies[index % cookies.length] }));
    // The bare server has no database: the reader of the long section brings its text.
    if (longText && server === bare) Y.applyUpdate(clients.at(-1)!.doc, longText);
    await waitUntil(() => clients.every((client) => client.provider.isSynced), `${SECTIONS} sections to open on ${server.name}`, 120_000);
    await sleep(2000);
    const open = await server.stats();
    const before = idle[server.name].memory.rss;
    console.log(
      `Memory ${server.name.padEnd(4)}: idle RSS ${mb(before)}; ${SECTIONS} sections open RSS ${mb(open.memory.rss)} ` +
        `(+${mb(open.memory.rss - before)}), heap ${mb(open.memory.heapUsed)}`,
    );
    // The long section's reader stays: the section is never unloaded between rounds (on the bare
    // server it would be lost), as when someone keeps it open.
    const keeper = clients.pop()!;
    if (longText) keepers.push(keeper);
    else keeper.destroy();
    for (const client of clients) client.destroy();
  }
  await sleep(SETTLE_MS);

  const summary: string[] = [];
  for (const WRITERS of WRITER_COUNTS) {
    console.log(
      `Load: ${WRITERS} writers in one section (an edit each every ${Math.round((WRITERS * 1000) / RATE)} ms on average, ${RATE} edits/s in all), ` +
        `${SECTIONS} sections open (the writers' and ${SECTIONS - 1} idle, a socket each); ` +
        `${ROUNDS} round${ROUNDS === 1 ? "" : "s"} per server, alternating, ${MEASURE_MS / 1000} s measured after ${WARM_UP_MS / 1000} s warm-up` +
        (process.env.REDIS_URL ? "; app with Redis" : ""),
    );
    const rounds: Round[] = [];
    const sessions = new Map<Server["name"], Session>();
    for (let index = 0; index < 2 * ROUNDS; index++) {
      const server = index % 2 === 0 ? app : bare;
      // The long section every round; without one, a fresh section each round (from the end: the benchmark's own, empty ones).
      const writersIndex = longText ? SECTIONS - 1 : SECTIONS - 1 - (index % SECTIONS);
      // Over the long section, each server's clients stay connected across its rounds (a writer
      // loading the long text takes a while); otherwise everything is opened afresh each round.
      let session = sessions.get(server.name);
      if (!session) {
        session = await openSession(server, WRITERS, docs[writersIndex]!, docs.filter((_, i) => i !== writersIndex), cookies);
        if (longText) sessions.set(server.name, session);
      }
      let round: Round;
      try {
        round = await runRound(server, session);
      } finally {
        if (!longText) for (const client of session.clients) client.destroy();
      }
      rounds.push(round);
      printRound(index, round);
      if (index % 2 === 1) printPair(WRITERS, (index - 1) / 2, rounds[index - 1]!, round);
      await sleep(SETTLE_MS);
    }

    for (const session of sessions.values()) for (const client of session.clients) client.destroy();
    await sleep(SETTLE_MS);
    const pooled = (name: Server["name"]) => latency(rounds.filter((round) => round.server === name).flatMap((round) => round.samples));
    const lost = (name: Server["name"]) => rounds.filter((round) => round.server === name).reduce((sum, round) => sum + round.lost, 0);
    const total = { app: pooled("app"), bare: pooled("bare") };
    for (const name of ["app", "bare"] as const) {
      const figures = total[name];
      console.log(
        `${WRITERS} writers, ${name === "app" ? "app " : "bare"} propagation (${figures.count} edits, ${lost(name)} lost): p50 ${ms(figures.p50)}, p95 ${ms(figures.p95)}, max ${ms(figures.max)}`,
      );
    }
    const pairs = Array.from({ length: ROUNDS }, (_, pair) => latency(rounds[2 * pair]!.samples).p95 / latency(rounds[2 * pair + 1]!.samples).p95);
    summary.push(
      `${WRITERS} writers: p95 app/bare ${(total.app.p95 / total.bare.p95).toFixed(2)} over all rounds (budget ≤ 1.20); ` +
        `per run ${pairs.map((ratio) => ratio.toFixed(2)).join(", ")} (range ${Math.min(...pairs).toFixed(2)}–${Math.max(...pairs).toFixed(2)})`,
    );
  }
  for (const line of summary) console.log(line);
  for (const keeper of keepers) keeper.destroy();
} finally {
  await cleanUp();
  console.log(`Run took ${Math.round((Date.now() - runStarted) / 1000)} s`);
}
