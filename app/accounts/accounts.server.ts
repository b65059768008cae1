import { audit } from "~/audit/audit.server";
import { hashPassword, verifyPassword, dummyPasswordHash } from "~/auth/password.server";
import { accessChanged } from "~/collab/access-changes.server";
import { clearFailedSignIns, recordFailedSignIn, signInBlockedFor } from "~/auth/sign-in-limits.server";
import { db } from "~/db/db.server";
import type { User } from "~/generated/prisma/client";
import type { EmailNotifications, Language } from "~/generated/prisma/enums";
import { tFor } from "~/i18n/i18n.server";
import { isMailConfigured, sendMail } from "~/mail/mail.server";
import { DomainError } from "~/utils/domain-error";
import { languages } from "~/i18n/languages";
import { writtenLanguages } from "~/translation/request-kinds";

export type PasswordRefusal = { ok: false; error: "errors:wrongCredentials" } | { ok: false; error: "errors:tooManyAttempts"; minutes: number };

export type SignInResult = { ok: true; userId: string; language: Language } | PasswordRefusal;

/**
 * The one check of a password as a sign-in attempt, wherever one is asked (/login, accepting an
 * invitation with an existing account): the same limits and lock, slowed then stopped, the
 * account holder told of a lock, and the sign-in in the audit log.
 */
export async function checkPasswordAttempt(input: { email: string; password: string; address: string }): Promise<{ ok: true; user: User } | PasswordRefusal> {
  const minutes = await signInBlockedFor(input.email, input.address);
  if (minutes !== null) return { ok: false, error: "errors:tooManyAttempts", minutes };

  const user = await db.user.findUnique({ where: { email: input.email } });
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid) {
    const { accountLocked } = await recordFailedSignIn(input.email, input.address, user !== null);
    if (accountLocked && user) await tellAccountHolderOfLock(user);
    return { ok: false, error: "errors:wrongCredentials" };
  }
  await clearFailedSignIns(input.email);
  await audit({ actorId: user.id, action: "auth.sign_in", entityType: "User", entityId: user.id });
  return { ok: true, user };
}

/** For pages other than /login that ask for a password: the account is locked for now. */
export class TooManyAttempts extends DomainError {
  constructor(readonly minutes: number) {
    super("errors:tooManyAttempts");
  }

  override get status() {
    return 429;
  }
}

export async function signIn(input: { email: string; password: string; address: string }): Promise<SignInResult> {
  const attempt = await checkPasswordAttempt(input);
  return attempt.ok ? { ok: true, userId: attempt.user.id, language: attempt.user.language } : attempt;
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
  input: { name: string; language: Language; timeZone: string; emailNotifications: EmailNotifications; writesLanguages: Language[] },
) {
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, language: true, timeZone: true, emailNotifications: true, writesLanguages: true } });
    // Only these fields: the form's other values (its intent) are no columns of a person.
    const after = {
      name: input.name,
      language: input.language,
      timeZone: input.timeZone,
      emailNotifications: input.emailNotifications,
      writesLanguages: languages.filter((lang) => input.writesLanguages.includes(lang)),
    };
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

/**
 * A new password ends every other session of the person (someone who knew the old one is signed
 * out everywhere, their open editors too); the session that changed it stays signed in.
 */
export async function changePassword(
  userId: string,
  currentSessionId: string | null,
  input: { currentPassword: string; newPassword: string },
  address: string,
): Promise<{ ok: true } | { ok: false; error: "errors:wrongPassword" | "errors:tooManyPasswordAttempts" }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  // The current password is asked so that a stolen session cannot take the account: guessing it
  // here counts as failed sign-ins, with the same limits and lock as /login.
  if ((await signInBlockedFor(user.email, address)) !== null) return { ok: false, error: "errors:tooManyPasswordAttempts" };
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    const { accountLocked } = await recordFailedSignIn(user.email, address, true);
    if (accountLocked) await tellAccountHolderOfLock(user);
    return { ok: false, error: "errors:wrongPassword" };
  }
  await clearFailedSignIns(user.email);
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    const { count } = await tx.session.deleteMany({ where: { userId, ...(currentSessionId ? { id: { not: currentSessionId } } : {}) } });
    await audit({ actorId: userId, action: "user.change_password", entityType: "User", entityId: userId, data: { endedSessions: count } }, tx);
    return count;
  });
  if (ended > 0) await accessChanged({ userId });
  return { ok: true };
}

export async function emailSetting(userId: string) {
  return (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { emailNotifications: true } })).emailNotifications;
}

/** The languages the person writes (translation requests in them reach them; decision 020). */
export async function writesLanguagesOf(userId: string) {
  return writtenLanguages(await db.user.findUniqueOrThrow({ where: { id: userId }, select: { writesLanguages: true, language: true } }));
}

/**
 * The partnership's time zones: those of its organisations (Västerås, Jinan), the person's own
 * organisation's first, then in the order the organisations joined. Offered first on the profile.
 */
export async function partnershipTimeZones(organisationId: string | null): Promise<string[]> {
  const organisations = await db.organisation.findMany({ select: { id: true, timeZone: true }, orderBy: [{ createdAt: "asc" }, { key: "asc" }] });
  const own = organisations.filter((organisation) => organisation.id === organisationId);
  return [...new Set([...own, ...organisations].map((organisation) => organisation.timeZone))];
}
