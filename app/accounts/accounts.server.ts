import { audit } from "~/audit/audit.server";
import { hashPassword, verifyPassword, dummyPasswordHash } from "~/auth/password.server";
import { clearFailedSignIns, recordFailedSignIn, signInBlockedFor } from "~/auth/sign-in-limits.server";
import { db } from "~/db/db.server";
import type { EmailNotifications, Language } from "~/generated/prisma/enums";
import { tFor } from "~/i18n/i18n.server";
import { isMailConfigured, sendMail } from "~/mail/mail.server";

export type SignInResult =
  | { ok: true; userId: string; language: Language }
  | { ok: false; error: "errors:wrongCredentials" }
  | { ok: false; error: "errors:tooManyAttempts"; minutes: number };

export async function signIn(input: { email: string; password: string; address: string }): Promise<SignInResult> {
  const minutes = await signInBlockedFor(input.email, input.address);
  if (minutes !== null) return { ok: false, error: "errors:tooManyAttempts", minutes };

  const user = await db.user.findUnique({ where: { email: input.email } });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid) {
    const { accountLocked } = await recordFailedSignIn(input.email, input.address);
    if (accountLocked && user) await tellAccountHolderOfLock(user);
    return { ok: false, error: "errors:wrongCredentials" };
  }
  await clearFailedSignIns(input.email);
  await audit({ actorId: user.id, action: "auth.sign_in", entityType: "User", entityId: user.id });
  return { ok: true, userId: user.id, language: user.language };
}

/** A guessing script stopped: the account holder learns of it (in-app record; e-mail when configured). */
async function tellAccountHolderOfLock(user: { id: string; email: string; language: Language }) {
  await audit({ actorId: null, action: "auth.locked", entityType: "User", entityId: user.id });
  if (!isMailConfigured()) return;
  const t = tFor(user.language);
  try {
    await sendMail({ to: user.email, subject: t("auth:lockMail.subject"), text: t("auth:lockMail.body") });
  } catch (error) {
    console.error("Could not send the lock notice:", error);
  }
}

export async function updateProfile(
  userId: string,
  input: { name: string; language: Language; timeZone: string; emailNotifications: EmailNotifications },
) {
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, language: true, timeZone: true, emailNotifications: true } });
    // Only these fields: the form's other values (its intent) are no columns of a person.
    const after = { name: input.name, language: input.language, timeZone: input.timeZone, emailNotifications: input.emailNotifications };
    await tx.user.update({ where: { id: userId }, data: after });
    await audit({ actorId: userId, action: "user.update_profile", entityType: "User", entityId: userId, data: { before, after } }, tx);
  });
}

export async function setLanguage(userId: string, language: Language) {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { language } });
    await audit({ actorId: userId, action: "user.set_language", entityType: "User", entityId: userId, data: { language } }, tx);
  });
}

export async function changePassword(
  userId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<{ ok: true } | { ok: false; error: "errors:wrongPassword" }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return { ok: false, error: "errors:wrongPassword" };
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await audit({ actorId: userId, action: "user.change_password", entityType: "User", entityId: userId }, tx);
  });
  return { ok: true };
}

export async function emailSetting(userId: string) {
  return (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { emailNotifications: true } })).emailNotifications;
}
