import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "~/db/db.server";
import { applyMigrations, createMigratedPGliteTemplate } from "~/db/migrations.server";
import { tmpDir, withDatabaseName } from "./paths";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated PGlite data directory, as a tar file, that each test file's database is a copy of. */
    pgliteTemplate: string;
    /** With TEST_DATABASE_URL: the migrated PostgreSQL database each test file's database is a copy of. */
    postgresTemplate: string;
  }
}

// Migrate once; every test file starts from a copy (docs/product.md: CI under 20 minutes). The templates
// are named for this run, so two runs on one machine (one checkout or two) never share one.
export default async function setup(project: TestProject) {
  const run = `${process.pid}_${randomBytes(3).toString("hex")}`;
  mkdirSync(tmpDir, { recursive: true });
  const pgliteTemplate = path.join(tmpDir, `pglite-template-${run}.tar`);
  const dump = await createMigratedPGliteTemplate();
  writeFileSync(pgliteTemplate, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", pgliteTemplate);

  const url = process.env.TEST_DATABASE_URL;
  const postgresTemplate = url ? `partnership_test_template_${run}` : "";
  if (url) {
    await adminQuery(url, `CREATE DATABASE ${postgresTemplate}`);
    const database = await openDatabase({ databaseUrl: withDatabaseName(url, postgresTemplate) });
    await applyMigrations(database.adapterFactory);
    await database.close();
  }
  project.provide("postgresTemplate", postgresTemplate);

  return async () => {
    rmSync(pgliteTemplate, { force: true });
    if (url) await adminQuery(url, `DROP DATABASE IF EXISTS ${postgresTemplate} WITH (FORCE)`);
  };
}

async function adminQuery(url: string, sql: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
