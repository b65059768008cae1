import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { activityKindNames } from "./kinds";

// The project's record, read two ways: the activity feed for every member, the full audit log
// (with what changed) for owners.

/** Kinds people filter by, each a set of action prefixes (names as in ./kinds.ts). */
export const activityKinds: Record<(typeof activityKindNames)[number], readonly string[]> = {
  plan: ["plan_section.", "plan_text.", "plan_snapshot.", "glossary."],
  comments: ["comment."],
  milestones: ["milestone.", "approval."],
  members: ["invitation.", "membership.", "password_reset.", "user."],
  project: ["project.", "results."],
  visits: ["visit.", "agenda_item.", "minutes."],
  findings: ["finding.", "finding_tag."],
  budget: ["expense.", "exchange_rate.", "budget.", "cost_category.", "report."],
  files: ["attachment."],
};
export type ActivityKind = (typeof activityKindNames)[number];

export type EventFilter = { kind?: ActivityKind; actorId?: string; from?: Date; to?: Date };

function where(projectId: string, filter: EventFilter): Prisma.AuditEventWhereInput {
  return {
    projectId,
    ...(filter.kind ? { OR: activityKinds[filter.kind].map((prefix) => ({ action: { startsWith: prefix } })) } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
  };
}

export async function listEvents(projectId: string, filter: EventFilter, options: { limit: number; withData: boolean }) {
  const events = await db.auditEvent.findMany({
    where: where(projectId, filter),
    orderBy: { createdAt: "desc" },
    take: options.limit,
    include: { actor: { select: { name: true } } },
  });
  return events.map((event) => ({
    id: event.id,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    actor: event.actor?.name ?? null,
    actorId: event.actorId,
    createdAt: event.createdAt.toISOString(),
    data: options.withData ? JSON.stringify(event.data ?? null) : null,
  }));
}

export async function listActors(projectId: string) {
  const actors = await db.auditEvent.findMany({
    where: { projectId, actorId: { not: null } },
    distinct: ["actorId"],
    select: { actor: { select: { id: true, name: true } } },
  });
  return actors.flatMap(({ actor }) => (actor ? [actor] : [])).sort((a, b) => a.name.localeCompare(b.name));
}

/** "To" is inclusive for people: up to the end of that day. */
export function throughEndOfDay<T extends { to?: Date }>(filter: T): T {
  return { ...filter, to: filter.to ? new Date(filter.to.getTime() + 86_400_000) : undefined };
}
