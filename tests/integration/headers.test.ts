import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { signedIn, TestClient } from "../support/client";

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

  it("every answer, a page or a downloaded file, says nosniff once", async () => {
    const owner = await signedIn(app.url, "owner@vasteras.example");
    const { id: projectId } = await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } });
    for (const path of ["/projects", `/projects/${projectId}/plan/export?lang=sv`, `/projects/${projectId}/reports/1/account.xlsx`, `/projects/${projectId}/audit/xlsx`]) {
      const response = await owner.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });
});

describe("pages over a slow link", () => {
  // Node's fetch would decompress and hide the encoding; node:http shows the bytes as sent.
  const raw = (pathname: string, headers: Record<string, string>) =>
    new Promise<{ headers: import("node:http").IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(new URL(pathname, app.url), { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });

  it("a page arrives compressed as the browser accepts it, whole, and the same page in every encoding", async () => {
    const karin = new TestClient(app.url);
    await karin.signIn("karin@vasteras.example");
    const cookie = karin.cookieHeader();
    const plain = await raw("/projects", { cookie });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    const html = plain.body.toString("utf8");
    expect(html).toMatch(/^<!DOCTYPE html>.*<\/html>$/s);
    expect(Number(plain.headers["content-length"])).toBe(plain.body.length);
    // What differs between two renders of one page: the script nonce and each form's one-time key.
    const strip = (page: string) => page.replace(/nonce="[^"]+"/g, "").replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "");

    // Chromium's header: brotli, the smaller of the two.
    const br = await raw("/projects", { cookie, "accept-encoding": "gzip, deflate, br, zstd" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(html.length / 2);
    expect(strip(brotliDecompressSync(br.body).toString("utf8"))).toBe(strip(html));

    const gzip = await raw("/projects", { cookie, "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(strip(gunzipSync(gzip.body).toString("utf8"))).toBe(strip(html));

    // A browser that refuses both gets the page as it is.
    const refused = await raw("/projects", { cookie, "accept-encoding": "br;q=0, gzip;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(strip(refused.body.toString("utf8"))).toBe(strip(html));
  });
});
