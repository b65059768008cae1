import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EARLIER_PROJECT_TITLE, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { visibleText } from "../support/html";

let app: TestApp;
let projectId: string;
const clients: Record<string, TestClient> = {};

const as = (email: string) => clients[email]!;
const milestonePath = (id: string) => `/projects/${projectId}/milestones/${id}`;
async function milestoneNamed(sv: string) {
  const all = await app.database.prisma.milestone.findMany({ where: { projectId } });
  return all.find((milestone) => (milestone.titles as Record<string, string>).sv === sv)!;
}
const requestsOf = (milestoneId: string) =>
  app.database.prisma.approvalRequest.findMany({ where: { milestoneId }, orderBy: { round: "asc" }, include: { decisions: true } });

beforeAll(async () => {
  app = await startTestApp();
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  // Milestones below fall due on fixed days in 2027; a milestone is due within its project's period.
  await app.database.prisma.project.update({ where: { id: projectId }, data: { startDate: new Date("2026-01-01T00:00:00Z"), endDate: new Date("2027-06-30T00:00:00Z") } });
  for (const email of ["owner@vasteras.example", "karin@vasteras.example", "erik@vasteras.example", "li.wei@jinan.example", "zhang.min@jinan.example", "viewer@vasteras.example"]) {
    clients[email] = new TestClient(app.url);
    await clients[email].signIn(email);
  }
});
afterAll(async () => {
  await app?.close();
});

describe("submitting and deciding", () => {
  it("the project group submits; only the steering group decides; both cities must agree", async () => {
    const milestone = await milestoneNamed("Rapport om Hotline 12345");
    const path = milestonePath(milestone.id);

    for (const email of ["erik@vasteras.example", "zhang.min@jinan.example", "viewer@vasteras.example"]) {
      expect((await as(email).post(path, { intent: "submit", "summary.sv": "Not mine to submit" })).status, email).toBe(403);
    }
    const empty = await as("karin@vasteras.example").post(path, { intent: "submit", "summary.sv": "   " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Skriv en sammanfattning för styrgruppen.");
    expect(await requestsOf(milestone.id)).toHaveLength(0);

    const submitted = await as("karin@vasteras.example").post(path, { intent: "submit", "summary.sv": "Rapporten är klar för granskning." });
    expect(submitted.status).toBe(200);
    // The same form sent twice: one round, a clear message.
    const twice = await as("karin@vasteras.example").post(path, { intent: "submit", "summary.sv": "Rapporten är klar för granskning." });
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain("redan inlämnad");
    const [round] = await requestsOf(milestone.id);
    expect(round).toMatchObject({ round: 1, status: "pending", rule: "each_organisation" });

    for (const email of ["karin@vasteras.example", "owner@vasteras.example", "zhang.min@jinan.example", "viewer@vasteras.example"]) {
      expect((await as(email).post(path, { intent: "decide", requestId: round!.id, kind: "approve" })).status, email).toBe(403);
    }
    expect((await requestsOf(milestone.id))[0]!.decisions).toHaveLength(0);

    // Locked while waiting: no edits to what the deciders see.
    const edit = await as("karin@vasteras.example").post(path, { intent: "update", "title.sv": "Ändrad", dueDate: "2027-01-01" });
    expect(edit.status).toBe(400);

    expect((await as("erik@vasteras.example").post(path, { intent: "decide", requestId: round!.id, kind: "approve" })).status).toBe(200);
    expect((await requestsOf(milestone.id))[0]!.status).toBe("pending");
    const again = await as("erik@vasteras.example").post(path, { intent: "decide", requestId: round!.id, kind: "approve" });
    expect(again.status).toBe(400);
    expect((await requestsOf(milestone.id))[0]!.decisions).toHaveLength(1);

    const liWei = await as("li.wei@jinan.example").post(path, { intent: "decide", requestId: round!.id, kind: "approve", "comment.zh": "同意" });
    expect(liWei.status).toBe(200);
    expect(await liWei.text()).toContain("您的决定已记录。");
    expect((await requestsOf(milestone.id))[0]!.status).toBe("approved");
    expect((await app.database.prisma.milestone.findUniqueOrThrow({ where: { id: milestone.id } })).status).toBe("approved");

    // Decided is decided.
    const late = await as("li.wei@jinan.example").post(path, { intent: "decide", requestId: round!.id, kind: "reject", "comment.zh": "晚了" });
    expect(late.status).toBe(400);

    const actions = (await app.database.prisma.auditEvent.findMany({ where: { entityId: round!.id } })).map((event) => event.action);
    expect(actions).toEqual(["approval.submit", "approval.approve", "approval.approve"]);
  });

  it("a change request sends it back; a resubmission is a new round; earlier rounds stay as they were", async () => {
    const milestone = await milestoneNamed("Program för besöket i Jinan");
    const path = milestonePath(milestone.id);
    const noComment = await as("erik@vasteras.example").post(path, { intent: "submit", "summary.sv": "x" });
    expect(noComment.status).toBe(403);
    const resubmit = await as("karin@vasteras.example").post(path, { intent: "submit", "summary.sv": "Programmet med besök på Hotline 12345." });
    expect(resubmit.status).toBe(200);
    const rounds = await requestsOf(milestone.id);
    expect(rounds.map((round) => [round.round, round.status])).toEqual([
      [1, "changes_requested"],
      [2, "pending"],
    ]);
    expect(rounds[0]!.decisions.map((decision) => decision.comment)).toEqual([{ zh: "请增加参观12345热线的安排。" }]);
    const withoutReason = await as("li.wei@jinan.example").post(path, { intent: "decide", requestId: rounds[1]!.id, kind: "request_changes" });
    expect(withoutReason.status).toBe(400);
    expect(await withoutReason.text()).toContain("请说明理由");
  });

  it("a steering-group member removed mid-round no longer counts", async () => {
    const prisma = app.database.prisma;
    const milestone = await milestoneNamed("Slutrapport till ICLD");
    const path = milestonePath(milestone.id);
    await as("karin@vasteras.example").post(path, { intent: "submit", "summary.sv": "Utkast till slutrapport." });
    const [round] = await requestsOf(milestone.id);
    await as("li.wei@jinan.example").post(path, { intent: "decide", requestId: round!.id, kind: "approve" });
    // Li Wei leaves the steering group before Erik decides: Jinan has not agreed any more.
    const liWei = await prisma.membership.findFirstOrThrow({ where: { projectId, user: { email: "li.wei@jinan.example" } } });
    await prisma.membership.update({ where: { id: liWei.id }, data: { role: "viewer" } });
    await as("erik@vasteras.example").post(path, { intent: "decide", requestId: round!.id, kind: "approve" });
    expect((await requestsOf(milestone.id))[0]!.status).toBe("pending");
    await prisma.membership.update({ where: { id: liWei.id }, data: { role: "steering_group" } });
  });

  it("when a steering member leaves, pending rounds are judged again by those who remain", async () => {
    const prisma = app.database.prisma;
    await prisma.project.update({ where: { id: projectId }, data: { approvalRule: "majority" } });
    const created = await as("karin@vasteras.example").post(`/projects/${projectId}/milestones`, { intent: "create", "title.sv": "Majoritetsprov", dueDate: "2027-05-01" });
    expect(created.status).toBe(302);
    const milestone = await milestoneNamed("Majoritetsprov");
    const path = milestonePath(milestone.id);
    await as("karin@vasteras.example").post(path, { intent: "submit", "summary.sv": "Prov" });
    const [round] = await requestsOf(milestone.id);
    await as("erik@vasteras.example").post(path, { intent: "decide", requestId: round!.id, kind: "approve" });
    expect((await requestsOf(milestone.id))[0]!.status).toBe("pending"); // one of two is not a majority
    // The owner makes Li Wei a viewer: Erik's approval is now one of one.
    const liWei = await prisma.membership.findFirstOrThrow({ where: { projectId, user: { email: "li.wei@jinan.example" } } });
    expect((await as("owner@vasteras.example").post(`/projects/${projectId}/members`, { intent: "changeRole", membershipId: liWei.id, role: "viewer" })).status).toBe(200);
    expect((await requestsOf(milestone.id))[0]!.status).toBe("approved");
    expect((await prisma.milestone.findUniqueOrThrow({ where: { id: milestone.id } })).status).toBe("approved");
    await prisma.membership.update({ where: { id: liWei.id }, data: { role: "steering_group" } });
    await prisma.project.update({ where: { id: projectId }, data: { approvalRule: "each_organisation" } });
  });

  it("a decision on another project's milestone is refused and writes nothing", async () => {
    const prisma = app.database.prisma;
    const waiting = await milestoneNamed("Utkast till framtida projektplan");
    const [round] = await requestsOf(waiting.id);
    const earlier = await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: EARLIER_PROJECT_TITLE } } });
    // Erik is in the earlier project's steering group too.
    const foreign = await prisma.milestone.create({ data: { projectId: earlier.id, titles: { sv: "Gammal" }, descriptions: {}, originalLang: "sv", dueDate: new Date("2018-01-01") } });
    const response = await as("erik@vasteras.example").post(`/projects/${earlier.id}/milestones/${foreign.id}`, { intent: "decide", requestId: round!.id, kind: "reject", "comment.sv": "fel projekt" });
    expect(response.status).toBe(404);
    expect((await requestsOf(waiting.id))[0]!.decisions).toHaveLength(1);
    // And Li Wei's decision, awaited in the demo, completes it.
    await as("li.wei@jinan.example").post(milestonePath(waiting.id), { intent: "decide", requestId: round!.id, kind: "approve" });
    expect((await requestsOf(waiting.id))[0]!.status).toBe("approved");
  });
});

describe("a named version of the plan", () => {
  it("is submitted and decided like a milestone", async () => {
    const prisma = app.database.prisma;
    expect((await as("karin@vasteras.example").post(`/projects/${projectId}/plan`, { intent: "snapshot", name: "Till styrgruppen i november" })).status).toBe(200);
    const snapshot = await prisma.planSnapshot.findFirstOrThrow({ where: { name: "Till styrgruppen i november" } });
    const path = `/projects/${projectId}/plan/snapshots/${snapshot.id}`;
    expect((await as("viewer@vasteras.example").post(path, { intent: "submit", "summary.sv": "x" })).status).toBe(403);
    expect((await as("karin@vasteras.example").post(path, { intent: "submit", "summary.sv": "Planen inför beslut." })).status).toBe(200);
    const [round] = await prisma.approvalRequest.findMany({ where: { snapshotId: snapshot.id } });
    expect(round).toMatchObject({ status: "pending", round: 1 });
    await as("erik@vasteras.example").post(path, { intent: "decide", requestId: round!.id, kind: "approve" });
    await as("li.wei@jinan.example").post(path, { intent: "decide", requestId: round!.id, kind: "approve" });
    expect((await prisma.approvalRequest.findUniqueOrThrow({ where: { id: round!.id } })).status).toBe("approved");
    const again = await as("karin@vasteras.example").post(path, { intent: "submit", "summary.sv": "Igen" });
    expect(again.status).toBe(400);
    const page = await (await as("viewer@vasteras.example").get(path)).text();
    expect(page).toContain("Erik Johansson");
    expect(page).toContain("李伟 Li Wei");
  });
});

describe("milestones", () => {
  it("creates one in the writer's language; an impossible due date is explained", async () => {
    const bad = await as("karin@vasteras.example").post(`/projects/${projectId}/milestones`, { intent: "create", "title.sv": "Workshop", dueDate: "2027-02-30" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Ange datumet som ÅÅÅÅ-MM-DD.");
    const created = await as("karin@vasteras.example").post(`/projects/${projectId}/milestones`, { intent: "create", "title.sv": "Workshop i Västerås", dueDate: "2027-03-15" });
    expect(created.status).toBe(302);
    const milestone = await milestoneNamed("Workshop i Västerås");
    expect(milestone.originalLang).toBe("sv");
    const forViewer = await as("viewer@vasteras.example").get(milestonePath(milestone.id));
    expect(await forViewer.text()).toContain("(in Swedish, not translated yet)");
    expect((await as("viewer@vasteras.example").post(`/projects/${projectId}/milestones`, { intent: "create", "title.sv": "x", dueDate: "2027-03-15" })).status).toBe(403);
  });

  it("takes a title in every language from a writer in any interface; each reader sees their own, the original one click away", async () => {
    // Karin writes in a Swedish interface, and gives the Chinese and English titles too.
    const created = await as("karin@vasteras.example").post(`/projects/${projectId}/milestones`, {
      intent: "create",
      "title.sv": "Studiebesök på kontaktcentret",
      "title.zh": "参观联络中心",
      "title.en": "",
      "description.sv": "Vi följer ärenden från samtal till svar.",
      dueDate: "2027-04-01",
    });
    expect(created.status).toBe(302);
    const milestone = await milestoneNamed("Studiebesök på kontaktcentret");
    expect({ titles: milestone.titles, descriptions: milestone.descriptions, originalLang: milestone.originalLang }).toEqual({
      titles: { sv: "Studiebesök på kontaktcentret", zh: "参观联络中心" },
      descriptions: { sv: "Vi följer ärenden från samtal till svar." },
      originalLang: "sv",
    });
    const forLiWei = visibleText(await (await as("li.wei@jinan.example").get(milestonePath(milestone.id))).text());
    expect(forLiWei).toContain("参观联络中心 瑞典语原文");
    // The description has no Chinese yet: the Swedish, marked.
    expect(forLiWei).toContain("Vi följer ärenden från samtal till svar. （瑞典语，尚未翻译）");

    // Li Wei, in a Chinese interface, adds the English title; what is not sent stays, the original stays Swedish.
    const path = milestonePath(milestone.id);
    expect((await as("li.wei@jinan.example").post(path, { intent: "update", "title.en": "Visit to the contact centre", dueDate: "2027-04-01" })).status).toBe(403);
    expect((await as("karin@vasteras.example").post(path, { intent: "update", "title.en": "Visit to the contact centre", dueDate: "2027-04-01" })).status).toBe(200);
    const after = await app.database.prisma.milestone.findUniqueOrThrow({ where: { id: milestone.id } });
    expect(after.titles).toEqual({ sv: "Studiebesök på kontaktcentret", zh: "参观联络中心", en: "Visit to the contact centre" });
    expect(after.originalLang).toBe("sv");
    // A title emptied in every language is refused; nothing changes.
    const emptied = await as("karin@vasteras.example").post(path, { intent: "update", "title.sv": "", "title.zh": "", "title.en": "", dueDate: "2027-04-01" });
    expect(emptied.status).toBe(400);
    expect((await app.database.prisma.milestone.findUniqueOrThrow({ where: { id: milestone.id } })).titles).toEqual(after.titles);
  });

  it("shows overdue milestones as overdue", async () => {
    const before = await as("erik@vasteras.example").get(`/projects/${projectId}/milestones`);
    // "Försenad" alone is also the list's filter for overdue milestones.
    expect(await before.text()).not.toContain('class="overdue-label"');
    await app.database.prisma.milestone.create({
      data: { projectId, titles: { sv: "Försenad rapport" }, descriptions: {}, originalLang: "sv", dueDate: new Date(Date.now() - 3 * 86_400_000) },
    });
    const page = await as("erik@vasteras.example").get(`/projects/${projectId}/milestones`);
    const html = await page.text();
    expect(html).toContain("Försenad rapport");
    expect(html).toContain('class="overdue-label"');
  });

  it("only the owner sets the approval rule", async () => {
    const prisma = app.database.prisma;
    expect((await as("karin@vasteras.example").post(`/projects/${projectId}/settings`, { approvalRule: "any_one" })).status).toBe(403);
    expect((await as("owner@vasteras.example").post(`/projects/${projectId}/settings`, { approvalRule: "majority" })).status).toBe(200);
    expect((await prisma.project.findUniqueOrThrow({ where: { id: projectId } })).approvalRule).toBe("majority");
  });
});
