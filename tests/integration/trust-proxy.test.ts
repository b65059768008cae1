import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";

// Which address the sign-in limits count, and whether a request came over HTTPS, are read from
// X-Forwarded-* headers only when they come from the proxy named in TRUST_PROXY.

/** A guessing script trying 110 addresses that have no account, each time claiming to be someone else. */
async function sprayWithForgedAddresses(app: TestApp) {
  const script = new TestClient(app.url);
  for (let batch = 0; batch < 110; batch += 22) {
    await Promise.all(
      Array.from({ length: 22 }, (_, index) =>
        script.post("/login", { email: `nobody-${batch + index}@spray.example`, password: "Summer2026!" }, { "x-forwarded-for": `203.0.113.${batch + index}` }),
      ),
    );
  }
}

async function signInOverHttps(app: TestApp, email: string, trusted: boolean) {
  const client = new TestClient(app.url);
  // Without a trusted proxy the request is plain HTTP, so the browser's Origin is http too.
  const origin = trusted ? app.url.replace("http:", "https:") : app.url;
  const response = await client.post("/login", { email, password: "demo-partnership" }, { "x-forwarded-proto": "https", origin });
  return { client, response };
}

describe("without TRUST_PROXY", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it("counts the address the request came from, whatever X-Forwarded-For claims", async () => {
    await sprayWithForgedAddresses(app);
    // All of it came from 127.0.0.1: that address is now limited, forged headers or not.
    const karin = new TestClient(app.url);
    expect((await karin.post("/login", { email: "karin@vasteras.example", password: "typo" }, { "x-forwarded-for": "198.51.100.1" })).status).toBe(401);
    expect((await karin.post("/login", { email: "karin@vasteras.example", password: "demo-partnership" }, { "x-forwarded-for": "198.51.100.2" })).status).toBe(429);
  });

  it("does not take X-Forwarded-Proto for HTTPS: no Secure cookie, no HSTS", async () => {
    const { client, response } = await signInOverHttps(app, "erik@vasteras.example", false);
    expect(response.status).toBe(302);
    expect(response.headers.getSetCookie().find((value) => value.startsWith("__session="))).not.toMatch(/Secure/i);
    const page = await client.get("/projects", { "x-forwarded-proto": "https" });
    expect(page.status).toBe(200);
    expect(page.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("with TRUST_PROXY=loopback", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { TRUST_PROXY: "loopback" } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("counts the address the proxy reports", async () => {
    await sprayWithForgedAddresses(app);
    // Each guess came from another address behind the proxy: none of them is limited, nor is the office's.
    const wang = new TestClient(app.url);
    expect((await wang.post("/login", { email: "wang.fang@jinan.example", password: "typo" }, { "x-forwarded-for": "198.51.100.1" })).status).toBe(401);
    expect((await wang.post("/login", { email: "wang.fang@jinan.example", password: "demo-partnership" }, { "x-forwarded-for": "198.51.100.2" })).status).toBe(302);
  });

  it("takes X-Forwarded-Proto from the proxy: Secure cookie and HSTS over HTTPS only", async () => {
    const { client, response } = await signInOverHttps(app, "erik@vasteras.example", true);
    expect(response.status).toBe(302);
    expect(response.headers.getSetCookie().find((value) => value.startsWith("__session="))).toMatch(/Secure/i);
    const overHttps = await client.get("/projects", { "x-forwarded-proto": "https" });
    expect(overHttps.headers.get("strict-transport-security")).toBe("max-age=31536000");
    const overHttp = await client.get("/login");
    expect(overHttp.headers.get("strict-transport-security")).toBeNull();
  });
});
