import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Tests that time how the server answers while it works hard (a 20 MB upload, a 120 000-character
// paste): they run on their own, after the others, so no neighbouring test's work is in their figures.
const timed = ["tests/integration/collab-long-text.test.ts", "tests/integration/file-streaming.test.ts"];

// Four projects: unit (no database), integration (database + HTTP against the built app), timed,
// and e2e (Chromium), in three groups one after the other. The database template is migrated
// once in the global setup. Two test files at a time in the first group: most of a database or
// HTTP test is waiting (on PGlite, a spawned server, a socket), and the machine has two cores.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: { name: "integration", include: ["tests/integration/**/*.test.ts"], exclude: timed, sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: "timed", include: timed, fileParallelism: false, sequence: { groupOrder: 1 } } },
      {
        extends: true,
        test: { name: "e2e", include: ["tests/e2e/**/*.test.ts"], fileParallelism: false, testTimeout: 120_000, sequence: { groupOrder: 2 } },
      },
    ],
  },
});
