import { db } from "~/db/db.server";

/** Every round of approval of a milestone or a named plan version, newest first, with who decided what. */
export async function listRounds(projectId: string, target: { milestoneId: string } | { snapshotId: string } | { budgetVersionId: string }) {
  const requests = await db.approvalRequest.findMany({
    where: { projectId, ...target },
    orderBy: { round: "desc" },
    include: {
      submittedBy: { select: { name: true } },
      decisions: { orderBy: { createdAt: "asc" }, include: { decider: { select: { name: true, organisation: { select: { name: true } } } } } },
    },
  });
  return requests.map((request) => ({
    id: request.id,
    round: request.round,
    summary: request.summary,
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
      organisation: decision.decider?.organisation?.name ?? null,
      kind: decision.kind,
      comment: decision.comment,
      commentLang: decision.commentLang,
      createdAt: decision.createdAt.toISOString(),
    })),
  }));
}

export type Round = Awaited<ReturnType<typeof listRounds>>[number];
