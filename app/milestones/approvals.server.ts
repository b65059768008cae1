import { audit } from "~/audit/audit.server";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { ApprovalRule, DecisionKind, MilestoneStatus, RequestStatus } from "~/generated/prisma/enums";
import type { Lang } from "~/i18n/languages";
import { editLocalized, pickLocalized } from "~/i18n/localized";
import { isUniqueViolation } from "~/utils/domain-error";
import { deliverLater, notify, settleAwaitingNotices, settleNotices } from "~/notifications/notifications.server";
import { href } from "~/utils/links";
import { describeTarget } from "./rounds.server";
import { organisationName, organisationNameSelect } from "~/projects/organisation-name";
import { organisationsWithoutDeciders, ruleIsMet } from "./approval-rule";
import { MilestoneError } from "./milestones.server";

// Submitting and deciding are separate rights (docs/product.md): the project group submits, the
// steering group decides, and only its current members count towards the project's rule.

type Client = Pick<Prisma.TransactionClient, "membership" | "projectOrganisation">;

async function steeringGroup(projectId: string, client: Client = db) {
  const members = await client.membership.findMany({
    where: { projectId, role: "steering_group" },
    select: { userId: true, user: { select: { organisationId: true } } },
  });
  return members.map((member) => ({ userId: member.userId, organisationId: member.user.organisationId }));
}

async function projectOrganisationIds(projectId: string, client: Client = db) {
  const rows = await client.projectOrganisation.findMany({ where: { projectId }, select: { organisationId: true } });
  return rows.map((row) => row.organisationId);
}

/** The approvals among a round's decisions, by people who still have an account. */
function approvalsOf(decisions: { kind: DecisionKind; deciderId: string | null }[]) {
  return decisions.flatMap((decision) => (decision.kind === "approve" && decision.deciderId !== null ? [{ deciderId: decision.deciderId }] : []));
}

/** What is submitted: a milestone, a named version of the plan (which can never change), or a budget version. */
export type ApprovalTarget = { milestoneId: string } | { snapshotId: string } | { budgetVersionId: string };

/** A summary or a comment as sent: each language given (undefined: not sent; "": empty). */
type Texts = Partial<Record<Lang, string>>;

export async function submitForApproval(actorId: string, projectId: string, target: ApprovalTarget, input: { summary: Texts; lang: Lang }) {
  try {
    return await submitOnce(actorId, projectId, target, input);
  } catch (error) {
    if (isUniqueViolation(error)) throw new MilestoneError("errors:alreadySubmitted");
    throw error;
  }
}

async function submitOnce(actorId: string, projectId: string, target: ApprovalTarget, input: { summary: Texts; lang: Lang }) {
  const { texts: summary, original: summaryLang } = editLocalized(null, null, input.summary, input.lang);
  if (!summaryLang) throw new MilestoneError("errors:summaryRequired", "summary");
  const { request, notified } = await db.$transaction(async (tx) => {
    let milestone = null;
    let snapshot = null;
    let budgetVersion = null;
    if ("budgetVersionId" in target) {
      budgetVersion = await tx.budgetVersion.findFirst({ where: { id: target.budgetVersionId, projectId }, include: { _count: { select: { lines: true } } } });
      if (!budgetVersion) throw new MilestoneError("errors:notFound");
      if (budgetVersion.status === "submitted") throw new MilestoneError("errors:alreadySubmitted");
      if (budgetVersion.status === "approved" || budgetVersion.status === "superseded") throw new MilestoneError("errors:alreadyApproved");
      if (budgetVersion.status === "rejected") throw new MilestoneError("errors:budgetRejected");
      if (budgetVersion._count.lines === 0) throw new MilestoneError("errors:budgetEmpty");
    } else if ("milestoneId" in target) {
      milestone = await tx.milestone.findFirst({ where: { id: target.milestoneId, projectId } });
      if (!milestone) throw new MilestoneError("errors:notFound");
      // A second click, or a second tab: what is already waiting is not submitted twice.
      if (milestone.status === "submitted") throw new MilestoneError("errors:alreadySubmitted");
      if (milestone.status === "approved") throw new MilestoneError("errors:alreadyApproved");
    } else {
      snapshot = await tx.planSnapshot.findFirst({ where: { id: target.snapshotId, projectId } });
      if (!snapshot) throw new MilestoneError("errors:notFound");
      const open = await tx.approvalRequest.findFirst({ where: { snapshotId: snapshot.id, status: { in: ["pending", "approved"] } } });
      if (open) throw new MilestoneError(open.status === "pending" ? "errors:alreadySubmitted" : "errors:alreadyApproved");
    }
    const project = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { approvalRule: true } });
    const last = await tx.approvalRequest.findFirst({ where: target, orderBy: { round: "desc" } });
    const request = await tx.approvalRequest.create({
      data: {
        projectId,
        ...target,
        round: (last?.round ?? 0) + 1,
        summary,
        summaryLang,
        rule: project.approvalRule,
        submittedById: actorId,
      },
    });
    if (milestone) {
      await tx.milestone.update({ where: { id: milestone.id }, data: { status: "submitted" } });
      // Its "due soon" reminders are done: what was due is with the steering group (decision 026).
      await settleNotices(tx, { kind: "due_soon", projectId, link: href("/projects/:projectId/milestones/:milestoneId", { projectId, milestoneId: milestone.id }) });
    }
    // What the steering group decides on is locked until they have decided.
    if (budgetVersion) await tx.budgetVersion.update({ where: { id: budgetVersion.id }, data: { status: "submitted" } });
    await audit(
      { actorId, projectId, action: "approval.submit", entityType: "ApprovalRequest", entityId: request.id, data: { ...target, round: request.round, rule: request.rule } },
      tx,
    );
    // Each steering-group member is asked, with the title in their own language where it exists.
    const [deciders, submitter] = await Promise.all([
      tx.membership.findMany({ where: { projectId, role: "steering_group" }, select: { user: { select: { id: true, language: true } } } }),
      tx.user.findUniqueOrThrow({ where: { id: actorId }, select: { name: true } }),
    ]);
    const about = describeTarget({ milestone, snapshot, budgetVersion }, projectId);
    const notified: string[] = [];
    for (const { user } of deciders) {
      notified.push(
        ...(await notify(tx, [user.id], {
          kind: "awaiting_decision",
          projectId,
          params: { name: submitter.name, title: about.title(user.language), detail: pickLocalized(summary, summaryLang, user.language).text },
          link: about.link,
        })),
      );
    }
    return { request, notified };
  });
  await deliverLater(notified);
  return request;
}

/**
 * A decided budget version: approved, it comes into force and the one it replaces is kept as
 * superseded; sent back, it can be changed and submitted again; rejected, it stays as it was.
 */
async function settleBudgetVersion(tx: Prisma.TransactionClient, versionId: string, status: RequestStatus) {
  if (status === "pending") return;
  if (status === "approved") {
    const version = await tx.budgetVersion.findUniqueOrThrow({ where: { id: versionId } });
    await tx.budgetVersion.updateMany({ where: { projectId: version.projectId, status: "approved" }, data: { status: "superseded" } });
    await tx.budgetVersion.update({ where: { id: versionId }, data: { status: "approved", approvedAt: new Date() } });
  } else {
    await tx.budgetVersion.update({ where: { id: versionId }, data: { status: status === "changes_requested" ? "changes_requested" : "rejected" } });
  }
}

const outcome: Record<Exclude<DecisionKind, "approve">, { request: RequestStatus; milestone: MilestoneStatus }> = {
  request_changes: { request: "changes_requested", milestone: "changes_requested" },
  reject: { request: "rejected", milestone: "rejected" },
};

/**
 * A steering-group member decides on a pending round. A change request or a rejection sends it
 * back at once; approvals decide it when the project's rule is met. Decisions are never changed.
 */
export async function decide(
  actor: { id: string; organisationId: string | null },
  projectId: string,
  requestId: string,
  input: { kind: DecisionKind; comment: Texts; lang: Lang },
) {
  const [group, organisations] = await Promise.all([steeringGroup(projectId), projectOrganisationIds(projectId)]);
  if (!group.some((member) => member.userId === actor.id)) throw new MilestoneError("errors:forbidden");
  try {
    return await decideOnce(actor, projectId, requestId, input, group, organisations);
  } catch (error) {
    if (isUniqueViolation(error)) throw new MilestoneError("errors:alreadyDecidedByYou");
    throw error;
  }
}

async function decideOnce(
  actor: { id: string; organisationId: string | null },
  projectId: string,
  requestId: string,
  input: { kind: DecisionKind; comment: Texts; lang: Lang },
  group: { userId: string; organisationId: string | null }[],
  organisations: string[],
) {
  const { status, notified } = await db.$transaction(async (tx) => {
    const request = await tx.approvalRequest.findFirst({ where: { id: requestId, projectId }, include: { decisions: true, milestone: true, snapshot: true, budgetVersion: true } });
    if (!request) throw new MilestoneError("errors:notFound");
    if (request.status !== "pending") throw new MilestoneError("errors:alreadyDecided");
    if (request.decisions.some((decision) => decision.deciderId === actor.id)) throw new MilestoneError("errors:alreadyDecidedByYou");
    const { texts: comment, original } = editLocalized(null, null, input.comment, input.lang);
    if (input.kind !== "approve" && !original) throw new MilestoneError("errors:commentRequired", "comment");
    // Nothing said: the decider's language stands as the (empty) comment's.
    const commentLang = original ?? input.lang;
    const decision = await tx.decision.create({
      data: { requestId, deciderId: actor.id, organisationId: actor.organisationId, kind: input.kind, comment, commentLang },
    });
    let status: RequestStatus = "pending";
    let milestoneStatus: MilestoneStatus | null = null;
    if (input.kind !== "approve") {
      status = outcome[input.kind].request;
      milestoneStatus = outcome[input.kind].milestone;
    } else {
      if (ruleIsMet(request.rule, approvalsOf([...request.decisions, decision]), group, organisations)) {
        status = "approved";
        milestoneStatus = "approved";
      }
    }
    if (status !== "pending") {
      // Only a pending round changes state: a concurrent decision that got here first wins.
      const { count } = await tx.approvalRequest.updateMany({ where: { id: requestId, status: "pending" }, data: { status, decidedAt: new Date() } });
      if (count !== 1) throw new MilestoneError("errors:alreadyDecided");
      if (request.milestoneId && milestoneStatus) await tx.milestone.update({ where: { id: request.milestoneId }, data: { status: milestoneStatus } });
      if (request.budgetVersionId) await settleBudgetVersion(tx, request.budgetVersionId, status);
    }
    await audit(
      { actorId: actor.id, projectId, action: `approval.${input.kind}`, entityType: "ApprovalRequest", entityId: requestId, data: { round: request.round, status } },
      tx,
    );
    // The decider's "awaiting your decision" is done; once the round is decided, everyone's is.
    const about = describeTarget(request, projectId);
    await settleAwaitingNotices(tx, projectId, about.link, status === "pending" ? actor.id : undefined);
    // Whoever submitted hears of every decision on their request.
    let notified: string[] = [];
    if (request.submittedById) {
      const [submitter, decider] = await Promise.all([
        tx.user.findUnique({ where: { id: request.submittedById }, select: { language: true } }),
        tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true } }),
      ]);
      notified = await notify(tx, [request.submittedById], {
        kind: "decision",
        projectId,
        params: { name: decider.name, title: about.title(submitter?.language ?? "en"), decision: input.kind, detail: pickLocalized(comment, commentLang, submitter?.language ?? "en").text },
        link: about.link,
      });
    }
    return { status, notified };
  });
  await deliverLater(notified);
  return { status };
}

export async function setApprovalRule(actorId: string, projectId: string, rule: ApprovalRule) {
  await db.$transaction(async (tx) => {
    const before = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { approvalRule: true } });
    await tx.project.update({ where: { id: projectId }, data: { approvalRule: rule } });
    await audit({ actorId, projectId, action: "project.set_approval_rule", entityType: "Project", entityId: projectId, data: { before: before.approvalRule, after: rule } }, tx);
  });
}

/** The rule, and the organisations whose approval "each organisation" could not get today. */
export async function approvalSettings(projectId: string) {
  const [project, group, organisations] = await Promise.all([
    db.project.findUniqueOrThrow({ where: { id: projectId }, select: { approvalRule: true, organisations: { select: { organisation: { select: organisationNameSelect } } } } }),
    steeringGroup(projectId),
    projectOrganisationIds(projectId),
  ]);
  const missing = organisationsWithoutDeciders(group, organisations);
  return {
    approvalRule: project.approvalRule,
    withoutDeciders: project.organisations.filter(({ organisation }) => missing.includes(organisation.id)).map(({ organisation }) => organisationName(organisation)),
  };
}

export type ApprovalAction = { intent: "submit"; summary: Texts } | { intent: "decide"; requestId: string; kind: DecisionKind; comment: Texts };

/** The submit and decide forms of a milestone's or a plan version's page. */
export async function runApprovalAction(
  actor: { id: string; organisationId: string | null },
  projectId: string,
  target: ApprovalTarget,
  input: ApprovalAction,
  lang: Lang,
) {
  if (input.intent === "submit") await submitForApproval(actor.id, projectId, target, { summary: input.summary, lang });
  else await decide(actor, projectId, input.requestId, { kind: input.kind, comment: input.comment, lang });
}

/**
 * After the steering group changed (a member removed or given another role), pending rounds are
 * judged again with the members who count now: a majority may have been reached by the change.
 * A round that can no longer be met stays pending for the others to decide.
 */
export async function reevaluatePendingRounds(tx: Prisma.TransactionClient, projectId: string, actorId: string) {
  const [group, organisations, pending] = await Promise.all([
    steeringGroup(projectId, tx),
    projectOrganisationIds(projectId, tx),
    tx.approvalRequest.findMany({ where: { projectId, status: "pending" }, include: { decisions: true, milestone: true, snapshot: true, budgetVersion: true } }),
  ]);
  for (const request of pending) {
    if (!ruleIsMet(request.rule, approvalsOf(request.decisions), group, organisations)) continue;
    await tx.approvalRequest.update({ where: { id: request.id }, data: { status: "approved", decidedAt: new Date() } });
    if (request.milestoneId) await tx.milestone.update({ where: { id: request.milestoneId }, data: { status: "approved" } });
    if (request.budgetVersionId) await settleBudgetVersion(tx, request.budgetVersionId, "approved");
    await settleAwaitingNotices(tx, projectId, describeTarget(request, projectId).link);
    await audit({ actorId, projectId, action: "approval.approved_after_membership_change", entityType: "ApprovalRequest", entityId: request.id, data: { round: request.round } }, tx);
  }
}
