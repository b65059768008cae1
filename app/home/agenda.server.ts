import { can, projectRoles } from "~/auth/permissions";
import { db } from "~/db/db.server";
import { keptUntilWritten } from "~/db/writes.server";
import type { Prisma } from "~/generated/prisma/client";
import type { ProjectRole } from "~/generated/prisma/enums";
import { dayIn } from "~/i18n/format";
import type { Lang } from "~/i18n/languages";
import { readLocalized } from "~/i18n/localized";
import { describeTarget } from "~/milestones/rounds.server";
import { DUE_SOON_DAYS } from "~/notifications/scheduled.server";
import { resolveSectionTitle } from "~/plan/export.server";
import { writtenLanguages } from "~/translation/request-kinds";
import { describe as describeRequest, editingRoles, thingInclude } from "~/translation/requests.server";
import { href } from "~/utils/links";
import { agendaKinds, type AgendaItem } from "./agenda";

// "What needs me" (decision 026): for one person, what awaits their act, read from the things
// themselves (pending rounds, open requests, milestones, open minutes, unread mentions) — so an
// item is there as long as the act is owed and gone once it is done, whoever did it. Each kind is
// one `where` built here, shared by the list (home page, project overview, notifications page) and
// the count (the bell), and each asks the one table of rights (app/auth/permissions.ts).

/** The roles that may do each kind of act, from the one table of rights. */
const rolesWith = (permission: Parameters<typeof can>[1]) => projectRoles.filter((role) => can(role, permission));
const deciders = rolesWith("approval:decide");
const milestoneEditors = rolesWith("project:edit");
const minutesEditors = projectRoles.filter((role) => can(role, "visit:notes") && can(role, "project:edit"));
const delegateRoles = projectRoles.filter((role) => can(role, "visit:notes") && !can(role, "project:edit"));

type Person = { id: string; timeZone: string; language: Lang; writesLanguages: Lang[] };

const personSelect = { id: true, timeZone: true, language: true, writesLanguages: true } satisfies Prisma.UserSelect;

/** Today's calendar date on the person's clock, as the UTC midnight the date columns hold. */
function todayFor(person: Pick<Person, "timeZone">, now: Date) {
  return new Date(`${dayIn(now, person.timeZone)}T00:00:00Z`);
}

const member = (userId: string, roles: readonly ProjectRole[]) => ({ memberships: { some: { userId, role: { in: [...roles] } } } });

/** One `where` per kind: what awaits this person, in one project or all of theirs. */
function wheres(person: Person, now: Date, projectId?: string) {
  const userId = person.id;
  const inProject = projectId ? { projectId } : {};
  const today = todayFor(person, now);
  const horizon = new Date(today.getTime() + DUE_SOON_DAYS * 86_400_000);
  return {
    // Rounds pending in a project where they sit in the steering group, not yet decided by them.
    decision: {
      ...inProject,
      status: "pending",
      project: member(userId, deciders),
      decisions: { none: { deciderId: userId } },
    } satisfies Prisma.ApprovalRequestWhereInput,
    // Open requests in a language they write, which they may write (decision 020's "who is asked").
    translation: {
      ...inProject,
      openKey: { not: null },
      lang: { in: writtenLanguages(person) },
      OR: [{ requestedById: null }, { requestedById: { not: userId } }],
      AND: [
        { OR: [{ sectionId: null }, { section: { removedAt: null } }] },
        { OR: [{ agendaItemId: null }, { agendaItem: { visit: { minutesClosedAt: null } } }] },
        {
          OR: [
            { project: member(userId, editingRoles) },
            {
              project: member(userId, delegateRoles),
              OR: [
                { agendaItem: { visit: { participants: { some: { userId, role: "delegate" } } } } },
                { finding: { visit: { participants: { some: { userId, role: "delegate" } } }, OR: [{ state: "shared" }, { authorId: userId }] } },
              ],
            },
          ],
        },
      ],
    } satisfies Prisma.TranslationRequestWhereInput,
    // Milestones they own, not yet submitted or decided, due within the reminder's horizon or overdue.
    milestone: {
      ...inProject,
      ownerId: userId,
      status: { in: ["planned", "changes_requested"] },
      dueDate: { lte: horizon },
      project: member(userId, milestoneEditors),
    } satisfies Prisma.MilestoneWhereInput,
    // Visits they take part in, begun, whose minutes are open and which they may write.
    minutes: {
      ...inProject,
      minutesClosedAt: null,
      status: { not: "cancelled" },
      startDate: { lte: today },
      participants: { some: { userId } },
      OR: [
        { project: member(userId, minutesEditors) },
        { project: member(userId, delegateRoles), participants: { some: { userId, role: "delegate" } } },
      ],
    } satisfies Prisma.VisitWhereInput,
  };
}

async function readPerson(userId: string): Promise<{ person: Person; projectIds: string[] }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { ...personSelect, memberships: { select: { projectId: true } } } });
  const { memberships, ...person } = user;
  return { person, projectIds: memberships.map((membership) => membership.projectId) };
}

/** Unread mentions in projects they still belong to. */
const mentionWhere = (userId: string, projectIds: string[], projectId?: string): Prisma.NotificationWhereInput => ({
  userId,
  kind: "mention",
  readAt: null,
  projectId: projectId ? (projectIds.includes(projectId) ? projectId : "-") : { in: projectIds },
});

/** How many things await the person: the bell's count of them. */
export async function countAgenda(userId: string, now = new Date()): Promise<number> {
  const { person, projectIds } = await readPerson(userId);
  if (projectIds.length === 0) return 0;
  const where = wheres(person, now);
  // At once: on PostgreSQL each count has a connection of its own; on the embedded database Prisma's
  // share of each runs while the database works on the one before.
  const counts = await Promise.all([
    db.approvalRequest.count({ where: where.decision }),
    db.translationRequest.count({ where: where.translation }),
    db.milestone.count({ where: where.milestone }),
    db.visit.count({ where: where.minutes }),
    db.notification.count({ where: mentionWhere(userId, projectIds) }),
  ]);
  return counts.reduce((sum, count) => sum + count, 0);
}

// The bell asks for the count on every page a signed-in person opens, the home page and each
// overview for the list (about 10 ms each on the embedded database, a third of a page's time), and
// both change only when someone writes or the day turns: they are kept until this process writes
// anything, and for a minute at most (decisions 032 and 039).
const KEPT_MS = 60_000;

/** countAgenda as the bell reads it: kept while nothing has been written. */
export function countAgendaForBell(userId: string): Promise<number> {
  return keptUntilWritten(`agenda-count:${userId}`, KEPT_MS, () => countAgenda(userId));
}

/** listAgenda as the home page and the overview read it: kept while nothing has been written. */
export function listAgendaForPage(userId: string, lang: Lang, projectId?: string): Promise<AgendaItem[]> {
  return keptUntilWritten(`agenda:${userId}:${lang}:${projectId ?? ""}`, KEPT_MS, () => listAgenda(userId, lang, { projectId }));
}

const projectSelect = { select: { id: true, titles: true, originalLang: true } } as const;
const projectOf = (project: { id: string; titles: unknown; originalLang: Lang }) => ({ id: project.id, titles: readLocalized(project.titles), original: project.originalLang });
const calendarDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * What awaits the person, grouped by kind in a fixed order (decisions, translations, milestones,
 * minutes, mentions), oldest due first within a kind. `lang` names things that have no text per
 * language (a plan section's kind, a budget version). Only in the given project when one is named.
 */
export async function listAgenda(userId: string, lang: Lang, options: { projectId?: string; now?: Date } = {}): Promise<AgendaItem[]> {
  const now = options.now ?? new Date();
  const { person, projectIds } = await readPerson(userId);
  if (projectIds.length === 0 || (options.projectId && !projectIds.includes(options.projectId))) return [];
  const where = wheres(person, now, options.projectId);
  const today = calendarDay(todayFor(person, now));
  const items: AgendaItem[] = [];
  const due = (date: Date | null | undefined) => (date ? { due: calendarDay(date), overdue: calendarDay(date) < today } : { due: null, overdue: false });

  // Read at once, as countAgenda does.
  const [rounds, requests, milestones, visits, mentions] = await Promise.all([
    db.approvalRequest.findMany({
      where: where.decision,
      orderBy: { createdAt: "asc" },
      include: {
        milestone: { select: { id: true, titles: true, originalLang: true, dueDate: true } },
        snapshot: { select: { id: true, name: true } },
        budgetVersion: { select: { number: true } },
        submittedBy: { select: { name: true } },
        project: projectSelect,
      },
    }),
    db.translationRequest.findMany({
      where: where.translation,
      orderBy: { createdAt: "asc" },
      include: { ...thingInclude, requestedBy: { select: { name: true } }, project: projectSelect },
    }),
    db.milestone.findMany({ where: where.milestone, orderBy: { dueDate: "asc" }, include: { project: projectSelect } }),
    db.visit.findMany({ where: where.minutes, orderBy: { startDate: "asc" }, include: { project: projectSelect } }),
    db.notification.findMany({ where: mentionWhere(userId, projectIds, options.projectId), orderBy: { createdAt: "asc" } }),
  ]);
  for (const round of rounds) {
    const about = describeTarget(round, round.projectId);
    items.push({
      key: `decision:${round.id}`,
      kind: "decision",
      ...(round.milestone ? { titles: readLocalized(round.milestone.titles), original: round.milestone.originalLang } : { titles: { [lang]: about.title(lang) }, original: lang }),
      project: projectOf(round.project),
      ...due(round.milestone?.dueDate),
      link: about.link,
      by: round.submittedBy?.name ?? null,
      language: null,
      detail: null,
      since: round.createdAt.toISOString(),
    });
  }

  for (const request of requests) {
    const about = describeRequest(request);
    const thing = request.milestone ?? request.visit ?? request.agendaItem ?? request.finding;
    const titled = thing
      ? { titles: readLocalized(thing.titles), original: thing.originalLang }
      : { titles: { [lang]: request.section ? resolveSectionTitle({ kind: request.section.kind, titles: readLocalized(request.section.titles), titleLang: request.section.titleLang }, lang).text : about.title(lang) }, original: lang };
    items.push({
      key: `translation:${request.id}`,
      kind: "translation",
      ...titled,
      project: projectOf(request.project),
      due: null,
      overdue: false,
      link: about.link,
      by: request.requestedBy?.name ?? null,
      language: request.lang,
      detail: request.note || null,
      since: request.createdAt.toISOString(),
    });
  }

  for (const milestone of milestones) {
    items.push({
      key: `milestone:${milestone.id}`,
      kind: "milestone",
      titles: readLocalized(milestone.titles),
      original: milestone.originalLang,
      project: projectOf(milestone.project),
      ...due(milestone.dueDate),
      link: href("/projects/:projectId/milestones/:milestoneId", { projectId: milestone.projectId, milestoneId: milestone.id }),
      by: null,
      language: null,
      detail: milestone.status === "changes_requested" ? "changes_requested" : null,
      since: milestone.createdAt.toISOString(),
    });
  }

  for (const visit of visits) {
    items.push({
      key: `minutes:${visit.id}`,
      kind: "minutes",
      titles: readLocalized(visit.titles),
      original: visit.originalLang,
      project: projectOf(visit.project),
      due: null,
      overdue: false,
      link: href("/projects/:projectId/visits/:visitId", { projectId: visit.projectId, visitId: visit.id }),
      by: null,
      language: null,
      detail: null,
      since: visit.startDate.toISOString(),
    });
  }

  if (mentions.length > 0) {
    const projects = await db.project.findMany({ where: { id: { in: [...new Set(mentions.map((mention) => mention.projectId!))] } }, ...projectSelect });
    for (const mention of mentions) {
      const project = projects.find((candidate) => candidate.id === mention.projectId);
      if (!project) continue;
      const params = (mention.params ?? {}) as Record<string, string>;
      items.push({
        key: `mention:${mention.id}`,
        kind: "mention",
        // The comment, as it was given to this reader (in their language where it had one).
        titles: { [lang]: params.detail ?? "" },
        original: lang,
        project: projectOf(project),
        due: null,
        overdue: false,
        link: mention.link,
        by: params.name ?? null,
        language: null,
        detail: null,
        since: mention.createdAt.toISOString(),
      });
    }
  }
  return items.sort((a, b) => agendaKinds.indexOf(a.kind) - agendaKinds.indexOf(b.kind));
}
