import { audit } from "~/audit/audit.server";
import { db } from "~/db/db.server";
import { organisationName, organisationNameSelect } from "~/projects/organisation-name";
import type { Prisma } from "~/generated/prisma/client";
import type { Language } from "~/generated/prisma/enums";
import type { Lang } from "~/i18n/languages";
import { DomainError, isUniqueViolation } from "~/utils/domain-error";
import { convertToSekOre, fromDecimalString, MAX_AMOUNT_MINOR, negate, sum, toDecimalString, type Currency } from "./money";

// The ledger: what was paid, by whom, in which currency, at which rate, and whether ICLD may
// reimburse it. Rates are copied into each expense when it is recorded, so a later change to the
// rate table never moves a recorded figure; corrections are reversing entries, never edits.

export class LedgerError extends DomainError {}

type Tx = Prisma.TransactionClient;

/**
 * ICLD's cost categories (docs/icld.md) with the eligible flag each starts with. What ICLD does
 * not list (insurance) starts as not eligible; the owner may change a flag after asking ICLD.
 */
export const standardCategories = [
  { key: "international_travel", eligible: true },
  { key: "accommodation", eligible: true },
  { key: "local_transport", eligible: true },
  { key: "interpretation", eligible: true },
  { key: "venue", eligible: true },
  { key: "visas", eligible: true },
  { key: "climate_compensation", eligible: true },
  { key: "other_eligible", eligible: true },
  { key: "insurance", eligible: false },
  { key: "per_diem", eligible: false },
  { key: "salaries", eligible: false },
  { key: "extra_days", eligible: false },
] as const;

/** A project's categories, created the first time they are needed. */
export async function ensureCategories(projectId: string, tx: Tx = db) {
  const list = () => tx.costCategory.findMany({ where: { projectId }, orderBy: { position: "asc" }, select: { id: true, key: true, eligible: true } });
  // Read first: every budget and ledger page asks, and only a project's first asking creates them.
  const existing = await list();
  if (existing.length > 0) return existing;
  await tx.costCategory.createMany({
    data: standardCategories.map((category, position) => ({ projectId, key: category.key, eligible: category.eligible, position })),
    skipDuplicates: true,
  });
  return list();
}

export async function listRates(projectId: string) {
  const rates = await db.exchangeRate.findMany({ where: { projectId }, orderBy: [{ currency: "asc" }, { validFrom: "desc" }] });
  return rates.map((rate) => ({ id: rate.id, currency: rate.currency, validFrom: rate.validFrom.toISOString(), rate: rate.rate.toString() }));
}

export async function addRate(actorId: string, projectId: string, input: { currency: Exclude<Currency, "SEK">; validFrom: Date; rate: string }) {
  await db.$transaction(async (tx) => {
    const row = await tx.exchangeRate.upsert({
      where: { projectId_currency_validFrom: { projectId, currency: input.currency, validFrom: input.validFrom } },
      create: { projectId, currency: input.currency, validFrom: input.validFrom, rate: input.rate, createdById: actorId },
      update: { rate: input.rate, createdById: actorId },
    });
    await audit({ actorId, projectId, action: "exchange_rate.set", entityType: "ExchangeRate", entityId: row.id, data: { ...input, validFrom: input.validFrom.toISOString().slice(0, 10) } }, tx);
  });
}

/** The table's rate on a day: the latest one from that day or before. */
async function tableRate(tx: Tx, projectId: string, currency: Currency, date: Date) {
  const row = await tx.exchangeRate.findFirst({ where: { projectId, currency, validFrom: { lte: date } }, orderBy: { validFrom: "desc" } });
  return row?.rate.toString() ?? null;
}

export type ExpenseInput = {
  date: Date;
  payee: string;
  description: string;
  lang: Lang;
  projectYear: number;
  categoryId: string;
  payingOrgId: string;
  currency: Currency;
  /** In minor units of the currency paid. */
  amount: bigint;
  /** Typed by the person recording it; otherwise taken from the rate table. */
  rate: string | null;
  perDiem: boolean;
  salary: boolean;
  visitId: string | null;
  /** The form's one-time key; the same key again returns the expense it booked. */
  submissionKey: string | null;
};

function projectYears(project: { startDate: Date; endDate: Date }) {
  const months = (project.endDate.getUTCFullYear() - project.startDate.getUTCFullYear()) * 12 + project.endDate.getUTCMonth() - project.startDate.getUTCMonth();
  return Math.max(1, Math.ceil(months / 12));
}

/** The expense a form with this key already booked, if any. */
function bookedBy(projectId: string, submissionKey: string | null) {
  return submissionKey ? db.expense.findUnique({ where: { projectId_submissionKey: { projectId, submissionKey } } }) : null;
}

/** Books an expense once: a form sent twice answers with what the first sending booked. */
export async function recordExpense(actorId: string, projectId: string, input: ExpenseInput) {
  const earlier = await bookedBy(projectId, input.submissionKey);
  if (earlier) return earlier;
  try {
    return await bookExpense(actorId, projectId, input);
  } catch (error) {
    // Both sendings arrived at once: the second finds the key taken by the first.
    const first = isUniqueViolation(error) ? await bookedBy(projectId, input.submissionKey) : null;
    if (first) return first;
    throw error;
  }
}

function bookExpense(actorId: string, projectId: string, input: ExpenseInput) {
  return db.$transaction(async (tx) => {
    const project = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { startDate: true, endDate: true } });
    // ICLD funds what the project spends within its period; a date outside it is most often a typo.
    if (input.date < project.startDate || input.date > project.endDate) throw new LedgerError("errors:outsideProjectPeriod", "date");
    if (!(await tx.costCategory.findFirst({ where: { id: input.categoryId, projectId } }))) throw new LedgerError("errors:invalid", "categoryId");
    if (!(await tx.projectOrganisation.findUnique({ where: { projectId_organisationId: { projectId, organisationId: input.payingOrgId } } }))) {
      throw new LedgerError("errors:notProjectOrganisation", "payingOrgId");
    }
    if (input.visitId && !(await tx.visit.findFirst({ where: { id: input.visitId, projectId } }))) throw new LedgerError("errors:invalid", "visitId");
    if (input.projectYear < 1 || input.projectYear > projectYears(project)) throw new LedgerError("errors:projectYear", "projectYear");
    let rate = input.rate;
    if (input.currency === "SEK") {
      if (rate !== null && fromDecimalString(rate) !== 1n) throw new LedgerError("errors:sekRate", "rate");
      rate = "1";
    }
    const source = rate !== null ? "typed" : "table";
    rate ??= await tableRate(tx, projectId, input.currency, input.date);
    if (rate === null) throw new LedgerError("errors:noRate", "rate");
    const amountSek = convertToSekOre(input.amount, input.currency, rate);
    if (amountSek > MAX_AMOUNT_MINOR) throw new LedgerError("errors:amount", "amount");
    const expense = await tx.expense.create({
      data: {
        projectId,
        date: input.date,
        payee: input.payee,
        description: input.description,
        descriptionLang: input.lang as Language,
        projectYear: input.projectYear,
        categoryId: input.categoryId,
        payingOrgId: input.payingOrgId,
        currency: input.currency,
        amount: toDecimalString(input.amount),
        rate,
        rateSource: input.currency === "SEK" ? "typed" : source,
        amountSek: toDecimalString(amountSek),
        perDiem: input.perDiem,
        salary: input.salary,
        visitId: input.visitId,
        recordedById: actorId,
        submissionKey: input.submissionKey,
      },
    });
    await audit(
      {
        actorId,
        projectId,
        action: "expense.create",
        entityType: "Expense",
        entityId: expense.id,
        data: { payee: input.payee, currency: input.currency, amount: toDecimalString(input.amount), rate, rateSource: expense.rateSource, amountSek: toDecimalString(amountSek) },
      },
      tx,
    );
    return expense;
  });
}

/** A correction: a new entry of the opposite amount at the same locked rate; both stay in the ledger. */
export async function reverseExpense(actorId: string, projectId: string, expenseId: string) {
  return db.$transaction(async (tx) => {
    const original = await tx.expense.findFirst({ where: { id: expenseId, projectId }, include: { reversal: { select: { id: true } } } });
    if (!original) throw new LedgerError("errors:notFound");
    if (original.reversesId) throw new LedgerError("errors:reversalOfReversal");
    if (original.reversal) throw new LedgerError("errors:alreadyReversed");
    const reversal = await tx.expense.create({
      data: {
        projectId,
        date: new Date(new Date().toISOString().slice(0, 10)),
        payee: original.payee,
        description: original.description,
        descriptionLang: original.descriptionLang,
        projectYear: original.projectYear,
        categoryId: original.categoryId,
        payingOrgId: original.payingOrgId,
        currency: original.currency,
        amount: toDecimalString(negate(fromDecimalString(original.amount.toFixed(2)))),
        rate: original.rate,
        rateSource: original.rateSource,
        amountSek: toDecimalString(negate(fromDecimalString(original.amountSek.toFixed(2)))),
        perDiem: original.perDiem,
        salary: original.salary,
        visitId: original.visitId,
        reversesId: original.id,
        recordedById: actorId,
      },
    });
    await audit({ actorId, projectId, action: "expense.reverse", entityType: "Expense", entityId: reversal.id, data: { reverses: original.id, amountSek: reversal.amountSek.toFixed(2) } }, tx);
    return reversal;
  });
}

export type IneligibleReason = "category" | "perDiem" | "salary";

/** Why ICLD will not reimburse it, if it will not: its category, or a per diem or salary however booked. */
export function ineligibleReasons(expense: { perDiem: boolean; salary: boolean }, category: { eligible: boolean }): IneligibleReason[] {
  return [...(category.eligible ? [] : (["category"] as const)), ...(expense.perDiem ? (["perDiem"] as const) : []), ...(expense.salary ? (["salary"] as const) : [])];
}

export type LedgerFilter = { projectYear?: number; visitId?: string };

function ledgerWhere(projectId: string, filter: LedgerFilter): Prisma.ExpenseWhereInput {
  return { projectId, ...(filter.projectYear ? { projectYear: filter.projectYear } : {}), ...(filter.visitId ? { visitId: filter.visitId } : {}) };
}

/**
 * What an expense's line in the ledger needs, in one statement with the relations joined (its
 * category, paying organisation, visit, receipts and reversal): a ledger page was six statements.
 */
const ledgerSelect = {
  id: true,
  date: true,
  payee: true,
  description: true,
  descriptionLang: true,
  projectYear: true,
  categoryId: true,
  payingOrgId: true,
  visitId: true,
  currency: true,
  amount: true,
  rate: true,
  rateSource: true,
  amountSek: true,
  perDiem: true,
  salary: true,
  reversesId: true,
  category: { select: { key: true, eligible: true } },
  payingOrg: { select: organisationNameSelect },
  visit: { select: { id: true, titles: true, originalLang: true } },
  reversal: { select: { id: true } },
  _count: { select: { receipts: { where: { deletedAt: null } } } },
} satisfies Prisma.ExpenseSelect;

type LedgerRow = Prisma.ExpenseGetPayload<{ select: typeof ledgerSelect }>;

/** Rows, read with ledgerSelect, as ledger lines. */
function ledgerLines(rows: LedgerRow[]) {
  return rows.map((expense) => {
    const { visit } = expense;
    const receiptsOf = expense._count.receipts;
    return {
      id: expense.id,
      date: expense.date.toISOString(),
      payee: expense.payee,
      description: expense.description,
      descriptionLang: expense.descriptionLang,
      projectYear: expense.projectYear,
      category: expense.category.key,
      payingOrg: organisationName(expense.payingOrg),
      currency: expense.currency as Currency,
      amount: expense.amount.toFixed(2),
      rate: expense.rate.toString(),
      rateSource: expense.rateSource,
      amountSek: expense.amountSek.toFixed(2),
      ineligible: ineligibleReasons(expense, expense.category),
      visit: visit ? { id: visit.id, titles: visit.titles as Partial<Record<Lang, string>>, originalLang: visit.originalLang } : null,
      receipts: receiptsOf,
      // A reversing entry rests on the original's receipt.
      missingReceipt: receiptsOf === 0 && expense.reversesId === null,
      reversesId: expense.reversesId,
      reversedBy: expense.reversal?.id ?? null,
    };
  });
}

export type LedgerLine = Awaited<ReturnType<typeof ledgerLines>>[number];

/**
 * What the expenses matching `filter` sum to in SEK, per project year, category and eligibility.
 * The database adds the stored, already rounded SEK amounts exactly (numeric), so every total
 * built from these is the sum of its lines to the öre.
 */
export async function spendBy(projectId: string, filter: LedgerFilter = {}) {
  const [groups, categories] = await Promise.all([
    db.expense.groupBy({ by: ["projectYear", "categoryId", "perDiem", "salary"], where: ledgerWhere(projectId, filter), _sum: { amountSek: true }, _count: { _all: true } }),
    ensureCategories(projectId),
  ]);
  const category = new Map(categories.map((row) => [row.id, row]));
  return groups.map((group) => ({
    projectYear: group.projectYear,
    categoryId: group.categoryId,
    category: category.get(group.categoryId)!.key,
    eligible: ineligibleReasons(group, category.get(group.categoryId)!).length === 0,
    amountSek: toDecimalString(fromDecimalString(group._sum.amountSek?.toFixed(2) ?? "0")),
    count: group._count._all,
  }));
}

/** Expenses per page of the ledger. */
export const LEDGER_PAGE_SIZE = 100;

/** One page of the ledger: newest first unless asked for the oldest first or the largest amounts first. */
export type LedgerPage = { number: number; size: number; order?: "newest" | "oldest" | "amount" };

function pageOrder(order: LedgerPage["order"]): Prisma.ExpenseOrderByWithRelationInput[] {
  if (order === "oldest") return [{ date: "asc" }, { createdAt: "asc" }];
  if (order === "amount") return [{ amountSek: "desc" }, { date: "desc" }, { createdAt: "desc" }];
  return [{ date: "desc" }, { createdAt: "desc" }];
}

/**
 * The ledger, whole (oldest first, as an account lists it) or one page (newest first, as the
 * ledger page shows it), with the totals of everything the filter matches.
 */
export async function listLedger(projectId: string, filter: LedgerFilter = {}, page?: LedgerPage) {
  const where = ledgerWhere(projectId, filter);
  const [spend, missingReceipts] = await Promise.all([spendBy(projectId, filter), db.expense.count({ where: { ...where, reversesId: null, receipts: { none: { deletedAt: null } } } })]);
  const count = spend.reduce((total, group) => total + group.count, 0);
  // A page past the end (the ledger got shorter, or a hand-typed address) shows the last one.
  const shown = page ? { ...page, number: Math.max(1, Math.min(page.number, Math.ceil(count / page.size))) } : null;
  const rows = await db.expense.findMany({
    where,
    orderBy: shown ? pageOrder(shown.order) : [{ date: "asc" }, { createdAt: "asc" }],
    ...(shown ? { skip: (shown.number - 1) * shown.size, take: shown.size } : {}),
    select: ledgerSelect,
  });
  const lines = ledgerLines(rows);
  const sek = (groups: typeof spend) => toDecimalString(sum(groups.map((group) => fromDecimalString(group.amountSek))));
  return {
    lines,
    count,
    page: shown?.number ?? 1,
    totals: {
      sek: sek(spend),
      reimbursable: sek(spend.filter((group) => group.eligible)),
      notEligible: sek(spend.filter((group) => !group.eligible)),
      missingReceipts,
    },
  };
}

export async function ledgerChoices(projectId: string) {
  // One statement; the categories are created only on a project's first asking (ensureCategories).
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      startDate: true,
      endDate: true,
      organisations: { select: { organisation: { select: organisationNameSelect } }, orderBy: { organisation: { createdAt: "asc" } } },
      visits: { orderBy: { startDate: "asc" }, select: { id: true, titles: true, originalLang: true } },
      costCategories: { orderBy: { position: "asc" }, select: { id: true, key: true, eligible: true } },
    },
  });
  return {
    categories: project.costCategories.length > 0 ? project.costCategories : await ensureCategories(projectId),
    organisations: project.organisations.map(({ organisation }) => organisationName(organisation)),
    visits: project.visits.map((visit) => ({ id: visit.id, titles: visit.titles as Partial<Record<Lang, string>>, originalLang: visit.originalLang })),
    years: Array.from({ length: projectYears(project) }, (_, index) => index + 1),
    period: { start: project.startDate.toISOString().slice(0, 10), end: project.endDate.toISOString().slice(0, 10) },
  };
}

/** The latest expenses booked, newest first: what the budget page shows under its figures. */
export async function recentExpenses(projectId: string, take = 5) {
  return ledgerLines(await db.expense.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, take, select: ledgerSelect }));
}

/** One expense of this project, or null (404). */
export async function getExpense(projectId: string, expenseId: string) {
  const expense = await db.expense.findFirst({ where: { id: expenseId, projectId }, select: ledgerSelect });
  return expense ? ledgerLines([expense])[0]! : null;
}

/** The owner decides, after asking ICLD, whether a category's costs are eligible. */
export async function setCategoryEligible(actorId: string, projectId: string, categoryId: string, eligible: boolean) {
  await db.$transaction(async (tx) => {
    const category = await tx.costCategory.findFirst({ where: { id: categoryId, projectId } });
    if (!category) throw new LedgerError("errors:notFound");
    await tx.costCategory.update({ where: { id: category.id }, data: { eligible } });
    await audit({ actorId, projectId, action: "cost_category.set_eligible", entityType: "CostCategory", entityId: category.id, data: { key: category.key, before: category.eligible, after: eligible } }, tx);
  });
}
