import { PGlite } from "@electric-sql/pglite";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { openDatabase, pgliteOptions, type Database } from "~/db/db.server";
import { inject } from "vitest";
import { withDatabaseName } from "./paths";

/** Which database the database tests run on: PGlite, or PostgreSQL when TEST_DATABASE_URL is set. */
export const databaseKind = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

/**
 * A fresh, migrated, empty database of its own for one test file. On PGlite, on this thread, or with
 * `thread: "worker"` in a worker thread as the server runs it (decision 012), in memory either way.
 */
export async function createTestDatabase(options: { thread?: "main" | "worker" } = {}): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (options.thread === "worker") return openDatabase({ templateFile: inject("pgliteTemplate") });
    const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(inject("pgliteTemplate"))]), ...pgliteOptions });
    return openDatabase({ pglite });
  }
  const name = `partnership_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("postgresTemplate")}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ databaseUrl: withDatabaseName(url, name) });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
