import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { deliverLater, notify, settleNotices } from "~/notifications/notifications.server";
import type { ProjectRole } from "~/generated/prisma/enums";
import type { Lang } from "~/i18n/languages";
import { editLocalized, pickLocalized, readLocalized, type Localized } from "~/i18n/localized";
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

/** A comment's body as sent: each language given (its writer's first; "" or undefined: none). */
export type CommentBody = Partial<Record<Lang, string>>;
export type CommentView = { id: string; author: string; authorId: string | null; body: Localized; bodyLang: Lang; createdAt: string };
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

/** Who is @mentioned: members whose name follows an @ in the text, in any of its languages. */
async function findMentions(projectId: string, body: Localized) {
  const members = await db.membership.findMany({ where: { projectId }, select: { user: { select: { id: true, name: true } } } });
  const texts = Object.values(body);
  return members.filter(({ user }) => texts.some((text) => text.includes(`@${user.name}`))).map(({ user }) => user.id);
}

/** The body as stored: the languages given and the writer's (the original); refused when none is given. */
function bodyOf(sent: CommentBody, writerLang: Lang) {
  const { texts, original } = editLocalized(null, null, sent, writerLang);
  if (!original) throw new PlanError("errors:required", "body");
  return { body: texts, bodyLang: original };
}

/** Owners and the project group resolve any thread; other commenters only their own. */
function mayResolve(role: ProjectRole, userId: string, authorId: string | null) {
  if (can(role, "plan:edit")) return true;
  return can(role, "comment:write") && authorId === userId;
}

/** A person who opens, answers or resolves the comments of a text has seen their mentions there (decision 026). */
const seeMentions = (tx: Prisma.TransactionClient, userId: string, projectId: string, target: CommentTarget) =>
  settleNotices(tx, { kind: "mention", projectId, link: targetLink(projectId, target), userId });

/** The threads of a text for a reader (who has thereby opened the mentions of them there). */
export async function listThreads(projectId: string, target: CommentTarget, langs: Lang[], viewer: { id: string; role: ProjectRole }): Promise<ThreadView[]> {
  await seeMentions(db, viewer.id, projectId, target);
  const threads = await db.comment.findMany({
    where: { projectId, ...targetWhere(target), lang: { in: langs }, threadId: null },
    orderBy: { createdAt: "asc" },
    include: { author: { select: { name: true } }, replies: { orderBy: { createdAt: "asc" }, include: { author: { select: { name: true } } } } },
  });
  const view = (comment: { id: string; authorId: string | null; author: { name: string } | null; body: unknown; bodyLang: Lang; createdAt: Date }): CommentView => ({
    id: comment.id,
    authorId: comment.authorId,
    author: comment.author?.name ?? "",
    body: readLocalized(comment.body),
    bodyLang: comment.bodyLang,
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
  /** `lang`: the column the passage is on; `writerLang`: the writer's language (the body's original when they wrote in it). */
  input: { lang: Lang; writerLang: Lang; body: CommentBody; quote: string; anchorStart: Uint8Array; anchorEnd: Uint8Array },
) {
  const { body, bodyLang } = bodyOf(input.body, input.writerLang);
  // The caller has checked the reader may see a finding (drafts); here only that it is in the project.
  const exists =
    "sectionId" in target
      ? await db.planSection.findFirst({ where: { id: target.sectionId, projectId, removedAt: null } })
      : await db.finding.findFirst({ where: { id: target.findingId, projectId } });
  if (!exists) throw new PlanError("errors:notFound");
  const mentions = await findMentions(projectId, body);
  const { comment, notified } = await db.$transaction(async (tx) => {
    const comment = await tx.comment.create({
      data: {
        projectId,
        ...targetWhere(target),
        lang: input.lang,
        authorId: actorId,
        body,
        bodyLang,
        quote: input.quote,
        mentions,
        anchorStart: input.anchorStart as Uint8Array<ArrayBuffer>,
        anchorEnd: input.anchorEnd as Uint8Array<ArrayBuffer>,
      },
    });
    await audit({ actorId, projectId, action: "comment.create", entityType: "Comment", entityId: comment.id, data: { ...targetWhere(target), lang: input.lang, mentions } }, tx);
    const notified = await notifyMentions(tx, actorId, projectId, mentions, target, { body, bodyLang });
    await seeMentions(tx, actorId, projectId, target);
    return { comment, notified };
  });
  await reindex("comment", comment.id);
  await deliverLater(notified);
  return comment;
}

/** Each person mentioned hears of it with the comment in their language where it was given. */
async function notifyMentions(tx: Prisma.TransactionClient, actorId: string, projectId: string, mentions: string[], target: CommentTarget, comment: { body: Localized; bodyLang: Lang }) {
  const author = await tx.user.findUniqueOrThrow({ where: { id: actorId }, select: { name: true } });
  const recipients = await tx.user.findMany({ where: { id: { in: mentions.filter((userId) => userId !== actorId) } }, select: { id: true, language: true } });
  const notified: string[] = [];
  for (const user of recipients) {
    const detail = pickLocalized(comment.body, comment.bodyLang, user.language).text;
    notified.push(...(await notify(tx, [user.id], { kind: "mention", projectId, params: { name: author.name, detail }, link: targetLink(projectId, target) })));
  }
  return notified;
}

async function findThread(projectId: string, target: CommentTarget, threadId: string) {
  const thread = await db.comment.findFirst({ where: { id: threadId, projectId, ...targetWhere(target), threadId: null } });
  if (!thread) throw new PlanError("errors:notFound");
  return thread;
}

export async function reply(actorId: string, projectId: string, target: CommentTarget, threadId: string, input: { body: CommentBody; writerLang: Lang }) {
  const thread = await findThread(projectId, target, threadId);
  const { body, bodyLang } = bodyOf(input.body, input.writerLang);
  const mentions = await findMentions(projectId, body);
  const { comment, notified } = await db.$transaction(async (tx) => {
    const comment = await tx.comment.create({
      data: { projectId, sectionId: thread.sectionId, findingId: thread.findingId, lang: thread.lang, threadId: thread.id, authorId: actorId, body, bodyLang, mentions },
    });
    await audit({ actorId, projectId, action: "comment.reply", entityType: "Comment", entityId: comment.id, data: { threadId, mentions } }, tx);
    await seeMentions(tx, actorId, projectId, target);
    return { comment, notified: await notifyMentions(tx, actorId, projectId, mentions, target, { body, bodyLang }) };
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
    await seeMentions(tx, actor.id, projectId, target);
  });
}

export async function listMentionable(projectId: string) {
  const members = await db.membership.findMany({ where: { projectId }, select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } });
  return members.map(({ user }) => user);
}
