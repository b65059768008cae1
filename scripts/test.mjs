// `npm test`: build the production app (the HTTP and browser tests serve it), then run every
// Vitest project: unit, integration (PGlite, or PostgreSQL with TEST_DATABASE_URL) and e2e.
import { spawnSync } from "node:child_process";

const run = (args) => {
  const result = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(["node_modules/@react-router/dev/bin.js", "build"]);
run(["node_modules/vitest/vitest.mjs", "run", ...process.argv.slice(2)]);
