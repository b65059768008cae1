import { can } from "~/auth/permissions";
import { db } from "~/db/db.server";
import type { ProjectRole } from "~/generated/prisma/enums";

// Who may write on a visit beyond the role table: a delegate only on visits whose delegation they
// belong to (docs/product.md). Closed minutes are read-only for everyone.

export async function isInDelegation(visitId: string, userId: string): Promise<boolean> {
  const participant = await db.visitParticipant.findFirst({ where: { visitId, userId, role: "delegate" }, select: { id: true } });
  return participant !== null;
}

/** Minutes, notes and attachments of a visit and its agenda items. */
export async function canWriteNotes(role: ProjectRole, userId: string, visit: { id: string; minutesClosedAt: Date | string | null }): Promise<boolean> {
  if (visit.minutesClosedAt) return false;
  if (!can(role, "visit:notes")) return false;
  return can(role, "project:edit") || (await isInDelegation(visit.id, userId));
}

export type FindingAccessFacts = { state: "draft" | "shared"; authorId: string | null; visitId: string | null };

/** Drafts are seen by their author, the owner and the project group; shared findings by every member. */
export function canReadFinding(role: ProjectRole, userId: string, finding: FindingAccessFacts): boolean {
  return finding.state === "shared" || finding.authorId === userId || can(role, "finding:readDrafts");
}

/** The owner and project group edit findings; a delegate those from visits they belong to. */
export async function canEditFinding(role: ProjectRole, userId: string, finding: Pick<FindingAccessFacts, "visitId">): Promise<boolean> {
  if (!can(role, "finding:write")) return false;
  if (can(role, "project:edit")) return true;
  return finding.visitId !== null && (await isInDelegation(finding.visitId, userId));
}
