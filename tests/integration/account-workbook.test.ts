import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { signedIn, type TestClient } from "../support/client";
import { file, pdf } from "../support/files";
import { recalculateWorkbook, renderToPdf } from "../support/office";

// The yearly financial account as ICLD's auditor receives it: opened and printed by LibreOffice,
// its formulas computed by LibreOffice rather than trusted from the cached values exceljs writes.

let app: TestApp;
let projectId: string;
const clients: Record<string, TestClient> = {};
const as = (email: string) => clients[email]!;
const OWNER = "owner@vasteras.example"; // Swedish
const KARIN = "karin@vasteras.example";
const LI_WEI = "li.wei@jinan.example"; // Chinese
const VIEWER = "viewer@vasteras.example"; // English
const REFERENCE = "ICLD 2026-0417";
const settingsPath = () => `/projects/${projectId}/settings`;
const accountPath = (query = "") => `/projects/${projectId}/reports/1/account.xlsx${query}`;
// An amount as LibreOffice prints the format #,##0.00: digit groups, then two decimals.
const AMOUNT = /\d{1,3}(?:[,.\u00a0\u202f ]\d{3})*[.,]\d{2}(?!\d)/;
const ore = (value: number) => BigInt(Math.round(value * 100));

beforeAll(async () => {
  app = await startTestApp();
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  for (const email of [OWNER, KARIN, LI_WEI, VIEWER]) clients[email] = await signedIn(app.url, email);
});
afterAll(async () => {
  await app?.close();
});

async function download(email: string, query = "") {
  const response = await as(email).get(accountPath(query));
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function load(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

/** Every cell's text of a sheet, row by row. */
const sheetText = (sheet: ExcelJS.Worksheet) => {
  const rows: string[] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).filter((value) => value !== undefined && value !== null).map(String).join(" | ")));
  return rows.join("\n");
};

/** The row whose cells start with `labels` (a table's header row). */
function headerRow(sheet: ExcelJS.Worksheet, first: string) {
  for (let r = 1; r <= sheet.rowCount; r += 1) if (sheet.getRow(r).getCell(1).value === first) return r;
  throw new Error(`No row starting with ${first} on ${sheet.name}`);
}

/** The column letter of a header. */
function columnOf(sheet: ExcelJS.Worksheet, header: number, label: string) {
  let found = "";
  sheet.getRow(header).eachCell((cell) => {
    if (cell.value === label) found = cell.address.replace(/\d+$/, "");
  });
  if (!found) throw new Error(`No column ${label} on ${sheet.name}`);
  return found;
}

describe("the ICLD decision reference in the project settings", () => {
  it("is entered by the owner only, validated and audited", async () => {
    expect((await as(KARIN).post(settingsPath(), { intent: "icldReference", icldReference: REFERENCE })).status).toBe(403);
    const tooLong = await as(OWNER).post(settingsPath(), { intent: "icldReference", icldReference: "x".repeat(81) });
    expect(tooLong.status).toBe(400);
    const control = await as(OWNER).post(settingsPath(), { intent: "icldReference", icldReference: "ICLD\u0007 1" });
    expect(control.status).toBe(400);
    expect((await app.database.prisma.project.findUniqueOrThrow({ where: { id: projectId } })).icldReference).toBeNull();

    const saved = await as(OWNER).post(settingsPath(), { intent: "icldReference", icldReference: `  ${REFERENCE} ` });
    expect(saved.status).toBe(200);
    expect((await app.database.prisma.project.findUniqueOrThrow({ where: { id: projectId } })).icldReference).toBe(REFERENCE);
    const events = await app.database.prisma.auditEvent.findMany({ where: { projectId, action: "project.set_icld_reference" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ before: null, after: REFERENCE });
    expect(await (await as(OWNER).get(settingsPath())).text()).toContain(REFERENCE);
  });
});

describe("the financial account (.xlsx)", () => {
  it("opens with a title block and prints on A4 landscape, fitted to the width, the header row on every page", async () => {
    const book = await load(await download(OWNER));
    const [budget, expenses] = book.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    const owner = await app.database.prisma.user.findUniqueOrThrow({ where: { email: OWNER } });
    const top = sheetText(budget).split("\n").slice(0, 10).join("\n");
    expect(top).toContain(PRE_STUDY_TITLE);
    expect(top).toContain(`ICLD:s beslutsreferens | ${REFERENCE}`);
    expect(top).toMatch(/Projektår \| 1\b/);
    expect(top).toContain("Valuta | SEK");
    expect(top).toContain(`Upprättad av | ${owner.name}`);
    expect(top).toMatch(/Upprättad den \| \d{4}-\d{2}-\d{2}/);
    expect(top).toMatch(/Rapportversion \| Ej inlämnad/);
    expect(top).toMatch(/Budget \| Beviljad budget, version \d+/);
    for (const [sheet, first] of [[budget, "Kategori"], [expenses, "Datum"]] as const) {
      const header = headerRow(sheet, first);
      expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${header}:${header}` });
      // Amounts with two decimals.
      expect(sheet.getCell(`${columnOf(sheet, header, first === "Kategori" ? "Beviljat" : "SEK")}${header + 1}`).numFmt).toBe("#,##0.00");
    }
  });

  it("renders, as LibreOffice prints it, on few pages, each with amounts; page 1 the title block and the budget lines with their amounts", async () => {
    const rendered = await renderToPdf(await download(OWNER), "xlsx", "account-sv");
    console.info(`account (sv, demo's pre-study, year 1): ${rendered.pages} pages`);
    expect(rendered.pages).toBeLessThanOrEqual(2);
    for (const text of rendered.pageTexts) expect(text).toMatch(AMOUNT);
    const first = rendered.pageTexts[0]!;
    expect(first).toContain(REFERENCE);
    // A budget line and its approved, actual and difference on one printed line.
    expect(first).toMatch(new RegExp(`Internationella resor.*${AMOUNT.source}.*${AMOUNT.source}.*${AMOUNT.source}`));
    expect(first).toMatch(new RegExp(`Summa.*${AMOUNT.source}`));
    // The expenses: each with its SEK amount and its receipt's checksum on the page that shows it.
    const all = rendered.pageTexts.join("\n");
    const receipts = await app.database.prisma.attachment.findMany({ where: { projectId, expense: { projectYear: 1 }, deletedAt: null } });
    expect(receipts.length).toBeGreaterThan(0);
    // A checksum wraps in its cell: its pieces, read in order with the other columns' words left out, are whole.
    const hexPieces = all
      .split(/\s+/)
      .map((word) => word.replace(/\)$/, ""))
      .filter((word) => /^[0-9a-f]{8,}$/.test(word))
      .join("");
    for (const receipt of receipts) expect(hexPieces).toContain(receipt.sha256);
  });

  it("computes in LibreOffice without errors: each difference is approved less actual, each total the sum of its lines", async () => {
    const book = await load(await download(VIEWER));
    // Drop the values exceljs cached, so that every figure below is LibreOffice's own.
    for (const sheet of book.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.formula) cell.value = { formula: cell.formula } as ExcelJS.CellFormulaValue;
        }),
      );
    }
    const computed = await load(await recalculateWorkbook(Buffer.from(await book.xlsx.writeBuffer())));
    const [budget, expenses] = computed.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    let formulas = 0;
    for (const sheet of computed.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (!cell.formula) return;
          formulas += 1;
          expect(typeof cell.result, `${sheet.name}!${cell.address} = ${cell.formula} → ${JSON.stringify(cell.result)}`).toBe("number");
        }),
      );
    }
    expect(formulas).toBeGreaterThan(10);
    const value = (cell: ExcelJS.Cell) => ore((cell.formula ? cell.result : cell.value) as number);

    const header = headerRow(budget, "Category");
    const [approved, actual, difference] = ["Approved", "Actual", "Difference"].map((label) => columnOf(budget, header, label)) as [string, string, string];
    const lines: ExcelJS.Row[] = [];
    let r = header + 1;
    for (; budget.getRow(r).getCell(1).value !== "Total"; r += 1) lines.push(budget.getRow(r));
    expect(lines).toHaveLength(8);
    for (const line of lines) expect(value(line.getCell(difference))).toBe(value(line.getCell(approved)) - value(line.getCell(actual)));
    const total = budget.getRow(r);
    for (const column of [approved, actual, difference]) expect(value(total.getCell(column))).toBe(lines.reduce((sum, line) => sum + value(line.getCell(column)), 0n));
    expect(value(total.getCell(approved))).toBe(27_500_000n);

    const expenseHeader = headerRow(expenses, "Date");
    const [sek, eligible] = ["SEK", "Eligible"].map((label) => columnOf(expenses, expenseHeader, label)) as [string, string];
    const rows: ExcelJS.Row[] = [];
    let e = expenseHeader + 1;
    for (; expenses.getRow(e).getCell(1).value; e += 1) rows.push(expenses.getRow(e));
    expect(rows).toHaveLength(await app.database.prisma.expense.count({ where: { projectId, projectYear: 1 } }));
    const totals = [] as ExcelJS.Row[];
    for (; e <= expenses.rowCount; e += 1) if (expenses.getRow(e).getCell(sek).formula) totals.push(expenses.getRow(e));
    const [sekTotal, reimbursable] = totals as [ExcelJS.Row, ExcelJS.Row];
    expect(value(sekTotal.getCell(sek))).toBe(rows.reduce((sum, row) => sum + value(row.getCell(sek)), 0n));
    const eligibleSum = rows.filter((row) => row.getCell(eligible).value === "Yes").reduce((sum, row) => sum + value(row.getCell(sek)), 0n);
    expect(value(reimbursable.getCell(sek))).toBe(eligibleSum);
    expect(eligibleSum).toBeLessThan(value(sekTotal.getCell(sek)));
  });

  it("is labelled in Chinese for the Jinan side, and prints its Chinese in embedded fonts", async () => {
    const bytes = await download(LI_WEI);
    const [budget] = (await load(bytes)).worksheets as [ExcelJS.Worksheet];
    const top = sheetText(budget).split("\n").slice(0, 10).join("\n");
    expect(top).toContain(`ICLD 决定编号 | ${REFERENCE}`);
    expect(top).toContain("币种 | SEK");
    const rendered = await renderToPdf(bytes, "xlsx", "account-zh");
    console.info(`account (zh): ${rendered.pages} pages`);
    expect(rendered.pages).toBeLessThanOrEqual(2);
    for (const text of rendered.pageTexts) expect(text).toMatch(AMOUNT);
    expect(rendered.pageTexts[0]).toContain("财务报告");
    expect(rendered.fonts.length).toBeGreaterThan(0);
    for (const font of rendered.fonts) expect(font.embedded, font.name).toBe(true);
  });

  it("names, for a submitted version, its number and who submitted it", async () => {
    const prisma = app.database.prisma;
    // The demo's one expense without a receipt gets one, so the year can be submitted.
    const climate = await prisma.expense.findFirstOrThrow({ where: { projectId, payee: "Klimatkompensation Sverige" } });
    const form = new FormData();
    form.set("target", "expense");
    form.set("targetId", climate.id);
    form.append("file", file(pdf("Kvitto"), "kvitto.pdf", "application/pdf"));
    expect((await as(KARIN).post(`/projects/${projectId}/files`, form, { accept: "application/json" })).status).toBe(201);
    expect((await as(OWNER).post(`/projects/${projectId}/reports`, { intent: "submit", projectYear: "1" })).status).toBe(200);
    const owner = await prisma.user.findUniqueOrThrow({ where: { email: OWNER } });

    const [budget] = (await load(await download(VIEWER, "?version=1"))).worksheets as [ExcelJS.Worksheet];
    const top = sheetText(budget).split("\n").slice(0, 10).join("\n");
    expect(top).toMatch(/Report version \| Version 1, submitted \d{4}-\d{2}-\d{2}/);
    expect(top).toContain(`Prepared by | ${owner.name}`);
  });
});
