// The embedded database's worker thread (decision 012), started by pglite-worker.server.ts: PGlite
// and pglite-prisma-adapter's adapter on it, answering the server thread's calls one message each.
// Calls are served as they come, not one after another: PGlite orders them itself (a statement
// outside a transaction waits for the transaction; the transaction's own statements do not).
import { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapter, Transaction } from "@prisma/driver-adapter-utils";
import { readFile } from "node:fs/promises";
import { parentPort, workerData } from "node:worker_threads";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { pgliteOptions, runScript } from "./pglite-options";
import { withScripts } from "./script-adapter";
import { toWorkerError, type Reply, type Request, type WorkerStart } from "./pglite-protocol";

const port = parentPort!;
const start = (workerData as { start: WorkerStart }).start;

function send(reply: Reply, transfer: ArrayBuffer[] = []) {
  port.postMessage(reply, transfer);
}

async function open(): Promise<PGlite> {
  if (start.dataDir) return PGlite.create(start.dataDir, pgliteOptions);
  const dump = start.loadDataDir ? new Blob([await readFile(start.loadDataDir)]) : undefined;
  return PGlite.create({ ...pgliteOptions, loadDataDir: dump });
}

let pglite: PGlite;
let adapter: SqlDriverAdapter;
try {
  pglite = await open();
  // Scripts (the migrations) run whole, their error as the schema engine reports one.
  adapter = withScripts(await new PrismaPGlite(pglite).connect(), (script) => runScript(pglite, script));
} catch (error) {
  send({ failed: toWorkerError(error) });
  throw error;
}

const transactions = new Map<number, Transaction>();
let nextTransaction = 1;

function transaction(id: number): Transaction {
  const found = transactions.get(id);
  if (!found) throw new Error(`Transaction ${id} is already closed`);
  return found;
}

async function answer(request: Request): Promise<unknown> {
  switch (request.op) {
    case "queryRaw":
      return (request.tx === undefined ? adapter : transaction(request.tx)).queryRaw(request.query);
    case "executeRaw":
      return (request.tx === undefined ? adapter : transaction(request.tx)).executeRaw(request.query);
    case "executeScript":
      return adapter.executeScript(request.script);
    case "startTransaction": {
      const opened = await adapter.startTransaction(request.isolationLevel);
      const tx = nextTransaction++;
      transactions.set(tx, opened);
      return { tx, options: opened.options };
    }
    case "commit":
    case "rollback": {
      const closing = transaction(request.tx);
      transactions.delete(request.tx);
      await (request.op === "commit" ? closing.commit() : closing.rollback());
      return undefined;
    }
    case "close":
      if (!pglite.closed) await pglite.close();
      return undefined;
  }
}

/** The byte arrays of a result, moved to the other thread rather than copied (Y.js states, file contents). */
function transferable(value: unknown): ArrayBuffer[] {
  const rows = (value as { rows?: unknown[][] } | undefined)?.rows;
  if (!Array.isArray(rows)) return [];
  const buffers = new Set<ArrayBuffer>();
  for (const row of rows) {
    for (const cell of row) {
      // Only arrays that own their whole buffer (each bytea value is a fresh copy).
      if (cell instanceof Uint8Array && cell.buffer instanceof ArrayBuffer && cell.byteOffset === 0 && cell.byteLength === cell.buffer.byteLength) {
        buffers.add(cell.buffer);
      }
    }
  }
  return [...buffers];
}

async function serve(request: Request) {
  try {
    const value = await answer(request);
    send({ id: request.id, ok: true, value }, transferable(value));
  } catch (error) {
    // The call's error, or its answer's if that cannot be sent (a value that is not a structured clone).
    send({ id: request.id, ok: false, error: toWorkerError(error) });
  }
}

port.on("message", (request: Request) => void serve(request));

send({ ready: { adapterName: adapter.adapterName, connectionInfo: adapter.getConnectionInfo?.() } });
