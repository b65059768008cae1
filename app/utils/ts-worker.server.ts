import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

// Worker threads whose module is TypeScript, like the rest of the server (the embedded database,
// decision 012; the collaboration server's derivations, decision 014).

/**
 * Node 20 does not apply the parent's `--import tsx` to a worker's own modules, so the worker loads
 * its module through tsx's API, scoped to that module and what it imports (whatever hooks the
 * process has, or has not).
 */
const BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
import(workerData.tsx).then((tsx) => tsx.tsImport(workerData.entry, workerData.entry));
`;

function tsxApi(): string {
  const resolve = (import.meta as { resolve?: (specifier: string) => string }).resolve;
  return resolve ? resolve("tsx/esm/api") : "tsx/esm/api";
}

/**
 * The worker's module, `file` in the sources' `dir` (as "app/db"): beside the module asking when
 * that is loaded from the sources (tsx, Vitest); a copy bundled into build/server by the React
 * Router build finds the sources from the working directory, as the server finds the build and
 * the migrations. Nothing is copied into the build.
 */
export function sourceFile(callerUrl: string, dir: string, file: string): string {
  const beside = path.join(path.dirname(fileURLToPath(callerUrl)), file);
  return existsSync(beside) ? beside : path.resolve(dir, file);
}

/** Starts `entry` (a .ts file) in a worker thread; what it is given arrives as `workerData.start`. */
export function startTsWorker(entry: string, name: string, start?: unknown): Worker {
  return new Worker(BOOTSTRAP, {
    eval: true,
    // Not the parent's flags (Vitest's, tsx's): the bootstrap loads what the worker needs.
    execArgv: [],
    workerData: { start, tsx: tsxApi(), entry: pathToFileURL(entry).href },
    name,
  });
}
