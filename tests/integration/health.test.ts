import { describe, expect, it } from "vitest";
import { startTestApp } from "../support/app";

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
});
