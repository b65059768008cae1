import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { startSmtpServer } from "../support/smtp";

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let projectId: string;
let owner: TestClient;

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: "https://partnerskap.example", MAIL_FROM: "Workspace <workspace@vasteras.example>" } });
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  owner = new TestClient(app.url);
  await owner.signIn("owner@vasteras.example");
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

function linkFrom(html: string): string {
  const match = /value="(http[^"]+\/invite\/[A-Za-z0-9_-]+)"/.exec(html);
  if (!match?.[1]) throw new Error("No invitation link on the page");
  return match[1];
}

describe("invitations", () => {
  it("shows a one-time link, e-mails it, and lets the invitee set name and password", async () => {
    const jinan = await app.database.prisma.organisation.findFirstOrThrow({ where: { key: "济南市人民政府" } });
    const response = await owner.post(`/projects/${projectId}/members`, {
      intent: "invite",
      email: "Chen.Jie@Jinan.example",
      role: "delegate",
      organisationId: jinan.id,
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    const link = linkFrom(html);
    expect(html).toContain("också skickats med e-post");

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe("chen.jie@jinan.example");
    expect(mail.text).toContain(link);
    expect(mail.text).toContain(PRE_STUDY_TITLE);
    expect(mail.text).toContain("邀请"); // the invitee's language is unknown: all three are in it
    expect(mail.text).toContain("bjuder in");

    const invitee = new TestClient(app.url);
    const path = new URL(link).pathname;
    const page = await invitee.get(path, { "accept-language": "zh-CN" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(PRE_STUDY_TITLE);

    const mismatch = await invitee.post(path, { name: "陈杰 Chen Jie", password: "a-long-password", confirmPassword: "another-password" });
    expect(mismatch.status).toBe(400);
    expect(await app.database.prisma.user.count({ where: { email: "chen.jie@jinan.example" } })).toBe(0);

    const accepted = await invitee.post(
      path,
      { name: "陈杰 Chen Jie", password: "a-long-password", confirmPassword: "a-long-password" },
      { "accept-language": "zh-CN" },
    );
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe(`/projects/${projectId}`);
    const overview = await invitee.get(`/projects/${projectId}`);
    expect(overview.status).toBe(200);

    const user = await app.database.prisma.user.findUniqueOrThrow({
      where: { email: "chen.jie@jinan.example" },
      include: { memberships: true },
    });
    expect(user.language).toBe("zh");
    expect(user.timeZone).toBe("Asia/Shanghai");
    expect(user.organisationId).toBe(jinan.id);
    expect(user.memberships.map((membership) => membership.role)).toEqual(["delegate"]);

    // The link works once.
    const again = await new TestClient(app.url).post(path, { name: "Someone", password: "a-long-password", confirmPassword: "a-long-password" });
    expect(again.status).toBe(410);
    const reopened = await new TestClient(app.url).get(path);
    expect(await reopened.text()).toContain("already been used");

    const actions = (await app.database.prisma.auditEvent.findMany({ where: { projectId } })).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(["invitation.create", "user.create", "invitation.accept"]));
  });

  it("lets the owner change a role and remove a member, but never the last owner", async () => {
    const prisma = app.database.prisma;
    const zhang = await prisma.membership.findFirstOrThrow({ where: { projectId, user: { email: "zhang.min@jinan.example" } } });
    const change = await owner.post(`/projects/${projectId}/members`, { intent: "changeRole", membershipId: zhang.id, role: "viewer" });
    expect(change.status).toBe(200);
    expect((await prisma.membership.findUniqueOrThrow({ where: { id: zhang.id } })).role).toBe("viewer");

    const ownMembership = await prisma.membership.findFirstOrThrow({ where: { projectId, role: "owner" } });
    const demote = await owner.post(`/projects/${projectId}/members`, { intent: "changeRole", membershipId: ownMembership.id, role: "viewer" });
    expect(demote.status).toBe(400);
    expect(await demote.text()).toContain("minst en ägare");
    expect((await prisma.membership.findUniqueOrThrow({ where: { id: ownMembership.id } })).role).toBe("owner");

    const remove = await owner.post(`/projects/${projectId}/members`, { intent: "remove", membershipId: zhang.id });
    expect(remove.status).toBe(200);
    expect(await prisma.membership.findUnique({ where: { id: zhang.id } })).toBeNull();
    const zhangClient = new TestClient(app.url);
    await zhangClient.signIn("zhang.min@jinan.example");
    expect((await zhangClient.get(`/projects/${projectId}`)).status).toBe(404);
  });

  it("a person who already has an account joins with their password", async () => {
    const prisma = app.database.prisma;
    const earlier = await prisma.project.findFirstOrThrow({ where: { NOT: { id: projectId } } });
    const response = await owner.post(`/projects/${earlier.id}/members`, { intent: "invite", email: "karin@vasteras.example", role: "project_group", organisationId: "" });
    const path = new URL(linkFrom(await response.text())).pathname;
    const karin = new TestClient(app.url);
    const page = await karin.get(path);
    expect(await page.text()).toContain('name="password"');
    const wrong = await karin.post(path, { password: "not-her-password" });
    expect(wrong.status).toBe(400);
    const right = await karin.post(path, { password: "demo-partnership" });
    expect(right.status).toBe(302);
    expect(await prisma.membership.count({ where: { projectId: earlier.id, user: { email: "karin@vasteras.example" } } })).toBe(1);
    // Accepting signed her in, and the audit log says so as it does for /login.
    const karinUser = await prisma.user.findUniqueOrThrow({ where: { email: "karin@vasteras.example" } });
    expect(await prisma.auditEvent.count({ where: { actorId: karinUser.id, action: "auth.sign_in" } })).toBe(1);
  });

  it("counts the password given to accept an invitation as a sign-in attempt: slowed, then stopped, and the lock holds on /login", async () => {
    const prisma = app.database.prisma;
    const earlier = await prisma.project.findFirstOrThrow({ where: { NOT: { id: projectId } } });
    const response = await owner.post(`/projects/${earlier.id}/members`, { intent: "invite", email: "li.wei@jinan.example", role: "steering_group", organisationId: "" });
    const path = new URL(linkFrom(await response.text())).pathname;
    const guesser = new TestClient(app.url);
    const timings: number[] = [];
    for (let guess = 1; guess <= 5; guess++) {
      const started = performance.now();
      expect((await guesser.post(path, { password: `guess-${guess}` })).status).toBe(400);
      timings.push(performance.now() - started);
    }
    // As on /login, the fourth and fifth failures are answered a second late (a lower bound only).
    expect(timings[3]).toBeGreaterThanOrEqual(950);
    expect(timings[4]).toBeGreaterThanOrEqual(950);
    const stopped = await guesser.post(path, { password: "demo-partnership" });
    expect(stopped.status).toBe(429);
    expect(await stopped.text()).toContain("Too many failed attempts");
    const liWei = await prisma.user.findUniqueOrThrow({ where: { email: "li.wei@jinan.example" } });
    expect(await prisma.membership.count({ where: { projectId: earlier.id, userId: liWei.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "auth.locked", entityId: liWei.id } })).toBe(1);
    // One lock for the account, wherever the password is asked.
    expect((await new TestClient(app.url).post("/login", { email: "li.wei@jinan.example", password: "demo-partnership" })).status).toBe(429);
  });

  it("a lock made on /login holds when accepting an invitation", async () => {
    const prisma = app.database.prisma;
    for (let guess = 1; guess <= 5; guess++) {
      expect((await new TestClient(app.url).post("/login", { email: "viewer@vasteras.example", password: `guess-${guess}` })).status).toBe(401);
    }
    const earlier = await prisma.project.findFirstOrThrow({ where: { NOT: { id: projectId } } });
    const invited = await owner.post(`/projects/${earlier.id}/members`, { intent: "invite", email: "viewer@vasteras.example", role: "viewer", organisationId: "" });
    const path = new URL(linkFrom(await invited.text())).pathname;
    const accepted = await new TestClient(app.url).post(path, { password: "demo-partnership" });
    expect(accepted.status).toBe(429);
    expect(await prisma.membership.count({ where: { projectId: earlier.id, user: { email: "viewer@vasteras.example" } } })).toBe(0);
  });

  it("refuses to invite an existing member and an unknown organisation", async () => {
    const existing = await owner.post(`/projects/${projectId}/members`, { intent: "invite", email: "karin@vasteras.example", role: "viewer", organisationId: "" });
    expect(existing.status).toBe(400);
    expect(await existing.text()).toContain("redan medlem");
    const unknownOrg = await owner.post(`/projects/${projectId}/members`, { intent: "invite", email: "new@example.org", role: "viewer", organisationId: "nope" });
    expect(unknownOrg.status).toBe(400);
    expect(await app.database.prisma.invitation.count({ where: { email: "new@example.org" } })).toBe(0);
  });
});
