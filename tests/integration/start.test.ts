import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The README's contract, as a new user runs it: `npm start` (server/start.ts under tsx) migrates,
// seeds the demo, serves, and stops cleanly on SIGTERM.
describe("npm start", () => {
  it("serves the demo workspace and stops on SIGTERM", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "partnership-start-"));
    const port = 3400 + Math.floor(Math.random() * 500);
    const child = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const base = `http://127.0.0.1:${port}`;
      let health: Response | null = null;
      for (let attempt = 0; attempt < 120 && !health; attempt++) {
        health = await fetch(`${base}/healthz`).catch(() => null);
        if (!health) await new Promise((resolve) => setTimeout(resolve, 500));
        if (child.exitCode !== null) break;
      }
      expect(health?.status, output).toBe(200);
      expect(output).toContain("Seeded the demo workspace");
      const login = await fetch(`${base}/login`, {
        method: "POST",
        body: new URLSearchParams({ email: "li.wei@jinan.example", password: "demo-partnership" }),
        headers: { origin: base },
        redirect: "manual",
      });
      expect(login.status).toBe(302);
      const cookie = login.headers.getSetCookie().map((value) => value.split(";")[0]).join("; ");
      const projects = await fetch(`${base}/projects`, { headers: { cookie } });
      expect(await projects.text()).toContain("我的项目");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(output).toContain("SIGTERM: stopping");
  }, 120_000);

  it("refuses to start with SMTP_URL but no PUBLIC_URL, naming the setting", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "partnership-start-")), SMTP_URL: "smtp://127.0.0.1:2525" };
    delete env.PUBLIC_URL;
    const child = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", (exitCode) => resolve(exitCode)));
    expect(code).toBe(1);
    expect(output).toContain("PUBLIC_URL: is required when SMTP_URL is set");
  }, 60_000);
});
