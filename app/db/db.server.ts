import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "~/generated/prisma/client";
import { singleton } from "~/utils/singleton.server";
import { pgliteOptions } from "./pglite-options";
import { startPGliteWorker, type PGliteWorkerAdapterFactory } from "./pglite-worker.server";
import { noteWrite, noteWrites } from "./writes.server";

export { pgliteOptions };

export type Database = {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** For the schema engine (migrations, drift checks). */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** The connection string on PostgreSQL (pg-boss opens its own connections with it). */
  url?: string;
  /** The PGlite instance when it runs on this thread (backups); none when it runs in its worker thread. */
  pglite?: PGlite;
  close(): Promise<void>;
};

export type DatabaseTarget =
  | { databaseUrl: string }
  /**
   * The embedded database in `dataDir`/pglite: in a worker thread of its own (the server), or on
   * this thread with `thread: "main"` (scripts that use the PGlite instance itself: backups).
   */
  | { dataDir: string; thread?: "worker" | "main" }
  /** An in-memory embedded database in a worker thread, loaded from a dumped data directory (a tar file: the tests' template). */
  | { templateFile: string }
  /** This PGlite, on this thread (tests). */
  | { pglite: PGlite };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if ("databaseUrl" in target) {
    const adapterFactory = new PrismaPg({ connectionString: target.databaseUrl });
    const prisma = noteWrites(new PrismaClient({ adapter: adapterFactory }));
    return { kind: "postgres", url: target.databaseUrl, prisma, adapterFactory, close: () => prisma.$disconnect() };
  }
  if ("templateFile" in target) return inWorker({ loadDataDir: target.templateFile });
  if ("dataDir" in target && target.thread !== "main") {
    const dir = dataDirectory(target.dataDir);
    const releaseLock = lockDataDir(dir);
    try {
      return await inWorker({ dataDir: dir }, releaseLock);
    } catch (error) {
      releaseLock();
      throw error;
    }
  }
  let pglite: PGlite;
  let releaseLock = () => {};
  if ("pglite" in target) {
    pglite = target.pglite;
  } else {
    const dir = dataDirectory(target.dataDir);
    releaseLock = lockDataDir(dir);
    pglite = await PGlite.create(dir, pgliteOptions);
  }
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = noteWrites(new PrismaClient({ adapter: adapterFactory }));
  return {
    kind: "pglite",
    prisma,
    adapterFactory,
    pglite,
    async close() {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
      releaseLock();
    },
  };
}

/** PGlite in a worker thread (decision 012): its WebAssembly work runs beside the server's thread, not on it. */
async function inWorker(start: { dataDir?: string; loadDataDir?: string }, releaseLock = () => {}): Promise<Database> {
  const adapterFactory: PGliteWorkerAdapterFactory = await startPGliteWorker(start);
  const prisma = noteWrites(new PrismaClient({ adapter: adapterFactory }));
  return {
    kind: "pglite",
    prisma,
    adapterFactory,
    async close() {
      try {
        await prisma.$disconnect();
        await adapterFactory.close(); // PGlite's close, in the worker, then the worker's end
      } finally {
        releaseLock();
      }
    },
  };
}

function dataDirectory(dataDir: string): string {
  const dir = path.resolve(dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  return dir;
}

const holder = singleton("database", () => ({ current: undefined as Database | undefined }));

/** Makes `db` point at this database for the rest of the process (server start, tests). */
export function useDatabase(database: Database | undefined) {
  holder.current = database;
  noteWrite(); // what was kept was read from the other database
}

export function currentDatabase(): Database {
  if (!holder.current) throw new Error("No database: call useDatabase() at start-up.");
  return holder.current;
}

/** The one Prisma client of the process. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const prisma = currentDatabase().prisma as unknown as Record<PropertyKey, unknown>;
    const value = prisma[property];
    return typeof value === "function" ? (value as Function).bind(prisma) : value;
  },
});

/**
 * PGlite does not lock its data directory, and two processes on one directory corrupt it (a
 * second `npm start`, or `npm run backup` while the server runs). A pid file refuses the second.
 */
function lockDataDir(dir: string): () => void {
  const lockFile = `${dir}.pid`;
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(lockFile, "utf8"));
  } catch {
    holder = undefined; // no lock yet
  }
  if (holder && holder !== process.pid && isRunning(holder)) {
    throw new Error(`The embedded database in ${dir} is in use by process ${holder}. Stop that process first.`);
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
