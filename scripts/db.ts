// Database commands (npm run db:*), on Prisma's WebAssembly schema engine: see app/db/migrations.server.ts.
//   migrate                 apply pending migrations to the configured database
//   new-migration <name>    write prisma/migrations/<timestamp>_<name>/migration.sql from schema.prisma
//   reset                   embedded only: delete the PGlite data, migrate, seed the demo data
//   seed                    embedded only: migrate, seed the demo data
//   backup                  embedded only: backups/pglite-<timestamp>.tar.gz
//   export-sql              embedded only: backups/pglite-<timestamp>.sql, a plain SQL dump
//                           (schema, data, migration history) to load into an empty PostgreSQL
// The configured database: DATABASE_URL (PostgreSQL) if set, else PGlite in ${DATA_DIR:-./data}/pglite.
// Run it while the server is stopped: PGlite's data directory is for one process at a time.
import { PGlite } from "@electric-sql/pglite";
import { pgDump } from "@electric-sql/pglite-tools/pg_dump";
import { existsSync } from "node:fs";
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { openDatabase, useDatabase, type Database } from "~/db/db.server";
import { applyMigrations, diffToSchema, writeMigration } from "~/db/migrations.server";
import { seedDemoIfEmpty } from "~/seed/demo.server";

const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = path.resolve(process.env.DATA_DIR || "./data");
const usage = "usage: tsx scripts/db.ts migrate | new-migration <name> | reset | seed | backup | export-sql";

class UsageError extends Error {}

async function main(command: string | undefined, args: string[]): Promise<void> {
  switch (command) {
    case "migrate":
      return withDatabase(migrate);
    case "new-migration":
      return newMigration(args[0]);
    case "reset":
      embeddedOnly("reset");
      await rm(path.join(dataDir, "pglite"), { recursive: true, force: true });
      console.log(`Deleted ${path.join(dataDir, "pglite")}`);
      return withDatabase(async (db) => {
        await migrate(db);
        await seed(db);
      });
    case "seed":
      embeddedOnly("seed");
      return withDatabase(async (db) => {
        await migrate(db);
        await seed(db);
      });
    case "backup":
      embeddedOnly("backup");
      return withDatabase(backup);
    case "export-sql":
      embeddedOnly("export-sql");
      return withDatabase(exportSql);
    default:
      throw new UsageError(command ? `unknown command "${command}"; ${usage}` : usage);
  }
}

function embeddedOnly(command: string): void {
  if (databaseUrl) {
    throw new UsageError(`"${command}" is for the embedded database (PGlite) only, and DATABASE_URL is set`);
  }
}

async function withDatabase(use: (db: Database) => Promise<void>): Promise<void> {
  // PGlite on this thread, not in its worker (decision 012): backup and export-sql use the instance itself.
  const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir, thread: "main" });
  // Domain code (the demo's search index) writes through the process's current database.
  useDatabase(db);
  try {
    await use(db);
  } finally {
    useDatabase(undefined);
    await db.close();
  }
}

async function migrate(db: Database): Promise<void> {
  const where = db.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${path.join(dataDir, "pglite")}`;
  const applied = await applyMigrations(db.adapterFactory);
  if (applied.length === 0) console.log(`${where}: no pending migrations`);
  else console.log(`${where}: applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}`).join("\n")}`);
}

async function newMigration(name: string | undefined): Promise<void> {
  if (!name) throw new UsageError("usage: tsx scripts/db.ts new-migration <name>");
  // The migration is a function of the files alone: the shadow database is an in-memory PGlite,
  // whatever database is configured.
  const pglite = new PGlite();
  try {
    const sql = await diffToSchema(new PrismaPGlite(pglite), { from: "migrations" });
    if (!sql) {
      console.log("No changes");
      return;
    }
    const dir = await writeMigration(name, sql);
    console.log(`Wrote ${path.relative(process.cwd(), path.join(dir, "migration.sql"))}`);
  } finally {
    await pglite.close();
  }
}

async function seed(db: Database): Promise<void> {
  if (await seedDemoIfEmpty(db.prisma)) console.log("Seeded the demo workspace (password: demo-partnership)");
  else console.log("The database already has people in it: nothing seeded (npm run db:reset starts over)");
}

async function writeBackupFile(extension: string, content: Blob, stamp = backupStamp()): Promise<void> {
  const file = path.resolve("backups", `pglite-${stamp}.${extension}`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, new Uint8Array(await content.arrayBuffer()));
  console.log(file);
}

const backupStamp = () => new Date().toISOString().replace(/\D/g, "").slice(0, 14);

async function backup(db: Database): Promise<void> {
  if (!db.pglite) throw new Error("no PGlite instance to back up");
  const stamp = backupStamp();
  // PGlite is single-connection: the dump sees one consistent state.
  await writeBackupFile("tar.gz", await db.pglite.dumpDataDir("gzip"), stamp);
  // The attachments' bytes live beside the database (UPLOAD_DIR, by default DATA_DIR/files).
  await copyFiles(path.resolve("backups", `files-${stamp}`));
}

/** A copy of the stored files (not the uploads being received), for a backup or a move. */
async function copyFiles(target: string): Promise<void> {
  const source = path.resolve(process.env.UPLOAD_DIR || path.join(dataDir, "files"));
  if (!existsSync(source)) return;
  await cp(source, target, { recursive: true, filter: (file) => path.basename(file) !== ".incoming" });
  console.log(target);
}

/** PGlite's own pg_dump (WebAssembly): the system's pg_dump refuses PGlite's newer server version. */
async function exportSql(db: Database): Promise<void> {
  if (!db.pglite) throw new Error("no PGlite instance to export");
  const stamp = backupStamp();
  const dump = await pgDump({ pg: db.pglite, args: ["--no-owner", "--no-privileges"] });
  // PGlite is PostgreSQL 17; this one setting is unknown to 14–16, which load the rest as it is.
  const sql = (await dump.text()).replace(/^SET transaction_timeout = 0;\n/m, "");
  await writeBackupFile("sql", new Blob([sql]), stamp);
  // The rows name their files; the bytes go with them to wherever UPLOAD_DIR will be.
  await copyFiles(path.resolve("backups", `files-${stamp}`));
}

const [command, ...args] = process.argv.slice(2);
try {
  await main(command, args);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`db ${command ?? ""}: ${message.replace(/\s*\n\s*/g, " ")}`.replace(/ {2,}/g, " "));
  process.exit(error instanceof UsageError ? 2 : 1);
}
