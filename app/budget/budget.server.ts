import { audit } from "~/audit/audit.server";
import { db } from "~/db/db.server";
import type { Lang } from "~/i18n/languages";
import type { Localized } from "~/i18n/localized";
import { listRounds } from "~/milestones/rounds.server";
import { DomainError } from "~/utils/domain-error";
import { spendBy } from "./ledger.server";
import { fromDecimalString, sum, toDecimalString } from "./money";
import { editLocalized } from "~/i18n/localized";
import { rememberShortText } from "~/translation/memory.server";

// The approved budget: versions proposed by the project group and approved by the steering group
// under the project's approval rule (app/milestones/approvals.server.ts). The approved version is
// locked and in force; earlier ones are kept as superseded; a change is a new version.

export class BudgetError extends DomainError {}

const editable = ["draft", "changes_requested"] as const;

async function versionOf(projectId: string, versionId: string) {
  const version = await db.budgetVersion.findFirst({ where: { id: versionId, projectId } });
  if (!version) throw new BudgetError("errors:notFound");
  return version;
}

/** A new proposal: the version in force copied, to be changed. One open proposal at a time. */
export async function proposeChange(actorId: string, projectId: string) {
  return db.$transaction(async (tx) => {
    const open = await tx.budgetVersion.findFirst({ where: { projectId, status: { in: ["draft", "submitted", "changes_requested"] } } });
    if (open) throw new BudgetError("errors:openProposal");
    const [last, current] = await Promise.all([
      tx.budgetVersion.findFirst({ where: { projectId }, orderBy: { number: "desc" } }),
      tx.budgetVersion.findFirst({ where: { projectId, status: "approved" }, include: { lines: true } }),
    ]);
    const version = await tx.budgetVersion.create({
      data: {
        projectId,
        number: (last?.number ?? 0) + 1,
        createdById: actorId,
        lines: {
          create: (current?.lines ?? []).map((line) => ({
            projectYear: line.projectYear,
            categoryId: line.categoryId,
            descriptions: line.descriptions ?? {},
            originalLang: line.originalLang,
            amount: line.amount,
            position: line.position,
          })),
        },
      },
    });
    await audit({ actorId, projectId, action: "budget.propose", entityType: "BudgetVersion", entityId: version.id, data: { number: version.number, from: current?.number ?? null } }, tx);
    return version;
  });
}

export async function addLine(
  actorId: string,
  projectId: string,
  versionId: string,
  input: { projectYear: number; categoryId: string; description: Partial<Record<Lang, string>>; lang: Lang; amount: bigint },
) {
  const version = await versionOf(projectId, versionId);
  if (!(editable as readonly string[]).includes(version.status)) throw new BudgetError("errors:budgetLocked");
  if (!(await db.costCategory.findFirst({ where: { id: input.categoryId, projectId } }))) throw new BudgetError("errors:invalid", "categoryId");
  const { texts: descriptions, original } = editLocalized(null, null, input.description, input.lang);
  await db.$transaction(async (tx) => {
    const last = await tx.budgetLine.findFirst({ where: { versionId }, orderBy: { position: "desc" } });
    const line = await tx.budgetLine.create({
      data: {
        versionId,
        projectYear: input.projectYear,
        categoryId: input.categoryId,
        descriptions,
        // Without a description, the writer's language stands for the one it would have had.
        originalLang: original ?? input.lang,
        amount: toDecimalString(input.amount),
        position: (last?.position ?? -1) + 1,
      },
    });
    await rememberShortText(tx, projectId, actorId, null, { texts: descriptions, original });
    await audit({ actorId, projectId, action: "budget.line_add", entityType: "BudgetLine", entityId: line.id, data: { version: version.number, amount: toDecimalString(input.amount) } }, tx);
  });
}

export async function removeLine(actorId: string, projectId: string, versionId: string, lineId: string) {
  const version = await versionOf(projectId, versionId);
  if (!(editable as readonly string[]).includes(version.status)) throw new BudgetError("errors:budgetLocked");
  await db.$transaction(async (tx) => {
    const line = await tx.budgetLine.findFirst({ where: { id: lineId, versionId } });
    if (!line) throw new BudgetError("errors:notFound");
    await tx.budgetLine.delete({ where: { id: line.id } });
    await audit({ actorId, projectId, action: "budget.line_remove", entityType: "BudgetLine", entityId: line.id, data: { version: version.number, amount: line.amount.toFixed(2) } }, tx);
  });
}

type LineRow = { id: string; projectYear: number; categoryId: string; category: string; descriptions: Localized; originalLang: Lang; amount: string };

async function linesOf(versionId: string): Promise<LineRow[]> {
  const lines = await db.budgetLine.findMany({ where: { versionId }, orderBy: [{ projectYear: "asc" }, { position: "asc" }], include: { category: { select: { key: true } } } });
  return lines.map((line) => ({
    id: line.id,
    projectYear: line.projectYear,
    categoryId: line.categoryId,
    category: line.category.key,
    descriptions: (line.descriptions ?? {}) as Localized,
    originalLang: line.originalLang,
    amount: line.amount.toFixed(2),
  }));
}

/**
 * Approved, spent and remaining per line, per year and for the grant. Spent is what ICLD will
 * reimburse: expenses of the line's year and category that are eligible (the others are shown
 * apart); where a year has two lines of one category, its expenses count against the first.
 * `expenses` may be single expenses or their sums per year, category and eligibility.
 */
function againstActual(lines: LineRow[], expenses: { projectYear: number; categoryId: string; amountSek: string; eligible: boolean }[], grant: string) {
  const firstLine = new Map<string, string>();
  for (const line of lines) if (!firstLine.has(`${line.projectYear}:${line.categoryId}`)) firstLine.set(`${line.projectYear}:${line.categoryId}`, line.id);
  const spentByLine = new Map<string, bigint[]>();
  const unbudgeted: bigint[] = [];
  for (const expense of expenses.filter((candidate) => candidate.eligible)) {
    const lineId = firstLine.get(`${expense.projectYear}:${expense.categoryId}`);
    if (lineId) spentByLine.set(lineId, [...(spentByLine.get(lineId) ?? []), fromDecimalString(expense.amountSek)]); // few: sums per category
    else unbudgeted.push(fromDecimalString(expense.amountSek));
  }
  const rows = lines.map((line) => {
    const approved = fromDecimalString(line.amount);
    const spent = sum(spentByLine.get(line.id) ?? []);
    return { ...line, spent: toDecimalString(spent), remaining: toDecimalString(approved - spent), over: spent > approved };
  });
  const years = [...new Set(rows.map((row) => row.projectYear))].map((projectYear) => {
    const ofYear = rows.filter((row) => row.projectYear === projectYear);
    const approved = sum(ofYear.map((row) => fromDecimalString(row.amount)));
    const spent = sum(ofYear.map((row) => fromDecimalString(row.spent)));
    return { projectYear, approved: toDecimalString(approved), spent: toDecimalString(spent), remaining: toDecimalString(approved - spent), over: spent > approved };
  });
  // Every total is the sum of its lines.
  const approved = sum(rows.map((row) => fromDecimalString(row.amount)));
  const spent = sum([...rows.map((row) => fromDecimalString(row.spent)), ...unbudgeted]);
  const notEligible = sum(expenses.filter((expense) => !expense.eligible).map((expense) => fromDecimalString(expense.amountSek)));
  return {
    lines: rows,
    years,
    total: {
      approved: toDecimalString(approved),
      spent: toDecimalString(spent),
      remaining: toDecimalString(approved - spent),
      unbudgeted: toDecimalString(sum(unbudgeted)),
      notEligible: toDecimalString(notEligible),
      grant,
      overGrant: approved > fromDecimalString(grant) || spent > fromDecimalString(grant),
      over: spent > approved,
    },
  };
}

/** The budget page: the version in force against the ledger, every version, the open proposal. */
export async function getBudget(projectId: string, shownNumber?: number) {
  // The categories are created, when a project has none yet, by spendBy (ensureCategories).
  const [project, versions, ledger] = await Promise.all([
    db.project.findUniqueOrThrow({ where: { id: projectId }, select: { grantAmount: true } }),
    db.budgetVersion.findMany({ where: { projectId }, orderBy: { number: "desc" }, include: { _count: { select: { lines: true } } } }),
    spendBy(projectId),
  ]);
  const current = versions.find((version) => version.status === "approved") ?? null;
  const proposal = versions.find((version) => (["draft", "submitted", "changes_requested"] as string[]).includes(version.status)) ?? null;
  const shown = shownNumber ? (versions.find((version) => version.number === shownNumber) ?? null) : null;
  const grant = project.grantAmount.toFixed(2);
  const view = (version: (typeof versions)[number]) => ({
    id: version.id,
    number: version.number,
    status: version.status,
    createdAt: version.createdAt.toISOString(),
    approvedAt: version.approvedAt?.toISOString() ?? null,
    lineCount: version._count.lines,
  });
  const proposalLines = proposal ? await linesOf(proposal.id) : [];
  return {
    grant,
    versions: versions.map(view),
    current: current ? { ...view(current), ...againstActual(await linesOf(current.id), ledger, grant) } : null,
    proposal: proposal
      ? { ...view(proposal), lines: proposalLines, rounds: await listRounds(projectId, { budgetVersionId: proposal.id }), ...totalOf(proposalLines, grant) }
      : null,
    shown: shown && shown.id !== current?.id && shown.id !== proposal?.id ? { ...view(shown), lines: await linesOf(shown.id), rounds: await listRounds(projectId, { budgetVersionId: shown.id }) } : null,
  };
}

function totalOf(lines: LineRow[], grant: string) {
  const total = sum(lines.map((line) => fromDecimalString(line.amount)));
  return { total: toDecimalString(total), overGrant: total > fromDecimalString(grant) };
}
