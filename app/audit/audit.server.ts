import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/db/db.server";

export type AuditInput = {
  actorId: string | null;
  projectId?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Prisma.InputJsonValue;
};

type AuditClient = Pick<Prisma.TransactionClient, "auditEvent">;

/** The one way to leave a trace of a state change. Pass the transaction client so both commit together. */
export async function audit(event: AuditInput, client: AuditClient = db) {
  await client.auditEvent.create({
    data: {
      actorId: event.actorId,
      projectId: event.projectId ?? null,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId ?? null,
      data: event.data,
    },
  });
}
