import { mkdirSync, writeFileSync } from "node:fs";
import pg from "pg";
import { openDatabase } from "~/db/db.server";
import { applyMigrations, createMigratedPGliteTemplate } from "~/db/migrations.server";
import { pgliteTemplateFile, postgresTemplateName, tmpDir, withDatabaseName } from "./paths";

// Migrate once; every test file starts from a copy (DESIGN.md: CI under 20 minutes).
export default async function setup() {
  mkdirSync(tmpDir, { recursive: true });
  const dump = await createMigratedPGliteTemplate();
  writeFileSync(pgliteTemplateFile, Buffer.from(await dump.arrayBuffer()));

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${postgresTemplateName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${postgresTemplateName}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: withDatabaseName(url, postgresTemplateName) });
    await applyMigrations(database.adapterFactory);
    await database.close();
  }
}
