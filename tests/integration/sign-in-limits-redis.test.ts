import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";

// With REDIS_URL, failed sign-ins are counted in Redis, so every app process sees the same counts.
const REDIS_URL = "redis://127.0.0.1:6379";
const account = "erik@vasteras.example";
let app: TestApp;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  await redis.del(`signin:account:${account}`);
  app = await startTestApp({ env: { REDIS_URL } });
});
afterAll(async () => {
  await app?.close();
  await redis?.del(`signin:account:${account}`);
  redis?.disconnect();
});

describe("sign-in limits in Redis", () => {
  it("counts failures in Redis and stops the sixth attempt", async () => {
    const client = new TestClient(app.url);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await client.post("/login", { email: account, password: `wrong-${attempt}` })).status).toBe(401);
    }
    expect(Number(await redis.get(`signin:account:${account}`))).toBe(5);
    const blocked = await client.post("/login", { email: account, password: "demo-partnership" });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("Try again in 15 minutes");
  });
});
