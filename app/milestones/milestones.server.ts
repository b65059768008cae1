import { audit } from "~/audit/audit.server";
import { db } from "~/db/db.server";
import type { Lang } from "~/i18n/languages";
import { editLocalized, givenTexts, mergeLocalized, readLocalized } from "~/i18n/localized";
import { DomainError } from "~/utils/domain-error";
import type { PartnerTimeZone } from "~/utils/time-zones";
import { isSkippedWallTime, wallTimeToInstant } from "~/utils/time-zones.server";
import { reindex } from "~/search/search.server";
import type { Prisma } from "~/generated/prisma/client";
import type { MilestoneStatus } from "~/generated/prisma/enums";
import { deliverLater } from "~/notifications/notifications.server";
import { completeLanguages, completeTranslationRequests } from "~/translation/requests.server";
import { listRounds } from "./rounds.server";
import { rememberShortText } from "~/translation/memory.server";

export class MilestoneError extends DomainError {}

export type MilestoneInput = {
  /** Each language given (undefined: not sent, kept; "": removed). */
  title: Partial<Record<Lang, string>>;
  description: Partial<Record<Lang, string>>;
  /** The writer's language: a new text's original when they wrote in it. */
  lang: Lang;
  dueDate: Date;
  /** The steering-group meeting, on the clock of meetingZone. */
  meetingTime: string | null;
  meetingZone: PartnerTimeZone;
  ownerId: string | null;
  sectionIds: string[];
};

function meetingAt(input: MilestoneInput): Date | null {
  if (!input.meetingTime) return null;
  if (isSkippedWallTime(input.meetingTime, input.meetingZone)) throw new MilestoneError("errors:timeSkipped", "meetingTime");
  const instant = wallTimeToInstant(input.meetingTime, input.meetingZone);
  if (!instant) throw new MilestoneError("errors:dateTime", "meetingTime");
  return instant;
}

/** Months after the project's end in which a milestone may still fall due: the final report comes after it. */
export const MILESTONE_MONTHS_AFTER_END = 6;

async function checkReferences(projectId: string, input: Pick<MilestoneInput, "ownerId" | "sectionIds" | "dueDate">) {
  // A milestone belongs to the project period; a date years away (1900, 9999) is a typo.
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { startDate: true, endDate: true } });
  const latest = new Date(project.endDate);
  latest.setUTCMonth(latest.getUTCMonth() + MILESTONE_MONTHS_AFTER_END);
  if (input.dueDate < project.startDate || input.dueDate > latest) throw new MilestoneError("errors:milestoneOutsidePeriod", "dueDate");
  if (input.ownerId) {
    const member = await db.membership.findUnique({ where: { projectId_userId: { projectId, userId: input.ownerId } } });
    if (!member) throw new MilestoneError("errors:invalid", "ownerId");
  }
  const sections = await db.planSection.count({ where: { id: { in: input.sectionIds }, projectId, removedAt: null } });
  if (sections !== new Set(input.sectionIds).size) throw new MilestoneError("errors:invalid", "sectionIds");
}

/** A project's milestones, by due date (soonest first, or latest first), of one status or owner when asked. */
export async function listMilestones(projectId: string, options: { status?: MilestoneStatus | "overdue"; ownerId?: string; sort?: "due" | "latest" } = {}) {
  const today = new Date(new Date().toISOString().slice(0, 10));
  const status =
    options.status === "overdue"
      ? { status: { notIn: ["approved", "rejected"] as MilestoneStatus[] }, dueDate: { lt: today } }
      : options.status
        ? { status: options.status }
        : {};
  const milestones = await db.milestone.findMany({
    where: { projectId, ...status, ...(options.ownerId ? { ownerId: options.ownerId } : {}) },
    orderBy: [{ dueDate: options.sort === "latest" ? "desc" : "asc" }, { createdAt: "asc" }],
    include: { owner: { select: { name: true } }, sections: { select: { sectionId: true } } },
  });
  return milestones.map((milestone) => ({
    id: milestone.id,
    titles: readLocalized(milestone.titles),
    originalLang: milestone.originalLang,
    dueDate: milestone.dueDate.toISOString(),
    meetingAt: milestone.meetingAt?.toISOString() ?? null,
    status: milestone.status,
    owner: milestone.owner?.name ?? null,
    sectionIds: milestone.sections.map((section) => section.sectionId),
  }));
}

export async function getMilestone(projectId: string, milestoneId: string) {
  const milestone = await db.milestone.findFirst({
    where: { id: milestoneId, projectId },
    include: {
      owner: { select: { id: true, name: true } },
      sections: { select: { sectionId: true } },
    },
  });
  if (!milestone) return null;
  return {
    id: milestone.id,
    titles: readLocalized(milestone.titles),
    descriptions: readLocalized(milestone.descriptions),
    originalLang: milestone.originalLang,
    dueDate: milestone.dueDate.toISOString(),
    meetingAt: milestone.meetingAt?.toISOString() ?? null,
    status: milestone.status,
    owner: milestone.owner,
    sectionIds: milestone.sections.map((section) => section.sectionId),
    rounds: await listRounds(projectId, { milestoneId }),
  };
}

export async function createMilestone(actorId: string, projectId: string, input: MilestoneInput) {
  await checkReferences(projectId, input);
  const { texts: titles, original: originalLang } = editLocalized(null, null, input.title, input.lang);
  if (!originalLang) throw new MilestoneError("errors:required", "title");
  const created = await db.$transaction(async (tx) => {
    const milestone = await tx.milestone.create({
      data: {
        projectId,
        titles,
        descriptions: givenTexts(input.description),
        originalLang,
        dueDate: input.dueDate,
        meetingAt: meetingAt(input),
        ownerId: input.ownerId,
        sections: { create: [...new Set(input.sectionIds)].map((sectionId) => ({ sectionId })) },
      },
    });
    await audit({ actorId, projectId, action: "milestone.create", entityType: "Milestone", entityId: milestone.id, data: { titles } }, tx);
    await rememberShortText(tx, projectId, actorId, null, { texts: titles, original: originalLang });
    await rememberShortText(tx, projectId, actorId, null, { texts: readLocalized(milestone.descriptions), original: originalLang });
    return milestone;
  });
  await reindex("milestone", created.id);
  return created;
}

/** What an edit of a milestone sets: its texts (languages sent), its date, meeting, owner and sections. */
type MilestoneChange = Pick<MilestoneInput, "title" | "description" | "lang" | "ownerId" | "sectionIds" | "dueDate"> & { meetingAt: Date | null };

type StoredMilestone = Awaited<ReturnType<typeof findForChange>>;
const findForChange = (tx: Prisma.TransactionClient, projectId: string, milestoneId: string) =>
  tx.milestone.findFirst({ where: { id: milestoneId, projectId }, include: { sections: { select: { sectionId: true } } } });

/**
 * The languages sent replace theirs, the others stay as they were. What is waiting for a decision
 * is locked: the deciders decide on what they saw. A translation is no change of content: while
 * the original's title and description, the date, the meeting, the owner and the sections stay as
 * they were, the other languages may be added or changed (decision 020).
 */
async function changeMilestone(actorId: string, projectId: string, milestoneId: string, change: (stored: NonNullable<StoredMilestone>) => MilestoneChange) {
  const notified = await db.$transaction(async (tx) => {
    const milestone = await findForChange(tx, projectId, milestoneId);
    if (!milestone) throw new MilestoneError("errors:notFound");
    const input = change(milestone);
    const { texts: titles, original: originalLang } = editLocalized(milestone.titles, milestone.originalLang, input.title, input.lang);
    if (!originalLang) throw new MilestoneError("errors:required", "title");
    const descriptionsBefore = readLocalized(milestone.descriptions);
    const descriptions = mergeLocalized(descriptionsBefore, input.description);
    if (milestone.status === "submitted") {
      const titlesBefore = readLocalized(milestone.titles);
      const sameSections = (a: string[], b: string[]) => new Set(a).size === new Set(b).size && a.every((id) => b.includes(id));
      const sameContent =
        originalLang === milestone.originalLang &&
        titles[originalLang] === titlesBefore[originalLang] &&
        descriptions[originalLang] === descriptionsBefore[originalLang] &&
        input.dueDate.getTime() === milestone.dueDate.getTime() &&
        (input.meetingAt?.getTime() ?? null) === (milestone.meetingAt?.getTime() ?? null) &&
        input.ownerId === milestone.ownerId &&
        sameSections(input.sectionIds, milestone.sections.map((section) => section.sectionId));
      if (!sameContent) throw new MilestoneError("errors:milestoneLocked");
    }
    await tx.milestone.update({
      where: { id: milestone.id },
      data: {
        titles,
        descriptions,
        originalLang,
        dueDate: input.dueDate,
        meetingAt: input.meetingAt,
        ownerId: input.ownerId,
        sections: { deleteMany: {}, create: [...new Set(input.sectionIds)].map((sectionId) => ({ sectionId })) },
      },
    });
    await rememberShortText(tx, projectId, actorId, { texts: milestone.titles, original: milestone.originalLang }, { texts: titles, original: originalLang });
    await rememberShortText(tx, projectId, actorId, { texts: milestone.descriptions, original: milestone.originalLang }, { texts: descriptions, original: originalLang });
    await audit(
      {
        actorId,
        projectId,
        action: "milestone.update",
        entityType: "Milestone",
        entityId: milestone.id,
        data: { lang: input.lang, before: { titles: milestone.titles, dueDate: milestone.dueDate.toISOString() }, after: { titles, dueDate: input.dueDate.toISOString() } },
      },
      tx,
    );
    // Every short text now in a requested language: that request is done.
    return completeTranslationRequests(tx, { kind: "milestone", id: milestone.id }, completeLanguages([titles, descriptions]), actorId);
  });
  await deliverLater(notified);
  await reindex("milestone", milestoneId);
}

export async function updateMilestone(actorId: string, projectId: string, milestoneId: string, input: MilestoneInput) {
  await checkReferences(projectId, input);
  const at = meetingAt(input);
  await changeMilestone(actorId, projectId, milestoneId, () => ({ ...input, meetingAt: at }));
}

/** Only the texts' languages, the rest as it is: how a translator adds a language, also to a submitted milestone. */
export async function translateMilestone(actorId: string, projectId: string, milestoneId: string, input: Pick<MilestoneInput, "title" | "description" | "lang">) {
  await changeMilestone(actorId, projectId, milestoneId, (stored) => ({
    ...input,
    dueDate: stored.dueDate,
    meetingAt: stored.meetingAt,
    ownerId: stored.ownerId,
    sectionIds: stored.sections.map((section) => section.sectionId),
  }));
}

/** Overdue: the due date has passed and it is not approved. */
export function isOverdue(milestone: { dueDate: string; status: string }, today = new Date()) {
  const day = today.toISOString().slice(0, 10);
  return milestone.status !== "approved" && milestone.status !== "rejected" && milestone.dueDate.slice(0, 10) < day;
}
