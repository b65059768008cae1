import { describe, expect, it } from "vitest";
import type { PGliteWorkerAdapterFactory } from "~/db/pglite-worker.server";
import { startTestApp } from "../support/app";
import { databaseKind } from "../support/database";

describe("/healthz", () => {
  it("answers 200 while the database answers, 503 once it is gone", async () => {
    const app = await startTestApp({ seed: false });
    try {
      const up = await fetch(new URL("/healthz", app.url));
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({ status: "ok", database: "ok" });

      await app.database.close();
      const down = await fetch(new URL("/healthz", app.url));
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ database: "down" });
    } finally {
      await app.close();
    }
  });

  it.skipIf(databaseKind !== "pglite")("answers 503 at once when the embedded database's worker thread has died", async () => {
    const app = await startTestApp({ seed: false });
    try {
      await (app.database.adapterFactory as PGliteWorkerAdapterFactory).terminate();
      const started = performance.now();
      const down = await fetch(new URL("/healthz", app.url));
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ database: "down" });
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      await app.close();
    }
  });
});
