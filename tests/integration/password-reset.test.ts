import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { startSmtpServer } from "../support/smtp";

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: "https://partnerskap.example" } });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

const linkIn = (text: string) => {
  const match = /(http\S+\/reset-password\?token=[A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error("no reset link");
  return match[1];
};

describe("password reset by e-mail", () => {
  it("e-mails a one-time link in the account holder's language; the new password replaces the old everywhere", async () => {
    const elsewhere = new TestClient(app.url);
    await elsewhere.signIn("li.wei@jinan.example");

    const visitor = new TestClient(app.url);
    const asked = await visitor.post("/reset-password", { email: "li.wei@jinan.example" });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("If the address belongs to an account");
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.subject).toBe("设置新密码");
    const link = linkIn(mail.text ?? "");

    // Unknown addresses get the same answer and no e-mail.
    const unknown = await visitor.post("/reset-password", { email: "nobody@example.org" });
    expect(await unknown.text()).toContain("If the address belongs to an account");
    // A second request within five minutes sends nothing more.
    await visitor.post("/reset-password", { email: "li.wei@jinan.example" });
    expect(smtp.received).toHaveLength(1);

    const path = new URL(link).pathname + new URL(link).search;
    const form = await visitor.get(path);
    expect(await form.text()).toContain("li.wei@jinan.example");
    const token = new URL(link).searchParams.get("token")!;
    const mismatch = await visitor.post("/reset-password", { token, password: "new-password-123", confirmPassword: "other" });
    expect(mismatch.status).toBe(400);
    const done = await visitor.post("/reset-password", { token, password: "new-password-123", confirmPassword: "new-password-123" });
    expect(done.status).toBe(302);
    expect((await visitor.get("/projects")).status).toBe(200);

    // The other session is gone, the old password no longer works, the new one does, the link is spent.
    expect((await elsewhere.get("/projects")).status).toBe(302);
    expect((await new TestClient(app.url).post("/login", { email: "li.wei@jinan.example", password: "demo-partnership" })).status).toBe(401);
    expect((await new TestClient(app.url).post("/login", { email: "li.wei@jinan.example", password: "new-password-123" })).status).toBe(302);
    const again = await new TestClient(app.url).post("/reset-password", { token, password: "another-password", confirmPassword: "another-password" });
    expect(again.status).toBe(410);

    const actions = (await app.database.prisma.auditEvent.findMany({ where: { action: { startsWith: "password_reset" } } })).map((event) => event.action);
    expect(actions).toEqual(["password_reset.request", "password_reset.complete"]);
  });

  it("lets an owner issue a link for a member of their project, and no one else", async () => {
    const prisma = app.database.prisma;
    const projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
    const zhang = await prisma.membership.findFirstOrThrow({ where: { projectId, user: { email: "zhang.min@jinan.example" } } });
    const owner = new TestClient(app.url);
    await owner.signIn("owner@vasteras.example");
    const issued = await owner.post(`/projects/${projectId}/members`, { intent: "resetLink", membershipId: zhang.id });
    expect(issued.status).toBe(200);
    const link = /value="(http[^"]+reset-password\?token=[^"]+)"/.exec(await issued.text())?.[1];
    expect(link).toBeTruthy();
    const token = new URL(link!.replace(/&amp;/g, "&")).searchParams.get("token")!;
    const zhangClient = new TestClient(app.url);
    expect((await zhangClient.post("/reset-password", { token, password: "zhang-new-password", confirmPassword: "zhang-new-password" })).status).toBe(302);

    const karin = new TestClient(app.url);
    await karin.signIn("karin@vasteras.example");
    const refused = await karin.post(`/projects/${projectId}/members`, { intent: "resetLink", membershipId: zhang.id });
    expect(refused.status).toBe(403);
  });
});

describe("password reset without e-mail", () => {
  it("tells the person to ask an owner", async () => {
    const noMail = await startTestApp({ seed: false });
    try {
      const page = await new TestClient(noMail.url).get("/reset-password", { "accept-language": "sv" });
      expect(await page.text()).toContain("Be en ägare av ditt projekt om en lösenordslänk");
    } finally {
      await noMail.close();
    }
  });
});
