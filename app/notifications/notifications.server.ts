import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { NotificationKind } from "~/generated/prisma/enums";
import { tFor } from "~/i18n/i18n.server";
import { enqueue } from "~/jobs/queue.server";
import { isMailConfigured, mailedLink, sendMail } from "~/mail/mail.server";
import { countAgendaForBell } from "~/home/agenda.server";
import { notificationMessage } from "./message";

export type NotificationInput = {
  kind: NotificationKind;
  projectId: string | null;
  /** Values for the message (names, titles), written into the reader's language when shown. */
  params: Record<string, string>;
  link: string;
};

/**
 * Records notifications in the same transaction as the event they tell of, so neither exists
 * without the other. Returns their ids for `deliver` after the transaction commits.
 */
export async function notify(tx: Prisma.TransactionClient, userIds: string[], input: NotificationInput): Promise<string[]> {
  const recipients = [...new Set(userIds)];
  const created = await Promise.all(
    recipients.map((userId) => tx.notification.create({ data: { userId, ...input, params: input.params }, select: { id: true } })),
  );
  return created.map((notification) => notification.id);
}

/** Queues the e-mails of notifications just recorded (after their transaction has committed). */
export async function deliverLater(notificationIds: string[]) {
  if (!isMailConfigured() || notificationIds.length === 0) return;
  await enqueue({ name: "deliver-notifications", data: { notificationIds } });
}

/**
 * E-mails what was just recorded to those who want each event by e-mail, in their language. Each
 * is claimed before it is sent, so it goes out once; a failure gives the claim back for the next
 * scheduled run (retryUnsent), and the in-app notification stands either way.
 */
export async function deliver(notificationIds: string[]): Promise<{ sent: number; failed: number }> {
  const result = { sent: 0, failed: 0 };
  if (!isMailConfigured() || notificationIds.length === 0) return result;
  const notifications = await db.notification.findMany({
    where: { id: { in: notificationIds }, emailedAt: null, user: { emailNotifications: "each" } },
    include: { user: { select: { email: true, language: true } } },
  });
  for (const notification of notifications) {
    const t = tFor(notification.user.language);
    const params = notification.params as Record<string, string>;
    const message = notificationMessage(t, notification.kind, params);
    const { count } = await db.notification.updateMany({ where: { id: notification.id, emailedAt: null }, data: { emailedAt: new Date() } });
    if (count !== 1) continue;
    try {
      await sendMail({
        to: notification.user.email,
        subject: message,
        text: `${message}\n\n${params.detail ? `${params.detail}\n\n` : ""}${mailedLink(notification.link)}\n\n${t("notifications:mailFooter")}`,
      });
      result.sent++;
    } catch (error) {
      await db.notification.update({ where: { id: notification.id }, data: { emailedAt: null } });
      result.failed++;
      console.error("Could not e-mail a notification (it is tried again later):", error);
    }
  }
  return result;
}

/**
 * Notices that tell of something to be done: what they are about is in the person's agenda
 * (app/home/agenda.server.ts, decision 026) while it is owed, and the act marks them read.
 */
export const agendaNoticeKinds = ["awaiting_decision", "translation_request", "due_soon", "mention"] as const satisfies readonly NotificationKind[];
const informationKinds = (["decision", "invitation", "translation_done"] as const satisfies readonly NotificationKind[]).filter(
  (kind) => !(agendaNoticeKinds as readonly string[]).includes(kind),
);

/**
 * What the bell needs of a person, read with their session in one statement (auth/session.server):
 * their unread notices that only inform, and whether they belong to any project (only then can
 * anything await them).
 */
export const bellSelect = {
  _count: {
    select: {
      notifications: { where: { readAt: null, kind: { in: informationKinds } } },
      memberships: true,
    },
  },
} satisfies Prisma.UserSelect;

export type BellCounts = { notifications: number; memberships: number };

/**
 * What the bell counts: each thing that awaits the person (their agenda: decisions, translations,
 * milestones, minutes, mentions — counted from the things, so none counts twice or lingers once
 * done) and their unread notices that only inform (a decision taken, an invitation, a translation done).
 */
export async function unreadCount(userId: string, counts?: BellCounts) {
  const own = counts ?? (await db.user.findUniqueOrThrow({ where: { id: userId }, select: bellSelect }))._count;
  return own.notifications + (own.memberships > 0 ? await countAgendaForBell(userId) : 0);
}

/**
 * Marks "awaiting your decision" notices about one thing done: the decider's when they decide, and
 * everyone's (no `userId`) when the round is decided.
 */
export async function settleAwaitingNotices(tx: Prisma.TransactionClient, projectId: string, link: string, userId?: string) {
  await tx.notification.updateMany({
    where: { kind: "awaiting_decision", projectId, link, readAt: null, ...(userId ? { userId } : {}) },
    data: { readAt: new Date() },
  });
}

/**
 * Marks unread notices about one place done because what they asked for was done (decision 026):
 * the person's own (`userId`), or everyone's when the thing itself is settled. `language` narrows
 * translation requests to the language that was done.
 */
export async function settleNotices(
  tx: Prisma.TransactionClient,
  about: { kind: (typeof agendaNoticeKinds)[number]; projectId: string; link: string; userId?: string; language?: string },
) {
  await tx.notification.updateMany({
    where: {
      kind: about.kind,
      projectId: about.projectId,
      link: about.link,
      readAt: null,
      ...(about.userId ? { userId: about.userId } : {}),
      ...(about.language ? { params: { path: ["language"], equals: about.language } } : {}),
    },
    data: { readAt: new Date() },
  });
}

export async function listNotifications(userId: string) {
  const notifications = await db.notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: 200 });
  return notifications.map((notification) => ({
    id: notification.id,
    kind: notification.kind,
    params: notification.params as Record<string, string>,
    link: notification.link,
    createdAt: notification.createdAt.toISOString(),
    read: notification.readAt !== null,
  }));
}

export async function markRead(userId: string, notificationId: string | "all") {
  await db.notification.updateMany({
    where: { userId, readAt: null, ...(notificationId === "all" ? {} : { id: notificationId }) },
    data: { readAt: new Date() },
  });
}

/** E-mails that could not be sent when their event happened (SMTP down), from the last two days. */
export async function retryUnsent(now = new Date()) {
  const unsent = await db.notification.findMany({
    where: { emailedAt: null, readAt: null, user: { emailNotifications: "each" }, createdAt: { gt: new Date(now.getTime() - 2 * 86_400_000), lt: new Date(now.getTime() - 60_000) } },
    select: { id: true },
  });
  await deliver(unsent.map((notification) => notification.id));
}
