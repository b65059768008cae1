import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { daysFromToday } from "../support/dates";
import { startTestApp, type TestApp } from "../support/app";
import { signedIn, type TestClient } from "../support/client";

let app: TestApp;
let projectId: string;
let categories: Record<string, string>;
const clients: Record<string, TestClient> = {};
const as = (email: string) => clients[email]!;
const budgetPath = () => `/projects/${projectId}/budget`;
const visibleText = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&nbsp;|[\s\u00a0\u202f]+/g, " ");

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  categories = Object.fromEntries((await prisma.costCategory.findMany({ where: { projectId } })).map((category) => [category.key, category.id]));
  for (const email of ["owner@vasteras.example", "karin@vasteras.example", "erik@vasteras.example", "li.wei@jinan.example", "zhang.min@jinan.example", "viewer@vasteras.example"]) {
    clients[email] = await signedIn(app.url, email);
  }
});
afterAll(async () => {
  await app?.close();
});

const versions = () => app.database.prisma.budgetVersion.findMany({ where: { projectId }, orderBy: { number: "asc" }, include: { lines: true } });

describe("the budget", () => {
  it("shows the pre-study's approved budget of 275 000 SEK against what the ledger spent, leaving out what is not eligible", async () => {
    const [first] = await versions();
    expect(first!.status).toBe("approved");
    expect(first!.lines.reduce((total, line) => total + Number(line.amount), 0)).toBe(275_000);
    const page = visibleText(await (await as("viewer@vasteras.example").get(budgetPath())).text());
    expect(page).toContain("The budget in force (version 1)");
    expect(page).toContain("Approved SEK 275,000.00");
    // Spent: the demo's eligible expenses (the per diem of 19 200 is apart).
    expect(page).toContain("Spent, not eligible SEK 19,200.00");
    expect(page).toContain("Interpretation and translation – Tolkning och översättning av projektplanen");
    expect(await (await as("viewer@vasteras.example").get(budgetPath())).text()).toContain("<svg");
  });

  it("takes a change only when the steering group's rule is met: both cities must approve", async () => {
    const path = budgetPath();
    expect((await as("erik@vasteras.example").post(path, { intent: "propose" })).status).toBe(403);
    expect((await as("karin@vasteras.example").post(path, { intent: "propose" })).status).toBe(200);
    expect((await as("karin@vasteras.example").post(path, { intent: "propose" })).status).toBe(400); // one open proposal
    let [, draft] = await versions();
    expect(draft!.status).toBe("draft");
    expect(draft!.lines).toHaveLength(8);
    const add = await as("karin@vasteras.example").post(path, { intent: "addLine", versionId: draft!.id, projectYear: "1", categoryId: categories.interpretation!, "description.sv": "Extra tolk", amount: "10 000" });
    expect(add.status).toBe(200);
    const over = visibleText(await (await as("karin@vasteras.example").get(path)).text());
    expect(over).toContain("Totalt: 285 000,00 kr");
    expect(over).toContain("Över bidraget på 275 000,00 kr");
    const extra = (await versions())[1]!.lines.find((line) => Number(line.amount) === 10_000)!;
    expect((await as("karin@vasteras.example").post(path, { intent: "removeLine", versionId: draft!.id, lineId: extra.id })).status).toBe(200);
    await as("karin@vasteras.example").post(path, { intent: "addLine", versionId: draft!.id, projectYear: "1", categoryId: categories.local_transport!, "description.sv": "Tåg", amount: "0" });
    expect((await versions())[1]!.lines).toHaveLength(8); // a zero amount is refused

    expect((await as("karin@vasteras.example").post(path, { intent: "submit", "summary.sv": "Samma budget, ny version för prov." })).status).toBe(200);
    [, draft] = await versions();
    expect(draft!.status).toBe("submitted");
    // Locked while the steering group decides.
    expect((await as("karin@vasteras.example").post(path, { intent: "addLine", versionId: draft!.id, projectYear: "1", categoryId: categories.venue!, "description.sv": "", amount: "100" })).status).toBe(400);
    // Only the steering group decides; one city's approval is not enough.
    const round = await app.database.prisma.approvalRequest.findFirstOrThrow({ where: { budgetVersionId: draft!.id } });
    expect((await as("karin@vasteras.example").post(path, { intent: "decide", requestId: round.id, kind: "approve", "comment.sv": "" })).status).toBe(403);
    expect((await as("erik@vasteras.example").post(path, { intent: "decide", requestId: round.id, kind: "approve", "comment.sv": "" })).status).toBe(200);
    let [first, second] = await versions();
    expect(first!.status).toBe("approved");
    expect(second!.status).toBe("submitted");
    expect((await as("li.wei@jinan.example").post(path, { intent: "decide", requestId: round.id, kind: "approve", "comment.zh": "同意" })).status).toBe(200);
    [first, second] = await versions();
    expect(first!.status).toBe("superseded");
    expect(second!.status).toBe("approved");
    const page = visibleText(await (await as("li.wei@jinan.example").get(budgetPath())).text());
    expect(page).toContain("现行预算（第2版）");
    // The earlier version stays, viewable.
    const earlier = visibleText(await (await as("viewer@vasteras.example").get(`${budgetPath()}?version=1`)).text());
    expect(earlier).toContain("Budget, version 1 – replaced by a later version");
    const events = await app.database.prisma.auditEvent.findMany({ where: { projectId, action: { in: ["budget.propose", "approval.submit", "approval.approve"] } } });
    expect(events.length).toBeGreaterThanOrEqual(4);
  });

  it("marks a line that is over its budget", async () => {
    const vasteras = await app.database.prisma.organisation.findFirstOrThrow({ where: { timeZone: "Europe/Stockholm" } });
    await as("karin@vasteras.example").post(`/projects/${projectId}/budget/expenses`, {
      intent: "record", date: daysFromToday(-5), payee: "Visumbyrån", description: "", projectYear: "1", categoryId: categories.visas!, payingOrgId: vasteras.id, currency: "SEK", amount: "9 500", rate: "", visitId: "",
    });
    const page = visibleText(await (await as("karin@vasteras.example").get(budgetPath())).text());
    // Each figure carries its column's name for phones (hidden beside the headers on a desktop).
    expect(page).toMatch(/Visum – Visum för delegationen till Jinan över budget Beviljat 9 000,00 kr Förbrukat 9 500,00 kr Kvar −500,00 kr/);
  });

  it("lets the owner alone decide whether a category is eligible, and the totals follow", async () => {
    const reimbursable = async () => {
      const page = visibleText(await (await as("karin@vasteras.example").get(`/projects/${projectId}/budget/expenses`)).text());
      return /Ersätts av ICLD ([\d ,]+) kr/.exec(page)![1];
    };
    const before = await reimbursable();
    expect((await as("karin@vasteras.example").post(budgetPath(), { intent: "setEligible", categoryId: categories.venue!, eligible: "false" })).status).toBe(403);
    expect((await as("owner@vasteras.example").post(budgetPath(), { intent: "setEligible", categoryId: categories.venue!, eligible: "false" })).status).toBe(200);
    const after = await reimbursable();
    // The demo's venue cost (8 400 kr) leaves what ICLD reimburses.
    const asNumber = (text: string) => Number(text.replace(/ /g, "").replace(",", "."));
    expect(asNumber(before!) - asNumber(after!)).toBeCloseTo(8_400, 2);
    expect(await app.database.prisma.auditEvent.count({ where: { action: "cost_category.set_eligible" } })).toBe(1);
    await as("owner@vasteras.example").post(budgetPath(), { intent: "setEligible", categoryId: categories.venue!, eligible: "true" });
  });

  it("lets viewers and delegates read it and do nothing else", async () => {
    for (const email of ["zhang.min@jinan.example", "viewer@vasteras.example"]) {
      expect((await as(email).get(budgetPath())).status).toBe(200);
      expect((await as(email).post(budgetPath(), { intent: "propose" })).status).toBe(403);
    }
  });
});
