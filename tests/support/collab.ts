import { HocuspocusProvider, HocuspocusProviderWebsocket, MessageType, WebSocketStatus } from "@hocuspocus/provider";
import { fork } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import * as Y from "yjs";
import { COLLAB_PATH } from "~/collab/collab.server";
import { planDocumentName } from "~/collab/document-name";
import { parseConfig, setConfig, type Config } from "~/config.server";
import { useDatabase, type Database } from "~/db/db.server";
import { TIPTAP_FIELD } from "~/editor/extensions";
import type { Lang } from "~/i18n/languages";
import { listen, type RunningServer } from "../../server/server";
import { TestClient } from "./client";
import { createTestDatabase } from "./database";

// Collaboration tests: the real server (pages + /collab on one port) that can be stopped and started
// again on the same port and database, more servers beside it, and Node clients that edit a plan
// text through Y.js exactly as the browser editor's provider does.

export type CollabApp = {
  database: Database;
  /** The first server's port; `restart` listens on it again. */
  port: number;
  url: string;
  /** Closes the server (flushing pending stores) but keeps the database. */
  stop(): Promise<void>;
  /** Listens again on the same port and database. */
  start(): Promise<void>;
  /** Another server on another port, same process and database; with or without the Redis extension. */
  listenAnother(options?: { redisUrl?: string }): Promise<RunningServer>;
  /** Signs in over HTTP and returns the `__session` cookie header value. */
  sessionCookie(email: string): Promise<string>;
  close(): Promise<void>;
};

export async function startCollabApp(
  options: { env?: Record<string, string>; collabDebounceMs?: number; collabAuthenticationTimeoutMs?: number } = {},
): Promise<CollabApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "partnership-collab-test-"));
  const baseConfig: Config = parseConfig({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    SESSION_SECRET: "test-secret-".padEnd(40, "x"),
    ...options.env,
  });
  setConfig(baseConfig);
  const database = await createTestDatabase({ demo: true });
  useDatabase(database);
  const collabOptions = { collabDebounceMs: options.collabDebounceMs, collabAuthenticationTimeoutMs: options.collabAuthenticationTimeoutMs };
  let running: RunningServer | undefined = await listen(0, "127.0.0.1", collabOptions);
  const port = Number(new URL(running.url).port);
  const others = new Set<RunningServer>();
  const url = `http://127.0.0.1:${port}`;

  return {
    database,
    port,
    url,
    async stop() {
      await running?.close();
      running = undefined;
    },
    async start() {
      if (running) throw new Error("already running");
      running = await listen(port, "127.0.0.1", collabOptions);
    },
    async listenAnother({ redisUrl } = {}) {
      // The collaboration server reads REDIS_URL from the configuration when it is created.
      setConfig({ ...baseConfig, REDIS_URL: redisUrl });
      try {
        const other = await listen(0, "127.0.0.1", collabOptions);
        others.add(other);
        return {
          ...other,
          url: other.url.replace("localhost", "127.0.0.1"),
          async close() {
            others.delete(other);
            await other.close();
          },
        };
      } finally {
        setConfig(baseConfig);
      }
    },
    async sessionCookie(email: string) {
      const client = new TestClient(url);
      await client.signIn(email);
      const value = client.cookie("__session");
      if (!value) throw new Error(`No session cookie for ${email}`);
      return `__session=${value}`;
    },
    async close() {
      for (const other of [...others]) await other.close();
      await running?.close();
      running = undefined;
      await database.close();
      useDatabase(undefined);
    },
  };
}

/** `ws` sends no cookies by itself; the browser sends the session cookie on the upgrade request. */
function webSocketWithCookie(cookie: string | undefined) {
  return class CookieWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, cookie ? { headers: { cookie } } : {});
    }
  };
}

export const collabUrl = (httpUrl: string) => `${httpUrl.replace(/^http/, "ws")}${COLLAB_PATH}`;

export type CollabClient = {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  /** Reasons of every `authenticationFailed` event. */
  authenticationFailures: string[];
  /** Reasons the server gave when it closed this document (its socket stays open). */
  closeReasons: string[];
  /** Stateless messages from the server (a changed right to write, translation statuses). */
  notices: string[];
  /** How many of this client's updates the server answered with "not applied" (read-only). */
  refusedUpdates: number;
  /** The text as the editor would show it: paragraphs joined by newlines. */
  text(): string;
  /** Appends a paragraph, as typing it in the editor would. */
  type(words: string): void;
  connected(): boolean;
  destroy(): void;
};

/**
 * A Node client on one document, through the same provider as the browser. Reconnects fast
 * (50–300 ms instead of 1–30 s) so the tests of outages stay short.
 */
export function connectCollab(httpUrl: string, documentName: string, options: { cookie?: string } = {}): CollabClient {
  const doc = new Y.Doc();
  let destroyed = false;
  const socket = new HocuspocusProviderWebsocket({
    url: collabUrl(httpUrl),
    WebSocketPolyfill: webSocketWithCookie(options.cookie),
    delay: 100,
    minDelay: 50,
    maxDelay: 300,
    factor: 1.5,
  });
  const client: CollabClient = {
    doc,
    socket,
    authenticationFailures: [],
    closeReasons: [],
    notices: [],
    refusedUpdates: 0,
    provider: undefined as unknown as HocuspocusProvider,
    text: () => fragmentText(doc.getXmlFragment(TIPTAP_FIELD)),
    type(words) {
      doc.transact(() => {
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText(words)]);
        doc.getXmlFragment(TIPTAP_FIELD).push([paragraph]);
      });
    },
    connected: () => socket.status === WebSocketStatus.Connected,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      client.provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
  client.provider = new HocuspocusProvider({
    name: documentName,
    document: doc,
    websocketProvider: socket,
    onAuthenticationFailed: ({ reason }) => client.authenticationFailures.push(reason),
    onClose: ({ event }) => client.closeReasons.push(event.reason),
    onStateless: ({ payload }) => client.notices.push(payload),
    onMessage: ({ message }) => {
      // A SyncStatus message is <document name><type 8><applied 0|1>; 0 answers an update the
      // server dropped (a read-only connection).
      message.readVarString();
      if (message.readVarUint() === MessageType.SyncStatus && message.readVarUint() === 0) client.refusedUpdates += 1;
    },
  });
  client.provider.attach();
  return client;
}

/** Connects and waits for the first sync (or fails with what the server answered). */
export async function openSynced(httpUrl: string, documentName: string, cookie: string): Promise<CollabClient> {
  const client = connectCollab(httpUrl, documentName, { cookie });
  try {
    await waitUntil(() => {
      if (client.authenticationFailures.length > 0) throw new Error(`refused: ${client.authenticationFailures.join(", ")}`);
      return client.provider.isSynced;
    }, `${documentName} to sync`);
  } catch (error) {
    client.destroy();
    throw error;
  }
  return client;
}

export const planDoc = (sectionId: string, lang: Lang) => planDocumentName(sectionId, lang);

function fragmentText(node: Y.XmlFragment | Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("");
  }
  const children = node.toArray() as (Y.XmlElement | Y.XmlText)[];
  // Inside a paragraph or heading: its text runs; anywhere else: one block a line.
  const joiner = children.every((child) => child instanceof Y.XmlText) ? "" : "\n";
  return children.map(fragmentText).join(joiner);
}

/** Polls until `check` returns true (20 ms steps); fails naming what it waited for. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits `ms` and asserts `check` stays false all along (for "never arrives"). */
export async function staysFalse(check: () => boolean | Promise<boolean>, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) throw new Error(`Unexpectedly: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export type PasteWriter = {
  /** Stateless messages the server sent the writer. */
  stateless: string[];
  /** Pastes a paragraph of `text` (one Y.js change, as a paste in the editor is). */
  paste(text: string): Promise<void>;
  stop(): Promise<void>;
};

/**
 * A writer in a child process, as a browser is another machine: a test that times the server's
 * answers meanwhile does not count the writer's own work of building and sending a long paste.
 */
export async function startPasteWriter(httpUrl: string, documentName: string, cookie: string): Promise<PasteWriter> {
  // Tests run from the repository's root (as tests/support/paths.ts assumes).
  const child = fork(path.resolve("tests/support/paste-writer.ts"), [collabUrl(httpUrl), documentName, cookie], { execArgv: ["--import", "tsx"] });
  const stateless: string[] = [];
  const waiting = new Map<string, () => void>();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.on("message", (message: { type: string; payload?: string; reason?: string }) => {
    if (message.type === "stateless") stateless.push(message.payload ?? "");
    waiting.get(message.type)?.();
  });
  const next = (type: string) => new Promise<void>((resolve) => waiting.set(type, resolve));
  const synced = next("synced");
  await Promise.race([synced, exited.then(() => Promise.reject(new Error("the writer's process ended")))]);
  return {
    stateless,
    async paste(text) {
      const pasted = next("pasted");
      child.send({ type: "paste", text });
      await pasted;
    },
    async stop() {
      child.send({ type: "stop" });
      await exited;
    },
  };
}
