import { audit } from "~/audit/audit.server";
import { hashPassword } from "~/auth/password.server";
import { accessChanged } from "~/collab/access-changes.server";
import { db } from "~/db/db.server";
import { tFor } from "~/i18n/i18n.server";
import { isMailConfigured, mailedLink, sendMail, shownLink } from "~/mail/mail.server";
import { href, withQuery } from "~/utils/links";
import { hashToken, newToken } from "~/utils/tokens.server";

const RESET_HOURS = 24;

const resetPath = (token: string) => withQuery(href("/reset-password"), { token });

async function createReset(userId: string, issuedById: string | null) {
  const token = newToken();
  await db.$transaction(async (tx) => {
    // A new link replaces any open one.
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
    const reset = await tx.passwordReset.create({
      data: { userId, issuedById, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + RESET_HOURS * 3600_000) },
    });
    await audit(
      { actorId: issuedById ?? userId, action: issuedById ? "password_reset.issue" : "password_reset.request", entityType: "User", entityId: userId, data: { resetId: reset.id } },
      tx,
    );
  });
  return token;
}

/**
 * Someone asks for a link by e-mail. The answer never says whether the address has an account;
 * the e-mail goes out in the account holder's language.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  if (!isMailConfigured()) return;
  const user = await db.user.findUnique({ where: { email } });
  if (!user) return;
  // At most one e-mail per five minutes, so the form cannot be used to flood someone's inbox.
  const recent = await db.passwordReset.count({ where: { userId: user.id, createdAt: { gt: new Date(Date.now() - 5 * 60_000) } } });
  if (recent > 0) return;
  const token = await createReset(user.id, null);
  const t = tFor(user.language);
  try {
    await sendMail({
      to: user.email,
      subject: t("auth:resetMail.subject"),
      text: t("auth:resetMail.body", { link: mailedLink(resetPath(token)), hours: RESET_HOURS }),
    });
  } catch (error) {
    console.error("Could not send the password reset e-mail:", error);
  }
}

/** Without e-mail, an owner gives a member of their project a link by hand. */
export async function issuePasswordResetLink(ownerId: string, projectId: string, membershipId: string) {
  const membership = await db.membership.findFirst({ where: { id: membershipId, projectId }, include: { user: true } });
  if (!membership) return null;
  const token = await createReset(membership.userId, ownerId);
  return { link: shownLink(resetPath(token)), name: membership.user.name, hours: RESET_HOURS };
}

export async function findOpenReset(token: string) {
  const reset = await db.passwordReset.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!reset || reset.usedAt || reset.expiresAt < new Date()) return null;
  return { id: reset.id, userId: reset.userId, email: reset.user.email };
}

/** Sets the new password once, and signs the person out everywhere else. */
export async function completePasswordReset(token: string, password: string): Promise<{ userId: string } | null> {
  const reset = await findOpenReset(token);
  if (!reset) return null;
  const passwordHash = await hashPassword(password);
  const done = await db.$transaction(async (tx) => {
    const { count } = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: new Date() } });
    if (count !== 1) return null;
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: reset.userId } });
    await audit({ actorId: reset.userId, action: "password_reset.complete", entityType: "User", entityId: reset.userId }, tx);
    return { userId: reset.userId };
  });
  if (done) await accessChanged({ userId: done.userId });
  return done;
}
