import { audit } from "~/audit/audit.server";
import { accessChanged } from "~/collab/access-changes.server";
import { DomainError } from "~/utils/domain-error";
import { checkPasswordAttempt, TooManyAttempts } from "~/accounts/accounts.server";
import { hashPassword } from "~/auth/password.server";
import { db } from "~/db/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { Language, ProjectRole } from "~/generated/prisma/enums";
import { tFor } from "~/i18n/i18n.server";
import { languages, type Lang } from "~/i18n/languages";
import { pickLocalized, readLocalized } from "~/i18n/localized";
import { organisationName } from "~/projects/organisation-name";
import { isMailConfigured, mailedLink, sendMail, shownLink } from "~/mail/mail.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { reevaluatePendingRounds } from "~/milestones/approvals.server";
import { notify } from "~/notifications/notifications.server";
import { href } from "~/utils/links";

const INVITATION_DAYS = 14;


export class MemberError extends DomainError {}

export async function listMembersAndInvitations(projectId: string) {
  const [memberships, invitations] = await Promise.all([
    db.membership.findMany({
      where: { projectId },
      include: { user: { include: { organisation: true } } },
      orderBy: { user: { name: "asc" } },
    }),
    db.invitation.findMany({
      where: { projectId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  return {
    members: memberships.map((membership) => ({
      id: membership.id,
      userId: membership.userId,
      role: membership.role,
      name: membership.user.name,
      email: membership.user.email,
      organisation: membership.user.organisation ? organisationName(membership.user.organisation) : null,
    })),
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      createdAt: invitation.createdAt.toISOString(),
      expiresAt: invitation.expiresAt.toISOString(),
    })),
  };
}

export type InvitationSent = { link: string; mail: "sent" | "failed" | "not_configured" };

/** A one-time link for the invitee; a new invitation to the same address replaces the open one. */
export async function inviteMember(
  actor: { id: string; name: string },
  projectId: string,
  input: { email: string; role: ProjectRole; organisationId: string | null },
): Promise<InvitationSent> {
  const existingMember = await db.membership.findFirst({ where: { projectId, user: { email: input.email } } });
  if (existingMember) throw new MemberError("errors:alreadyMember");
  if (input.organisationId) {
    const partOfProject = await db.projectOrganisation.findUnique({
      where: { projectId_organisationId: { projectId, organisationId: input.organisationId } },
    });
    if (!partOfProject) throw new MemberError("errors:invalid");
  }

  const token = newToken();
  const { project } = await db.$transaction(async (tx) => {
    await tx.invitation.updateMany({
      where: { projectId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const invitation = await tx.invitation.create({
      data: {
        projectId,
        email: input.email,
        role: input.role,
        organisationId: input.organisationId,
        tokenHash: hashToken(token),
        invitedById: actor.id,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
      },
      include: { project: true },
    });
    await audit(
      { actorId: actor.id, projectId, action: "invitation.create", entityType: "Invitation", entityId: invitation.id, data: { email: input.email, role: input.role } },
      tx,
    );
    // Someone who already has an account also finds the invitation under the bell (accepting
    // still asks for their password).
    const invitee = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, language: true } });
    const notified = invitee
      ? await notify(tx, [invitee.id], {
          kind: "invitation",
          projectId,
          params: { name: actor.name, title: pickLocalized(readLocalized(invitation.project.titles), invitation.project.originalLang, invitee.language).text },
          link: href("/invite/:token", { token }),
        })
      : [];
    return { project: invitation.project, notified };
  });

  const link = shownLink(href("/invite/:token", { token }));
  if (!isMailConfigured()) return { link, mail: "not_configured" };
  const mailed = mailedLink(href("/invite/:token", { token }));
  // The invitee has no language yet: the e-mail carries all three, each with the title in its language.
  const titles = readLocalized(project.titles);
  const titleIn = (lang: Lang) => pickLocalized(titles, project.originalLang, lang).text;
  const text = languages
    .map((lang) => tFor(lang)("projects:inviteMail.body", { inviter: actor.name, project: titleIn(lang), link: mailed, days: INVITATION_DAYS }))
    .join("\n\n———\n\n");
  try {
    await sendMail({ to: input.email, subject: languages.map((lang) => tFor(lang)("projects:inviteMail.subject", { project: titleIn(lang) })).join(" / "), text });
    return { link, mail: "sent" };
  } catch (error) {
    console.error("Could not send the invitation e-mail:", error);
    return { link, mail: "failed" };
  }
}

export async function revokeInvitation(actorId: string, projectId: string, invitationId: string) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, projectId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new MemberError("errors:notFound");
    await audit({ actorId, projectId, action: "invitation.revoke", entityType: "Invitation", entityId: invitationId }, tx);
  });
}

async function ownersLeftWithout(tx: Prisma.TransactionClient, projectId: string, membershipId: string) {
  return tx.membership.count({ where: { projectId, role: "owner", id: { not: membershipId } } });
}

export async function changeRole(actorId: string, projectId: string, membershipId: string, role: ProjectRole) {
  const changed = await db.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({ where: { id: membershipId, projectId } });
    if (!membership) throw new MemberError("errors:notFound");
    if (membership.role === role) return null;
    if (membership.role === "owner" && (await ownersLeftWithout(tx, projectId, membershipId)) === 0) {
      throw new MemberError("errors:lastOwner");
    }
    await tx.membership.update({ where: { id: membershipId }, data: { role } });
    if (membership.role === "steering_group" || role === "steering_group") await reevaluatePendingRounds(tx, projectId, actorId);
    await audit(
      { actorId, projectId, action: "membership.change_role", entityType: "Membership", entityId: membershipId, data: { before: membership.role, after: role, userId: membership.userId } },
      tx,
    );
    return membership.userId;
  });
  // Their open editors follow the new role at once (a viewer's become read-only).
  if (changed) await accessChanged({ userId: changed });
}

export async function removeMember(actorId: string, projectId: string, membershipId: string) {
  const removed = await db.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({ where: { id: membershipId, projectId } });
    if (!membership) throw new MemberError("errors:notFound");
    if (membership.role === "owner" && (await ownersLeftWithout(tx, projectId, membershipId)) === 0) {
      throw new MemberError("errors:lastOwner");
    }
    await tx.membership.delete({ where: { id: membershipId } });
    if (membership.role === "steering_group") await reevaluatePendingRounds(tx, projectId, actorId);
    await audit(
      { actorId, projectId, action: "membership.remove", entityType: "Membership", entityId: membershipId, data: { userId: membership.userId, role: membership.role } },
      tx,
    );
    return membership.userId;
  });
  // Their open editors of this project's texts close now.
  await accessChanged({ userId: removed });
}

/** What the invitee sees before accepting; null when the link is unknown, used, revoked or expired. */
export async function findOpenInvitation(token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { project: true, invitedBy: true, organisation: true },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt < new Date()) return null;
  const existingUser = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    projectId: invitation.projectId,
    projectTitle: { titles: readLocalized(invitation.project.titles), originalLang: invitation.project.originalLang },
    invitedBy: invitation.invitedBy.name,
    organisationId: invitation.organisationId,
    organisationTimeZone: invitation.organisation?.timeZone ?? null,
    hasAccount: existingUser !== null,
  };
}

/**
 * Accepts an invitation once: a new person sets name and password; someone with an account proves
 * it with their password. Returns the user id to sign in.
 */
export async function acceptInvitation(
  token: string,
  input: { kind: "new"; name: string; password: string; language: Language } | { kind: "existing"; password: string; address: string },
): Promise<{ userId: string; projectId: string }> {
  const passwordHash = input.kind === "new" ? await hashPassword(input.password) : null;
  const invitation = await findOpenInvitation(token);
  if (!invitation) throw new MemberError("errors:invitationInvalid");
  if (input.kind === "existing") {
    // A sign-in like any other: the account's limits and lock hold here too.
    const attempt = await checkPasswordAttempt({ email: invitation.email, password: input.password, address: input.address });
    if (!attempt.ok) throw attempt.error === "errors:tooManyAttempts" ? new TooManyAttempts(attempt.minutes) : new MemberError("errors:wrongPassword");
  }
  return db.$transaction(async (tx) => {
    // Claim the invitation first: of two simultaneous acceptances only one gets count 1.
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (count !== 1) throw new MemberError("errors:invitationInvalid");
    let user = await tx.user.findUnique({ where: { email: invitation.email } });
    if (!user) {
      if (input.kind !== "new" || !passwordHash) throw new MemberError("errors:invitationInvalid");
      user = await tx.user.create({
        data: {
          email: invitation.email,
          name: input.name,
          passwordHash,
          language: input.language,
          // They write at least the language they chose to read in; the profile adds others.
          writesLanguages: [input.language],
          organisationId: invitation.organisationId,
          ...(invitation.organisationTimeZone ? { timeZone: invitation.organisationTimeZone } : {}),
        },
      });
      await audit({ actorId: user.id, projectId: invitation.projectId, action: "user.create", entityType: "User", entityId: user.id }, tx);
    }
    await tx.membership.upsert({
      where: { projectId_userId: { projectId: invitation.projectId, userId: user.id } },
      create: { projectId: invitation.projectId, userId: user.id, role: invitation.role },
      update: {},
    });
    await audit(
      { actorId: user.id, projectId: invitation.projectId, action: "invitation.accept", entityType: "Invitation", entityId: invitation.id, data: { role: invitation.role } },
      tx,
    );
    return { userId: user.id, projectId: invitation.projectId };
  });
}
