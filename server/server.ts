import { createServer, type Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import { createCollabServer } from "~/collab/collab.server";
import { config } from "~/config.server";
import { runScheduledWork } from "~/notifications/scheduled.server";
import { createApp, staticAssets } from "./app";

export const buildDir = path.resolve("build");

export type RunningServer = { server: Server; url: string; close(): Promise<void> };

/** Serves the production build on one port: pages, assets, /healthz and the /collab websocket. */
export async function listen(
  port: number,
  host?: string,
  options: { collabDebounceMs?: number; scheduledWork?: boolean } = {},
): Promise<RunningServer> {
  const build = (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild;
  const app = createApp({ build, assets: staticAssets(path.join(buildDir, "client")) });
  const server = createServer(app);
  const collab = createCollabServer({ redisUrl: config().REDIS_URL, debounceMs: options.collabDebounceMs });
  server.on("upgrade", (request, socket, head) => collab.handleUpgrade(request, socket, head, `http://${request.headers.host ?? "localhost"}`));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  // Due-date reminders and daily digests, every ten minutes (each item is claimed, so several
  // processes may all run this).
  const scheduled = options.scheduledWork
    ? setInterval(() => void runScheduledWork().catch((error: unknown) => console.error("Scheduled work failed:", error)), 10 * 60_000)
    : undefined;
  scheduled?.unref();
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    server,
    url: `http://localhost:${actualPort}`,
    async close() {
      clearInterval(scheduled);
      // Collaboration first: its pending writes need the database, which the caller closes after.
      await collab.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
