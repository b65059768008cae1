import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoles } from "~/auth/permissions";
import { hashPassword } from "~/auth/password.server";
import type { ProjectRole } from "~/generated/prisma/enums";
import { demoAccounts, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";

// "Who may do what" (docs/roles.md) for visits, their programme and minutes, findings and the ledger: every role, a
// signed-out visitor, and a signed-in person of no project. Uploads are in attachments.test.ts.
type Who = ProjectRole | "signed_out" | "outsider";
const everyone: Who[] = [...projectRoles, "signed_out", "outsider"];

let app: TestApp;
let projectId: string;
let visitId: string; // Jinan's delegation in Västerås: the delegate belongs to it
let itemId: string;
let draftId: string;
let sharedId: string;
let jinanId: string;
let attachmentId: string;
let expenseId: string;
let vasterasId: string;
const clients = new Map<Who, TestClient>();

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  const visits = await prisma.visit.findMany({ where: { projectId }, include: { agendaItems: true } });
  const visit = visits.find((candidate) => (candidate.titles as Record<string, string>).sv === "Jinans delegation i Västerås")!;
  visitId = visit.id;
  itemId = visit.agendaItems[0]!.id;
  draftId = (await prisma.finding.findFirstOrThrow({ where: { projectId, state: "draft" } })).id;
  sharedId = (await prisma.finding.findFirstOrThrow({ where: { projectId, state: "shared" } })).id;
  jinanId = visit.travellerOrgId;
  attachmentId = (await prisma.attachment.findFirstOrThrow({ where: { projectId, visitId: visit.id } })).id;
  expenseId = (await prisma.expense.findFirstOrThrow({ where: { projectId } })).id;
  vasterasId = visit.hostOrgId;
  await prisma.user.create({ data: { email: "outsider@example.org", name: "Outsider", passwordHash: await hashPassword("demo-partnership") } });
  clients.set("signed_out", new TestClient(app.url));
  const outsider = new TestClient(app.url);
  await outsider.signIn("outsider@example.org");
  clients.set("outsider", outsider);
  for (const role of projectRoles) {
    const client = new TestClient(app.url);
    await client.signIn(demoAccounts.find((candidate) => candidate.role === role)!.email);
    clients.set(role, client);
  }
});
afterAll(async () => {
  await app?.close();
});

function expectRefused(who: Who, response: Response) {
  if (who === "signed_out") {
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  } else if (who === "outsider") expect(response.status).toBe(404);
  else expect(response.status).toBe(403);
}

const editors: Who[] = ["owner", "project_group"];

describe.each(everyone)("as %s", (who) => {
  const client = () => clients.get(who)!;
  const isMember = (projectRoles as readonly string[]).includes(who);

  it("reads visits, the programme, the minutes, the calendar, shared findings and the ledger only as a member", async () => {
    for (const path of [
      `/projects/${projectId}/visits`,
      `/projects/${projectId}/visits/${visitId}`,
      `/projects/${projectId}/visits/${visitId}/items/${itemId}`,
      `/projects/${projectId}/visits/${visitId}/calendar.ics`,
      `/projects/${projectId}/visits/${visitId}/export?langs=sv,zh`,
      `/projects/${projectId}/visits/${visitId}/print?langs=zh`,
      `/projects/${projectId}/findings`,
      `/projects/${projectId}/findings/${sharedId}`,
      `/projects/${projectId}/search?q=${encodeURIComponent("热线")}`,
      `/projects/${projectId}/files/${attachmentId}`,
      `/projects/${projectId}/budget`,
      `/projects/${projectId}/budget?version=1`,
      `/projects/${projectId}/budget/expenses`,
      `/projects/${projectId}/budget/expenses/${expenseId}`,
      `/projects/${projectId}/results`,
      `/projects/${projectId}/reports`,
      `/projects/${projectId}/reports/1/account.xlsx`,
      `/projects/${projectId}/reports/1/narrative.docx?lang=sv`,
    ]) {
      const response = await client().get(path);
      if (isMember) expect(response.status, path).toBe(200);
      else if (who === "signed_out") expectRefused(who, response);
      else expect(response.status, path).toBe(404);
    }
  });

  it("reads a draft finding only as its author, the owner or the project group", async () => {
    const response = await client().get(`/projects/${projectId}/findings/${draftId}`);
    if (editors.includes(who)) expect(response.status).toBe(200);
    else if (who === "signed_out") expectRefused(who, response);
    else expect(response.status).toBe(404);
  });

  it("creates and edits visits and their programme only as owner or project group", async () => {
    const prisma = app.database.prisma;
    const title = `Visit by ${who}`;
    const create = await client().post(`/projects/${projectId}/visits`, {
      "title.sv": title, "purpose.sv": "", travellerOrgId: vasterasId, hostOrgId: jinanId, startDate: "2027-03-01", endDate: "2027-03-05", status: "planned", accommodation: "", siteContact: "",
    });
    const created = await prisma.visit.count({ where: { titles: { path: ["sv"], equals: title } } });
    const itemsBefore = await prisma.agendaItem.count({ where: { visitId } });
    // A programme item is on one of its visit's days.
    const visitDay = (await prisma.visit.findUniqueOrThrow({ where: { id: visitId } })).startDate.toISOString().slice(0, 10);
    const addItem = await client().post(`/projects/${projectId}/visits/${visitId}`, { intent: "addItem", date: visitDay, start: "09:00", end: "10:00", "title.sv": `Item by ${who}` });
    const close = await client().post(`/projects/${projectId}/visits/${visitId}`, { intent: "closeMinutes" });
    const closed = (await prisma.visit.findUniqueOrThrow({ where: { id: visitId } })).minutesClosedAt;
    const updateItem = await client().post(`/projects/${projectId}/visits/${visitId}/items/${itemId}`, { intent: "update", date: visitDay, start: "09:00", end: "10:30", "title.sv": "Välkomstmöte i stadshuset" });
    if (editors.includes(who)) {
      expect(create.status).toBe(302);
      expect(created).toBe(1);
      expect(addItem.status).toBe(200);
      expect(await prisma.agendaItem.count({ where: { visitId } })).toBe(itemsBefore + 1);
      expect(close.status).toBe(200);
      expect(closed).not.toBeNull();
      expect(updateItem.status).toBe(200);
      await client().post(`/projects/${projectId}/visits/${visitId}`, { intent: "reopenMinutes" });
    } else {
      for (const response of [create, addItem, close, updateItem]) expectRefused(who, response);
      expect(created).toBe(0);
      expect(await prisma.agendaItem.count({ where: { visitId } })).toBe(itemsBefore);
      expect(closed).toBeNull();
    }
  });

  it("writes findings as owner, project group, or a delegate from a visit they took part in", async () => {
    const prisma = app.database.prisma;
    const title = `Finding by ${who}`;
    const response = await client().post(`/projects/${projectId}/findings`, { intent: "create", "title.sv": title, organisationId: "", visitId, agendaItemId: "", state: "shared" });
    const created = await prisma.finding.count({ where: { titles: { path: ["sv"], equals: title } } });
    if ([...editors, "delegate"].includes(who)) {
      expect(response.status).toBe(302);
      expect(created).toBe(1);
    } else {
      expectRefused(who, response);
      expect(created).toBe(0);
    }
  });
});

describe.each(everyone)("the budget and ledger, as %s", (who) => {
  it("proposes budget changes and records expenses only as owner or project group; keeps rates only as owner", async () => {
    const prisma = app.database.prisma;
    const client = clients.get(who)!;
    const versionsBefore = await prisma.budgetVersion.count({ where: { projectId } });
    const propose = await client.post(`/projects/${projectId}/budget`, { intent: "propose" });
    const versionsAfter = await prisma.budgetVersion.count({ where: { projectId } });
    const rate = await client.post(`/projects/${projectId}/budget/expenses`, { intent: "addRate", currency: "USD", validFrom: "2026-01-01", rate: "10" });
    if (editors.includes(who)) {
      // The first to propose opens the one proposal; the other finds it open (400), and writes nothing.
      expect([200, 400]).toContain(propose.status);
      expect(versionsAfter - versionsBefore).toBe(propose.status === 200 ? 1 : 0);
    } else {
      expectRefused(who, propose);
      expect(versionsAfter).toBe(versionsBefore);
    }
    if (who === "owner") expect(rate.status).toBe(200);
    else expectRefused(who, rate);
  });
});

describe("a delegate's rights follow the delegation", () => {
  it("writes no finding from a visit they were not part of", async () => {
    const prisma = app.database.prisma;
    const other = (await prisma.visit.findMany({ where: { projectId } })).find((visit) => (visit.titles as Record<string, string>).sv === "Västerås delegation i Jinan")!;
    const response = await clients.get("delegate")!.post(`/projects/${projectId}/findings`, { intent: "create", "title.zh": "不属于我的访问", organisationId: "", visitId: other.id, agendaItemId: "", state: "shared" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("作为代表团成员，您只能记录自己参加的访问中的发现");
    expect(await prisma.finding.count({ where: { titles: { path: ["zh"], equals: "不属于我的访问" } } })).toBe(0);
  });
});
