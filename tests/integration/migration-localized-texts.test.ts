// The migrations that make the last single-language short texts maps (decision 021) keep what an
// upgraded workspace holds: each text becomes its original, in the language it was written in.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from "~/db/migrations.server";
import { migrationIndex, migrationsUpTo, removeMigrationCopies } from "../support/migrations";

afterAll(removeMigrationCopies);

/** A database migrated up to (not including) `migration`, filled by `seed`, then migrated to the end. */
async function upgraded(migration: string, seed: string) {
  const index = migrationIndex(migration);
  expect(index).toBeGreaterThan(0);
  const pglite = new PGlite();
  const adapter = new PrismaPGlite(pglite);
  await applyMigrations(adapter, migrationsUpTo(index));
  await pglite.exec(seed);
  await applyMigrations(adapter, DEFAULT_MIGRATIONS_DIR);
  return pglite;
}

describe("migration localized_names_and_comments", () => {
  it("keeps each project title and organisation name as its original: Swedish, or Chinese when written in Chinese", async () => {
    const pglite = await upgraded(
      "localized_names_and_comments",
      `
      INSERT INTO "Organisation" ("id", "name", "country", "timeZone") VALUES ('o-sv', 'Västerås stad', 'SE', 'Europe/Stockholm'), ('o-zh', '济南市人民政府', 'CN', 'Asia/Shanghai');
      INSERT INTO "Project" ("id", "title", "grantAmount", "startDate", "endDate", "updatedAt") VALUES
        ('p-sv', 'Invånardialog via kontaktcenter – förstudie', 275000, '2026-01-01', '2026-06-30', now()),
        ('p-zh', '居民对话预研究', 1000, '2026-01-01', '2026-06-30', now());
      `,
    );
    try {
      const organisations = await pglite.query(`SELECT "id", "key", "names", "originalLang"::text AS "originalLang" FROM "Organisation" ORDER BY "id"`);
      expect(organisations.rows).toEqual([
        { id: "o-sv", key: "Västerås stad", names: { sv: "Västerås stad" }, originalLang: "sv" },
        { id: "o-zh", key: "济南市人民政府", names: { zh: "济南市人民政府" }, originalLang: "zh" },
      ]);
      const projects = await pglite.query(`SELECT "id", "titles", "originalLang"::text AS "originalLang" FROM "Project" ORDER BY "id"`);
      expect(projects.rows).toEqual([
        { id: "p-sv", titles: { sv: "Invånardialog via kontaktcenter – förstudie" }, originalLang: "sv" },
        { id: "p-zh", titles: { zh: "居民对话预研究" }, originalLang: "zh" },
      ]);
      // The handle stays unique.
      await expect(pglite.exec(`INSERT INTO "Organisation" ("id", "key", "names", "originalLang", "country", "timeZone") VALUES ('o-2', 'Västerås stad', '{}', 'sv', 'SE', 'Europe/Stockholm')`)).rejects.toThrow();
    } finally {
      await pglite.close();
    }
  });
});

describe("migration localized_summaries_and_decisions", () => {
  it("keeps each summary and decision comment as its original in its recorded language; an empty comment is none", async () => {
    const pglite = await upgraded(
      "localized_summaries_and_decisions",
      `
      INSERT INTO "Project" ("id", "titles", "originalLang", "grantAmount", "startDate", "endDate", "updatedAt") VALUES ('p1', '{"sv": "Förstudie"}', 'sv', 275000, '2026-01-01', '2026-06-30', now());
      INSERT INTO "Milestone" ("id", "projectId", "titles", "descriptions", "originalLang", "dueDate", "updatedAt") VALUES ('m1', 'p1', '{"sv": "Rapport"}', '{}', 'sv', '2026-03-01', now());
      INSERT INTO "ApprovalRequest" ("id", "projectId", "milestoneId", "round", "summary", "summaryLang", "rule") VALUES ('r1', 'p1', 'm1', 1, 'Rapporten är klar.', 'sv', 'each_organisation');
      INSERT INTO "Decision" ("id", "requestId", "kind", "comment", "commentLang") VALUES ('d1', 'r1', 'request_changes', '请补充数据。', 'zh');
      INSERT INTO "Decision" ("id", "requestId", "kind", "commentLang") VALUES ('d2', 'r1', 'approve', 'sv');
      `,
    );
    try {
      expect((await pglite.query(`SELECT "summary", "summaryLang"::text AS lang FROM "ApprovalRequest"`)).rows).toEqual([{ summary: { sv: "Rapporten är klar." }, lang: "sv" }]);
      expect((await pglite.query(`SELECT "id", "comment", "commentLang"::text AS lang FROM "Decision" ORDER BY "id"`)).rows).toEqual([
        { id: "d1", comment: { zh: "请补充数据。" }, lang: "zh" },
        { id: "d2", comment: {}, lang: "sv" },
      ]);
    } finally {
      await pglite.close();
    }
  });
});

describe("migration localized_comments", () => {
  it("keeps each comment as its original, its language told from the text; the column stays", async () => {
    const pglite = await upgraded(
      "localized_comments",
      `
      INSERT INTO "Project" ("id", "titles", "originalLang", "grantAmount", "startDate", "endDate", "updatedAt") VALUES ('p1', '{"sv": "Förstudie"}', 'sv', 275000, '2026-01-01', '2026-06-30', now());
      INSERT INTO "PlanSection" ("id", "projectId", "position", "kind", "sourceLang", "updatedAt") VALUES ('s1', 'p1', 0, 'background', 'sv', now());
      INSERT INTO "Comment" ("id", "projectId", "sectionId", "lang", "body") VALUES
        ('c1', 'p1', 's1', 'sv', '这一段需要补充热线数据。'),
        ('c2', 'p1', 's1', 'zh', 'Gäller det även Västerås?'),
        ('c3', 'p1', 's1', 'zh', 'Does this hold for Jinan too?'),
        ('c4', 'p1', 's1', 'en', 'Agreed'),
        ('c5', 'p1', 's1', 'sv', 'Bra');
      `,
    );
    try {
      expect((await pglite.query(`SELECT "id", "lang"::text AS lang, "body", "bodyLang"::text AS "bodyLang" FROM "Comment" ORDER BY "id"`)).rows).toEqual([
        { id: "c1", lang: "sv", body: { zh: "这一段需要补充热线数据。" }, bodyLang: "zh" },
        { id: "c2", lang: "zh", body: { sv: "Gäller det även Västerås?" }, bodyLang: "sv" },
        // Latin text on the Chinese column, without å, ä or ö: English, as the app told it.
        { id: "c3", lang: "zh", body: { en: "Does this hold for Jinan too?" }, bodyLang: "en" },
        { id: "c4", lang: "en", body: { en: "Agreed" }, bodyLang: "en" },
        { id: "c5", lang: "sv", body: { sv: "Bra" }, bodyLang: "sv" },
      ]);
    } finally {
      await pglite.close();
    }
  });
});
