import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_MIGRATIONS_DIR } from "~/db/migrations.server";

// For tests of a migration on old data: the project's migrations in order, and a copy of the first
// few, so that a database can be migrated up to the one under test, filled the old way, then on.

export const allMigrations = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Where the migration whose folder name ends with `name` stands (-1 if none does). */
export const migrationIndex = (name: string) => allMigrations.findIndex((one) => one.endsWith(name));

const copies: string[] = [];

/** A folder holding the first `count` migrations (with the lock file); removed by removeMigrationCopies. */
export function migrationsUpTo(count: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  copies.push(dir);
  cpSync(path.join(DEFAULT_MIGRATIONS_DIR, "migration_lock.toml"), path.join(dir, "migration_lock.toml"));
  for (const name of allMigrations.slice(0, count)) cpSync(path.join(DEFAULT_MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
  return dir;
}

export function removeMigrationCopies() {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
}
