// The messages between the server's thread and the embedded database's worker thread
// (pglite-worker.server.ts, pglite.worker.ts). Everything in them is a structured clone: strings,
// numbers, Dates, Uint8Arrays, arrays and plain objects.
import {
  DriverAdapterError,
  isDriverAdapterError,
  type ConnectionInfo,
  type Error as DriverErrorCause,
  type IsolationLevel,
  type SqlQuery,
} from "@prisma/driver-adapter-utils";

/** What the worker opens: a data directory, or (without one) an in-memory database, from a dump (a tar file) if given. */
export type WorkerStart = { dataDir?: string; loadDataDir?: string };

export type Call =
  | { op: "queryRaw" | "executeRaw"; query: SqlQuery; tx?: number }
  | { op: "executeScript"; script: string }
  | { op: "startTransaction"; isolationLevel?: IsolationLevel }
  | { op: "commit" | "rollback"; tx: number }
  | { op: "close" };

export type Request = Call & { id: number };

/** An error on its way back: a driver adapter's error by its cause (what Prisma maps to P2002 etc.), any other by its message. */
export type WorkerError = { driver: DriverErrorCause } | { name: string; message: string; stack?: string };

export type Reply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WorkerError }
  | { ready: { adapterName: string; connectionInfo?: ConnectionInfo } }
  | { failed: WorkerError };

export function toWorkerError(error: unknown): WorkerError {
  // By its shape, as Prisma recognises one: pglite-prisma-adapter throws its own copy's class.
  if (error instanceof Error && isDriverAdapterError(error)) return { driver: error.cause };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: "Error", message: String(error) };
}

export function fromWorkerError(error: WorkerError): Error {
  if ("driver" in error) return new DriverAdapterError(error.driver);
  const result = new Error(error.message);
  result.name = error.name;
  // Where it was thrown, in the worker, above where its answer arrived.
  if (error.stack) result.stack = `${error.stack}\n    --- answered by the database's worker thread ---\n${result.stack?.split("\n").slice(1).join("\n") ?? ""}`;
  return result;
}
