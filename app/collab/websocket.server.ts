import type { Hocuspocus } from "@hocuspocus/server";
import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";

/**
 * Hands an upgraded socket to Hocuspocus 4: it wants a web `Request` and every message forwarded
 * (docs/collaboration.md: calling handleConnection alone never syncs).
 *
 * Nothing a client sends may end the process: `ws` reports a malformed frame (unmasked, a reserved
 * opcode or bit, a length past the maximum) as an `error` event, which without a listener is
 * thrown; here it closes that one socket. A socket that has not signed in to any document within
 * `authenticationTimeoutMs` is closed, so idle sockets cannot pile up.
 */
export function connectSocket(
  hocuspocus: Hocuspocus,
  ws: WebSocket,
  request: IncomingMessage,
  url: URL,
  /** Without: no deadline (the benchmark's bare server, which has no sign-in). */
  options?: { authenticationTimeoutMs: number; isAuthenticated(request: Request): boolean },
) {
  ws.on("error", (error: Error & { code?: string }) => {
    console.warn(`Collaboration: a socket closed after a bad frame (${error.code ?? error.message})`);
    ws.terminate();
  });
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers.set(key, value);
  }
  const webRequest = new Request(url, { headers });
  const connection = hocuspocus.handleConnection(ws, webRequest);
  const deadline = options
    ? setTimeout(() => {
        if (!options.isAuthenticated(webRequest)) ws.terminate();
      }, options.authenticationTimeoutMs).unref()
    : undefined;
  ws.on("message", (data: Buffer) => connection.handleMessage(new Uint8Array(data)));
  ws.on("close", (code: number, reason: Buffer) => {
    clearTimeout(deadline);
    connection.handleClose({ code, reason: reason.toString() });
  });
}
