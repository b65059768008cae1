import type { Document, Extension, Hocuspocus } from "@hocuspocus/server";
import * as Y from "yjs";
import type { Prisma } from "~/generated/prisma/client";
import type { Lang } from "~/i18n/languages";
import type { TranslationStatus } from "~/plan/translation-status";
import { parseDocumentName, type DocumentKind } from "./document-name";
import { startDeriver, type Deriver } from "./deriver.server";
import type { ServerNotice } from "./messages";
import { appendUpdate, dropUpdates, loggedUpdates } from "./update-log.server";
import type { TextWriter } from "~/editor/mentions.server";

// How shared texts are kept (decision 010). What people type costs what they typed, whatever the
// length of the text: every store (Hocuspocus's debounce) appends the Y.js updates since the last
// one to a log. The rest grows with the text, so it runs seldom: the JSON, plain text, automatic
// version and search index follow when the text has been quiet a moment, at most a minute behind
// while people keep typing; the state is written whole (and the log emptied) only when the log
// has grown long, when the text is first written, and when its last editor leaves. Derivations run
// on a thread of their own, from a copy of the text kept there (deriver.server.ts, decision 014).

/** `writers`: who changed the text since the last store, as far as this process saw (@mentions name them, decision 029). */
export type Store = (id: string, lang: Lang, state: Uint8Array | null, json: Prisma.InputJsonValue, text: string, writers?: TextWriter[]) => Promise<unknown>;
export type Status = (id: string) => Promise<Record<Lang, TranslationStatus> | null>;
export type DocumentStorage = { load(id: string, lang: Lang): Promise<Uint8Array | null>; store: Store; status: Status };

/** Log entries after which the state is written whole at the next derivation. */
export const FOLD_AFTER_UPDATES = 100;

type Kept = {
  /** The text's key on the derivation thread. */
  key: number;
  /** Updates since the last append. */
  pending: Uint8Array[];
  /** Entries in the log, and the id of the last. */
  logged: number;
  lastId: number;
  /** Whether the text has a row with a state (else the first derivation writes one). */
  stored: boolean;
  /** Changed since the last derivation: since when, and the last change. */
  changedSince: number | null;
  lastChange: number;
  /** When the last derivation started: the next waits at least timing.gapMs. */
  derivedAt: number;
  timer?: NodeJS.Timeout;
  /** The JSON last written: a derivation that would write the same skips the database. */
  json?: string;
  unloaded: boolean;
  /** Who changed the text (through a connection of this process) since the last derivation. */
  writers: Map<string, string>;
};

/**
 * Derivations start `quietMs` after the last change, `maxMs` at most after the first one not yet
 * derived, and no sooner than `gapMs` after the previous one (a long text's costs a moment of the
 * server's thread on the embedded database); the last editor leaving derives at once.
 */
export function persistence(
  documents: Record<DocumentKind, DocumentStorage>,
  timing: { quietMs: number; maxMs: number; gapMs: number },
  deriver: Deriver = startDeriver(),
): Extension {
  const kept = new Map<Document, Kept>();
  let nextKey = 1;
  let instance: Hocuspocus | undefined;

  function storageOf(documentName: string) {
    const ref = parseDocumentName(documentName);
    return ref ? { ref, storage: documents[ref.kind] } : null;
  }

  function schedule(document: Document, state: Kept) {
    if (state.timer || state.unloaded || state.changedSince === null) return;
    const dueAt = () => Math.max(state.derivedAt + timing.gapMs, Math.min(state.lastChange + timing.quietMs, (state.changedSince ?? 0) + timing.maxMs));
    state.timer = setTimeout(() => {
      state.timer = undefined;
      if (Date.now() < dueAt()) schedule(document, state);
      else {
        void document.saveMutex
          .runExclusive(() => derive(document, state, false))
          // Its last editor may have left while this held the save lock (Hocuspocus then keeps it loaded).
          .then(() => instance?.shouldUnloadDocument(document) && instance.unloadDocument(document));
      }
    }, Math.max(0, dueAt() - Date.now()));
    state.timer.unref();
  }

  /** Derives JSON and text, writes them (and the whole state when due), tells open editors the translation statuses. */
  async function derive(document: Document, state: Kept, leaving: boolean) {
    const found = storageOf(document.name);
    // Nothing typed since it was loaded (an editor opened and closed): nothing to write.
    if (!found || state.unloaded || (state.changedSince === null && state.logged === 0)) return;
    const { ref, storage } = found;
    const changedSince = state.changedSince;
    state.changedSince = null;
    const writers = [...state.writers].map(([id, name]) => ({ id, name }));
    state.writers = new Map();
    state.derivedAt = Date.now();
    const fold = leaving || !state.stored || state.logged >= FOLD_AFTER_UPDATES;
    // Everything appended so far, and still pending, is in a folded state: the log up to here can
    // go, and what is pending need not be appended (unless the write fails).
    const lastId = state.lastId;
    const taken = fold ? state.pending : [];
    if (fold) state.pending = [];
    let written = false;
    try {
      const derived = await deriver.derive(state.key, document, fold, state.json);
      if (!derived) return;
      await storage.store(ref.id, ref.lang, derived.state, derived.json, derived.text, writers);
      written = true;
      state.json = derived.serialised;
      if (fold) {
        state.stored = true;
        state.logged = 0;
        await dropUpdates(document.name, lastId);
      }
    } catch (error) {
      console.error(`Collaboration: deriving ${document.name} failed (the update log keeps every change):`, error);
      if (!written) state.pending = [...taken, ...state.pending];
      for (const writer of writers) if (!state.writers.has(writer.id)) state.writers.set(writer.id, writer.name);
      state.changedSince = changedSince ?? Date.now();
      schedule(document, state);
      return;
    }
    await notifyStatus(ref.kind, ref.id, storage);
  }

  /** Every open editor of the same text (any language, on any server through Redis) gets the statuses. */
  async function notifyStatus(kind: DocumentKind, id: string, storage: DocumentStorage) {
    const status = await storage.status(id);
    if (!status || !instance) return;
    const payload = JSON.stringify({ type: "status", status } satisfies ServerNotice);
    for (const open of instance.documents.values()) {
      const other = parseDocumentName(open.name);
      if (other?.kind === kind && other.id === id) open.broadcastStateless(payload);
    }
  }

  return {
    async onLoadDocument({ documentName, document, instance: loading }) {
      instance = loading;
      const found = storageOf(documentName);
      if (!found) return;
      const [stored, log] = await Promise.all([found.storage.load(found.ref.id, found.ref.lang), loggedUpdates(documentName)]);
      if (stored) Y.applyUpdate(document, stored);
      for (const update of log.updates) Y.applyUpdate(document, update);
      const state: Kept = {
        key: nextKey++,
        pending: [],
        logged: log.updates.length,
        lastId: log.lastId,
        stored: stored !== null,
        // Logged changes not derived yet (a process that ended first): derived soon.
        changedSince: log.updates.length > 0 ? 0 : null,
        lastChange: 0,
        derivedAt: 0,
        unloaded: false,
        writers: new Map(),
      };
      kept.set(document, state);
      deriver.open(state.key, stored ? [stored, ...log.updates] : log.updates);
      document.on("destroy", () => {
        state.unloaded = true;
        clearTimeout(state.timer);
        kept.delete(document);
        deriver.close(state.key);
      });
      // Every change counts, whoever made it (a writer, another process through Redis, a restored version).
      document.on("update", (update: Uint8Array) => {
        state.pending.push(update);
        deriver.update(state.key, update);
        state.lastChange = Date.now();
        state.changedSince ??= state.lastChange;
        schedule(document, state);
      });
      schedule(document, state);
    },
    async onChange({ document, context }) {
      // The connection's person (collab.server.ts); a direct connection (a restored version) has none.
      const writer = context as Partial<TextWriter & { userId: string }> | undefined;
      const state = kept.get(document);
      if (state && typeof writer?.userId === "string" && typeof writer.name === "string") state.writers.set(writer.userId, writer.name);
    },
    async onStoreDocument({ document }) {
      const state = kept.get(document);
      if (!state || state.pending.length === 0) return;
      const pending = state.pending;
      state.pending = [];
      try {
        state.lastId = await appendUpdate(document.name, pending.length === 1 ? pending[0]! : Y.mergeUpdates(pending));
        state.logged++;
      } catch (error) {
        // Kept for the next store; Hocuspocus keeps the document in memory meanwhile.
        state.pending = [...pending, ...state.pending];
        throw error;
      }
    },
    async beforeUnloadDocument({ document }) {
      const state = kept.get(document);
      if (!state) return;
      // The last editor left: the state is written whole. Should that fail, the log still holds everything.
      await document.saveMutex.runExclusive(() => derive(document, state, true));
    },
    async onDestroy() {
      await deriver.stop();
    },
  };
}
