import { PGlite } from "@electric-sql/pglite";
import { randomBytes } from "node:crypto";
import { cpSync, readFileSync } from "node:fs";
import pg from "pg";
import { openDatabase, pgliteOptions, type Database } from "~/db/db.server";
import { uploadDir } from "~/files/storage.server";
import { inject } from "vitest";
import { withDatabaseName } from "./paths";

/** Which database the database tests run on: PGlite, or PostgreSQL when TEST_DATABASE_URL is set. */
export const databaseKind = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

/**
 * A fresh, migrated database of its own for one test file: empty, or with `demo` the demo workspace
 * as `npm start` seeds it (seeded once per run, in the global setup), whose stored files are then
 * copied into the file directory of the current configuration (set it first). On PGlite, on this
 * thread, or with `thread: "worker"` in a worker thread as the server runs it (decision 012), in
 * memory either way.
 */
export async function createTestDatabase(options: { thread?: "main" | "worker"; demo?: boolean } = {}): Promise<Database> {
  if (options.demo) cpSync(inject("demoFiles"), uploadDir(), { recursive: true });
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const template = inject(options.demo ? "demoTemplate" : "pgliteTemplate");
    if (options.thread === "worker") return openDatabase({ templateFile: template });
    const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(template)]), ...pgliteOptions });
    return openDatabase({ pglite });
  }
  const name = `partnership_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject(options.demo ? "demoTemplate" : "postgresTemplate")}`);
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
