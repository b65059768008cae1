import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EARLIER_PROJECT_TITLE, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";

let app: TestApp;
let owner: TestClient;
let karin: TestClient;
let projectId: string;
let earlierId: string;

const auditCount = () => app.database.prisma.auditEvent.count({ where: { NOT: { action: "auth.sign_in" } } });

beforeAll(async () => {
  app = await startTestApp();
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { title: PRE_STUDY_TITLE } })).id;
  earlierId = (await app.database.prisma.project.findFirstOrThrow({ where: { title: EARLIER_PROJECT_TITLE } })).id;
  owner = new TestClient(app.url);
  await owner.signIn("owner@vasteras.example");
  karin = new TestClient(app.url);
  await karin.signIn("karin@vasteras.example");
});
afterAll(async () => {
  await app?.close();
});

describe("bad input gets a clear answer and writes nothing", () => {
  it("unknown addresses and ids are 404 in the reader's language", async () => {
    const before = await auditCount();
    for (const pathname of ["/nowhere", `/projects/does-not-exist`, `/projects/${projectId}/nowhere`]) {
      const response = await karin.get(pathname);
      expect(response.status, pathname).toBe(404);
      expect(await response.text()).toContain("Sidan hittades inte");
    }
    const malformed = await karin.get("/projects/%E0%A4%A");
    expect(malformed.status).toBe(400);
    expect(await auditCount()).toBe(before);
  });

  it("an owner's action on another project's members cannot touch them", async () => {
    // The owner owns both projects; a membership of the earlier one posted to the pre-study is unknown there.
    const erikEarlier = await app.database.prisma.membership.findFirstOrThrow({
      where: { projectId: earlierId, user: { email: "erik@vasteras.example" } },
    });
    const before = await auditCount();
    const response = await owner.post(`/projects/${projectId}/members`, { intent: "remove", membershipId: erikEarlier.id });
    expect(response.status).toBe(404);
    expect(await app.database.prisma.membership.findUnique({ where: { id: erikEarlier.id } })).not.toBeNull();
    const change = await owner.post(`/projects/${projectId}/members`, { intent: "changeRole", membershipId: erikEarlier.id, role: "viewer" });
    expect(change.status).toBe(404);
    expect((await app.database.prisma.membership.findUniqueOrThrow({ where: { id: erikEarlier.id } })).role).toBe("steering_group");
    expect(await auditCount()).toBe(before);
  });

  it("malformed posts are 400 with messages, never 500", async () => {
    const before = await auditCount();
    const cases: Record<string, string>[] = [
      { intent: "invite", email: "not-an-email", role: "viewer" },
      { intent: "invite", email: "a@b.example", role: "king" },
      { intent: "dance" },
      {},
      { intent: "changeRole", membershipId: "", role: "viewer" },
    ];
    for (const body of cases) {
      const response = await owner.post(`/projects/${projectId}/members`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const badEmail = await owner.post(`/projects/${projectId}/members`, { intent: "invite", email: "not-an-email", role: "viewer" });
    expect(await badEmail.text()).toContain("Ange en e-postadress");
    expect(await auditCount()).toBe(before);
  });

  it("a JSON or garbage body is refused cleanly", async () => {
    const json = await owner.request(`/projects/${projectId}/members`, {
      method: "POST",
      body: JSON.stringify({ intent: "invite" }),
      headers: { "content-type": "application/json" },
    });
    expect(json.status).toBe(415);
    expect(await json.text()).toContain("must be a form");
    const garbage = await new TestClient(app.url).request("/login", { method: "POST", body: "%%%===&&&", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(garbage.status).toBe(400);
  });

  it("oversized posts are refused with 413 before they are read", async () => {
    const before = await auditCount();
    const response = await owner.post(`/projects/${projectId}/members`, {
      intent: "invite",
      email: `${"a".repeat(2 * 1024 * 1024)}@example.org`,
      role: "viewer",
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("too large");
    expect(await auditCount()).toBe(before);
  });

  it("new project: impossible dates, amounts and periods are explained", async () => {
    const organisationIds = (await app.database.prisma.organisation.findMany()).map((organisation) => organisation.id);
    const response = await owner.post("/projects/new", {
      title: "",
      grantAmount: "12,34,56",
      currency: "SEK",
      startDate: "2027-02-30",
      endDate: "2026-13-01",
      organisationIds,
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Fältet måste fyllas i");
    const before = await app.database.prisma.project.count();
    const backwards = await owner.post("/projects/new", {
      title: "Backwards",
      grantAmount: "1 000,50",
      currency: "SEK",
      startDate: "2027-06-01",
      endDate: "2027-01-01",
      organisationIds,
    });
    expect(backwards.status).toBe(400);
    expect(await app.database.prisma.project.count()).toBe(before);
    const good = await owner.post("/projects/new", {
      title: "Good",
      grantAmount: "1 000,50",
      currency: "SEK",
      startDate: "2027-01-01",
      endDate: "2027-06-30",
      organisationIds,
    });
    expect(good.status).toBe(302);
    const created = await app.database.prisma.project.findFirstOrThrow({ where: { title: "Good" } });
    expect(created.grantAmount.toFixed(2)).toBe("1000.50");
  });

  it("a bad language choice is 400 and a redirect never leaves the site", async () => {
    expect((await karin.post("/language", { lang: "fr" })).status).toBe(400);
    const response = await karin.post("/language", { lang: "en", redirectTo: "//evil.example/" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/projects");
  });
});
