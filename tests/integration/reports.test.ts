import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMinor, fromDecimalString } from "~/budget/money";
import type { ReportFigures } from "~/budget/report.server";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { daysFromToday } from "../support/dates";
import { startTestApp, type TestApp } from "../support/app";
import { signedIn, type TestClient } from "../support/client";
import { documentText, unzip } from "../support/docx";
import { file, pdf } from "../support/files";
import { visibleText } from "../support/html";

let app: TestApp;
let projectId: string;
let categories: Record<string, string>;
let vasterasId: string;
const clients: Record<string, TestClient> = {};
const as = (email: string) => clients[email]!;
const OWNER = "owner@vasteras.example";
const KARIN = "karin@vasteras.example";
const reportsPath = () => `/projects/${projectId}/reports`;
const ore = (value: number) => BigInt(Math.round(value * 100));
const oreOf = (decimal: { toFixed(digits: number): string }) => BigInt(decimal.toFixed(2).replace(".", ""));

beforeAll(async () => {
  app = await startTestApp();
  const prisma = app.database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  categories = Object.fromEntries((await prisma.costCategory.findMany({ where: { projectId } })).map((category) => [category.key, category.id]));
  vasterasId = (await prisma.organisation.findFirstOrThrow({ where: { timeZone: "Europe/Stockholm" } })).id;
  for (const email of [OWNER, KARIN, "erik@vasteras.example", "viewer@vasteras.example"]) clients[email] = await signedIn(app.url, email);
});
afterAll(async () => {
  await app?.close();
});

async function workbook(query = "") {
  const response = await as("viewer@vasteras.example").get(`${reportsPath()}/1/account.xlsx${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename=".*\.xlsx"/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
  const [budget, expenses] = book.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
  // Each sheet's table starts under its title block, at the row its print titles repeat.
  const budgetHeader = Number(/^(\d+):/.exec(budget.pageSetup.printTitlesRow!)![1]);
  const expenseHeader = Number(/^(\d+):/.exec(expenses.pageSetup.printTitlesRow!)![1]);
  const expenseRows = Array.from({ length: expenses.rowCount - expenseHeader - 2 }, (_, index) => expenses.getRow(expenseHeader + 1 + index));
  return {
    budget,
    budgetHeader,
    expenseHeader,
    expenses,
    expenseRows,
    sekTotal: expenses.getRow(expenses.rowCount - 1).getCell("I"),
    reimbursable: expenses.getRow(expenses.rowCount).getCell("I"),
  };
}

const sekSum = (rows: ExcelJS.Row[]) => rows.reduce((total, row) => total + ore(row.getCell("I").value as number), 0n);

async function attachReceipt(expenseId: string) {
  const form = new FormData();
  form.set("target", "expense");
  form.set("targetId", expenseId);
  form.append("file", file(pdf("Kvitto"), "kvitto.pdf", "application/pdf"));
  const response = await as(KARIN).post(`/projects/${projectId}/files`, form, { accept: "application/json" });
  expect(response.status).toBe(201);
}

const submit = (email: string) => as(email).post(reportsPath(), { intent: "submit", projectYear: "1" });

describe("reports per project year", () => {
  it("builds the account workbook: the approved lines with formulas, every expense, the reimbursable total without flagged expenses", async () => {
    const prisma = app.database.prisma;
    const approved = await prisma.budgetLine.count({ where: { projectYear: 1, version: { projectId, status: "approved" } } });
    expect(approved).toBe(8);
    const { budget, budgetHeader: h, expenseHeader: eh, expenseRows, sekTotal, reimbursable } = await workbook();

    // Header, one row per approved line, a total row.
    expect(budget.rowCount).toBe(h + approved + 1);
    for (let r = h + 1; r <= h + approved; r += 1) {
      expect(budget.getRow(r).getCell("E").formula).toBe(`C${r}-D${r}`);
      expect(ore(budget.getRow(r).getCell("E").result as number)).toBe(ore(budget.getRow(r).getCell("C").value as number) - ore(budget.getRow(r).getCell("D").value as number));
    }
    const totalRow = budget.getRow(h + approved + 1);
    for (const column of ["C", "D", "E"]) expect(totalRow.getCell(column).formula).toBe(`SUM(${column}${h + 1}:${column}${h + approved})`);
    expect(ore(totalRow.getCell("C").result as number)).toBe(27_500_000n);

    // Every expense of the year; the SEK column sums to the ledger's total.
    const expenses = await prisma.expense.findMany({ where: { projectId, projectYear: 1 }, include: { category: true } });
    expect(expenseRows).toHaveLength(expenses.length);
    const ledgerTotal = expenses.reduce((total, row) => total + oreOf(row.amountSek), 0n);
    expect(sekSum(expenseRows)).toBe(ledgerTotal);
    expect(sekTotal.formula).toBe(`SUM(I${eh + 1}:I${eh + expenses.length})`);
    expect(ore(sekTotal.result as number)).toBe(ledgerTotal);

    // Reimbursable: a SUMIF on the eligible column, which leaves out the per diem.
    const eligible = expenses.filter((row) => row.category.eligible && !row.perDiem && !row.salary);
    const eligibleTotal = eligible.reduce((total, row) => total + oreOf(row.amountSek), 0n);
    expect(expenses.some((row) => row.perDiem)).toBe(true);
    expect(eligibleTotal).toBeLessThan(ledgerTotal);
    expect(reimbursable.formula).toBe(`SUMIF(K${eh + 1}:K${eh + expenses.length},"Yes",I${eh + 1}:I${eh + expenses.length})`);
    expect(ore(reimbursable.result as number)).toBe(eligibleTotal);
    const yes = /"([^"]+)"/.exec(reimbursable.formula)![1];
    expect(sekSum(expenseRows.filter((row) => row.getCell("K").value === yes))).toBe(eligibleTotal);
    // The expense without a receipt is marked.
    const missing = expenseRows.find((row) => row.getCell("B").value === "Klimatkompensation Sverige")!;
    expect(String(missing.getCell("J").value)).toMatch(/KVITTO SAKNAS|RECEIPT MISSING/);
  });

  it("says on the page why Actual and Reimbursable by ICLD are the same figure, and what the recorded costs consist of", async () => {
    const text = visibleText(await (await as("viewer@vasteras.example").get(reportsPath())).text());
    expect(text).toMatch(/Costs recorded in the ledger\s*SEK\s*155,603\.69/);
    expect(text).toMatch(/of which not eligible \(borne by the partners\)\s*SEK\s*19,200\.00/);
    expect(text).toMatch(/of which eligible, against the approved budget.{1,6}s lines \(Actual\)\s*SEK\s*136,403\.69/);
    expect(text).toMatch(/Reimbursable by ICLD\s*SEK\s*136,403\.69/);
    expect(text).toContain("Why Actual and Reimbursable by ICLD are the same figure: ICLD reimburses eligible costs only");
  });

  it("lets only the owner submit", async () => {
    for (const email of [KARIN, "erik@vasteras.example", "viewer@vasteras.example"]) expect((await submit(email)).status).toBe(403);
    expect(await app.database.prisma.report.count({ where: { projectId } })).toBe(0);
  });

  it("refuses a report while an expense lacks a receipt; a submitted version is frozen; a new one is a new version", async () => {
    const prisma = app.database.prisma;
    const refused = await submit(OWNER);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/1 utgift detta år saknar kvitto|1 expense of this year has no receipt/);
    expect(await prisma.report.count({ where: { projectId } })).toBe(0);

    const climate = await prisma.expense.findFirstOrThrow({ where: { projectId, payee: "Klimatkompensation Sverige" } });
    await attachReceipt(climate.id);
    // The receipt's checksum: not in the file list, in the file's details (decision 031), and whole in the workbook.
    const receipt = await prisma.attachment.findFirstOrThrow({ where: { expenseId: climate.id } });
    // What the page shows (the data for its scripts, which the browser reads but does not show, aside).
    const expensePage = (await (await as("viewer@vasteras.example").get(`/projects/${projectId}/budget/expenses/${climate.id}`)).text()).replace(/<script[\s\S]*?<\/script>/g, "");
    const details = [...expensePage.matchAll(/<details class="file-details">[\s\S]*?<\/details>/g)].map((match) => match[0]);
    expect(details).toHaveLength(1);
    expect(details[0]).toContain(receipt.sha256);
    expect(visibleText(details[0]!)).toMatch(/File details.*Size.*Type.*PDF.*Uploaded.*Karin.*Checksum \(SHA-256\)/);
    const list = expensePage.replace(/<details class="file-details">[\s\S]*?<\/details>/g, "");
    expect(list).toContain("kvitto.pdf");
    expect(list).not.toContain(receipt.sha256.slice(0, 12));
    const climateRow = (await workbook()).expenseRows.find((row) => row.getCell("B").value === "Klimatkompensation Sverige")!;
    expect(String(climateRow.getCell("J").value)).toBe(`kvitto.pdf (SHA-256 ${receipt.sha256})`);
    expect((await submit(OWNER)).status).toBe(200);
    const first = await prisma.report.findFirstOrThrow({ where: { projectId, projectYear: 1 } });
    expect(first.version).toBe(1);
    // The same figures sent again (a second click) are not a second version.
    const again = await submit(OWNER);
    expect(again.status).toBe(400);
    expect(await again.text()).toMatch(/Inget har ändrats sedan version 1|Nothing has changed since version 1/);
    expect(await prisma.report.count({ where: { projectId } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "report.submit", entityId: first.id } })).toBe(1);
    const before = await workbook("?version=1");

    // An expense recorded afterwards.
    const recorded = await as(KARIN).post(`/projects/${projectId}/budget/expenses`, {
      intent: "record", date: daysFromToday(-5), payee: "Sent bokad AB", description: "", projectYear: "1", categoryId: categories.accommodation!, payingOrgId: vasterasId,
      currency: "SEK", amount: "1 000", rate: "", visitId: "",
    });
    expect(recorded.status).toBe(302);
    const late = recorded.headers.get("location")!.split("/").pop()!;

    const frozen = await workbook("?version=1");
    expect(frozen.expenseRows).toHaveLength(before.expenseRows.length);
    expect(frozen.sekTotal.result).toBe(before.sekTotal.result);
    expect(frozen.budget.getRow(frozen.budget.rowCount).getCell("D").result).toBe(before.budget.getRow(before.budget.rowCount).getCell("D").result);
    const live = await workbook();
    expect(live.expenseRows).toHaveLength(before.expenseRows.length + 1);
    expect(ore(live.sekTotal.result as number)).toBe(ore(before.sekTotal.result as number) + 100_000n);
    expect(await prisma.report.findUniqueOrThrow({ where: { id: first.id } })).toEqual(first);

    // Its receipt attached, the year is submitted again: version 2, version 1 unchanged.
    expect((await submit(OWNER)).status).toBe(400);
    await attachReceipt(late);
    expect((await submit(OWNER)).status).toBe(200);
    expect((await prisma.report.findMany({ where: { projectId, projectYear: 1 }, orderBy: { version: "asc" } })).map((report) => report.version)).toEqual([1, 2]);
    const second = await workbook("?version=2");
    expect(second.expenseRows).toHaveLength(before.expenseRows.length + 1);
    expect((await workbook("?version=1")).expenseRows).toHaveLength(before.expenseRows.length);
    expect((await as("viewer@vasteras.example").get(`${reportsPath()}/1/account.xlsx?version=3`)).status).toBe(404);

    const page = await (await as("viewer@vasteras.example").get(reportsPath())).text();
    expect(page).toContain("account.xlsx?version=2");
  });

  it("drafts the narrative report with the results matrix, the visits held and the milestones reached", async () => {
    for (const [lang, visit, milestone] of [
      ["sv", "Jinans delegation i Västerås", "Kartläggning av kontaktcentren klar"],
      ["en", "Jinan delegation in Västerås", "Survey of the contact centres done"],
      // The Jinan side's copy, from the same data: Chinese where the texts have it.
      ["zh", "济南代表团访问韦斯特罗斯", "联络中心调研完成"],
    ] as const) {
      const response = await as("erik@vasteras.example").get(`${reportsPath()}/1/narrative.docx?lang=${lang}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      const text = documentText(unzip(Buffer.from(await response.arrayBuffer())).get("word/document.xml")!.toString("utf8"));
      expect(text).toContain(visit);
      expect(text).toContain(milestone);
      // The results matrix with each activity's progress (its texts are in Swedish and Chinese).
      expect(text).toContain(lang === "zh" ? "一份经两市共同认可的、发展联络中心为民服务工作的项目计划" : "En projektplan för att utveckla kontaktcentrets arbete för invånarna");
      expect(text).toContain({ sv: "Studiebesök på kontaktcentret i Västerås — Klar", en: "Studiebesök på kontaktcentret i Västerås — Done", zh: "考察韦斯特罗斯联络中心 — 已完成" }[lang]);
    }
    expect((await as("erik@vasteras.example").get(`${reportsPath()}/9/narrative.docx`)).status).toBe(404);
  });

  it("takes a submitted version's financial summary from its frozen figures", async () => {
    const prisma = app.database.prisma;
    const actualOf = async (version: number) => {
      const report = await prisma.report.findFirstOrThrow({ where: { projectId, projectYear: 1, version } });
      return formatMinor(fromDecimalString((report.figures as unknown as ReportFigures).totals.actual), "SEK", "sv");
    };
    const narrative = async (query: string) => {
      const response = await as("erik@vasteras.example").get(`${reportsPath()}/1/narrative.docx?${query}`);
      expect(response.status).toBe(200);
      return documentText(unzip(Buffer.from(await response.arrayBuffer())).get("word/document.xml")!.toString("utf8"));
    };
    // Version 1 was submitted before the late 1 000 kr hotel; version 2 and today's figures have it.
    const [first, second] = [await actualOf(1), await actualOf(2)];
    expect(first).not.toBe(second);
    const frozen = await narrative("lang=sv&version=1");
    expect(frozen).toContain(`Utfall: ${first}`);
    expect(frozen).not.toContain(`Utfall: ${second}`);
    expect(await narrative("lang=sv")).toContain(`Utfall: ${second}`);
    expect((await as("erik@vasteras.example").get(`${reportsPath()}/1/narrative.docx?lang=sv&version=7`)).status).toBe(404);
    expect(await (await as("viewer@vasteras.example").get(reportsPath())).text()).toContain("narrative.docx?lang=en&amp;version=2");
  });
});
