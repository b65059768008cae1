import { isDeepStrictEqual } from "node:util";
import ExcelJS from "exceljs";
import { HeadingLevel, Paragraph, TextRun } from "docx";
import { z } from "zod";
import { audit } from "~/audit/audit.server";
import { getMatrix } from "~/results/results.server";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { approvedBy, approvedRound, documentFrame } from "~/editor/document-frame.server";
import { missingParagraph, packDocx, type Block } from "~/editor/docx.server";
import { tFor } from "~/i18n/i18n.server";
import { spreadsheetWidth } from "~/utils/spreadsheet-csv";
import { formatCalendarDate, formatDate } from "~/i18n/format";
import { languages, type Lang } from "~/i18n/languages";
import { pickLocalized, readLocalized, type Localized } from "~/i18n/localized";
import { isUniqueViolation, DomainError } from "~/utils/domain-error";
import { getBudget } from "./budget.server";
import { ledgerChoices, listLedger, type IneligibleReason } from "./ledger.server";
import { formatMinor, fromDecimalString, sum, toDecimalString } from "./money";

// Reports per project year (ICLD): the financial account as an Excel workbook whose lines are the
// approved budget's, and a narrative draft as a Word document. Submitting a year's report freezes
// its figures in a Report row; a later entry in the ledger never moves them. A new report for the
// same year is a new version.

export class ReportError extends DomainError {
  constructor(
    key: `errors:${string}`,
    readonly count?: number,
  ) {
    super(key);
  }
}

export type ReportLine = {
  id: string;
  category: string;
  descriptions: Localized;
  originalLang: Lang;
  approved: string;
  actual: string;
  difference: string;
};

export type ReportExpense = {
  id: string;
  date: string;
  payee: string;
  description: string;
  category: string;
  currency: string;
  amount: string;
  rate: string;
  rateSource: string;
  amountSek: string;
  ineligible: IneligibleReason[];
  missingReceipt: boolean;
  reversesId: string | null;
  receipts: { fileName: string; sha256: string }[];
  /** Who recorded it (absent from versions frozen before the account named them). */
  recordedBy?: string | null;
};

/** What a report shows; stored as it is in `Report.figures` when submitted. Amounts are SEK decimal strings. */
export type ReportFigures = {
  projectId: string;
  /** The title in its original language (all a version frozen before titles had languages holds). */
  projectTitle: string;
  projectTitles?: Localized;
  projectTitleLang?: Lang;
  projectYear: number;
  /** The approved budget version the lines come from, or null when none is in force. */
  budgetVersion: number | null;
  budgetApprovedAt?: string | null;
  /** ICLD's decision reference as the owner entered it (absent from versions frozen before it was asked for). */
  icldReference?: string | null;
  computedAt: string;
  lines: ReportLine[];
  expenses: ReportExpense[];
  totals: {
    approved: string;
    actual: string;
    difference: string;
    sek: string;
    reimbursable: string;
    notEligible: string;
    /** Eligible expenses of a category the year's budget has no line for. */
    unbudgeted: string;
    missingReceipts: number;
  };
};

/** The project's years (from its period); a year outside them is not found. */
export async function reportYears(projectId: string) {
  return (await ledgerChoices(projectId)).years;
}

export async function requireReportYear(projectId: string, projectYear: number) {
  if (!(await reportYears(projectId)).includes(projectYear)) throw new ReportError("errors:notFound");
}

const minor = (value: string) => fromDecimalString(value);
const total = (values: string[]) => toDecimalString(sum(values.map(minor)));

/** The year's figures as they stand now. */
export async function reportFigures(projectId: string, projectYear: number): Promise<ReportFigures> {
  const [project, budget, ledger] = await Promise.all([
    db.project.findUniqueOrThrow({ where: { id: projectId }, select: { titles: true, originalLang: true, icldReference: true } }),
    getBudget(projectId),
    listLedger(projectId, { projectYear }),
  ]);
  const attachments = await db.attachment.findMany({
    where: { projectId, expense: { projectYear }, deletedAt: null },
    orderBy: { createdAt: "asc" },
    select: { expenseId: true, fileName: true, sha256: true },
  });
  const recorded = await db.expense.findMany({ where: { projectId, projectYear }, select: { id: true, recordedById: true } });
  const recorders = await db.user.findMany({ where: { id: { in: recorded.flatMap((expense) => (expense.recordedById ? [expense.recordedById] : [])) } }, select: { id: true, name: true } });
  const nameOf = new Map(recorders.map((user) => [user.id, user.name]));
  const recordedBy = new Map(recorded.map((expense) => [expense.id, expense.recordedById ? (nameOf.get(expense.recordedById) ?? null) : null]));
  const receiptsOf = new Map<string | null, typeof attachments>();
  for (const file of attachments) receiptsOf.set(file.expenseId, [...(receiptsOf.get(file.expenseId) ?? []), file]);
  const lines: ReportLine[] = (budget.current?.lines ?? [])
    .filter((line) => line.projectYear === projectYear)
    .map((line) => ({
      id: line.id,
      category: line.category,
      descriptions: line.descriptions,
      originalLang: line.originalLang,
      approved: line.amount,
      actual: line.spent,
      difference: line.remaining,
    }));
  const expenses: ReportExpense[] = ledger.lines.map((line) => ({
    id: line.id,
    date: line.date.slice(0, 10),
    payee: line.payee,
    description: line.description,
    category: line.category,
    currency: line.currency,
    amount: line.amount,
    rate: line.rate,
    rateSource: line.rateSource,
    amountSek: line.amountSek,
    ineligible: line.ineligible,
    missingReceipt: line.missingReceipt,
    reversesId: line.reversesId,
    receipts: (receiptsOf.get(line.id) ?? []).map(({ fileName, sha256 }) => ({ fileName, sha256 })),
    recordedBy: recordedBy.get(line.id) ?? null,
  }));
  const approved = total(lines.map((line) => line.approved));
  const actual = total(lines.map((line) => line.actual));
  return {
    projectId,
    projectTitle: pickLocalized(readLocalized(project.titles), project.originalLang, project.originalLang).text,
    projectTitles: readLocalized(project.titles),
    projectTitleLang: project.originalLang,
    projectYear,
    budgetVersion: budget.current?.number ?? null,
    budgetApprovedAt: budget.current?.approvedAt ?? null,
    icldReference: project.icldReference,
    computedAt: new Date().toISOString(),
    lines,
    expenses,
    totals: {
      approved,
      actual,
      difference: toDecimalString(minor(approved) - minor(actual)),
      sek: ledger.totals.sek,
      reimbursable: ledger.totals.reimbursable,
      notEligible: ledger.totals.notEligible,
      unbudgeted: toDecimalString(minor(ledger.totals.reimbursable) - minor(actual)),
      missingReceipts: ledger.totals.missingReceipts,
    },
  };
}

/**
 * The owner submits a year's report: refused while an expense of the year has no receipt or no
 * budget is approved; otherwise its figures are written as the year's next version.
 */
export async function submitReport(actorId: string, projectId: string, projectYear: number) {
  await requireReportYear(projectId, projectYear);
  const figures = await reportFigures(projectId, projectYear);
  if (figures.budgetVersion === null) throw new ReportError("errors:reportNoBudget");
  if (figures.totals.missingReceipts > 0) throw new ReportError("errors:reportMissingReceipts", figures.totals.missingReceipts);
  try {
    return await db.$transaction(async (tx) => {
      const last = await tx.report.findFirst({ where: { projectId, projectYear }, orderBy: { version: "desc" }, select: { version: true, figures: true } });
      // The same figures again (a second click, a resend) are not a new version.
      if (last && sameFigures(last.figures as unknown as ReportFigures, figures)) throw new ReportError("errors:reportUnchanged", last.version);
      const report = await tx.report.create({
        data: { projectId, projectYear, version: (last?.version ?? 0) + 1, figures: figures as unknown as Prisma.InputJsonValue, submittedById: actorId },
      });
      await audit(
        {
          actorId,
          projectId,
          action: "report.submit",
          entityType: "Report",
          entityId: report.id,
          data: { projectYear, version: report.version, budgetVersion: figures.budgetVersion, actual: figures.totals.actual, reimbursable: figures.totals.reimbursable },
        },
        tx,
      );
      return report;
    });
  } catch (error) {
    // Two submissions at once: the second finds the version taken.
    if (isUniqueViolation(error)) throw new ReportError("errors:reportConcurrent");
    throw error;
  }
}

function sameFigures(stored: ReportFigures, now: ReportFigures) {
  return isDeepStrictEqual({ ...stored, computedAt: null }, { ...now, computedAt: null });
}

export async function listReports(projectId: string) {
  const reports = await db.report.findMany({
    where: { projectId },
    orderBy: [{ projectYear: "asc" }, { version: "desc" }],
    select: { id: true, projectYear: true, version: true, submittedAt: true, submittedById: true, figures: true },
  });
  const users = await db.user.findMany({ where: { id: { in: reports.flatMap((report) => (report.submittedById ? [report.submittedById] : [])) } }, select: { id: true, name: true } });
  return reports.map((report) => {
    const figures = report.figures as unknown as ReportFigures;
    return {
      id: report.id,
      projectYear: report.projectYear,
      version: report.version,
      submittedAt: report.submittedAt.toISOString(),
      submittedBy: users.find((user) => user.id === report.submittedById)?.name ?? null,
      totals: figures.totals,
    };
  });
}

/** A submitted version's frozen figures, or null (404). */
export async function getReport(projectId: string, projectYear: number, version: number) {
  const report = await db.report.findUnique({ where: { projectId_projectYear_version: { projectId, projectYear, version } } });
  return report ? { ...report, figures: report.figures as unknown as ReportFigures } : null;
}

// ---------------------------------------------------------------------------------------------
// The financial account (.xlsx)

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const SEK_FORMAT = "#,##0.00";
const RATE_FORMAT = "0.000000";
// The workbook's own font, named: a bold font without a name prints in a serif fallback.
const BOLD: Partial<ExcelJS.Font> = { name: "Calibri", family: 2, size: 11, bold: true };
const num = (value: string) => Number(value);
/** A day as the account writes it: YYYY-MM-DD on Stockholm's calendar (ICLD's). */
const isoDay = (value: string) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date(value));

/** Who the account says prepared it, and which version it is: the submitter and the version, or the reader now. */
export type AccountMeta = { preparedBy: string; preparedAt: string; version: number | null; icldReference: string | null };

/** The project's title in the document's language, from the figures (frozen ones too). */
export function figuresTitle(figures: ReportFigures, lang: Lang): string {
  return figures.projectTitles ? pickLocalized(figures.projectTitles, figures.projectTitleLang, lang).text : figures.projectTitle;
}

/**
 * A sheet of the account: its title block (what an auditor needs to know which account this is),
 * then the table's header row. Printed on A4 landscape fitted to the page's width, as many pages
 * down as its rows need, the header row on each, the account's name and the page on each.
 * Returns the header row's number.
 */
function accountSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  widths: number[],
  titles: string[],
  block: { title: string; rows: [string, string][]; valueColumn: number; footer: string },
) {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = widths.map((width) => ({ width }));
  const title = sheet.addRow([block.title]);
  title.font = { ...BOLD, size: 14 };
  for (const [label, value] of block.rows) {
    const row = sheet.addRow([]);
    row.getCell(1).value = label;
    row.getCell(1).font = BOLD;
    row.getCell(block.valueColumn).value = value;
  }
  sheet.addRow([]);
  const header = sheet.addRow(titles);
  header.font = BOLD;
  header.alignment = { vertical: "bottom", wrapText: true };
  fitHeight(sheet, header);
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE5EBF2" } };
    cell.border = { bottom: { style: "thin" } };
  });
  sheet.views = [{ state: "frozen", ySplit: header.number }];
  // fitToPage is the switch: without it Excel and LibreOffice ignore fitToWidth and print at 100 %.
  sheet.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${header.number}:${header.number}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: block.footer, evenFooter: block.footer };
  return { sheet, header: header.number };
}

/** How many lines a text takes in a column `width` characters wide (a CJK character is two), wrapped at spaces. */
function linesIn(text: string, width: number) {
  return text.split("\n").reduce((lines, paragraph) => {
    let line = 0;
    let count = 1;
    for (const word of paragraph.split(" ")) {
      const size = spreadsheetWidth(word);
      // A word longer than the column is broken across lines.
      if (line > 0 && line + 1 + size > width) {
        count += 1;
        line = 0;
      }
      line += (line > 0 ? 1 : 0) + size;
      while (line > width) {
        count += 1;
        line -= width;
      }
    }
    return lines + count;
  }, 0);
}

/**
 * A row tall enough for its wrapped texts. Excel and LibreOffice do not size rows that a program
 * wrote, so without it a long description prints over the next row.
 */
function fitHeight(sheet: ExcelJS.Worksheet, row: ExcelJS.Row) {
  let lines = 1;
  row.eachCell((cell, column) => {
    if (typeof cell.value !== "string") return;
    // A column's width counts characters as wide as a "0"; most text is narrower, so this errs on the tall side.
    lines = Math.max(lines, linesIn(cell.value, Math.max(1, Math.floor(sheet.getColumn(column).width ?? 10) - 1)));
  });
  if (lines > 1) row.height = lines * 15;
}

/** Text in a page header or footer: & starts a code there, && is an ampersand. */
const footerText = (value: string) => value.replace(/&/g, "&&");

/** The account of a year: the budget lines against actual, and every expense. Totals are formulas (with their values). */
export async function accountWorkbook(figures: ReportFigures, lang: Lang, meta: AccountMeta): Promise<Buffer> {
  const t = tFor(lang);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("appName");
  workbook.created = new Date(figures.computedAt);
  // Excel recomputes every formula when the file is opened.
  workbook.calcProperties = { fullCalcOnLoad: true };

  const projectTitle = figuresTitle(figures, lang);
  const title = t("reports:account.title", { year: figures.projectYear });
  const budgetText =
    figures.budgetVersion === null
      ? t("reports:account.noBudget")
      : figures.budgetApprovedAt
        ? t("reports:account.budgetVersionApproved", { version: figures.budgetVersion, date: isoDay(figures.budgetApprovedAt) })
        : t("reports:account.budgetVersion", { version: figures.budgetVersion });
  const rows: [string, string][] = [
    [t("reports:account.project"), projectTitle],
    ...(meta.icldReference ? [[t("reports:account.icldReference"), meta.icldReference] as [string, string]] : []),
    [t("reports:account.projectYear"), String(figures.projectYear)],
    [t("reports:account.currency"), "SEK"],
    [t("reports:account.preparedBy"), meta.preparedBy],
    [t("reports:account.preparedOn"), isoDay(meta.preparedAt)],
    [
      t("reports:account.version"),
      meta.version === null
        ? t("reports:account.notSubmitted", { date: isoDay(figures.computedAt) })
        : t("reports:account.submittedVersion", { version: meta.version, date: isoDay(meta.preparedAt) }),
    ],
    [t("reports:account.budget"), budgetText],
  ];
  const footer = (sheetName: string) =>
    `&L${footerText(`${projectTitle} – ${title}${meta.version === null ? "" : ` – ${t("reports:version", { version: meta.version })}`} – ${sheetName}`)}&R${t("reports:account.page", { page: "&P", pages: "&N" })}`;
  const wrap: Partial<ExcelJS.Alignment> = { vertical: "top", wrapText: true };
  const top: Partial<ExcelJS.Alignment> = { vertical: "top" };

  // The budget: the approved version's lines of the year, against what was spent.
  const budgetName = t("reports:sheets.budget");
  const { sheet: budget, header: budgetHeader } = accountSheet(
    workbook,
    budgetName,
    [26, 44, 15, 15, 15, 24],
    ["category", "description", "approved", "actual", "difference", "comment"].map((key) => t(`reports:columns.${key}`)),
    { title, rows, valueColumn: 2, footer: footer(budgetName) },
  );
  const firstLine = budgetHeader + 1;
  figures.lines.forEach((line, index) => {
    const r = firstLine + index;
    const over = minor(line.actual) > minor(line.approved);
    const row = budget.addRow([
      t(`common:costCategories.${line.category}`),
      pickLocalized(line.descriptions, line.originalLang, lang).text,
      num(line.approved),
      num(line.actual),
      { formula: `C${r}-D${r}`, result: num(line.difference) },
      over ? t("reports:overBudget") : "",
    ]);
    row.alignment = wrap;
    fitHeight(budget, row);
  });
  const lastLine = firstLine + figures.lines.length - 1;
  const sumOf = (column: string, value: string) => (figures.lines.length > 0 ? { formula: `SUM(${column}${firstLine}:${column}${lastLine})`, result: num(value) } : 0);
  const totalRow = budget.addRow([t("reports:total"), "", sumOf("C", figures.totals.approved), sumOf("D", figures.totals.actual), sumOf("E", figures.totals.difference), ""]);
  totalRow.font = BOLD;
  totalRow.eachCell((cell) => (cell.border = { top: { style: "thin" } }));
  for (const column of ["C", "D", "E"]) {
    for (let r = firstLine; r <= totalRow.number; r += 1) budget.getCell(`${column}${r}`).numFmt = SEK_FORMAT;
  }

  // Every expense of the year, each leading to its receipt (file and checksum), its rate and who recorded it.
  const expensesName = t("reports:sheets.expenses");
  const { sheet, header: expenseHeader } = accountSheet(
    workbook,
    expensesName,
    [11, 18, 22, 18, 7, 13, 10, 11, 13, 36, 14, 12, 13],
    ["date", "payee", "description", "category", "currency", "amount", "rate", "rateSource", "sek", "receipts", "eligible", "reason", "recordedBy"].map((key) =>
      t(`reports:columns.${key}`),
    ),
    { title, rows, valueColumn: 3, footer: footer(expensesName) },
  );
  const yes = t("reports:yes");
  for (const expense of figures.expenses) {
    // The whole checksum: an auditor compares it with the file's details in the workspace (decision 031).
    const receipts = expense.receipts.map((file) => `${file.fileName} (SHA-256 ${file.sha256})`).join("\n");
    const row = sheet.addRow([
      expense.date,
      expense.payee,
      expense.description,
      t(`common:costCategories.${expense.category}`),
      expense.currency,
      num(expense.amount),
      num(expense.rate),
      t(`budget:rateSource.${expense.rateSource}`),
      num(expense.amountSek),
      receipts || (expense.reversesId ? t("reports:reversal") : t("reports:missingReceipt")),
      expense.ineligible.length === 0 ? yes : t("reports:no"),
      expense.ineligible.map((reason) => t(`budget:reasons.${reason}`)).join(", "),
      expense.recordedBy ?? "",
    ]);
    row.alignment = wrap;
    for (const column of ["F", "G", "I"]) row.getCell(column).alignment = top;
    fitHeight(sheet, row);
  }
  const firstExpense = expenseHeader + 1;
  const lastExpense = firstExpense + figures.expenses.length - 1;
  const any = figures.expenses.length > 0;
  const sekTotal = sheet.addRow(["", t("reports:total"), "", "", "", "", "", "", any ? { formula: `SUM(I${firstExpense}:I${lastExpense})`, result: num(figures.totals.sek) } : 0]);
  const reimbursable = sheet.addRow([
    "",
    t("reports:reimbursable"),
    "",
    "",
    "",
    "",
    "",
    "",
    any ? { formula: `SUMIF(K${firstExpense}:K${lastExpense},"${yes}",I${firstExpense}:I${lastExpense})`, result: num(figures.totals.reimbursable) } : 0,
  ]);
  sekTotal.font = BOLD;
  reimbursable.font = BOLD;
  sekTotal.eachCell((cell) => (cell.border = { top: { style: "thin" } }));
  for (let r = firstExpense; r <= reimbursable.number; r += 1) {
    for (const column of ["F", "I"]) sheet.getCell(`${column}${r}`).numFmt = SEK_FORMAT;
    sheet.getCell(`G${r}`).numFmt = RATE_FORMAT;
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The account of a year to download: a submitted version's frozen figures (prepared by who
 * submitted it, when), or the figures now (prepared by the reader). Null when the version does not exist.
 */
export async function accountDownload(projectId: string, projectYear: number, version: number | undefined, reader: { name: string }, lang: Lang) {
  const report = version ? await getReport(projectId, projectYear, version) : null;
  if (version && !report) return null;
  const figures = report?.figures ?? (await reportFigures(projectId, projectYear));
  const submitter = report?.submittedById ? await db.user.findUnique({ where: { id: report.submittedById }, select: { name: true } }) : null;
  const current = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { icldReference: true } });
  const workbook = await accountWorkbook(figures, lang, {
    preparedBy: report ? (submitter?.name ?? "") : reader.name,
    preparedAt: report ? report.submittedAt.toISOString() : figures.computedAt,
    version: report?.version ?? null,
    // The reference names ICLD's decision, not the figures: one entered after a version was frozen shows on it too.
    icldReference: figures.icldReference ?? current.icldReference,
  });
  return { workbook, title: `${figuresTitle(figures, lang)} – ${projectYear}${version ? ` v${version}` : ""}` };
}

// ---------------------------------------------------------------------------------------------
// The narrative report draft (.docx)

const addMonths = (date: Date, months: number) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));

/** The days of a project year: from the start plus whole years, to the day before the next (or the project's end). */
async function yearPeriod(projectId: string, projectYear: number) {
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { titles: true, originalLang: true, startDate: true, endDate: true } });
  const from = addMonths(project.startDate, 12 * (projectYear - 1));
  const next = new Date(addMonths(from, 12).getTime() - 86_400_000);
  return { project, from, to: next < project.endDate ? next : project.endDate };
}

type SubmittedReport = { version: number; submittedAt: Date; submittedById: string | null; figures: ReportFigures };

/**
 * What the report is: a submitted version (who submitted it, when) or today's draft; and whether the
 * budget its figures account for was approved by the steering group, when and by whom. Reports
 * themselves go to ICLD without a decision of the steering group; the budget is what it approves.
 */
async function reportStatus(projectId: string, lang: Lang, timeZone: string, figures: ReportFigures, report?: SubmittedReport) {
  const t = tFor(lang);
  const submitter = report?.submittedById ? await db.user.findUnique({ where: { id: report.submittedById }, select: { name: true } }) : null;
  const budget = figures.budgetVersion === null ? null : await db.budgetVersion.findUnique({ where: { projectId_number: { projectId, number: figures.budgetVersion } }, select: { id: true } });
  const round = budget ? await approvedRound(projectId, { budgetVersionId: budget.id }) : null;
  return {
    short: report ? t("export:document.version", { version: report.version }) : t("export:document.draft"),
    lines: [
      report
        ? t("export:document.reportVersion", { version: report.version, name: submitter?.name ?? "—", date: formatDate(report.submittedAt, lang, timeZone) })
        : t("export:document.reportDraft"),
      round ? t("export:document.budgetApproved", { version: figures.budgetVersion, approved: approvedBy(round, lang, timeZone) }) : t("export:document.budgetNotApproved"),
    ],
  };
}

/**
 * The narrative draft; for a submitted version, its financial summary is from its frozen figures.
 * `timeZone` is the exporter's, for the dates the document shows.
 */
export async function narrativeDocx(projectId: string, projectYear: number, lang: Lang, timeZone: string, report?: SubmittedReport): Promise<{ docx: Buffer; fileTitle: string }> {
  const t = tFor(lang);
  const frozen = report?.figures;
  const { project, from, to } = await yearPeriod(projectId, projectYear);
  const [visits, milestones, figures, matrix] = await Promise.all([
    db.visit.findMany({ where: { projectId, status: "done", startDate: { gte: from, lte: to } }, orderBy: { startDate: "asc" } }),
    db.milestone.findMany({ where: { projectId, status: "approved", dueDate: { gte: from, lte: to } }, orderBy: { dueDate: "asc" } }),
    frozen ?? reportFigures(projectId, projectYear),
    getMatrix(projectId),
  ]);
  const visitIds = visits.map((visit) => visit.id);
  const findings = await db.finding.findMany({
    where: { projectId, state: "shared", OR: [{ visitId: { in: visitIds } }, { visitId: null, createdAt: { gte: from, lte: new Date(to.getTime() + 86_400_000) } }] },
    orderBy: { createdAt: "asc" },
  });
  const text = (texts: unknown, originalLang: Lang | null) => pickLocalized(texts as Localized, originalLang, lang).text;
  const day = (date: Date) => formatCalendarDate(date.toISOString().slice(0, 10), lang);
  const sek = (value: string) => formatMinor(minor(value), "SEK", lang);
  const heading = (key: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t(key))] });
  const bullet = (value: string) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(value)] });
  const toWrite = () => missingParagraph(t("reports:narrative.toWrite"));

  const title = t("reports:narrative.title", { year: projectYear });
  const [status, frame] = await Promise.all([reportStatus(projectId, lang, timeZone, figures, report), documentFrame(projectId, [lang], timeZone)]);
  frame.status = status.short;
  const children: Block[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
    new Paragraph({ style: "Subtitle", children: [new TextRun(text(project.titles, project.originalLang))] }),
    new Paragraph({ children: [new TextRun({ text: `${t("reports:narrative.period")}: `, bold: true }), new TextRun(`${day(from)}–${day(to)}`)] }),
    ...status.lines.map((line) => new Paragraph({ children: [new TextRun({ text: line, italics: true })] })),
    missingParagraph(t("reports:narrative.draftNote")),

    heading("reports:narrative.visits"),
    ...(visits.length > 0 ? visits.map((visit) => bullet(`${text(visit.titles, visit.originalLang)} (${day(visit.startDate)}–${day(visit.endDate)})`)) : [missingParagraph(t("reports:narrative.none"))]),

    heading("reports:narrative.findings"),
    ...(findings.length > 0 ? findings.map((finding) => bullet(text(finding.titles, finding.originalLang))) : [missingParagraph(t("reports:narrative.none"))]),

    heading("reports:narrative.milestones"),
    ...(milestones.length > 0 ? milestones.map((milestone) => bullet(`${text(milestone.titles, milestone.originalLang)} (${day(milestone.dueDate)})`)) : [missingParagraph(t("reports:narrative.none"))]),

    heading("reports:narrative.results"),
    // The results matrix as it stands, with what was done for each result and its progress.
    ...(matrix.framework
      ? [
          new Paragraph({ children: [new TextRun({ text: `${t("results:fields.overallGoal")}: `, bold: true }), new TextRun(text(matrix.framework.overallGoal, matrix.framework.originalLang))] }),
          new Paragraph({ children: [new TextRun({ text: `${t("results:fields.projectGoal")}: `, bold: true }), new TextRun(text(matrix.framework.projectGoal, matrix.framework.originalLang))] }),
        ]
      : []),
    ...matrix.results.flatMap((result) => [
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text(result.statement, result.originalLang))] }),
      new Paragraph({
        children: [
          new TextRun({ text: `${t("results:fields.indicator")}: `, bold: true }),
          new TextRun(text(result.indicator, result.originalLang)),
          new TextRun({ text: ` · ${t("results:fields.baseline")}: `, bold: true }),
          new TextRun(text(result.baseline, result.originalLang)),
          new TextRun({ text: ` · ${t("results:fields.target")}: `, bold: true }),
          new TextRun(text(result.target, result.originalLang)),
        ],
      }),
      ...result.activities.map((activity) => bullet(`${text(activity.texts, activity.originalLang)} — ${t(`results:status.${activity.status}`)}`)),
      new Paragraph({ children: [new TextRun({ text: `${t("reports:columns.actual")}: `, bold: true }), new TextRun(sek(result.spendSek))] }),
    ]),
    new Paragraph({ children: [new TextRun({ text: t("reports:narrative.resultsHint"), italics: true })] }),
    toWrite(),

    heading("reports:narrative.finance"),
    new Paragraph({ children: [new TextRun({ text: `${t("reports:columns.approved")}: `, bold: true }), new TextRun(sek(figures.totals.approved))] }),
    new Paragraph({ children: [new TextRun({ text: `${t("reports:columns.actual")}: `, bold: true }), new TextRun(sek(figures.totals.actual))] }),
    new Paragraph({ children: [new TextRun({ text: `${t("reports:reimbursable")}: `, bold: true }), new TextRun(sek(figures.totals.reimbursable))] }),
    new Paragraph({ children: [new TextRun({ text: `${t("reports:notEligible")}: `, bold: true }), new TextRun(sek(figures.totals.notEligible))] }),

    heading("reports:narrative.next"),
    toWrite(),
  ];
  return { docx: await packDocx({ title, creator: t("appName"), frame, children }), fileTitle: `${text(project.titles, project.originalLang)} – ${title}` };
}

// ---------------------------------------------------------------------------------------------
// What the routes take

export const ReportYearSchema = z.coerce.number("errors:invalid").int("errors:invalid").min(1, "errors:invalid").max(10, "errors:invalid");
export const ReportActionSchema = z.object({ intent: z.literal("submit", "errors:invalid"), projectYear: ReportYearSchema });
export const AccountQuerySchema = z.object({ version: z.coerce.number().int().min(1).max(10_000).optional() });
export const NarrativeQuerySchema = z.object({ lang: z.enum(languages).default("sv"), version: z.coerce.number().int().min(1).max(10_000).optional() });
