import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoles } from "~/auth/permissions";
import type { ProjectRole } from "~/generated/prisma/enums";
import { hashPassword } from "~/auth/password.server";
import { demoAccounts, EARLIER_PROJECT_TITLE, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";

// "Who may do what" (docs/roles.md) for every address and action that exists so far, for every role,
// a signed-out visitor, and a signed-in person of no project.
type Who = ProjectRole | "signed_out" | "outsider";
const everyone: Who[] = [...projectRoles, "signed_out", "outsider"];

let app: TestApp;
let preStudyId: string;
let earlierId: string;
const clients = new Map<Who, TestClient>();

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  preStudyId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  earlierId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: EARLIER_PROJECT_TITLE } } })).id;
  await prisma.user.create({
    data: { email: "outsider@example.org", name: "Outsider", passwordHash: await hashPassword("demo-partnership") },
  });
  clients.set("signed_out", new TestClient(app.url));
  const outsider = new TestClient(app.url);
  await outsider.signIn("outsider@example.org");
  clients.set("outsider", outsider);
  for (const role of projectRoles) {
    const account = demoAccounts.find((candidate) => candidate.role === role)!;
    const client = new TestClient(app.url);
    await client.signIn(account.email);
    clients.set(role, client);
  }
});
afterAll(async () => {
  await app?.close();
});

/** What a refused request answers: signed out → to /login; not a member → 404; member without the right → 403. */
function expectRefused(who: Who, response: Response, forbiddenStatus = 403) {
  if (who === "signed_out") {
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  } else if (who === "outsider") {
    expect(response.status).toBe(404);
  } else {
    expect(response.status).toBe(forbiddenStatus);
  }
}

describe.each(everyone)("as %s", (who) => {
  const client = () => clients.get(who)!;
  const isMember = (projectRoles as readonly string[]).includes(who);

  it("reads the project overview only as a member", async () => {
    const response = await client().get(`/projects/${preStudyId}`);
    const body = await response.text();
    if (isMember) {
      expect(response.status).toBe(200);
      expect(body).toContain(PRE_STUDY_TITLE);
      expect(body).toContain("275");
    } else {
      expectRefused(who, response);
      expect(body).not.toContain(PRE_STUDY_TITLE);
    }
  });

  it("never sees project data through the data endpoint without membership", async () => {
    const response = await client().get(`/projects/${preStudyId}.data`);
    const body = await response.text();
    if (isMember) expect(body).toContain(PRE_STUDY_TITLE);
    else expect(body).not.toContain(PRE_STUDY_TITLE);
  });

  it("gets 404 for the other project unless a member of it", async () => {
    // Only the owner and the Västerås steering-group member belong to the earlier project.
    const response = await client().get(`/projects/${earlierId}`);
    if (who === "owner" || who === "steering_group") expect(response.status).toBe(200);
    else if (who === "signed_out") expectRefused(who, response);
    else expect(response.status).toBe(404);
  });

  it("opens the members page only as owner", async () => {
    const response = await client().get(`/projects/${preStudyId}/members`);
    if (who === "owner") expect(response.status).toBe(200);
    else expectRefused(who, response);
  });

  it("invites only as owner, and a refused invitation writes nothing", async () => {
    const prisma = app.database.prisma;
    const email = `invitee-${who}@example.org`;
    const response = await client().post(`/projects/${preStudyId}/members`, { intent: "invite", email, role: "viewer", organisationId: "" });
    const written = await prisma.invitation.count({ where: { email } });
    if (who === "owner") {
      expect(response.status).toBe(200);
      expect(written).toBe(1);
    } else {
      expectRefused(who, response);
      expect(written).toBe(0);
    }
  });

  it("changes roles and removes members only as owner", async () => {
    const prisma = app.database.prisma;
    const target = await prisma.user.create({
      data: { email: `target-${who}@example.org`, name: "Target", passwordHash: "x", memberships: { create: { projectId: preStudyId, role: "viewer" } } },
      include: { memberships: true },
    });
    const membershipId = target.memberships[0]!.id;
    const change = await client().post(`/projects/${preStudyId}/members`, { intent: "changeRole", membershipId, role: "delegate" });
    const afterChange = await prisma.membership.findUniqueOrThrow({ where: { id: membershipId } });
    const remove = await client().post(`/projects/${preStudyId}/members`, { intent: "remove", membershipId });
    const afterRemove = await prisma.membership.findUnique({ where: { id: membershipId } });
    if (who === "owner") {
      expect(change.status).toBe(200);
      expect(afterChange.role).toBe("delegate");
      expect(remove.status).toBe(200);
      expect(afterRemove).toBeNull();
    } else {
      expectRefused(who, change);
      expectRefused(who, remove);
      expect(afterChange.role).toBe("viewer");
      expect(afterRemove).not.toBeNull();
    }
  });

  it("issues password links only as owner", async () => {
    const prisma = app.database.prisma;
    const viewer = await prisma.membership.findFirstOrThrow({ where: { projectId: preStudyId, role: "viewer" } });
    const before = await prisma.passwordReset.count();
    const response = await client().post(`/projects/${preStudyId}/members`, { intent: "resetLink", membershipId: viewer.id });
    if (who === "owner") {
      expect(response.status).toBe(200);
      expect(await prisma.passwordReset.count()).toBe(before + 1);
    } else {
      expectRefused(who, response);
      expect(await prisma.passwordReset.count()).toBe(before);
    }
  });

  it("reads the plan and its sections as any member", async () => {
    const section = await app.database.prisma.planSection.findFirstOrThrow({ where: { projectId: preStudyId, kind: "background" } });
    // The list links the section; the section page shows its text before any script runs.
    for (const [pathname, visible] of [
      [`/projects/${preStudyId}/plan`, `href="/projects/${preStudyId}/plan/${section.id}"`],
      [`/projects/${preStudyId}/plan/${section.id}`, "Jinans Hotline 12345"],
    ] as const) {
      const response = await client().get(pathname);
      const body = await response.text();
      if (isMember) {
        expect(response.status, pathname).toBe(200);
        expect(body).toContain(visible);
      } else {
        expectRefused(who, response);
        expect(body).not.toContain(visible);
      }
    }
  });

  it("adds, renames, moves and removes sections only as owner or project group", async () => {
    const prisma = app.database.prisma;
    const title = `Section by ${who}`;
    const add = await client().post(`/projects/${preStudyId}/plan`, { intent: "add", "title.sv": title });
    const added = await prisma.planSection.findFirst({ where: { projectId: preStudyId, titles: { path: ["sv"], equals: title } } })
      ?? (await prisma.planSection.findMany({ where: { projectId: preStudyId, kind: null } })).find((section) => Object.values((section.titles ?? {}) as Record<string, string>).includes(title));
    const target = await prisma.planSection.findFirstOrThrow({ where: { projectId: preStudyId, kind: "risks" } });
    const move = await client().post(`/projects/${preStudyId}/plan`, { intent: "move", sectionId: target.id, direction: "up" });
    const moved = await prisma.planSection.findUniqueOrThrow({ where: { id: target.id } });
    if (who === "owner" || who === "project_group") {
      expect(add.status).toBe(200);
      expect(added).toBeTruthy();
      expect(move.status).toBe(200);
      expect(moved.position).toBe(target.position - 1);
      const remove = await client().post(`/projects/${preStudyId}/plan`, { intent: "remove", sectionId: added!.id });
      expect(remove.status).toBe(200);
      expect((await prisma.planSection.findUniqueOrThrow({ where: { id: added!.id } })).removedAt).not.toBeNull();
      // put the order back for the next role
      await client().post(`/projects/${preStudyId}/plan`, { intent: "move", sectionId: target.id, direction: "down" });
    } else {
      expectRefused(who, add);
      expectRefused(who, move);
      expect(added).toBeFalsy();
      expect(moved.position).toBe(target.position);
    }
  });

  it("confirms translations only as owner or project group", async () => {
    const prisma = app.database.prisma;
    const section = await prisma.planSection.findFirstOrThrow({ where: { projectId: preStudyId, kind: "problemAndGoals" } });
    await prisma.richText.update({ where: { sectionId_lang: { sectionId: section.id, lang: "zh" } }, data: { confirmedSourceHash: null } });
    const response = await client().post(`/projects/${preStudyId}/plan/${section.id}`, { intent: "confirm", lang: "zh" });
    const zh = await prisma.richText.findUniqueOrThrow({ where: { sectionId_lang: { sectionId: section.id, lang: "zh" } } });
    if (who === "owner" || who === "project_group") {
      expect(response.status).toBe(200);
      expect(zh.confirmedSourceHash).not.toBeNull();
    } else {
      expectRefused(who, response);
      expect(zh.confirmedSourceHash).toBeNull();
    }
  });

  it("comments as any member but a viewer; resolves others' threads only as owner or project group", async () => {
    const prisma = app.database.prisma;
    const section = await prisma.planSection.findFirstOrThrow({ where: { projectId: preStudyId, kind: "background" } });
    const anchor = Buffer.from([0, 1, 2]).toString("base64");
    const body = `Comment by ${who}`;
    const response = await client().post(`/projects/${preStudyId}/plan/${section.id}`, {
      intent: "comment", lang: "sv", "body.sv": body, quote: "x", anchorStart: anchor, anchorEnd: anchor,
    });
    const written = await prisma.comment.count({ where: { body: { path: ["sv"], equals: body } } });
    if (isMember && who !== "viewer") {
      expect(response.status).toBe(200);
      expect(written).toBe(1);
    } else {
      expectRefused(who, response);
      expect(written).toBe(0);
    }
    // A thread started by someone else (Karin, project group).
    const karin = await prisma.user.findUniqueOrThrow({ where: { email: "karin@vasteras.example" } });
    const thread = await prisma.comment.create({
      data: { projectId: preStudyId, sectionId: section.id, lang: "sv", authorId: karin.id, body: { sv: `Karin's thread for ${who}` }, bodyLang: "sv" },
    });
    const resolve = await client().post(`/projects/${preStudyId}/plan/${section.id}`, { intent: "resolve", threadId: thread.id });
    const resolved = (await prisma.comment.findUniqueOrThrow({ where: { id: thread.id } })).resolvedAt !== null;
    if (who === "owner" || who === "project_group") {
      expect(resolve.status).toBe(200);
      expect(resolved).toBe(true);
    } else {
      if (who === "steering_group" || who === "delegate") expect(resolve.status).toBe(403);
      else expectRefused(who, resolve);
      expect(resolved).toBe(false);
    }
  });

  it("reads milestones and their approval rounds as any member; the settings only as owner", async () => {
    const milestones = await app.database.prisma.milestone.findMany({ where: { projectId: preStudyId } });
    const waiting = milestones.find((milestone) => milestone.status === "submitted")!;
    for (const pathname of [`/projects/${preStudyId}/milestones`, `/projects/${preStudyId}/milestones/${waiting.id}`]) {
      const response = await client().get(pathname);
      const body = await response.text();
      if (isMember) {
        expect(response.status, pathname).toBe(200);
        expect(body).toContain("Utkast till framtida projektplan");
      } else {
        expectRefused(who, response);
        expect(body).not.toContain("Utkast till framtida projektplan");
      }
    }
    const settings = await client().get(`/projects/${preStudyId}/settings`);
    if (who === "owner") expect(settings.status).toBe(200);
    else expectRefused(who, settings);
  });

  it("reads the activity feed as any member; the audit log and its files only as owner", async () => {
    const feed = await client().get(`/projects/${preStudyId}/activity`);
    if (isMember) expect(feed.status).toBe(200);
    else expectRefused(who, feed);
    for (const pathname of [`/projects/${preStudyId}/audit`, `/projects/${preStudyId}/audit/csv`, `/projects/${preStudyId}/audit/xlsx`]) {
      const response = await client().get(pathname);
      if (who === "owner") expect(response.status, pathname).toBe(200);
      else expectRefused(who, response);
    }
  });

  it("creates projects only as a workspace administrator", async () => {
    const title = `New project by ${who}`;
    const page = await client().get("/projects/new");
    const response = await client().post("/projects/new", {
      "title.sv": title,
      grantAmount: "100 000",
      currency: "SEK",
      startDate: "2027-01-01",
      endDate: "2027-06-30",
      organisationIds: (await app.database.prisma.organisation.findMany()).map((organisation) => organisation.id),
    });
    const created = await app.database.prisma.project.count({ where: { titles: { path: ["sv"], equals: title } } });
    if (who === "owner") {
      // owner@vasteras.example is also the workspace administrator
      expect(page.status).toBe(200);
      expect(response.status).toBe(302);
      expect(created).toBe(1);
    } else {
      if (who === "signed_out") expectRefused(who, page);
      else expect(page.status).toBe(403);
      if (who === "signed_out") expectRefused(who, response);
      else expect(response.status).toBe(403);
      expect(created).toBe(0);
    }
  });

  it("reads the project list and profile only when signed in", async () => {
    for (const pathname of ["/projects", "/profile"]) {
      const response = await client().get(pathname);
      if (who === "signed_out") expectRefused(who, response);
      else expect(response.status).toBe(200);
    }
  });
});
