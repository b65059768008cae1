// The migration that makes plan texts rich texts (decision 015) keeps what an upgraded workspace
// holds: each plan text with its state, translation confirmation and id, and its versions.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from "~/db/migrations.server";
import { allMigrations, migrationIndex, migrationsUpTo, removeMigrationCopies } from "../support/migrations";

const MIGRATION = "rich_texts_one_model";
const index = migrationIndex(MIGRATION);
afterAll(removeMigrationCopies);

describe(`migration ${MIGRATION}`, () => {
  it("moves every plan text, and its versions, into the one rich-text model", async () => {
    expect(index).toBeGreaterThan(0);
    const pglite = new PGlite();
    try {
      const adapter = new PrismaPGlite(pglite);
      await applyMigrations(adapter, migrationsUpTo(index));
      await pglite.exec(`
        INSERT INTO "Project" ("id", "title", "grantAmount", "startDate", "endDate", "updatedAt") VALUES ('p1', 'Förstudie', 275000, '2026-01-01', '2026-06-30', now());
        INSERT INTO "PlanSection" ("id", "projectId", "position", "kind", "sourceLang", "updatedAt") VALUES ('s1', 'p1', 0, 'background', 'sv', now());
        INSERT INTO "PlanText" ("id", "sectionId", "lang", "ydoc", "json", "text", "textHash", "confirmedSourceHash", "updatedAt")
          VALUES ('t-sv', 's1', 'sv', '\\x0102', '{"type":"doc"}', 'Invånardialog', 'hash-sv', NULL, now()),
                 ('t-zh', 's1', 'zh', '\\x0304', '{"type":"doc"}', '市民对话', 'hash-zh', 'hash-sv', now());
        INSERT INTO "PlanSnapshot" ("id", "projectId", "name") VALUES ('snap', 'p1', 'Till styrgruppen');
        INSERT INTO "PlanVersion" ("id", "textId", "kind", "snapshotId", "json", "text") VALUES
          ('v1', 't-sv', 'auto', NULL, '{"type":"doc"}', 'Invånar'),
          ('v2', 't-zh', 'named', 'snap', '{"type":"doc"}', '市民');
      `);
      expect(await applyMigrations(adapter, DEFAULT_MIGRATIONS_DIR)).toEqual(allMigrations.slice(index));

      const texts = await pglite.query(`SELECT "id", "sectionId", "lang", encode("ydoc", 'hex') AS ydoc, "text", "confirmedSourceHash" FROM "RichText" ORDER BY "id"`);
      expect(texts.rows).toEqual([
        { id: "t-sv", sectionId: "s1", lang: "sv", ydoc: "0102", text: "Invånardialog", confirmedSourceHash: null },
        { id: "t-zh", sectionId: "s1", lang: "zh", ydoc: "0304", text: "市民对话", confirmedSourceHash: "hash-sv" },
      ]);
      const versions = await pglite.query(`SELECT "id", "textId", "kind"::text AS kind, "snapshotId", "text" FROM "TextVersion" ORDER BY "id"`);
      expect(versions.rows).toEqual([
        { id: "v1", textId: "t-sv", kind: "auto", snapshotId: null, text: "Invånar" },
        { id: "v2", textId: "t-zh", kind: "named", snapshotId: "snap", text: "市民" },
      ]);
      // Removing the section still takes its texts and their versions with it.
      await pglite.exec(`DELETE FROM "PlanSection" WHERE "id" = 's1'`);
      expect((await pglite.query(`SELECT count(*)::int AS n FROM "TextVersion"`)).rows).toEqual([{ n: 0 }]);
    } finally {
      await pglite.close();
    }
  });
});
