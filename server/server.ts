import { createServer, type Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import { createCollabServer } from "~/collab/collab.server";
import { config } from "~/config.server";
import { currentDatabase } from "~/db/db.server";
import { jobHandlers } from "~/jobs/handlers.server";
import { startJobRunner } from "~/jobs/queue.server";
import { createApp, httpServerOptions, staticAssets } from "./app";

export const buildDir = path.resolve("build");

export type RunningServer = { server: Server; url: string; close(): Promise<void> };

/** Serves the production build on one port: pages, assets, /healthz and the /collab websocket. */
export async function listen(
  port: number,
  host?: string,
  options: { collabDebounceMs?: number; collabAuthenticationTimeoutMs?: number; scheduledWork?: boolean; retryDelaySeconds?: number } = {},
): Promise<RunningServer> {
  const build = (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild;
  const app = createApp({ build, assets: staticAssets(path.join(buildDir, "client")) });
  const server = createServer(httpServerOptions, app);
  const collab = createCollabServer({
    redisUrl: config().REDIS_URL,
    debounceMs: options.collabDebounceMs,
    authenticationTimeoutMs: options.collabAuthenticationTimeoutMs,
  });
  server.on("upgrade", (request, socket, head) => collab.handleUpgrade(request, socket, head, `http://${request.headers.host ?? "localhost"}`));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  // Background work (notification e-mails; with scheduledWork also the due-date reminders and
  // daily digests every ten minutes) from the queue kept in the database.
  const jobs = await startJobRunner(currentDatabase(), jobHandlers, { schedule: options.scheduledWork, retryDelaySeconds: options.retryDelaySeconds });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    server,
    url: `http://localhost:${actualPort}`,
    async close() {
      // Collaboration and jobs first: they need the database, which the caller closes after.
      await collab.close();
      await jobs.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
