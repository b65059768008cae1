import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { startSmtpServer } from "../support/smtp";

// Links in e-mails come from PUBLIC_URL only: a request naming another host (Host or
// X-Forwarded-Host) must never make the workspace mail a valid token on someone else's site.

const PUBLIC_URL = "https://partnerskap.vasteras.example";

/** A POST with any Host header (fetch always sends the real one). */
function postWithHost(app: TestApp, pathname: string, form: Record<string, string>, headers: Record<string, string>) {
  const target = new URL(pathname, app.url);
  const body = new URLSearchParams(form).toString();
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port: target.port, path: target.pathname, method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), ...headers } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const linksIn = (text: string) => [...text.matchAll(/https?:\/\/[^\s"<]+/g)].map((match) => match[0]);

describe("with e-mail", () => {
  let app: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let projectId: string;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await startTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL } });
    projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it("mails a reset link on PUBLIC_URL, whatever Host or X-Forwarded-Host the request names", async () => {
    const forgedHost = await postWithHost(app, "/reset-password", { email: "li.wei@jinan.example" }, { host: "evil.example", origin: "http://evil.example" });
    expect(forgedHost.status).toBe(200);
    const forwarded = await new TestClient(app.url).post("/reset-password", { email: "wang.fang@jinan.example" }, { "x-forwarded-host": "evil.example" });
    expect(forwarded.status).toBe(200);
    expect(smtp.received.map((mail) => mail.to && "text" in mail.to ? mail.to.text : "")).toEqual(["li.wei@jinan.example", "wang.fang@jinan.example"]);
    for (const mail of smtp.received) {
      const links = linksIn(mail.text ?? "");
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(link.startsWith(`${PUBLIC_URL}/reset-password?token=`), link).toBe(true);
    }
  });

  it("mails an invitation link on PUBLIC_URL, whatever Host the owner's request names", async () => {
    const owner = new TestClient(app.url);
    await owner.signIn("owner@vasteras.example");
    const sent = smtp.received.length;
    const invited = await postWithHost(
      app,
      `/projects/${projectId}/members`,
      { intent: "invite", email: "chen.jie@jinan.example", role: "delegate", organisationId: "" },
      { host: "evil.example", origin: "http://evil.example", "x-forwarded-host": "evil.example", cookie: `__session=${owner.cookie("__session")}` },
    );
    expect(invited.status).toBe(200);
    expect(invited.text).not.toContain("evil.example");
    const mail = smtp.received[sent]!;
    const links = linksIn(mail.text ?? "");
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith(`${PUBLIC_URL}/invite/`), link).toBe(true);
  });
});

describe("without e-mail", () => {
  let app: TestApp;
  let projectId: string;
  beforeAll(async () => {
    app = await startTestApp();
    projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it("shows the owner links that are not built from the request's Host", async () => {
    const owner = new TestClient(app.url);
    await owner.signIn("owner@vasteras.example");
    const cookie = `__session=${owner.cookie("__session")}`;
    const invited = await postWithHost(
      app,
      `/projects/${projectId}/members`,
      { intent: "invite", email: "chen.jie@jinan.example", role: "delegate", organisationId: "" },
      { host: "evil.example", origin: "http://evil.example", cookie },
    );
    expect(invited.status).toBe(200);
    expect(invited.text).toMatch(/value="\/invite\/[A-Za-z0-9_-]+"/);
    expect(invited.text).not.toContain("evil.example");

    const zhang = await app.database.prisma.membership.findFirstOrThrow({ where: { projectId, user: { email: "zhang.min@jinan.example" } } });
    const reset = await owner.post(`/projects/${projectId}/members`, { intent: "resetLink", membershipId: zhang.id }, { "x-forwarded-host": "evil.example" });
    expect(reset.status).toBe(200);
    const html = await reset.text();
    expect(html).toMatch(/value="\/reset-password\?token=[A-Za-z0-9_-]+"/);
    expect(html).not.toContain("evil.example");
  });
});
