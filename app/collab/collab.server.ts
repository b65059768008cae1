import { Redis as RedisExtension } from "@hocuspocus/extension-redis";
import { Hocuspocus, type Connection, type Extension } from "@hocuspocus/server";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { can } from "~/auth/permissions";
import { config } from "~/config.server";
import { findSessionUser } from "~/auth/session.server";
import { db } from "~/db/db.server";
import type { ProjectRole } from "~/generated/prisma/enums";
import { findSectionProject, loadTextState, sectionStatus, storeText } from "~/plan/plan.server";
import { loadMinutesState, minutesAccess, minutesStatus, storeMinutes } from "~/visits/minutes.server";
import { findingAccess, findingStatus, loadFindingState, storeFinding } from "~/findings/findings.server";
import { listenForAccessChanges, type AccessChange } from "./access-changes.server";
import { setCollabInstance } from "./collab-instance.server";
import { documentSizeLimit, updateOf } from "./document-limit.server";
import { parseDocumentName, type DocumentKind } from "./document-name";
import { AUTHENTICATION_TIMEOUT_MS, MAX_MESSAGE_BYTES } from "./limits";
import { refusalReasons, type RefusalReason, type ServerNotice } from "./messages";
import { persistence, type DocumentStorage } from "./persistence.server";
import { connectSocket } from "./websocket.server";

export type CollabContext = { userId: string; name: string; role: ProjectRole; projectId: string; readOnly: boolean };

export const COLLAB_PATH = "/collab";

type Access = { projectId: string; role: ProjectRole; readOnly: boolean };

async function planAccess(sectionId: string, userId: string): Promise<Access | null> {
  const projectId = await findSectionProject(sectionId);
  const membership = projectId ? await db.membership.findUnique({ where: { projectId_userId: { projectId, userId } } }) : null;
  if (!projectId || !membership) return null;
  return { projectId, role: membership.role, readOnly: !can(membership.role, "plan:edit") };
}

// Per kind of document: who may open it (and write), where its state is kept, its languages' statuses.
const documents: Record<DocumentKind, DocumentStorage & { access(id: string, userId: string): Promise<Access | null> }> = {
  plan: { access: planAccess, load: loadTextState, store: storeText, status: sectionStatus },
  minutes: { access: minutesAccess, load: loadMinutesState, store: storeMinutes, status: minutesStatus },
  finding: { access: findingAccess, load: loadFindingState, store: storeFinding, status: findingStatus },
};

/** A refusal whose reason Hocuspocus passes to the browser (which says it in the reader's language). */
class CollabRefusal extends Error {
  constructor(readonly reason: RefusalReason) {
    super(reason);
  }
}

/**
 * Who may open a document: the session cookie names the person, the document names the section
 * (or agenda item, or finding), whose project gives their role. Not a member: refused. Without
 * the right to write it: read-only, and Hocuspocus drops whatever that connection sends. Asked
 * when a document is opened and again whenever access changes (access-changes.server.ts).
 */
export async function authorizeDocument(request: Request, documentName: string): Promise<CollabContext> {
  const ref = parseDocumentName(documentName);
  const kind = ref ? documents[ref.kind] : undefined;
  if (!ref || !kind) throw new CollabRefusal(refusalReasons.noAccess);
  const user = await findSessionUser(request);
  if (!user) throw new CollabRefusal(refusalReasons.signedOut);
  const access = await kind.access(ref.id, user.id);
  if (!access || !can(access.role, "project:read")) throw new CollabRefusal(refusalReasons.noAccess);
  return { userId: user.id, name: user.name, ...access };
}

// Besides the immediate re-check when access changes, a connection that keeps writing is checked
// again at most every 5 s: a change missed (Redis down between processes) ends within seconds.
// Presence and the other messages of a reader are checked at most once a minute: an open tab
// sends its cursor every 15 s, and two hundred idle tabs re-checked every 5 s cost more of the
// event loop than all the writing (docs/benchmarks.md).
const RECHECK_WRITING_MS = 5000;
const RECHECK_READING_MS = 60_000;

/** Whether a message would change the document (else it reads, or shows presence). */
function writes(message: Uint8Array): boolean {
  try {
    return updateOf(message) !== null;
  } catch {
    return true; // unreadable: Hocuspocus refuses it; checked as a change would be
  }
}

/**
 * Re-runs the authorization of open connections: closes those no longer allowed (with the reason
 * the browser shows), switches the others between read-only and writing and tells the browser.
 * Messages of a connection wait while it is being checked, so nothing slips in between.
 */
function connectionGuard() {
  const checking = new WeakMap<Connection, Promise<void>>();
  const checkedAt = new WeakMap<Connection, number>();

  async function check(connection: Connection<CollabContext>) {
    checkedAt.set(connection, Date.now());
    let context: CollabContext;
    try {
      context = await authorizeDocument(connection.request, connection.document.name);
    } catch (error) {
      // The database not answering is no refusal: the connection stays as it was, asked again soon.
      if (!(error instanceof CollabRefusal)) throw error;
      // Read-only first: a message already on its way is refused, not applied.
      connection.readOnly = true;
      connection.close({ code: 4403, reason: error.reason });
      return;
    }
    const changed = context.readOnly !== connection.readOnly;
    connection.readOnly = context.readOnly;
    connection.context = context;
    if (changed) connection.sendStateless(JSON.stringify({ type: "access", readOnly: context.readOnly } satisfies ServerNotice));
  }

  function recheck(connection: Connection<CollabContext>): Promise<void> {
    // Logged, not rethrown: the messages waiting on it go on, and the next check runs.
    const next = (checking.get(connection) ?? Promise.resolve())
      .then(() => check(connection))
      .catch((error: unknown) => console.error("Re-checking an editor connection:", error));
    checking.set(connection, next);
    return next;
  }

  return {
    recheck,
    extension: {
      async connected({ connection }) {
        checkedAt.set(connection, Date.now());
      },
      async beforeHandleMessage({ connection, update: message }) {
        await checking.get(connection);
        const every = writes(message) ? RECHECK_WRITING_MS : RECHECK_READING_MS;
        if (Date.now() - (checkedAt.get(connection) ?? 0) > every) await recheck(connection);
      },
    } satisfies Extension,
  };
}

function affectedBy(change: AccessChange, documentName: string, context: CollabContext) {
  if ("userId" in change) return context.userId === change.userId;
  const ref = parseDocumentName(documentName);
  return ref?.kind === change.kind && change.ids.includes(ref.id);
}

function allowedOrigins(ownOrigin: string) {
  const publicUrl = config().PUBLIC_URL;
  const own = new URL(ownOrigin);
  // Same host over http or https (a TLS-terminating proxy in front), and PUBLIC_URL.
  return [`http://${own.host}`, `https://${own.host}`, ...(publicUrl ? [new URL(publicUrl).origin] : [])];
}

export function createCollabServer(options: { redisUrl?: string; debounceMs?: number; authenticationTimeoutMs?: number } = {}) {
  const guard = connectionGuard();
  // Rights first (a message waits while its connection is re-checked), then the size limit: a
  // refused change must not reach persistence or any other extension.
  const debounce = options.debounceMs ?? 2000;
  // Derived texts follow 5 s after typing pauses, at most every 30 s, a minute at most while it goes on (in production).
  const storage = persistence(documents, { quietMs: debounce * 2.5, maxMs: debounce * 30, gapMs: debounce * 15 });
  const extensions: Extension[] = [guard.extension, documentSizeLimit, storage];
  if (options.redisUrl) {
    const url = new URL(options.redisUrl);
    extensions.push(new RedisExtension({ host: url.hostname, port: Number(url.port || 6379), options: { password: url.password || undefined } }));
  }
  // Requests (one per socket) that signed in to a document: the others are closed after a while.
  const authenticated = new WeakSet<Request>();
  const hocuspocus = new Hocuspocus<CollabContext>({
    quiet: true,
    debounce,
    maxDebounce: 10_000,
    extensions,
    async onAuthenticate({ request, documentName, connectionConfig }) {
      const context = await authorizeDocument(request, documentName);
      connectionConfig.readOnly = context.readOnly;
      authenticated.add(request);
      return context;
    },
  });
  setCollabInstance(hocuspocus);
  const accessChanges = listenForAccessChanges(async (change) => {
    const affected = [...hocuspocus.documents.values()].flatMap((document) =>
      document.getConnections().filter((connection) => affectedBy(change, document.name, connection.context as CollabContext)),
    );
    await Promise.all(affected.map((connection) => guard.recheck(connection)));
  }, options.redisUrl);
  // No compression: a small compressed frame could expand past the limit before it is checked.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const socketOptions = {
    authenticationTimeoutMs: options.authenticationTimeoutMs ?? AUTHENTICATION_TIMEOUT_MS,
    isAuthenticated: (request: Request) => authenticated.has(request),
  };

  /** For the HTTP server's `upgrade` event: only /collab becomes a websocket. */
  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, origin: string) {
    // Node hands the upgrade's socket over without an error listener: a reset would otherwise be thrown.
    socket.on("error", () => socket.destroy());
    let url: URL;
    try {
      url = new URL(request.url ?? "/", new URL(origin));
    } catch {
      // A Host header that makes no address.
      socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
      return;
    }
    if (url.pathname !== COLLAB_PATH) {
      socket.write("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      socket.destroy();
      return;
    }
    // A page of another site must not open a socket with the reader's cookie (cross-site websocket hijacking).
    const requestOrigin = request.headers.origin;
    if (requestOrigin && !allowedOrigins(origin).includes(requestOrigin)) {
      socket.write("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      try {
        connectSocket(hocuspocus, ws, request, url, socketOptions);
      } catch (error) {
        // Headers that Node accepted but a web Request does not: this socket only.
        console.warn("Collaboration: a socket refused:", error instanceof Error ? error.message : error);
        ws.terminate();
      }
    });
  }

  /** Shutdown: stop taking connections, close them, write everything pending. */
  async function close() {
    hocuspocus.closeConnections();
    hocuspocus.flushPendingStores();
    // flushPendingStores starts the stores; wait (10 s at most) until none is pending or running.
    const storing = () =>
      [...hocuspocus.documents.values()].some((document) => {
        const id = `onStoreDocument-${document.name}`;
        return hocuspocus.debouncer.isDebounced(id) || hocuspocus.debouncer.isCurrentlyExecuting(id) || document.saveMutex.isLocked();
      });
    for (let waited = 0; waited < 10_000 && storing(); waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
    // closeConnections() only closes the documents; the sockets stay open (and the HTTP server's close waits for them).
    for (const ws of sockets.clients) ws.terminate();
    sockets.close();
    // Then let extensions (Redis) release their connections, once documents have unloaded: each
    // writes its state whole as it goes (10 s at most; the update log holds whatever is left).
    for (let waited = 0; waited < 10_000 && hocuspocus.getDocumentsCount() > 0; waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
    await hocuspocus.hooks("onDestroy", { instance: hocuspocus });
    await accessChanges.close();
  }

  return { hocuspocus, handleUpgrade, close };
}
