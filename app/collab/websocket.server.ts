import type { Hocuspocus } from "@hocuspocus/server";
import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";

/**
 * Hands an upgraded socket to Hocuspocus 4: it wants a web `Request` and every message forwarded
 * (docs/collaboration.md: calling handleConnection alone never syncs).
 */
export function connectSocket(hocuspocus: Hocuspocus, ws: WebSocket, request: IncomingMessage, url: URL) {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers.set(key, value);
  }
  const connection = hocuspocus.handleConnection(ws, new Request(url, { headers }));
  ws.on("message", (data: Buffer) => connection.handleMessage(new Uint8Array(data)));
  ws.on("close", (code: number, reason: Buffer) => connection.handleClose({ code, reason: reason.toString() }));
}
