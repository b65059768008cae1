import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { tFor } from "~/i18n/i18n.server";
import type { Lang } from "~/i18n/languages";
import { pickLocalized, readLocalized, type Localized } from "~/i18n/localized";
import { organisationName, organisationNameSelect } from "~/projects/organisation-name";
import { href, withQuery } from "~/utils/links";

/** The title each reader sees, and the page, of what a round is about. */
export function describeTarget(
  request: { milestone: { id: string; titles: unknown; originalLang: Lang } | null; snapshot: { id: string; name: string } | null; budgetVersion?: { number: number } | null },
  projectId: string,
) {
  if (request.milestone) {
    const milestone = request.milestone;
    return {
      title: (lang: Lang) => pickLocalized(milestone.titles as Localized, milestone.originalLang, lang).text,
      link: href("/projects/:projectId/milestones/:milestoneId", { projectId, milestoneId: milestone.id }),
    };
  }
  if (request.budgetVersion) {
    const version = request.budgetVersion;
    return {
      title: (lang: Lang) => tFor(lang)("budget:versionTitle", { number: version.number }),
      link: withQuery(href("/projects/:projectId/budget", { projectId }), { version: version.number }),
    };
  }
  const snapshot = request.snapshot!;
  return { title: () => snapshot.name, link: href("/projects/:projectId/plan/snapshots/:snapshotId", { projectId, snapshotId: snapshot.id }) };
}

/**
 * The pending rounds a person owes a decision on: they are in the project's steering group now and
 * have not decided yet. Read from the rounds themselves, so none is missing (a round seeded or
 * submitted before a notice existed) and none stays once decided.
 */
const awaitingWhere = (userId: string): Prisma.ApprovalRequestWhereInput => ({
  status: "pending",
  project: { memberships: { some: { userId, role: "steering_group" } } },
  decisions: { none: { deciderId: userId } },
});

export function countAwaitingDecision(userId: string) {
  return db.approvalRequest.count({ where: awaitingWhere(userId) });
}

/** What the person is asked to decide, newest first, titled in their language. */
export async function listAwaitingDecision(userId: string, lang: Lang) {
  const requests = await db.approvalRequest.findMany({
    where: awaitingWhere(userId),
    orderBy: { createdAt: "desc" },
    include: {
      milestone: { select: { id: true, titles: true, originalLang: true } },
      snapshot: { select: { id: true, name: true } },
      budgetVersion: { select: { number: true } },
      submittedBy: { select: { name: true } },
      project: { select: { titles: true, originalLang: true } },
    },
  });
  return requests.map((request) => {
    const about = describeTarget(request, request.projectId);
    return {
      id: request.id,
      projectTitle: pickLocalized(readLocalized(request.project.titles), request.project.originalLang, lang).text,
      title: about.title(lang),
      link: about.link,
      submittedBy: request.submittedBy?.name ?? "",
      summary: pickLocalized(readLocalized(request.summary), request.summaryLang, lang).text,
      createdAt: request.createdAt.toISOString(),
    };
  });
}

/** Every round of approval of a milestone or a named plan version, newest first, with who decided what. */
export async function listRounds(projectId: string, target: { milestoneId: string } | { snapshotId: string } | { budgetVersionId: string }) {
  const requests = await db.approvalRequest.findMany({
    where: { projectId, ...target },
    orderBy: { round: "desc" },
    include: {
      submittedBy: { select: { name: true } },
      decisions: { orderBy: { createdAt: "asc" }, include: { decider: { select: { name: true, organisation: { select: organisationNameSelect } } } } },
    },
  });
  return requests.map((request) => ({
    id: request.id,
    round: request.round,
    summary: readLocalized(request.summary),
    summaryLang: request.summaryLang,
    rule: request.rule,
    status: request.status,
    submittedBy: request.submittedBy?.name ?? null,
    createdAt: request.createdAt.toISOString(),
    decidedAt: request.decidedAt?.toISOString() ?? null,
    decisions: request.decisions.map((decision) => ({
      id: decision.id,
      deciderId: decision.deciderId,
      decider: decision.decider?.name ?? null,
      organisation: decision.decider?.organisation ? organisationName(decision.decider.organisation) : null,
      kind: decision.kind,
      comment: readLocalized(decision.comment),
      commentLang: decision.commentLang,
      createdAt: decision.createdAt.toISOString(),
    })),
  }));
}

export type Round = Awaited<ReturnType<typeof listRounds>>[number];
