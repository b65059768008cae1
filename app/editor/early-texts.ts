import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import * as Y from "yjs";

// The live texts of a page, asked for before the page's own code runs (decision 034). On a page
// with live texts the server names this module as a script of its own (app/entry.server.tsx): it
// needs only the provider and Y.js, no React, so on a slow link it runs seconds before the page
// has hydrated. It opens the page's websocket and asks for every text whose server-rendered copy
// is on the page (authentication and the first sync), so those round trips overlap the download
// of the editor's code. The page takes the socket (use-collab-socket.ts) and each editor its text
// (collab-editor.tsx). Loaded later (client navigation, development), it does the same then.

/** A live text asked for before its editor exists, and how the server refused it meanwhile. */
export type PreparedText = { socket: HocuspocusProviderWebsocket; ydoc: Y.Doc; provider: HocuspocusProvider; refusal: string | null };

const prepared = new Map<string, PreparedText>();

function openSocket(documentNames: string[]): HocuspocusProviderWebsocket {
  const socket = new HocuspocusProviderWebsocket({
    url: `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/collab`,
    maxDelay: 10_000,
  });
  for (const name of documentNames) {
    const ydoc = new Y.Doc();
    // sessionAwareness, as the editor's own providers.
    const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: ydoc, sessionAwareness: true });
    const text: PreparedText = { socket, ydoc, provider, refusal: null };
    provider.on("authenticationFailed", ({ reason }: { reason: string }) => void (text.refusal ??= reason));
    provider.on("close", ({ event }: { event: { reason: string } }) => void (text.refusal ??= event.reason || null));
    provider.attach();
    prepared.set(name, text);
  }
  return socket;
}

/** The names of the live texts whose server-rendered copies are on the page (editor-frame.tsx). */
function textsOnPage(): string[] {
  return [...document.querySelectorAll<HTMLElement>('.editor[data-state="static"][data-document]')].map((element) => element.dataset.document!);
}

const onPage = typeof document === "undefined" ? [] : textsOnPage();
let early: HocuspocusProviderWebsocket | null = onPage.length > 0 ? openSocket(onPage) : null;

/** The page's one websocket: the one opened early, once, or a new one. */
export function takeSocket(): HocuspocusProviderWebsocket {
  const socket = early ?? openSocket([]);
  early = null;
  return socket;
}

/**
 * The text asked for early on this socket, for its editor to bind to rather than ask again. The
 * same one on every call (React may render an editor more than once before it mounts) until
 * forgotten, when the editor that took it lets it go.
 */
export function preparedText(documentName: string, socket: HocuspocusProviderWebsocket): PreparedText | undefined {
  const text = prepared.get(documentName);
  if (text && text.socket !== socket) {
    forgetPreparedText(text);
    text.provider.destroy();
    text.ydoc.destroy();
    return undefined;
  }
  return text;
}

export function forgetPreparedText(text: PreparedText) {
  for (const [name, known] of prepared) if (known === text) prepared.delete(name);
}
