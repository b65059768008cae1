import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseConfig, setConfig } from "~/config.server";
import { useDatabase, type Database } from "~/db/db.server";
import { listen } from "../../server/server";
import { createTestDatabase } from "./database";

export type TestApp = { url: string; database: Database; close(): Promise<void> };

/**
 * The production build served on a free port, on a database of its own with the demo workspace,
 * exactly as `npm start` serves it (Express, CSRF guard, limits, React Router handler; the embedded
 * database in its worker thread).
 */
export async function startTestApp(
  options: { env?: Record<string, string>; seed?: boolean; collabDebounceMs?: number } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "partnership-test-"));
  setConfig(parseConfig({ NODE_ENV: "test", DATA_DIR: dataDir, SESSION_SECRET: "test-secret-".padEnd(40, "x"), ...options.env }));
  const database = await createTestDatabase({ thread: "worker", demo: options.seed !== false });
  useDatabase(database);
  const running = await listen(0, "127.0.0.1", { collabDebounceMs: options.collabDebounceMs });
  return {
    url: running.url,
    database,
    async close() {
      await running.close();
      await database.close();
      useDatabase(undefined);
    },
  };
}
