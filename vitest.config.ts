import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Three projects: unit (no database), integration (database + HTTP against the built app),
// e2e (Chromium). The database template is migrated once in the global setup.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      { extends: true, test: { name: "integration", include: ["tests/integration/**/*.test.ts"] } },
      {
        extends: true,
        test: { name: "e2e", include: ["tests/e2e/**/*.test.ts"], fileParallelism: false, testTimeout: 120_000 },
      },
    ],
  },
});
