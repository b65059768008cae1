// `npm run dev`: the same server as `npm start`, with Vite's dev middleware and hot reload.
import { createServer } from "node:http";
import type { ServerBuild } from "react-router";
import { createServer as createViteServer } from "vite";
import { parseConfig, setConfig } from "~/config.server";
import { openDatabase, useDatabase } from "~/db/db.server";
import { applyMigrations } from "~/db/migrations.server";
import { seedDemoIfEmpty } from "~/seed/demo.server";
import { createCollabServer } from "~/collab/collab.server";
import { createApp, httpServerOptions } from "./app";

process.env.NODE_ENV = "development";
const config = parseConfig({ ...process.env, NODE_ENV: "development" });
setConfig(config);
const database = config.DATABASE_URL
  ? await openDatabase({ databaseUrl: config.DATABASE_URL })
  : await openDatabase({ dataDir: config.DATA_DIR });
useDatabase(database);
await applyMigrations(database.adapterFactory);
if (database.kind === "pglite") await seedDemoIfEmpty(database.prisma);

const vite = await createViteServer({ server: { middlewareMode: true } });
const app = createApp({
  build: () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>,
  assets: (express) => express.use(vite.middlewares),
});
const server = createServer(httpServerOptions, app);
const collab = createCollabServer({ redisUrl: config.REDIS_URL });
server.on("upgrade", (request, socket, head) => {
  // Vite's hot-reload socket has its own path; only /collab is ours.
  if (request.url?.startsWith("/collab")) collab.handleUpgrade(request, socket, head, `http://${request.headers.host ?? "localhost"}`);
});
server.listen(config.PORT, () => console.log(`Development server on http://localhost:${config.PORT}`));

const stop = async () => {
  await collab.close();
  server.close();
  await vite.close();
  await database.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
