// The baseline of the collaboration benchmark: Hocuspocus with no authentication and no persistence,
// embedded on a plain HTTP server the way app/collab/collab.server.ts embeds it (upgrade on /collab,
// `ws` without a server, messages forwarded to the connection), in a process of its own.
import { connectSocket } from "~/collab/websocket.server";
import { Hocuspocus } from "@hocuspocus/server";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";

const hocuspocus = new Hocuspocus({ quiet: true });
const sockets = new WebSocketServer({ noServer: true, maxPayload: 10 * 1024 * 1024 });
const server = createServer((_request, response) => void response.writeHead(404).end());

server.on("upgrade", (request, socket, head) => {
  const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "localhost"}`);
  if (url.pathname !== "/collab") {
    socket.write("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
    socket.destroy();
    return;
  }
  // Connected as the app connects it, so both servers pay for the same per-connection work.
  sockets.handleUpgrade(request, socket, head, (ws) => connectSocket(hocuspocus, ws, request, url));
});

server.listen(0, "127.0.0.1", () => process.send?.({ type: "ready", port: (server.address() as AddressInfo).port }));

function stop() {
  hocuspocus.closeConnections();
  for (const ws of sockets.clients) ws.terminate();
  sockets.close();
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
