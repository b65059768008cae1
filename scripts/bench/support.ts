// What the benchmark scripts share: percentiles, the machine line, signing in, serving the app as
// `npm start` does, in a process of its own, and a PostgreSQL database of their own.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { DEMO_PASSWORD } from "~/seed/demo.server";

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** mulberry32: the same "random" data on every run of a benchmark. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function machine() {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** Signs in with the demo password; the session cookie (`__session=…`) to send with requests. */
export async function signIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
    headers: { origin: base },
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("__session="));
  if (!cookie) throw new Error(`sign-in failed for ${email} (${response.status})`);
  return cookie.split(";")[0] as string;
}

/** `npm start`'s entry on a port, with the given environment; resolves once /healthz answers. */
export async function serveApp(port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not yet listening
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill();
  throw new Error("The server did not start");
}

/**
 * Runs a benchmark on a new PostgreSQL database (BENCH_POSTGRES_URL, else the machine's server),
 * dropped afterwards unless `keep` is set.
 */
export async function withScratchPostgres(prefix: string, run: (databaseUrl: string) => Promise<void>, options: { keep?: boolean } = {}) {
  const server = (process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432").replace(/\/$/, "");
  const name = `partnership_bench_${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    await run(`${server}/${name}`);
  } finally {
    if (options.keep) console.log(`Kept the database ${name} (--keep); drop it with: dropdb -h 127.0.0.1 -U postgres ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
