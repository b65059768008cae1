import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";

let app: TestApp;
let projectId: string;
let owner: TestClient;
let karin: TestClient;
let viewer: TestClient;

beforeAll(async () => {
  app = await startTestApp();
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  owner = new TestClient(app.url);
  await owner.signIn("owner@vasteras.example");
  karin = new TestClient(app.url);
  await karin.signIn("karin@vasteras.example");
  viewer = new TestClient(app.url);
  await viewer.signIn("viewer@vasteras.example");
  // Something to see: Karin submits a milestone, the owner adds a glossary term.
  const milestones = await app.database.prisma.milestone.findMany({ where: { projectId } });
  const report = milestones.find((milestone) => (milestone.titles as Record<string, string>).sv === "Rapport om Hotline 12345")!;
  await karin.post(`/projects/${projectId}/milestones/${report.id}`, { intent: "submit", "summary.sv": "Klar för granskning" });
  await owner.post(`/projects/${projectId}/plan/glossary`, { intent: "add", sv: "styrgrupp", zh: "指导小组", en: "steering group", note: "" });
});
afterAll(async () => {
  await app?.close();
});

describe("activity feed", () => {
  it("shows every member who did what, newest first, filterable by kind and person", async () => {
    const all = await (await viewer.get(`/projects/${projectId}/activity`)).text();
    expect(all).toContain("Karin Berg");
    expect(all).toContain("submitted for approval");
    expect(all.indexOf("added a glossary term")).toBeLessThan(all.indexOf("submitted for approval"));
    expect(all).not.toContain("Klar för granskning"); // details are for the audit log

    const milestonesOnly = await (await viewer.get(`/projects/${projectId}/activity?kind=milestones`)).text();
    expect(milestonesOnly).toContain("submitted for approval");
    expect(milestonesOnly).not.toContain("added a glossary term");

    const karinUser = await app.database.prisma.user.findUniqueOrThrow({ where: { email: "karin@vasteras.example" } });
    const byKarin = await (await viewer.get(`/projects/${projectId}/activity?actorId=${karinUser.id}`)).text();
    expect(byKarin).toContain("submitted for approval");
    expect(byKarin).not.toContain("added a glossary term");
  });
});

describe("audit log", () => {
  it("is for owners only", async () => {
    expect((await karin.get(`/projects/${projectId}/audit`)).status).toBe(403);
    expect((await viewer.get(`/projects/${projectId}/audit/csv`)).status).toBe(403);
    expect((await owner.get(`/projects/${projectId}/audit`)).status).toBe(200);
  });

  it("downloads as CSV with a byte-order mark, with what changed", async () => {
    const response = await owner.get(`/projects/${projectId}/audit/csv?kind=plan`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const lines = csv.trim().split("\r\n");
    // TextDecoder drops the byte-order mark checked above; the owner reads Swedish (tests/integration/audit-downloads.test.ts reads the file as Excel does).
    expect(lines[0]).toBe("sep=;");
    expect(lines[1]).toBe("Tid (Europe/Stockholm);Person;Vad;Gäller;Händelse (kod);Objekttyp;Objekt-id;Ändringar (data)");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(";Anna Lindqvist;lade till en term i ordlistan;ordlistan;glossary.create;GlossaryTerm;");
    expect(lines[2]).toContain("指导小组");
  });

  it("filters by date", async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const none = await (await owner.get(`/projects/${projectId}/audit/csv?from=${tomorrow}`)).text();
    expect(none.trim().split("\r\n")).toHaveLength(2); // the sep= line and the header
  });
});
