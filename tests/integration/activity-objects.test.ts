import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { visibleText } from "../support/html";
import sv from "../../locales/sv/activity.json";

// The activity feed names what each entry is about and links to it (issue 15).

let app: TestApp;
let projectId: string;
let karin: TestClient;
let viewer: TestClient;
let liWei: TestClient;
let report: { id: string; titles: Record<string, string> };

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  karin = new TestClient(app.url);
  await karin.signIn("karin@vasteras.example");
  viewer = new TestClient(app.url);
  await viewer.signIn("viewer@vasteras.example");
  liWei = new TestClient(app.url);
  await liWei.signIn("li.wei@jinan.example");
  const milestones = await prisma.milestone.findMany({ where: { projectId } });
  const found = milestones.find((milestone) => (milestone.titles as Record<string, string>).sv === "Rapport om Hotline 12345")!;
  report = { id: found.id, titles: found.titles as Record<string, string> };
  await karin.post(`/projects/${projectId}/milestones/${report.id}`, { intent: "submit", "summary.sv": "Klar för granskning" });
  // Karin changes her draft finding (as its page would record it): only those who may read drafts learn its title.
  const draft = await prisma.finding.findFirstOrThrow({ where: { projectId, state: "draft" } });
  const karinUser = await prisma.user.findUniqueOrThrow({ where: { email: "karin@vasteras.example" } });
  await prisma.auditEvent.create({ data: { projectId, actorId: karinUser.id, action: "finding.update", entityType: "Finding", entityId: draft.id } });
});
afterAll(async () => {
  await app?.close();
});

describe("the activity feed's entries", () => {
  it("name the milestone submitted for approval and link to it, in the reader's language", async () => {
    const link = `href="/projects/${projectId}/milestones/${report.id}"`;
    const svPage = await (await karin.get(`/projects/${projectId}/activity`)).text();
    expect(svPage).toContain(link);
    expect(visibleText(svPage)).toContain(`Karin Berg ${sv.actions.approval_submit}: milstolpen ”${report.titles.sv}”`);
    const zh = await (await liWei.get(`/projects/${projectId}/activity`)).text();
    expect(zh).toContain(link);
    expect(visibleText(zh)).toContain(`里程碑“${report.titles.zh ?? report.titles.sv}”`);
  });

  it("link a file to the thing it was attached to", async () => {
    const prisma = app.database.prisma;
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { projectId, action: "attachment.create" } });
    const attachment = await prisma.attachment.findUniqueOrThrow({ where: { id: event.entityId! } });
    const html = await (await viewer.get(`/projects/${projectId}/activity?kind=files`)).text();
    const parent = attachment.expenseId
      ? `/budget/expenses/${attachment.expenseId}`
      : attachment.agendaItemId
        ? `/items/${attachment.agendaItemId}`
        : attachment.findingId
          ? `/findings/${attachment.findingId}`
          : `/visits/${attachment.visitId}`;
    expect(html).toMatch(new RegExp(`href="/projects/${projectId}(/[^"]*)?${parent}"`));
    expect(visibleText(html)).toMatch(/attached a file: the (expense|programme item|finding|visit) “/);
  });

  it("keep a draft finding's title from those who may not read drafts", async () => {
    const draft = await app.database.prisma.finding.findFirstOrThrow({ where: { projectId, state: "draft" } });
    const title = (draft.titles as Record<string, string>).sv!;
    const forKarin = visibleText(await (await karin.get(`/projects/${projectId}/activity?kind=findings`)).text());
    expect(forKarin).toContain(`${sv.actions.finding_update}: lärdomen ”${title}”`);
    const forViewer = await (await viewer.get(`/projects/${projectId}/activity?kind=findings`)).text();
    expect(forViewer).not.toContain(title);
    expect(forViewer).not.toContain(`/findings/${draft.id}`);
    expect(visibleText(forViewer)).toContain("changed a finding");
  });
});
