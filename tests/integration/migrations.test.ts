// The migration history against schema.prisma: every migration applies to an empty database, the
// result is exactly the datamodel (no drift: a schema change without its migration fails here),
// and applying again is a no-op. On PGlite always, and on PostgreSQL when TEST_DATABASE_URL is set.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { pgliteOptions } from "~/db/pglite-options";
import { PrismaClient } from "~/generated/prisma/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  applyMigrations,
  DEFAULT_MIGRATIONS_DIR,
  diffToSchema,
} from "~/db/migrations.server";

const migrationNames = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

type TestDatabase = {
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
};

function migrationChecks(open: () => Promise<TestDatabase>) {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("applies every migration to an empty database", async () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    expect(await applyMigrations(db.adapterFactory)).toEqual(migrationNames);
    const rows = await db.query(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    expect(await db.query(`SELECT to_regclass('public."User"') IS NOT NULL AS present`)).toEqual([{ present: true }]);
  });

  it("has migrations that produce exactly schema.prisma (no drift)", async () => {
    expect(await diffToSchema(db.adapterFactory, { from: "migrations" })).toBe("");
    expect(await diffToSchema(db.adapterFactory, { from: "database" })).toBe("");
  });

  it("applies nothing the second time", async () => {
    expect(await applyMigrations(db.adapterFactory)).toEqual([]);
  });
}

describe("migrations on PGlite", () => {
  migrationChecks(async () => {
    const pglite = new PGlite();
    return {
      adapterFactory: new PrismaPGlite(pglite),
      query: async (sql) => (await pglite.query<Record<string, unknown>>(sql)).rows,
      close: () => pglite.close(),
    };
  });

  // An enum's array type created by a migration (the languages a person writes): PGlite reads array
  // types when it starts, and without reading them again after the migrations, a fresh workspace's
  // first start sent ["zh"] as "zh" and stopped seeding its demo ("malformed array literal").
  it("takes arrays of the enums its migrations created, without a restart", async () => {
    const pglite = new PGlite(pgliteOptions);
    const adapterFactory = new PrismaPGlite(pglite);
    try {
      await applyMigrations(adapterFactory);
      const prisma = new PrismaClient({ adapter: adapterFactory });
      await prisma.user.create({ data: { email: "wang@jinan.example", name: "Wang", passwordHash: "-", writesLanguages: ["zh", "en"] } });
      expect(await prisma.user.count({ where: { writesLanguages: { has: "zh" } } })).toBe(1);
      expect(await prisma.user.count({ where: { writesLanguages: { hasSome: ["sv"] } } })).toBe(0);
      await prisma.$disconnect();
    } finally {
      await pglite.close();
    }
  });

  // The template the global setup built with createMigratedPGliteTemplate (every other database
  // test starts from it), rather than a second build of the same template here.
  it("builds a migrated template that a new PGlite loads", async () => {
    const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(inject("pgliteTemplate"))]) });
    try {
      expect(await applyMigrations(new PrismaPGlite(pglite))).toEqual([]);
      const { rows } = await pglite.query<{ count: number }>(`SELECT count(*)::int AS count FROM "User"`);
      expect(rows).toEqual([{ count: 0 }]);
    } finally {
      await pglite.close();
    }
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

// Only where a PostgreSQL is configured (.ci/run's PostgreSQL pass sets it).
if (serverUrl) describe("migrations on PostgreSQL (TEST_DATABASE_URL)", () => {
  const name = `migrations_test_${randomBytes(6).toString("hex")}`;
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return (await client.query<Record<string, unknown>>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const shadows = () => admin(`SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'`);
  let shadowsBefore: unknown[] = [];

  beforeAll(async () => {
    shadowsBefore = await shadows();
  });

  migrationChecks(async () => {
    await admin(`CREATE DATABASE "${name}"`);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return {
      adapterFactory: new PrismaPg({ connectionString: databaseUrl }),
      query: async (sql) => (await client.query<Record<string, unknown>>(sql)).rows,
      async close() {
        await client.end();
        // Without FORCE: this fails if the engine left a connection open.
        await admin(`DROP DATABASE "${name}"`);
      },
    };
  });

  it("leaves no shadow database behind", async () => {
    expect(await shadows()).toEqual(shadowsBefore);
  });
});
