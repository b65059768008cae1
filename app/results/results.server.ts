import { audit } from "~/audit/audit.server";
import { ensureCategories, spendBy } from "~/budget/ledger.server";
import { fromDecimalString, sum, toDecimalString } from "~/budget/money";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { Language } from "~/generated/prisma/enums";
import type { Lang } from "~/i18n/languages";
import { editLocalized, givenTexts, mergeLocalized, originalOf, readLocalized, type Localized } from "~/i18n/localized";
import { DomainError } from "~/utils/domain-error";
import type { ActivityFields, ResultFields, RiskFields } from "./schemas";

// The results matrix (Logical Framework Approach): goals, expected results with indicators, the
// activities done for each (linked to visits, milestones and the budget category that pays), and
// the assumptions and risks. Every text is stored per language (decision 018): a writer gives any
// of them; languages not sent stay. Each row has one original, its main text's (the statement,
// the activity, the risk, the overall goal).

export class ResultsError extends DomainError {}

type Tx = Prisma.TransactionClient;

type Texts = Partial<Record<Lang, string>>;

/** A required main text after an edit, with the row's original; refused when no language is left. */
function mainText(stored: unknown, original: Lang | null, sent: Texts, lang: Lang, field: string) {
  const edited = editLocalized(stored, original, sent, lang);
  if (!edited.original) throw new ResultsError("errors:required", field);
  return { texts: edited.texts, original: edited.original as Language };
}

/** An optional text after an edit: the languages sent applied to what is stored. */
const otherText = (stored: unknown, sent: Texts): Localized => mergeLocalized(readLocalized(stored), sent);

export async function getMatrix(projectId: string) {
  const [framework, results, risks, ledger, categories] = await Promise.all([
    db.resultsFramework.findUnique({ where: { projectId } }),
    db.expectedResult.findMany({
      where: { projectId },
      orderBy: { position: "asc" },
      include: {
        activities: {
          orderBy: { position: "asc" },
          include: {
            visit: { select: { id: true, titles: true, originalLang: true, status: true } },
            milestone: { select: { id: true, titles: true, originalLang: true, status: true } },
            budgetCategory: { select: { id: true, key: true } },
          },
        },
      },
    }),
    db.resultRisk.findMany({ where: { projectId }, orderBy: { position: "asc" } }),
    spendBy(projectId),
    ensureCategories(projectId),
  ]);
  // What each category cost: its eligible ledger lines (reversals included, as in the ledger's totals).
  const spend = new Map<string, string>();
  for (const category of categories) {
    const groups = ledger.filter((group) => group.category === category.key && group.eligible);
    spend.set(category.key, toDecimalString(sum(groups.map((group) => fromDecimalString(group.amountSek)))));
  }
  const sharing = new Map<string, number>();
  for (const result of results) for (const activity of result.activities) {
    if (activity.budgetCategoryId) sharing.set(activity.budgetCategoryId, (sharing.get(activity.budgetCategoryId) ?? 0) + 1);
  }
  return {
    framework: framework
      ? { overallGoal: framework.overallGoal as Localized, projectGoal: framework.projectGoal as Localized, originalLang: framework.originalLang }
      : null,
    results: results.map((result) => {
      const activities = result.activities.map((activity) => ({
        id: activity.id,
        texts: activity.texts as Localized,
        originalLang: activity.originalLang,
        status: activity.status,
        visit: activity.visit ? { ...activity.visit, titles: activity.visit.titles as Localized } : null,
        milestone: activity.milestone ? { ...activity.milestone, titles: activity.milestone.titles as Localized } : null,
        category: activity.budgetCategory
          ? {
              id: activity.budgetCategory.id,
              key: activity.budgetCategory.key,
              spendSek: spend.get(activity.budgetCategory.key) ?? "0.00",
              sharedWith: (sharing.get(activity.budgetCategory.id) ?? 1) - 1,
            }
          : null,
      }));
      // The result's cost: each linked category's eligible spend, counted once.
      const keys = [...new Set(activities.flatMap((activity) => (activity.category ? [activity.category.key] : [])))];
      return {
        id: result.id,
        originalLang: result.originalLang,
        statement: result.statement as Localized,
        indicator: result.indicator as Localized,
        baseline: result.baseline as Localized,
        target: result.target as Localized,
        verification: result.verification as Localized,
        activities,
        spendSek: toDecimalString(sum(keys.map((key) => fromDecimalString(spend.get(key) ?? "0")))),
      };
    }),
    risks: risks.map((risk) => ({
      id: risk.id,
      kind: risk.kind,
      originalLang: risk.originalLang,
      texts: risk.texts as Localized,
      mitigation: risk.mitigation as Localized,
    })),
  };
}

/** What an activity may link to: the project's visits, milestones and cost categories. */
export async function matrixChoices(projectId: string) {
  const [visits, milestones, categories] = await Promise.all([
    db.visit.findMany({ where: { projectId }, orderBy: { startDate: "asc" }, select: { id: true, titles: true, originalLang: true } }),
    db.milestone.findMany({ where: { projectId }, orderBy: { dueDate: "asc" }, select: { id: true, titles: true, originalLang: true } }),
    ensureCategories(projectId),
  ]);
  return {
    visits: visits.map((visit) => ({ ...visit, titles: visit.titles as Localized })),
    milestones: milestones.map((milestone) => ({ ...milestone, titles: milestone.titles as Localized })),
    categories: categories.map((category) => ({ id: category.id, key: category.key })),
  };
}

export async function updateGoals(actorId: string, projectId: string, lang: Lang, input: { overallGoal: Texts; projectGoal: Texts }) {
  await db.$transaction(async (tx) => {
    const before = await tx.resultsFramework.findUnique({ where: { projectId } });
    const overallGoal = otherText(before?.overallGoal, input.overallGoal);
    const projectGoal = otherText(before?.projectGoal, input.projectGoal);
    // The goals' original: the overall goal's, else the project goal's; both empty, the writer's.
    const originalLang = (originalOf(overallGoal, before?.originalLang, lang) ?? originalOf(projectGoal, before?.originalLang, lang) ?? lang) as Language;
    await tx.resultsFramework.upsert({
      where: { projectId },
      create: { projectId, overallGoal, projectGoal, originalLang },
      update: { overallGoal, projectGoal, originalLang },
    });
    await audit(
      {
        actorId,
        projectId,
        action: "results.update",
        entityType: "ResultsFramework",
        entityId: projectId,
        data: { lang, before: before ? { overallGoal: before.overallGoal, projectGoal: before.projectGoal } : null, after: { overallGoal, projectGoal } } as Prisma.InputJsonValue,
      },
      tx,
    );
  });
}

async function findResult(tx: Tx, projectId: string, resultId: string) {
  const result = await tx.expectedResult.findFirst({ where: { id: resultId, projectId } });
  if (!result) throw new ResultsError("errors:notFound");
  return result;
}

async function findActivity(tx: Tx, projectId: string, activityId: string) {
  const activity = await tx.resultActivity.findFirst({ where: { id: activityId, result: { projectId } } });
  if (!activity) throw new ResultsError("errors:notFound");
  return activity;
}

async function findRisk(tx: Tx, projectId: string, riskId: string) {
  const risk = await tx.resultRisk.findFirst({ where: { id: riskId, projectId } });
  if (!risk) throw new ResultsError("errors:notFound");
  return risk;
}

const resultKeys = ["statement", "indicator", "baseline", "target", "verification"] as const;

export async function addResult(actorId: string, projectId: string, lang: Lang, input: ResultFields) {
  return db.$transaction(async (tx) => {
    const position = await tx.expectedResult.count({ where: { projectId } });
    const statement = mainText(null, null, input.statement, lang, "statement");
    const result = await tx.expectedResult.create({
      data: {
        projectId,
        position,
        originalLang: statement.original,
        ...Object.fromEntries(resultKeys.map((key) => [key, givenTexts(input[key])])),
        statement: statement.texts,
      } as Prisma.ExpectedResultUncheckedCreateInput,
    });
    await audit({ actorId, projectId, action: "results.result_add", entityType: "ExpectedResult", entityId: result.id, data: { lang, statement: input.statement } }, tx);
    return result;
  });
}

export async function updateResult(actorId: string, projectId: string, resultId: string, lang: Lang, input: ResultFields) {
  await db.$transaction(async (tx) => {
    const result = await findResult(tx, projectId, resultId);
    const statement = mainText(result.statement, result.originalLang, input.statement, lang, "statement");
    const after = { ...Object.fromEntries(resultKeys.map((key) => [key, otherText(result[key], input[key])])), statement: statement.texts };
    await tx.expectedResult.update({ where: { id: resultId }, data: { ...after, originalLang: statement.original } });
    const before = Object.fromEntries(resultKeys.map((key) => [key, result[key]]));
    await audit({ actorId, projectId, action: "results.result_update", entityType: "ExpectedResult", entityId: resultId, data: { lang, before, after } as Prisma.InputJsonValue }, tx);
  });
}

export async function removeResult(actorId: string, projectId: string, resultId: string) {
  await db.$transaction(async (tx) => {
    const result = await findResult(tx, projectId, resultId);
    await tx.expectedResult.delete({ where: { id: resultId } });
    await audit({ actorId, projectId, action: "results.result_remove", entityType: "ExpectedResult", entityId: resultId, data: { statement: result.statement as Prisma.InputJsonValue } }, tx);
  });
}

async function checkLinks(tx: Tx, projectId: string, input: ActivityFields) {
  if (input.visitId && !(await tx.visit.findFirst({ where: { id: input.visitId, projectId } }))) throw new ResultsError("errors:invalid", "visitId");
  if (input.milestoneId && !(await tx.milestone.findFirst({ where: { id: input.milestoneId, projectId } }))) throw new ResultsError("errors:invalid", "milestoneId");
  if (input.budgetCategoryId && !(await tx.costCategory.findFirst({ where: { id: input.budgetCategoryId, projectId } }))) {
    throw new ResultsError("errors:invalid", "budgetCategoryId");
  }
}

const links = (input: ActivityFields) => ({ status: input.status, visitId: input.visitId, milestoneId: input.milestoneId, budgetCategoryId: input.budgetCategoryId });

export async function addActivity(actorId: string, projectId: string, resultId: string, lang: Lang, input: ActivityFields) {
  return db.$transaction(async (tx) => {
    await findResult(tx, projectId, resultId);
    await checkLinks(tx, projectId, input);
    const position = await tx.resultActivity.count({ where: { resultId } });
    const text = mainText(null, null, input.text, lang, "text");
    const activity = await tx.resultActivity.create({ data: { resultId, position, texts: text.texts, originalLang: text.original, ...links(input) } });
    await audit({ actorId, projectId, action: "results.activity_add", entityType: "ResultActivity", entityId: activity.id, data: { lang, resultId, text: input.text, ...links(input) } }, tx);
    return activity;
  });
}

export async function updateActivity(actorId: string, projectId: string, activityId: string, lang: Lang, input: ActivityFields) {
  await db.$transaction(async (tx) => {
    const activity = await findActivity(tx, projectId, activityId);
    await checkLinks(tx, projectId, input);
    const { texts, original } = mainText(activity.texts, activity.originalLang, input.text, lang, "text");
    await tx.resultActivity.update({ where: { id: activityId }, data: { texts, originalLang: original, ...links(input) } });
    const before = { texts: activity.texts, status: activity.status, visitId: activity.visitId, milestoneId: activity.milestoneId, budgetCategoryId: activity.budgetCategoryId };
    await audit(
      { actorId, projectId, action: "results.activity_update", entityType: "ResultActivity", entityId: activityId, data: { lang, before, after: { texts, ...links(input) } } as Prisma.InputJsonValue },
      tx,
    );
  });
}

export async function removeActivity(actorId: string, projectId: string, activityId: string) {
  await db.$transaction(async (tx) => {
    const activity = await findActivity(tx, projectId, activityId);
    await tx.resultActivity.delete({ where: { id: activityId } });
    await audit({ actorId, projectId, action: "results.activity_remove", entityType: "ResultActivity", entityId: activityId, data: { texts: activity.texts as Prisma.InputJsonValue } }, tx);
  });
}

export async function addRisk(actorId: string, projectId: string, lang: Lang, input: RiskFields) {
  return db.$transaction(async (tx) => {
    const position = await tx.resultRisk.count({ where: { projectId } });
    const text = mainText(null, null, input.text, lang, "text");
    const risk = await tx.resultRisk.create({
      data: { projectId, position, kind: input.kind, texts: text.texts, mitigation: givenTexts(input.mitigation), originalLang: text.original },
    });
    await audit({ actorId, projectId, action: "results.risk_add", entityType: "ResultRisk", entityId: risk.id, data: { lang, ...input } }, tx);
    return risk;
  });
}

export async function updateRisk(actorId: string, projectId: string, riskId: string, lang: Lang, input: RiskFields) {
  await db.$transaction(async (tx) => {
    const risk = await findRisk(tx, projectId, riskId);
    const text = mainText(risk.texts, risk.originalLang, input.text, lang, "text");
    const after = { kind: input.kind, texts: text.texts, mitigation: otherText(risk.mitigation, input.mitigation) };
    await tx.resultRisk.update({ where: { id: riskId }, data: { ...after, originalLang: text.original } });
    await audit(
      { actorId, projectId, action: "results.risk_update", entityType: "ResultRisk", entityId: riskId, data: { lang, before: { kind: risk.kind, texts: risk.texts, mitigation: risk.mitigation }, after } as Prisma.InputJsonValue },
      tx,
    );
  });
}

export async function removeRisk(actorId: string, projectId: string, riskId: string) {
  await db.$transaction(async (tx) => {
    const risk = await findRisk(tx, projectId, riskId);
    await tx.resultRisk.delete({ where: { id: riskId } });
    await audit({ actorId, projectId, action: "results.risk_remove", entityType: "ResultRisk", entityId: riskId, data: { texts: risk.texts as Prisma.InputJsonValue } }, tx);
  });
}
