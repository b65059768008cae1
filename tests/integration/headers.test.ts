import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";

// What every page tells the browser: which scripts may run, that no other site may frame it, which
// device features it never uses, and (over HTTPS only: tests/integration/trust-proxy.test.ts) HSTS.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const directives = (policy: string) => new Map(policy.split(";").map((part) => { const [name = "", ...values] = part.trim().split(/\s+/); return [name, values] as const; }));

describe("security headers of pages", () => {
  it("a Content-Security-Policy whose nonce every inline script carries, new for every response", async () => {
    const visitor = new TestClient(app.url);
    const karin = new TestClient(app.url);
    await karin.signIn("karin@vasteras.example");
    const nonces = new Set<string>();
    for (const [client, pathname] of [[visitor, "/login"], [karin, "/projects"], [karin, "/projects"], [karin, "/projects/no-such-project"]] as const) {
      const page = await client.get(pathname);
      const policy = page.headers.get("content-security-policy");
      expect(policy, pathname).toBeTruthy();
      const csp = directives(policy!);
      const nonce = csp.get("script-src")?.find((value) => value.startsWith("'nonce-"))?.slice(7, -1);
      expect(nonce, pathname).toBeTruthy();
      nonces.add(nonce!);
      expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(csp.get("base-uri")).toEqual(["'self'"]);
      expect(csp.get("form-action")).toEqual(["'self'"]);
      const host = new URL(app.url).host;
      expect(csp.get("connect-src")).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
      const html = await page.text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]!);
      expect(scripts.length, pathname).toBeGreaterThan(0);
      for (const attributes of scripts) {
        if (!/\bsrc=/.test(attributes)) expect(attributes, pathname).toContain(`nonce="${nonce}"`);
      }
    }
    expect(nonces.size).toBe(4);
  });

  it("no device features, no framing, no referrer to other sites", async () => {
    const page = await new TestClient(app.url).get("/login");
    expect(page.headers.get("permissions-policy")).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("referrer-policy")).toBe("same-origin");
    // Plain HTTP: no HSTS.
    expect(page.headers.get("strict-transport-security")).toBeNull();
  });
});
