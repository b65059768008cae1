// The embedded database on a thread of its own (decision 012). PGlite (its WebAssembly Postgres and
// its protocol code) runs in a worker thread, pglite.worker.ts, beside pglite-prisma-adapter's
// adapter on it; here, on the server's thread, an adapter factory for Prisma sends each call of the
// adapter (and of its transactions) to the worker as a message and awaits the answer. The page
// rendering and the database work so run on the machine's two cores at once.
import { PGlite } from "@electric-sql/pglite";
import type {
  ConnectionInfo,
  IsolationLevel,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
  TransactionOptions,
} from "@prisma/driver-adapter-utils";
import type { Worker } from "node:worker_threads";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { sourceFile, startTsWorker } from "~/utils/ts-worker.server";
import { pgliteOptions } from "./pglite-options";
import { withScripts } from "./script-adapter";
import { fromWorkerError, type Call, type Reply, type Request, type WorkerStart } from "./pglite-protocol";

// ---------------------------------------------------------------------------------------------
// Starting the worker.

/** Starts PGlite in a worker thread; resolves once it is open. */
export async function startPGliteWorker(start: WorkerStart): Promise<PGliteWorkerAdapterFactory> {
  const worker = startTsWorker(sourceFile(import.meta.url, "app/db", "pglite.worker.ts"), "pglite", start);
  let onMessage!: (message: Reply) => void;
  let onError!: (error: Error) => void;
  let onExit!: (code: number) => void;
  const hello = await new Promise<Extract<Reply, { ready: unknown }>>((resolve, reject) => {
    onMessage = (message) => {
      if ("ready" in message) resolve(message);
      else if ("failed" in message) reject(fromWorkerError(message.failed));
    };
    onError = (error) => reject(new Error(`The embedded database's worker thread failed to start: ${error.message}`, { cause: error }));
    onExit = (code) => reject(new Error(`The embedded database's worker thread exited (code ${code}) while starting`));
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
  })
    .catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    })
    .finally(() => worker.off("message", onMessage).off("error", onError).off("exit", onExit));
  return new PGliteWorkerAdapterFactory(new Channel(worker), hello.ready.adapterName, hello.ready.connectionInfo);
}

// ---------------------------------------------------------------------------------------------
// Calls and their answers.

class Channel {
  #worker: Worker;
  #pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  #nextId = 1;
  /** Set once the worker is gone: every call then fails with it. */
  #stopped: Error | undefined;
  #closing = false;

  constructor(worker: Worker) {
    this.#worker = worker;
    // Idle, the worker does not keep the process alive (as PGlite on the main thread does not);
    // while a call waits for its answer, it does.
    worker.unref();
    worker.on("message", (reply: Reply) => this.#answer(reply));
    worker.on("error", (error) => this.#stop(new Error(`The embedded database stopped: its worker thread failed (${error.message})`, { cause: error })));
    worker.on("exit", (code) =>
      this.#stop(new Error(this.#closing ? "The embedded database is closed" : `The embedded database stopped: its worker thread exited (code ${code})`)),
    );
  }

  get stopped(): boolean {
    return this.#stopped !== undefined;
  }

  /** The worker's thread id; -1 once it no longer runs. */
  get threadId(): number {
    return this.#worker.threadId;
  }

  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }

  call<T>(call: Call): Promise<T> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#nextId++;
    if (this.#pending.size === 0) this.#worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ ...call, id } satisfies Request);
    });
  }

  #answer(reply: Reply) {
    if (!("id" in reply)) return;
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker.unref();
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(fromWorkerError(reply.error));
  }

  #stop(error: Error) {
    this.#stopped ??= error;
    for (const pending of this.#pending.values()) pending.reject(this.#stopped);
    this.#pending.clear();
  }

  /** Closes PGlite in the worker, then ends the worker. */
  async close(): Promise<void> {
    if (this.#stopped) return;
    try {
      await this.call({ op: "close" });
    } finally {
      this.#closing = true;
      this.#stop(new Error("The embedded database is closed"));
      await this.#worker.terminate();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What Prisma (and the schema engine) sees.

const PROVIDER = "postgres" as const;

/** Prisma's adapter factory for PGlite in a worker thread (Prisma Client, and the schema engine through migrations.server.ts). */
export class PGliteWorkerAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = PROVIDER;
  readonly #channel: Channel;

  constructor(
    channel: Channel,
    readonly adapterName: string,
    readonly connectionInfo: ConnectionInfo | undefined,
  ) {
    this.#channel = channel;
  }

  /** One PGlite has one session: every connection is that session (as with pglite-prisma-adapter itself). */
  async connect(): Promise<SqlDriverAdapter> {
    return new WorkerAdapter(this.#channel, this.adapterName, this.connectionInfo);
  }

  /**
   * A shadow database for the schema engine (`diffToSchema` from the migrations): an in-memory
   * PGlite on this thread, whose scripts run whole and which is closed with its connection.
   */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = new PGlite(pgliteOptions);
    const adapter = await new PrismaPGlite(shadow).connect();
    return withScripts(
      adapter,
      (script) => shadow.exec(script),
      async () => {
        if (!shadow.closed) await shadow.close();
      },
    );
  }

  /** Whether the worker has stopped (closed, or died). */
  get stopped(): boolean {
    return this.#channel.stopped;
  }

  /** The worker's thread id; -1 once it no longer runs. */
  get threadId(): number {
    return this.#channel.threadId;
  }

  /**
   * Ends the worker at once, PGlite unclosed, as a crash would: how the tests check that calls then
   * fail rather than wait. Use close() otherwise.
   */
  terminate(): Promise<void> {
    return this.#channel.terminate();
  }

  close(): Promise<void> {
    return this.#channel.close();
  }
}

class WorkerQueryable {
  readonly provider = PROVIDER;
  constructor(
    protected readonly channel: Channel,
    readonly adapterName: string,
    protected readonly tx?: number,
  ) {}

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.channel.call({ op: "queryRaw", query, tx: this.tx });
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.channel.call({ op: "executeRaw", query, tx: this.tx });
  }
}

class WorkerAdapter extends WorkerQueryable implements SqlDriverAdapter {
  constructor(
    channel: Channel,
    adapterName: string,
    private readonly connectionInfo: ConnectionInfo | undefined,
  ) {
    super(channel, adapterName);
  }

  executeScript(script: string): Promise<void> {
    return this.channel.call({ op: "executeScript", script });
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const { tx, options } = await this.channel.call<{ tx: number; options: TransactionOptions }>({ op: "startTransaction", isolationLevel });
    return new WorkerTransaction(this.channel, this.adapterName, tx, options);
  }

  getConnectionInfo(): ConnectionInfo {
    return this.connectionInfo ?? { supportsRelationJoins: true };
  }

  /** The worker (the one session) stays open until the database is closed. */
  async dispose(): Promise<void> {}
}

class WorkerTransaction extends WorkerQueryable implements Transaction {
  constructor(
    channel: Channel,
    adapterName: string,
    tx: number,
    readonly options: TransactionOptions,
  ) {
    super(channel, adapterName, tx);
  }

  commit(): Promise<void> {
    return this.channel.call({ op: "commit", tx: this.tx! });
  }

  rollback(): Promise<void> {
    return this.channel.call({ op: "rollback", tx: this.tx! });
  }
}
