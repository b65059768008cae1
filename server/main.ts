// Started by server/start.ts (`npm start`): build when missing or stale, apply migrations, seed the demo into an empty embedded
// database, serve. Stops with a clear message when the configuration is wrong.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ConfigError, parseConfig, setConfig } from "~/config.server";
import { openDatabase, useDatabase } from "~/db/db.server";
import { applyMigrations } from "~/db/migrations.server";
import { seedDemoIfEmpty } from "~/seed/demo.server";
import { reindexAll } from "~/search/search.server";
import { buildDir, listen } from "./server";

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

function ensureFreshBuild() {
  const built = newestMtime(path.join(buildDir, "server/index.js"));
  const sources = ["app", "locales", "public", "vite.config.ts", "react-router.config.ts", "package-lock.json"];
  if (built > 0 && built >= Math.max(...sources.map(newestMtime))) return;
  console.log(built > 0 ? "Sources changed since the last build: building…" : "Building the app…");
  const result = spawnSync(process.execPath, [path.resolve("node_modules/@react-router/dev/bin.js"), "build"], {
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("The build failed; see the messages above.");
}

async function main() {
  const config = parseConfig();
  setConfig(config);
  ensureFreshBuild();

  const database = config.DATABASE_URL
    ? await openDatabase({ databaseUrl: config.DATABASE_URL })
    : await openDatabase({ dataDir: config.DATA_DIR });
  useDatabase(database);
  if (config.DATABASE_URL && !config.UPLOAD_DIR) {
    // Files are not in the database: another app process would not find what this one stored.
    console.warn(`Attachments are kept in ${path.resolve(config.DATA_DIR, "files")} on this machine. With several app processes, set UPLOAD_DIR to a directory they all share.`);
  }
  const applied = await applyMigrations(database.adapterFactory);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);
  if (database.kind === "pglite" && (await seedDemoIfEmpty(database.prisma))) {
    console.log("Seeded the demo workspace (password of every demo account: demo-partnership).");
  }

  // A workspace written before search existed gets its index once.
  if ((await database.prisma.searchEntry.count()) === 0 && (await database.prisma.project.count()) > 0) {
    console.log("Building the search index…");
    await reindexAll();
  }

  if (database.kind === "postgres" && (await database.prisma.user.count()) === 0) {
    console.log('No one can sign in yet: create the first owner with  npm run create-owner -- <email> "<name>"');
  }

  if (config.PUBLIC_URL?.startsWith("https:") && config.TRUST_PROXY === false) {
    // Forms would be refused: the browser's https origin differs from the http request the proxy forwards.
    console.log("PUBLIC_URL is https but TRUST_PROXY is not set: behind an HTTPS proxy, name it in TRUST_PROXY (for example TRUST_PROXY=loopback).");
  }
  const running = await listen(config.PORT, undefined, { scheduledWork: true });
  const { url } = running;
  console.log(`Partnership workspace on ${url} (${database.kind === "pglite" ? `embedded database in ${config.DATA_DIR}` : "PostgreSQL"})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping…`);
    await running.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
