import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { deliverLater, notify } from "~/notifications/notifications.server";
import type { ProjectRole } from "~/generated/prisma/enums";
import type { Lang } from "~/i18n/languages";
import { reindex } from "~/search/search.server";
import { PlanError } from "./plan.server";
import { href } from "~/utils/links";

/** What a thread is on: a plan section's text, or a finding's. */
export type CommentTarget = { sectionId: string } | { findingId: string };

const targetWhere = (target: CommentTarget) => ("sectionId" in target ? { sectionId: target.sectionId } : { findingId: target.findingId });
const targetLink = (projectId: string, target: CommentTarget) =>
  "sectionId" in target
    ? href("/projects/:projectId/plan/:sectionId", { projectId, sectionId: target.sectionId })
    : href("/projects/:projectId/findings/:findingId", { projectId, findingId: target.findingId });

export type CommentView = { id: string; author: string; authorId: string | null; body: string; createdAt: string };
export type ThreadView = CommentView & {
  lang: Lang;
  quote: string;
  anchorStart: string | null;
  anchorEnd: string | null;
  resolved: boolean;
  replies: CommentView[];
  canResolve: boolean;
};

const toBase64 = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes).toString("base64") : null);

/** Who is @mentioned: members whose name follows an @ in the text. */
async function findMentions(projectId: string, body: string) {
  const members = await db.membership.findMany({ where: { projectId }, select: { user: { select: { id: true, name: true } } } });
  return members.filter(({ user }) => body.includes(`@${user.name}`)).map(({ user }) => user.id);
}

/** Owners and the project group resolve any thread; other commenters only their own. */
function mayResolve(role: ProjectRole, userId: string, authorId: string | null) {
  if (can(role, "plan:edit")) return true;
  return can(role, "comment:write") && authorId === userId;
}

export async function listThreads(projectId: string, target: CommentTarget, langs: Lang[], viewer: { id: string; role: ProjectRole }): Promise<ThreadView[]> {
  const threads = await db.comment.findMany({
    where: { projectId, ...targetWhere(target), lang: { in: langs }, threadId: null },
    orderBy: { createdAt: "asc" },
    include: { author: { select: { name: true } }, replies: { orderBy: { createdAt: "asc" }, include: { author: { select: { name: true } } } } },
  });
  const view = (comment: { id: string; authorId: string | null; author: { name: string } | null; body: string; createdAt: Date }): CommentView => ({
    id: comment.id,
    authorId: comment.authorId,
    author: comment.author?.name ?? "",
    body: comment.body,
    createdAt: comment.createdAt.toISOString(),
  });
  return threads.map((thread) => ({
    ...view(thread),
    lang: thread.lang,
    quote: thread.quote,
    anchorStart: toBase64(thread.anchorStart),
    anchorEnd: toBase64(thread.anchorEnd),
    resolved: thread.resolvedAt !== null,
    replies: thread.replies.map(view),
    canResolve: mayResolve(viewer.role, viewer.id, thread.authorId),
  }));
}

export async function startThread(
  actorId: string,
  projectId: string,
  target: CommentTarget,
  input: { lang: Lang; body: string; quote: string; anchorStart: Uint8Array; anchorEnd: Uint8Array },
) {
  // The caller has checked the reader may see a finding (drafts); here only that it is in the project.
  const exists =
    "sectionId" in target
      ? await db.planSection.findFirst({ where: { id: target.sectionId, projectId, removedAt: null } })
      : await db.finding.findFirst({ where: { id: target.findingId, projectId } });
  if (!exists) throw new PlanError("errors:notFound");
  const mentions = await findMentions(projectId, input.body);
  const { comment, notified } = await db.$transaction(async (tx) => {
    const comment = await tx.comment.create({
      data: {
        projectId,
        ...targetWhere(target),
        lang: input.lang,
        authorId: actorId,
        body: input.body,
        quote: input.quote,
        mentions,
        anchorStart: input.anchorStart as Uint8Array<ArrayBuffer>,
        anchorEnd: input.anchorEnd as Uint8Array<ArrayBuffer>,
      },
    });
    await audit({ actorId, projectId, action: "comment.create", entityType: "Comment", entityId: comment.id, data: { ...targetWhere(target), lang: input.lang, mentions } }, tx);
    const notified = await notifyMentions(tx, actorId, projectId, mentions, target, input.body);
    return { comment, notified };
  });
  await reindex("comment", comment.id);
  await deliverLater(notified);
  return comment;
}

async function notifyMentions(tx: Prisma.TransactionClient, actorId: string, projectId: string, mentions: string[], target: CommentTarget, body: string) {
  const author = await tx.user.findUniqueOrThrow({ where: { id: actorId }, select: { name: true } });
  return notify(
    tx,
    mentions.filter((userId) => userId !== actorId),
    { kind: "mention", projectId, params: { name: author.name, detail: body }, link: targetLink(projectId, target) },
  );
}

async function findThread(projectId: string, target: CommentTarget, threadId: string) {
  const thread = await db.comment.findFirst({ where: { id: threadId, projectId, ...targetWhere(target), threadId: null } });
  if (!thread) throw new PlanError("errors:notFound");
  return thread;
}

export async function reply(actorId: string, projectId: string, target: CommentTarget, threadId: string, body: string) {
  const thread = await findThread(projectId, target, threadId);
  const mentions = await findMentions(projectId, body);
  const { comment, notified } = await db.$transaction(async (tx) => {
    const comment = await tx.comment.create({
      data: { projectId, sectionId: thread.sectionId, findingId: thread.findingId, lang: thread.lang, threadId: thread.id, authorId: actorId, body, mentions },
    });
    await audit({ actorId, projectId, action: "comment.reply", entityType: "Comment", entityId: comment.id, data: { threadId, mentions } }, tx);
    return { comment, notified: await notifyMentions(tx, actorId, projectId, mentions, target, body) };
  });
  await reindex("comment", comment.id);
  await deliverLater(notified);
}

export async function setResolved(actor: { id: string; role: ProjectRole }, projectId: string, target: CommentTarget, threadId: string, resolved: boolean) {
  const thread = await findThread(projectId, target, threadId);
  if (!mayResolve(actor.role, actor.id, thread.authorId)) throw new PlanError("errors:forbidden");
  await db.$transaction(async (tx) => {
    await tx.comment.update({
      where: { id: thread.id },
      data: resolved ? { resolvedAt: new Date(), resolvedById: actor.id } : { resolvedAt: null, resolvedById: null },
    });
    await audit({ actorId: actor.id, projectId, action: resolved ? "comment.resolve" : "comment.reopen", entityType: "Comment", entityId: thread.id }, tx);
  });
}

export async function listMentionable(projectId: string) {
  const members = await db.membership.findMany({ where: { projectId }, select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } });
  return members.map(({ user }) => user);
}
