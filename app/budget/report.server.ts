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
    db.project.findUniqueOrThrow({ where: { id: projectId }, select: { titles: true, originalLang: true } }),
    getBudget(projectId),
    listLedger(projectId, { projectYear }),
  ]);
  const attachments = await db.attachment.findMany({
    where: { projectId, expense: { projectYear }, deletedAt: null },
    orderBy: { createdAt: "asc" },
    select: { expenseId: true, fileName: true, sha256: true },
  });
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
const num = (value: string) => Number(value);

function header(sheet: ExcelJS.Worksheet, titles: string[]) {
  const row = sheet.addRow(titles);
  row.font = { bold: true };
  row.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE5EBF2" } };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
}

/** The project's title in the document's language, from the figures (frozen ones too). */
export function figuresTitle(figures: ReportFigures, lang: Lang): string {
  return figures.projectTitles ? pickLocalized(figures.projectTitles, figures.projectTitleLang, lang).text : figures.projectTitle;
}

/** The account of a year: the budget lines against actual, and every expense. Totals are formulas (with their values). */
export async function accountWorkbook(figures: ReportFigures, lang: Lang): Promise<Buffer> {
  const t = tFor(lang);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("appName");
  workbook.created = new Date(figures.computedAt);
  // Excel recomputes every formula when the file is opened.
  workbook.calcProperties = { fullCalcOnLoad: true };

  const budget = workbook.addWorksheet(t("reports:sheets.budget"));
  budget.columns = [{ width: 30 }, { width: 40 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 40 }];
  header(budget, ["category", "description", "approved", "actual", "difference", "comment"].map((key) => t(`reports:columns.${key}`)));
  figures.lines.forEach((line, index) => {
    const r = index + 2;
    const over = minor(line.actual) > minor(line.approved);
    budget.addRow([
      t(`common:costCategories.${line.category}`),
      pickLocalized(line.descriptions, line.originalLang, lang).text,
      num(line.approved),
      num(line.actual),
      { formula: `C${r}-D${r}`, result: num(line.difference) },
      over ? t("reports:overBudget") : "",
    ]);
  });
  const lastLine = figures.lines.length + 1;
  const sumOf = (column: string, value: string) => (figures.lines.length > 0 ? { formula: `SUM(${column}2:${column}${lastLine})`, result: num(value) } : 0);
  const totalRow = budget.addRow([t("reports:total"), "", sumOf("C", figures.totals.approved), sumOf("D", figures.totals.actual), sumOf("E", figures.totals.difference), ""]);
  totalRow.font = { bold: true };
  for (const column of ["C", "D", "E"]) budget.getColumn(column).numFmt = SEK_FORMAT;

  const sheet = workbook.addWorksheet(t("reports:sheets.expenses"));
  sheet.columns = [{ width: 12 }, { width: 26 }, { width: 34 }, { width: 26 }, { width: 9 }, { width: 14 }, { width: 11 }, { width: 14 }, { width: 60 }, { width: 12 }, { width: 30 }];
  header(
    sheet,
    ["date", "payee", "description", "category", "currency", "amount", "rate", "sek", "receipts", "eligible", "reason"].map((key) => t(`reports:columns.${key}`)),
  );
  const yes = t("reports:yes");
  for (const expense of figures.expenses) {
    // The whole checksum: an auditor compares it with the file's details in the workspace (decision 031).
    const receipts = expense.receipts.map((file) => `${file.fileName} (SHA-256 ${file.sha256})`).join("; ");
    sheet.addRow([
      expense.date,
      expense.payee,
      expense.description,
      t(`common:costCategories.${expense.category}`),
      expense.currency,
      num(expense.amount),
      num(expense.rate),
      num(expense.amountSek),
      receipts || (expense.reversesId ? t("reports:reversal") : t("reports:missingReceipt")),
      expense.ineligible.length === 0 ? yes : t("reports:no"),
      expense.ineligible.map((reason) => t(`budget:reasons.${reason}`)).join(", "),
    ]);
  }
  const lastExpense = figures.expenses.length + 1;
  const any = figures.expenses.length > 0;
  const sekTotal = sheet.addRow(["", t("reports:total"), "", "", "", "", "", any ? { formula: `SUM(H2:H${lastExpense})`, result: num(figures.totals.sek) } : 0]);
  const reimbursable = sheet.addRow([
    "",
    t("reports:reimbursable"),
    "",
    "",
    "",
    "",
    "",
    any ? { formula: `SUMIF(J2:J${lastExpense},"${yes}",H2:H${lastExpense})`, result: num(figures.totals.reimbursable) } : 0,
  ]);
  sekTotal.font = { bold: true };
  reimbursable.font = { bold: true };
  for (const column of ["F", "H"]) sheet.getColumn(column).numFmt = SEK_FORMAT;
  sheet.getColumn("G").numFmt = "0.000000";

  return Buffer.from(await workbook.xlsx.writeBuffer());
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
