import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe("sign-in and sessions", () => {
  it("signs in with the right password and sets a protected session cookie", async () => {
    const client = new TestClient(app.url);
    const response = await client.post("/login", { email: "karin@vasteras.example", password: "demo-partnership" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith("__session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const page = await client.get("/projects");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Invånardialog via kontaktcenter – förstudie");
  });

  it("gives a new session identifier at every sign-in and ends the old one", async () => {
    const client = new TestClient(app.url);
    await client.signIn("erik@vasteras.example");
    const first = client.cookie("__session");
    await client.signIn("erik@vasteras.example");
    const second = client.cookie("__session");
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    const stale = await fetch(new URL("/projects", app.url), { headers: { cookie: `__session=${first}` }, redirect: "manual" });
    expect(stale.status).toBe(302);
    expect(stale.headers.get("location")).toMatch(/^\/login/);
  });

  it("refuses a wrong password with a message in the person's language and no session", async () => {
    const client = new TestClient(app.url);
    const response = await client.post(
      "/login",
      { email: "wang.fang@jinan.example", password: "wrong-password" },
      { "accept-language": "zh-CN,zh;q=0.9" },
    );
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain("电子邮箱地址或密码错误");
    expect(client.cookie("__session")).toBeUndefined();
  });

  it("answers malformed sign-in posts with 400 and field messages", async () => {
    const client = new TestClient(app.url);
    const response = await client.post("/login", { email: "not-an-address" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Enter an e-mail address");
    expect(html).toContain("This field is required.");
  });

  it("stops a password-guessing script after five failures, for that account only", async () => {
    const guesser = new TestClient(app.url);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await guesser.post("/login", { email: "viewer@vasteras.example", password: `guess-${attempt}` });
      expect(response.status).toBe(401);
    }
    const blocked = await guesser.post("/login", { email: "viewer@vasteras.example", password: "demo-partnership" });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("Too many failed attempts");
    const locked = await app.database.prisma.auditEvent.count({ where: { action: "auth.locked" } });
    expect(locked).toBe(1);
    // Another person behind the same address still signs in.
    const colleague = new TestClient(app.url);
    expect((await colleague.post("/login", { email: "karin@vasteras.example", password: "demo-partnership" })).status).toBe(302);
  });

  it("counts wrong current passwords on the profile as failed sign-ins: a stolen session cannot guess its way to the account", async () => {
    const thief = new TestClient(app.url);
    await thief.signIn("wang.fang@jinan.example");
    const before = await app.database.prisma.user.findUniqueOrThrow({ where: { email: "wang.fang@jinan.example" } });
    const change = (currentPassword: string) =>
      thief.post("/profile", { intent: "password", currentPassword, newPassword: "stolen-account-1234", confirmPassword: "stolen-account-1234" });
    for (let attempt = 1; attempt <= 5; attempt++) expect((await change(`guess-${attempt}`)).status).toBe(400);
    const refused = await change("demo-partnership");
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("密码错误次数过多");
    const after = await app.database.prisma.user.findUniqueOrThrow({ where: { email: "wang.fang@jinan.example" } });
    expect(after.passwordHash).toBe(before.passwordHash);
    // The same lock as /login, and the account holder is told.
    expect((await new TestClient(app.url).post("/login", { email: "wang.fang@jinan.example", password: "demo-partnership" })).status).toBe(429);
    expect(await app.database.prisma.auditEvent.count({ where: { action: "auth.locked", entityId: before.id } })).toBe(1);
  });

  it("signs out on POST /logout, and GET /logout only asks", async () => {
    const client = new TestClient(app.url);
    await client.signIn("karin@vasteras.example");
    const ask = await client.get("/logout");
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain("Logga ut");
    expect((await client.get("/projects")).status).toBe(200);
    const out = await client.post("/logout", {});
    expect(out.status).toBe(302);
    const after = await client.get("/projects");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toBe("/login?redirectTo=%2Fprojects");
    const karin = await app.database.prisma.user.findUniqueOrThrow({ where: { email: "karin@vasteras.example" } });
    expect(await app.database.prisma.auditEvent.count({ where: { actorId: karin.id, action: "auth.sign_out" } })).toBe(1);
  });

  it("never sends a signed-in person to another site, and answers odd addresses without a fault", async () => {
    const client = new TestClient(app.url);
    await client.signIn("erik@vasteras.example");
    const own = new URL(app.url).origin;
    const offSite = ["/\t/evil.example/phish", "/\n/evil.example", "/\\evil.example", "//evil.example", "/.//evil.example", "/\u3000/evil.example", "/\u0000", "/\u0085", "https://evil.example/"];
    for (const redirectTo of offSite) {
      const viaLogin = await client.get(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
      expect(viaLogin.status, JSON.stringify(redirectTo)).toBe(302);
      expect(new URL(viaLogin.headers.get("location")!, `${own}/login`).origin, JSON.stringify(redirectTo)).toBe(own);
      const viaLanguage = await client.post("/language", { lang: "sv", redirectTo });
      expect(viaLanguage.status, JSON.stringify(redirectTo)).toBe(302);
      expect(new URL(viaLanguage.headers.get("location")!, `${own}/projects`).origin, JSON.stringify(redirectTo)).toBe(own);
    }
    // The sign-in form carries the address through; after the password, the same holds.
    const signingIn = new TestClient(app.url);
    const afterPassword = await signingIn.post("/login", { email: "erik@vasteras.example", password: "demo-partnership", redirectTo: "/\t/evil.example/phish" });
    expect(afterPassword.status).toBe(302);
    expect(new URL(afterPassword.headers.get("location")!, `${own}/login`).origin).toBe(own);
    // An address of the site itself is kept.
    const local = await client.get(`/login?redirectTo=${encodeURIComponent("/projects?tab=mine#top")}`);
    expect(local.headers.get("location")).toBe("/projects?tab=mine#top");
  });

  it("refuses a state-changing request from another site (CSRF)", async () => {
    const client = new TestClient(app.url);
    await client.signIn("owner@vasteras.example");
    const before = await app.database.prisma.user.findUniqueOrThrow({ where: { email: "owner@vasteras.example" } });
    const forged = await client.post(
      "/language",
      { lang: "zh", redirectTo: "/projects" },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(forged.status).toBe(403);
    const after = await app.database.prisma.user.findUniqueOrThrow({ where: { email: "owner@vasteras.example" } });
    expect(after.language).toBe(before.language);
    const fromOurPage = await client.post("/language", { lang: "zh", redirectTo: "/projects" });
    expect(fromOurPage.status).toBe(302);
    const changed = await app.database.prisma.user.findUniqueOrThrow({ where: { email: "owner@vasteras.example" } });
    expect(changed.language).toBe("zh");
  });

  it("records every sign-in in the audit log", async () => {
    const client = new TestClient(app.url);
    await client.signIn("li.wei@jinan.example");
    const user = await app.database.prisma.user.findUniqueOrThrow({ where: { email: "li.wei@jinan.example" } });
    const events = await app.database.prisma.auditEvent.findMany({ where: { actorId: user.id, action: "auth.sign_in" } });
    expect(events.length).toBeGreaterThanOrEqual(1);
  });
});
