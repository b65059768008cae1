import { db } from "~/db/db.server";
import { purgeRemovedAttachments } from "~/files/attachments.server";
import { removeStaleIncoming } from "~/files/storage.server";
import { tFor } from "~/i18n/i18n.server";
import { formatCalendarDate } from "~/i18n/format";
import { pickLocalized, type Localized } from "~/i18n/localized";
import { isMailConfigured, mailedLink, sendMail } from "~/mail/mail.server";
import { notificationMessage } from "./message";
import { deliver, notify, retryUnsent } from "./notifications.server";
import { href } from "~/utils/links";

// Periodic work: reminders of milestones due soon, the daily digest for those who chose it, and
// purging removed files once they may no longer be restored.
// Each item is claimed with a conditional update before it is sent, so with several app processes
// it still goes out once.

export const DUE_SOON_DAYS = 7;
const DIGEST_HOURS = 23;

export async function remindDueMilestones(now = new Date()) {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const horizon = new Date(today.getTime() + DUE_SOON_DAYS * 86_400_000);
  const due = await db.milestone.findMany({
    where: { dueReminderAt: null, dueDate: { gte: today, lte: horizon }, status: { in: ["planned", "changes_requested", "submitted"] } },
    select: { id: true, projectId: true, titles: true, originalLang: true, dueDate: true, ownerId: true },
  });
  for (const milestone of due) {
    const notified = await db.$transaction(async (tx) => {
      const { count } = await tx.milestone.updateMany({ where: { id: milestone.id, dueReminderAt: null }, data: { dueReminderAt: now } });
      if (count !== 1) return [];
      // The responsible person, or else the project group and owners.
      const recipients = milestone.ownerId
        ? await tx.user.findMany({ where: { id: milestone.ownerId }, select: { id: true, language: true } })
        : (await tx.membership.findMany({ where: { projectId: milestone.projectId, role: { in: ["owner", "project_group"] } }, select: { user: { select: { id: true, language: true } } } })).map(({ user }) => user);
      const ids: string[] = [];
      for (const user of recipients) {
        ids.push(
          ...(await notify(tx, [user.id], {
            kind: "due_soon",
            projectId: milestone.projectId,
            params: {
              title: pickLocalized(milestone.titles as Localized, milestone.originalLang, user.language).text,
              date: formatCalendarDate(milestone.dueDate, user.language),
            },
            link: href("/projects/:projectId/milestones/:milestoneId", { projectId: milestone.projectId, milestoneId: milestone.id }),
          })),
        );
      }
      return ids;
    });
    await deliver(notified);
  }
  return due.length;
}

export async function sendDailyDigests(now = new Date()) {
  if (!isMailConfigured()) return 0;
  const since = new Date(now.getTime() - DIGEST_HOURS * 3_600_000);
  const users = await db.user.findMany({
    where: {
      emailNotifications: "daily",
      OR: [{ lastDigestAt: null }, { lastDigestAt: { lt: since } }],
      notifications: { some: { emailedAt: null, readAt: null } },
    },
    select: { id: true, email: true, language: true, lastDigestAt: true },
  });
  let sent = 0;
  for (const user of users) {
    const { count } = await db.user.updateMany({
      where: { id: user.id, OR: [{ lastDigestAt: null }, { lastDigestAt: { lt: since } }] },
      data: { lastDigestAt: now },
    });
    if (count !== 1) continue;
    const pending = await db.notification.findMany({ where: { userId: user.id, emailedAt: null, readAt: null }, orderBy: { createdAt: "asc" } });
    const t = tFor(user.language);
    const lines = pending.map(
      (notification) => `• ${notificationMessage(t, notification.kind, notification.params as Record<string, string>)}\n  ${mailedLink(notification.link)}`,
    );
    try {
      await sendMail({
        to: user.email,
        subject: t("notifications:digest.subject", { count: pending.length }),
        text: `${lines.join("\n\n")}\n\n${t("notifications:mailFooter")}`,
      });
      await db.notification.updateMany({ where: { id: { in: pending.map((notification) => notification.id) } }, data: { emailedAt: now } });
      sent++;
    } catch (error) {
      // Give the digest back, to be tried at the next run.
      await db.user.update({ where: { id: user.id }, data: { lastDigestAt: user.lastDigestAt } });
      console.error("Could not send a daily digest:", error);
    }
  }
  return sent;
}

export async function runScheduledWork(now = new Date()) {
  await remindDueMilestones(now);
  await sendDailyDigests(now);
  await retryUnsent(now);
  // Removed files past their time to be restored; uploads a stopped process left half-received.
  await purgeRemovedAttachments(now);
  await removeStaleIncoming(new Date(now.getTime() - 86_400_000));
}
