import type { Worker } from "node:worker_threads";
import type * as Y from "yjs";
import { sourceFile, startTsWorker } from "~/utils/ts-worker.server";
import { deriveText, type Derived } from "./derivation";

// The server's side of the derivation thread (derive.worker.ts, decision 014). Each open shared
// text has a key; the thread is given the text's state when it opens, every change the server's
// document takes in (batched per turn of the event loop), and asked to derive. Should the thread
// fail, derivations run on the server's thread as before: slower for a long text, never lost.

export type DeriveRequest =
  | { type: "open"; key: number; updates: Uint8Array[] }
  | { type: "update"; key: number; updates: Uint8Array[] }
  | { type: "close"; key: number }
  | { type: "derive"; id: number; key: number; fold: boolean; lastJson: string | undefined };
export type DeriveReply = { id: number; ok: true; derived: Derived | null } | { id: number; ok: false; message: string };

export type Deriver = {
  /** A text opened: its state so far, as the updates it was loaded from. */
  open(key: number, updates: Uint8Array[]): void;
  /** A change the text took in. */
  update(key: number, update: Uint8Array): void;
  close(key: number): void;
  /** Derives from the copy, which has every change given so far; `document` serves if the thread failed. */
  derive(key: number, document: Y.Doc, fold: boolean, lastJson: string | undefined): Promise<Derived | null>;
  stop(): Promise<void>;
};

export function startDeriver(): Deriver {
  let worker: Worker | null = null;
  let failed = false;
  const pending = new Map<number, { resolve(derived: Derived | null): void; reject(error: Error): void }>();
  const queued = new Map<number, Uint8Array[]>();
  let flushing = false;
  let nextId = 1;

  function fail(error: Error, quietly = false) {
    if (failed) return;
    failed = true;
    if (!quietly) console.error("Collaboration: the derivation thread stopped; deriving on the server's thread from now on:", error);
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    queued.clear();
  }

  /** Started with the first text opened: a server whose texts nobody opens needs no thread. */
  function thread(): Worker | null {
    if (failed) return null;
    if (!worker) {
      worker = startTsWorker(sourceFile(import.meta.url, "app/collab", "derive.worker.ts"), "derive");
      worker.unref();
      worker.on("message", (reply: DeriveReply) => {
        const waiting = pending.get(reply.id);
        if (!waiting) return;
        pending.delete(reply.id);
        if (pending.size === 0) worker?.unref();
        if (reply.ok) waiting.resolve(reply.derived);
        else waiting.reject(new Error(reply.message));
      });
      worker.on("error", (error) => fail(error));
      worker.on("exit", (code) => fail(new Error(`the derivation thread exited (code ${code})`)));
    }
    return worker;
  }

  function post(request: DeriveRequest) {
    thread()?.postMessage(request);
  }

  function flush(key?: number) {
    for (const [queuedKey, updates] of queued) {
      if (key !== undefined && queuedKey !== key) continue;
      queued.delete(queuedKey);
      post({ type: "update", key: queuedKey, updates });
    }
  }

  return {
    open(key, updates) {
      post({ type: "open", key, updates });
    },
    update(key, update) {
      if (failed) return;
      const updates = queued.get(key);
      if (updates) updates.push(update);
      else queued.set(key, [update]);
      if (flushing) return;
      flushing = true;
      setImmediate(() => {
        flushing = false;
        flush();
      });
    },
    close(key) {
      queued.delete(key);
      post({ type: "close", key });
    },
    async derive(key, document, fold, lastJson) {
      flush(key);
      const running = thread();
      if (running) {
        const id = nextId++;
        if (pending.size === 0) running.ref();
        try {
          return await new Promise<Derived | null>((resolve, reject) => {
            pending.set(id, { resolve, reject });
            running.postMessage({ type: "derive", id, key, fold, lastJson } satisfies DeriveRequest);
          });
        } catch (error) {
          // Whatever failed there (the thread, or its copy of this text), the document is here.
          if (!failed) console.error("Collaboration: deriving on the derivation thread failed; deriving on the server's thread:", error);
        }
      }
      return deriveText(document, fold, lastJson);
    },
    async stop() {
      fail(new Error("the collaboration server is closed"), true);
      await worker?.terminate();
      worker = null;
    },
  };
}
