import { PGlite } from "@electric-sql/pglite";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { parseConfig, setConfig } from "~/config.server";
import { openDatabase, pgliteOptions, useDatabase, type Database } from "~/db/db.server";
import { applyMigrations, createMigratedPGliteTemplate } from "~/db/migrations.server";
import { uploadDir } from "~/files/storage.server";
import { seedDemo } from "~/seed/demo.server";
import { tmpDir, withDatabaseName } from "./paths";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated PGlite data directory, as a tar file, that each test file's database is a copy of. */
    pgliteTemplate: string;
    /** With TEST_DATABASE_URL: the migrated PostgreSQL database each test file's database is a copy of. */
    postgresTemplate: string;
    /** The same with the demo workspace seeded: a tar file (PGlite) or a database name (PostgreSQL). */
    demoTemplate: string;
    /** The demo's stored files, copied into each test's file directory with its database. */
    demoFiles: string;
  }
}

type Templates = { pgliteTemplate: string; postgresTemplate: string; demoTemplate: string; demoFiles: string };

// Migrate once, and seed the demo once; every test file starts from a copy of one or the other
// (docs/product.md: CI under 20 minutes; the demo takes 1.3–2.5 s to seed, and most files want it).
// Vitest runs this once per project: the templates are made by the first call and shared. They are
// named for this run, so two runs on one machine (one checkout or two) never share one.
const shared = globalThis as { partnershipTemplates?: Promise<Templates> };

export default async function setup(project: TestProject) {
  const templates = await (shared.partnershipTemplates ??= createTemplates());
  for (const [key, value] of Object.entries(templates)) project.provide(key as keyof Templates, value);
  return async () => {
    const made = await shared.partnershipTemplates;
    if (!made) return;
    shared.partnershipTemplates = undefined;
    rmSync(made.pgliteTemplate, { force: true });
    rmSync(made.demoFiles, { recursive: true, force: true });
    const url = process.env.TEST_DATABASE_URL;
    if (url) {
      await adminQuery(url, `DROP DATABASE IF EXISTS ${made.demoTemplate} WITH (FORCE)`);
      await adminQuery(url, `DROP DATABASE IF EXISTS ${made.postgresTemplate} WITH (FORCE)`);
    } else rmSync(made.demoTemplate, { force: true });
  };
}

async function createTemplates(): Promise<Templates> {
  const run = `${process.pid}_${randomBytes(3).toString("hex")}`;
  mkdirSync(tmpDir, { recursive: true });
  const pgliteTemplate = path.join(tmpDir, `pglite-template-${run}.tar`);
  const dump = await createMigratedPGliteTemplate();
  writeFileSync(pgliteTemplate, Buffer.from(await dump.arrayBuffer()));

  // The demo is seeded as the app seeds it, its files written into a directory of its own.
  const demoData = path.join(tmpDir, `demo-${run}`);
  setConfig(parseConfig({ NODE_ENV: "test", DATA_DIR: demoData, SESSION_SECRET: "template-secret-".padEnd(40, "x") }));
  const demoFiles = uploadDir();
  const seed = async (database: Database) => {
    useDatabase(database);
    try {
      await seedDemo(database.prisma);
    } finally {
      useDatabase(undefined);
    }
  };

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const postgresTemplate = `partnership_test_template_${run}`;
    const demoTemplate = `partnership_test_demo_${run}`;
    await adminQuery(url, `CREATE DATABASE ${postgresTemplate}`);
    const migrated = await openDatabase({ databaseUrl: withDatabaseName(url, postgresTemplate) });
    await applyMigrations(migrated.adapterFactory);
    await migrated.close();
    await adminQuery(url, `CREATE DATABASE ${demoTemplate} TEMPLATE ${postgresTemplate}`);
    const demo = await openDatabase({ databaseUrl: withDatabaseName(url, demoTemplate) });
    try {
      await seed(demo);
    } finally {
      await demo.close();
    }
    return { pgliteTemplate, postgresTemplate, demoTemplate, demoFiles };
  }

  const demoTemplate = path.join(tmpDir, `pglite-demo-${run}.tar`);
  const pglite = await PGlite.create({ loadDataDir: dump, ...pgliteOptions });
  const demo = await openDatabase({ pglite });
  try {
    await seed(demo);
    writeFileSync(demoTemplate, Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer()));
  } finally {
    await demo.close();
  }
  return { pgliteTemplate, postgresTemplate: "", demoTemplate, demoFiles };
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
