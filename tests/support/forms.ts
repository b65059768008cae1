import { readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "~/db/db.server";
import type { Lang } from "~/i18n/languages";
import { EARLIER_PROJECT_TITLE, PRE_STUDY_TITLE } from "~/seed/demo.server";
import { hashToken } from "~/utils/tokens.server";
import { expect } from "vitest";
import { file, pdf } from "./files";

// Every form of the app, as a table: where it posts, a valid filling, who may send it and who may
// not. "Every form works" and "Input fuzzing" both read it; a route with an action and no row here
// fails the first of them, so a new form must join.

export const roles = {
  owner: { email: "owner@vasteras.example", lang: "sv" },
  karin: { email: "karin@vasteras.example", lang: "sv" },
  wang: { email: "wang.fang@jinan.example", lang: "zh" },
  erik: { email: "erik@vasteras.example", lang: "sv" },
  li: { email: "li.wei@jinan.example", lang: "zh" },
  zhang: { email: "zhang.min@jinan.example", lang: "zh" },
  viewer: { email: "viewer@vasteras.example", lang: "en" },
} as const satisfies Record<string, { email: string; lang: Lang }>;
export type Role = keyof typeof roles;
/** Someone not signed in. */
export type Sender = Role | "anonymous";

export type Fields = Record<string, string | string[]>;
/** Sends a form as one of the demo people (to prepare what a row acts on). */
export type Post = (role: Role, path: string, body: Fields | FormData) => Promise<Response>;
type Prisma = Database["prisma"];

/** Ids of the demo workspace the rows refer to. */
export type Fixture = Awaited<ReturnType<typeof loadFixture>>;

export type FormRow = {
  /** The route module, as app/routes.ts names it. */
  route: string;
  intent: string;
  /** Called after `fields`, which may have created what the address names. */
  path: (f: Fixture, prisma: Prisma) => string | Promise<string>;
  /** A valid filling; may create what the form acts on (a term to remove…). Called once per row. */
  fields: (f: Fixture, prisma: Prisma, post: Post) => Fields | Promise<Fields>;
  allowed: Sender;
  /** A role the form is refused to (403/404, nothing written); none for forms anyone may send. */
  refused?: Role;
  /** What a success changes in the database, when it is not an audit event. */
  effect?: (prisma: Prisma, f: Fixture) => Promise<unknown>;
  /** Fields the fuzzer leaves alone: checkboxes read any value as "not ticked". */
  flags?: string[];
  /** Not fuzzed (the upload route answers with redirects and has its own tests). */
  noFuzz?: boolean;
  /** Sent by a session of its own for this role (signing out must not end the shared one). */
  ownSession?: Role;
  /** Why a success leaves nothing in the database to check. */
  noEffect?: string;
};

export async function loadFixture(prisma: Prisma) {
  const project = await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } });
  const earlier = await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: EARLIER_PROJECT_TITLE } } });
  const projectId = project.id;
  const user = (email: string) => prisma.user.findUniqueOrThrow({ where: { email } });
  const [owner, karin, wang, li, zhang, viewer] = await Promise.all(
    [roles.owner, roles.karin, roles.wang, roles.li, roles.zhang, roles.viewer].map((role) => user(role.email)),
  );
  const organisations = await prisma.projectOrganisation.findMany({ where: { projectId }, include: { organisation: true } });
  const vasteras = organisations.find((o) => o.organisation.timeZone === "Europe/Stockholm")!.organisationId;
  const jinan = organisations.find((o) => o.organisation.timeZone === "Asia/Shanghai")!.organisationId;
  const visits = await prisma.visit.findMany({ where: { projectId }, orderBy: { startDate: "asc" }, include: { agendaItems: { orderBy: { startsAt: "asc" } } } });
  const visit = visits[0]!;
  const sections = await prisma.planSection.findMany({ where: { projectId, removedAt: null }, orderBy: { position: "asc" } });
  const finding = await prisma.finding.findFirstOrThrow({ where: { projectId, state: "shared" } });
  const category = await prisma.costCategory.findFirstOrThrow({ where: { projectId } });
  const milestone = await prisma.milestone.findFirstOrThrow({ where: { projectId, status: "planned" } });
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const inProject = new Date(Math.min(Date.now(), project.endDate.getTime()));
  return {
    projectId,
    earlierId: earlier.id,
    project,
    users: { owner, karin, wang, li, zhang, viewer },
    vasteras,
    jinan,
    visit,
    visitDay: day(visit.startDate),
    sections,
    finding,
    category,
    milestone,
    /** A day within the project period (for milestones and expenses). */
    today: day(inProject),
    day,
  };
}

const p = (f: Fixture, rest = "") => `/projects/${f.projectId}${rest}`;
const comment = { lang: "sv", "body.sv": "En kommentar", "body.en": "A comment", quote: "", anchorStart: "AAAA", anchorEnd: "AAAA" };
const visitFields = (f: Fixture, title: string): Fields => ({
  "title.sv": title,
  "purpose.sv": "Syfte",
  travellerOrgId: f.jinan,
  hostOrgId: f.vasteras,
  startDate: f.day(f.project.startDate),
  endDate: f.day(new Date(f.project.startDate.getTime() + 2 * 86_400_000)),
  status: "planned",
  accommodation: "",
  siteContact: "",
});
const milestoneFields = (f: Fixture, title: string): Fields => ({
  "title.sv": title,
  "description.sv": "",
  dueDate: f.today,
  meetingTime: "",
  meetingZone: "Europe/Stockholm",
  ownerId: "",
});

async function approvalRequest(prisma: Prisma, where: object) {
  return prisma.approvalRequest.findFirstOrThrow({ where: { status: "pending", ...where }, orderBy: { createdAt: "desc" } });
}

export const formRows: FormRow[] = [
  // Accounts: forms anyone may send, refused by what is typed.
  {
    route: "routes/login.tsx",
    intent: "signIn",
    path: () => "/login",
    fields: () => ({ email: roles.karin.email, password: "demo-partnership" }),
    allowed: "anonymous",
    effect: (prisma) => prisma.session.count(),
  },
  {
    route: "routes/logout.tsx",
    intent: "signOut",
    path: () => "/logout",
    fields: () => ({}),
    allowed: "anonymous",
    ownSession: "karin",
    effect: (prisma) => prisma.session.count(),
  },
  {
    route: "routes/language.ts",
    intent: "choose",
    path: () => "/language",
    fields: () => ({ lang: "en", redirectTo: "/projects" }),
    allowed: "anonymous",
    noEffect: "signed out, the choice is kept in a cookie",
  },
  {
    route: "routes/invite.tsx",
    intent: "accept",
    path: () => "/invite/form-table-invitation",
    fields: async (f, prisma) => {
      await prisma.invitation.create({
        data: { projectId: f.projectId, email: "new.person@vasteras.example", role: "viewer", tokenHash: hashToken("form-table-invitation"), invitedById: f.users.owner.id, expiresAt: new Date(Date.now() + 86_400_000) },
      });
      return { name: "Ny Person", password: "a-long-password", confirmPassword: "a-long-password" };
    },
    allowed: "anonymous",
  },
  {
    route: "routes/reset-password.tsx",
    intent: "request",
    path: () => "/reset-password",
    fields: () => ({ email: roles.viewer.email }),
    allowed: "anonymous",
    noEffect: "without SMTP no link is mailed; the answer is the same for every address",
  },
  {
    route: "routes/reset-password.tsx",
    intent: "choose",
    path: () => "/reset-password",
    fields: async (f, prisma) => {
      // The person the invitation above made: a reset ends their sessions, and no row signs them in.
      const invited = await prisma.user.findUniqueOrThrow({ where: { email: "new.person@vasteras.example" } });
      await prisma.passwordReset.create({ data: { userId: invited.id, tokenHash: hashToken("form-table-reset"), expiresAt: new Date(Date.now() + 3_600_000) } });
      return { token: "form-table-reset", password: "demo-partnership", confirmPassword: "demo-partnership" };
    },
    allowed: "anonymous",
    effect: (prisma) => prisma.passwordReset.count({ where: { usedAt: null } }),
  },
  {
    route: "routes/profile.tsx",
    intent: "profile",
    path: () => "/profile",
    fields: () => ({ intent: "profile", name: "Viewer Västerås", language: "en", timeZone: "Asia/Shanghai", emailNotifications: "daily", writesLanguages: ["en", "zh"] }),
    allowed: "viewer",
    effect: (prisma) =>
      prisma.user.findUniqueOrThrow({ where: { email: roles.viewer.email }, select: { name: true, timeZone: true, language: true, emailNotifications: true, writesLanguages: true } }),
  },
  {
    route: "routes/profile.tsx",
    intent: "password",
    path: () => "/profile",
    fields: () => ({ intent: "password", currentPassword: "demo-partnership", newPassword: "demo-partnership", confirmPassword: "demo-partnership" }),
    allowed: "viewer",
    effect: (prisma) => prisma.user.findUniqueOrThrow({ where: { email: roles.viewer.email }, select: { passwordHash: true } }),
  },
  {
    route: "routes/profile.tsx",
    intent: "calendarFeed",
    path: () => "/profile",
    fields: () => ({ intent: "calendarFeed" }),
    allowed: "viewer",
    // Made, then renewed: a new hash each time.
    effect: (prisma, f) => prisma.calendarFeed.findUnique({ where: { userId: f.users.viewer.id }, select: { tokenHash: true } }),
  },
  {
    route: "routes/notifications.tsx",
    intent: "read",
    path: () => "/notifications",
    fields: async (f, prisma) => {
      await prisma.notification.create({ data: { userId: f.users.li.id, projectId: f.projectId, kind: "mention", params: {}, link: `/projects/${f.projectId}` } });
      return { notificationId: "all" };
    },
    allowed: "li",
    effect: (prisma, f) => prisma.notification.count({ where: { userId: f.users.li.id, readAt: null } }),
  },
  {
    route: "routes/projects.new.tsx",
    intent: "create",
    path: () => "/projects/new",
    fields: (f) => ({ "title.sv": "Ett nytt projekt", "title.zh": "一个新项目", grantAmount: "100 000", currency: "SEK", startDate: "2027-01-01", endDate: "2027-12-31", organisationIds: [f.vasteras, f.jinan] }),
    allowed: "owner",
    refused: "karin",
  },
  // Members and settings: the owner's.
  {
    route: "routes/project.members.tsx",
    intent: "invite",
    path: (f) => p(f, "/members"),
    fields: (f) => ({ intent: "invite", email: "invited@jinan.example", role: "delegate", organisationId: f.jinan }),
    allowed: "owner",
    refused: "karin",
  },
  {
    route: "routes/project.members.tsx",
    intent: "revoke",
    path: (f) => p(f, "/members"),
    fields: async (f, prisma) => {
      const invitation = await prisma.invitation.findFirstOrThrow({ where: { projectId: f.projectId, email: "invited@jinan.example", revokedAt: null } });
      return { intent: "revoke", invitationId: invitation.id };
    },
    allowed: "owner",
    refused: "karin",
  },
  {
    route: "routes/project.members.tsx",
    intent: "changeRole",
    path: (f) => `/projects/${f.earlierId}/members`,
    fields: async (f, prisma) => {
      const membership = await prisma.membership.findFirstOrThrow({ where: { projectId: f.earlierId, userId: f.users.owner.id } });
      // The earlier project: the pre-study's roles stay as the other rows expect them.
      const erik = await prisma.membership.findFirstOrThrow({ where: { projectId: f.earlierId, NOT: { id: membership.id } } });
      return { intent: "changeRole", membershipId: erik.id, role: "viewer" };
    },
    allowed: "owner",
    refused: "karin",
  },
  {
    route: "routes/project.members.tsx",
    intent: "resetLink",
    path: (f) => p(f, "/members"),
    fields: async (f, prisma) => {
      const membership = await prisma.membership.findFirstOrThrow({ where: { projectId: f.projectId, userId: f.users.viewer.id } });
      return { intent: "resetLink", membershipId: membership.id };
    },
    allowed: "owner",
    refused: "karin",
  },
  {
    route: "routes/project.members.tsx",
    intent: "remove",
    path: (f) => p(f, "/members"),
    fields: async (f, prisma) => {
      const stranger = await prisma.user.create({ data: { email: "leaving@vasteras.example", name: "Leaving", passwordHash: "x", organisationId: f.vasteras } });
      const membership = await prisma.membership.create({ data: { projectId: f.projectId, userId: stranger.id, role: "viewer" } });
      return { intent: "remove", membershipId: membership.id };
    },
    allowed: "owner",
    refused: "karin",
  },
  {
    route: "routes/project.settings.tsx",
    intent: "title",
    // Only the English title: the tests find the projects by their Swedish ones.
    path: (f) => p(f, "/settings"),
    fields: () => ({ intent: "title", "title.en": "Citizen dialogue through contact centres, a pre-study" }),
    allowed: "owner",
    refused: "erik",
  },
  {
    route: "routes/project.settings.tsx",
    intent: "approvalRule",
    path: (f) => p(f, "/settings"),
    fields: () => ({ approvalRule: "each_organisation" }),
    allowed: "owner",
    refused: "karin",
  },
  // Milestones and their approval.
  {
    route: "routes/project.milestones.tsx",
    intent: "create",
    path: (f) => p(f, "/milestones"),
    fields: (f) => ({ intent: "create", ...milestoneFields(f, "Ny milstolpe") }),
    allowed: "wang",
    refused: "viewer",
  },
  {
    route: "routes/project.milestone.tsx",
    intent: "update",
    path: (f) => p(f, `/milestones/${f.milestone.id}`),
    fields: (f) => ({ intent: "update", ...milestoneFields(f, "Ändrad milstolpe"), meetingTime: `${f.today}T10:00` }),
    allowed: "karin",
    refused: "zhang",
  },
  {
    route: "routes/project.milestone.tsx",
    intent: "translate",
    path: (f) => p(f, `/milestones/${f.milestone.id}`),
    fields: () => ({ intent: "translate", "title.zh": "修改后的里程碑" }),
    allowed: "wang",
    refused: "zhang",
  },
  {
    route: "routes/project.milestone.tsx",
    intent: "submit",
    path: (f) => p(f, `/milestones/${f.milestone.id}`),
    fields: () => ({ intent: "submit", "summary.sv": "Klar för beslut" }),
    allowed: "karin",
    refused: "erik",
  },
  {
    route: "routes/project.milestone.tsx",
    intent: "decide",
    path: (f) => p(f, `/milestones/${f.milestone.id}`),
    fields: async (f, prisma) => ({ intent: "decide", requestId: (await approvalRequest(prisma, { milestoneId: f.milestone.id })).id, kind: "approve", "comment.sv": "" }),
    allowed: "li",
    refused: "karin",
  },
  // The plan.
  {
    route: "routes/project.plan.tsx",
    intent: "add",
    path: (f) => p(f, "/plan"),
    fields: () => ({ intent: "add", "title.sv": "Nytt avsnitt" }),
    allowed: "karin",
    refused: "erik",
  },
  {
    route: "routes/project.plan.tsx",
    intent: "rename",
    path: (f) => p(f, "/plan"),
    fields: (f) => ({ intent: "rename", sectionId: f.sections.at(-1)!.id, "title.sv": "Omdöpt" }),
    allowed: "wang",
    refused: "zhang",
  },
  {
    route: "routes/project.plan.tsx",
    intent: "move",
    path: (f) => p(f, "/plan"),
    fields: (f) => ({ intent: "move", sectionId: f.sections.at(-1)!.id, direction: "up" }),
    allowed: "karin",
    refused: "viewer",
  },
  {
    route: "routes/project.plan.tsx",
    intent: "remove",
    path: (f) => p(f, "/plan"),
    fields: async (f, prisma) => {
      const section = await prisma.planSection.findFirstOrThrow({ where: { projectId: f.projectId, removedAt: null }, orderBy: { createdAt: "desc" } });
      return { intent: "remove", sectionId: section.id };
    },
    allowed: "karin",
    refused: "li",
  },
  {
    route: "routes/project.plan.tsx",
    intent: "snapshot",
    path: (f) => p(f, "/plan"),
    fields: () => ({ intent: "snapshot", name: "Version för styrgruppen" }),
    allowed: "karin",
    refused: "erik",
  },
  {
    route: "routes/project.plan.snapshot.tsx",
    intent: "submit",
    path: async (f, prisma) => p(f, `/plan/snapshots/${(await prisma.planSnapshot.findFirstOrThrow({ where: { projectId: f.projectId, name: "Version för styrgruppen" } })).id}`),
    fields: () => ({ intent: "submit", "summary.sv": "Planen för beslut" }),
    allowed: "karin",
    refused: "li",
  },
  {
    route: "routes/project.plan.snapshot.tsx",
    intent: "decide",
    path: async (f, prisma) => p(f, `/plan/snapshots/${(await prisma.planSnapshot.findFirstOrThrow({ where: { projectId: f.projectId, name: "Version för styrgruppen" } })).id}`),
    fields: async (f, prisma) => {
      const snapshot = await prisma.planSnapshot.findFirstOrThrow({ where: { projectId: f.projectId, name: "Version för styrgruppen" } });
      return { intent: "decide", requestId: (await approvalRequest(prisma, { snapshotId: snapshot.id })).id, kind: "request_changes", "comment.sv": "Mer om budgeten" };
    },
    allowed: "erik",
    refused: "wang",
  },
  {
    route: "routes/project.plan.glossary.tsx",
    intent: "add",
    path: (f) => p(f, "/plan/glossary"),
    fields: () => ({ intent: "add", sv: "medborgarlöfte", zh: "市民承诺", en: "citizen pledge", note: "" }),
    allowed: "wang",
    refused: "li",
  },
  {
    route: "routes/project.plan.glossary.tsx",
    intent: "update",
    path: (f) => p(f, "/plan/glossary"),
    fields: async (f, prisma) => {
      const term = await prisma.glossaryTerm.findFirstOrThrow({ where: { projectId: f.projectId, sv: "medborgarlöfte" } });
      return { intent: "update", termId: term.id, sv: "medborgarlöfte", zh: "市民承诺", en: "citizens' pledge", note: "Västerås" };
    },
    allowed: "karin",
    refused: "viewer",
  },
  {
    route: "routes/project.plan.glossary.tsx",
    intent: "remove",
    path: (f) => p(f, "/plan/glossary"),
    fields: async (f, prisma) => ({ intent: "remove", termId: (await prisma.glossaryTerm.findFirstOrThrow({ where: { projectId: f.projectId, sv: "medborgarlöfte" } })).id }),
    allowed: "karin",
    refused: "zhang",
  },
  {
    route: "routes/project.plan.section.tsx",
    intent: "comment",
    path: (f) => p(f, `/plan/${f.sections[0]!.id}`),
    fields: () => ({ intent: "comment", ...comment }),
    allowed: "zhang",
    refused: "viewer",
    effect: (prisma) => prisma.comment.count(),
  },
  {
    route: "routes/project.plan.section.tsx",
    intent: "reply",
    path: (f) => p(f, `/plan/${f.sections[0]!.id}`),
    fields: async (f, prisma) => ({ intent: "reply", threadId: (await prisma.comment.findFirstOrThrow({ where: { sectionId: f.sections[0]!.id, threadId: null }, orderBy: { createdAt: "desc" } })).id, "body.sv": "Ett svar" }),
    allowed: "li",
    refused: "viewer",
    effect: (prisma) => prisma.comment.count(),
  },
  {
    route: "routes/project.plan.section.tsx",
    intent: "resolve",
    path: (f) => p(f, `/plan/${f.sections[0]!.id}`),
    fields: async (f, prisma) => ({ intent: "resolve", threadId: (await prisma.comment.findFirstOrThrow({ where: { sectionId: f.sections[0]!.id, threadId: null }, orderBy: { createdAt: "desc" } })).id }),
    allowed: "karin",
    refused: "viewer",
    effect: (prisma) => prisma.comment.count({ where: { resolvedAt: { not: null } } }),
  },
  {
    route: "routes/project.plan.section.tsx",
    intent: "reopen",
    path: (f) => p(f, `/plan/${f.sections[0]!.id}`),
    fields: async (f, prisma) => ({ intent: "reopen", threadId: (await prisma.comment.findFirstOrThrow({ where: { sectionId: f.sections[0]!.id, threadId: null }, orderBy: { createdAt: "desc" } })).id }),
    allowed: "karin",
    refused: "viewer",
    effect: (prisma) => prisma.comment.count({ where: { resolvedAt: { not: null } } }),
  },
  {
    route: "routes/project.plan.section.tsx",
    intent: "setSource",
    path: (f) => p(f, `/plan/${f.sections.at(-2)!.id}`),
    fields: () => ({ intent: "setSource", lang: "zh" }),
    allowed: "wang",
    refused: "li",
  },
  {
    route: "routes/project.plan.section.tsx",
    intent: "confirm",
    path: (f) => p(f, `/plan/${f.sections[1]!.id}`),
    fields: () => ({ intent: "confirm", lang: "zh" }),
    allowed: "wang",
    refused: "zhang",
  },
  {
    route: "routes/project.plan.history.tsx",
    intent: "restore",
    path: (f) => p(f, `/plan/${f.sections[0]!.id}/history`),
    fields: async (f, prisma) => {
      const version = await prisma.textVersion.findFirstOrThrow({ where: { richText: { sectionId: f.sections[0]!.id, lang: "sv" } }, orderBy: { createdAt: "asc" } });
      return { intent: "restore", lang: "sv", versionId: version.id };
    },
    allowed: "karin",
    refused: "erik",
  },
  // Translation requests: asked for beside a text and withdrawn, posted in the background to their
  // resource route, or without scripts to the project's "To translate" page.
  ...(
    [
      ["routes/project.translations.tsx", "/translations"],
      ["routes/project.translation-request.ts", "/translation-request"],
    ] as const
  ).flatMap(([route, path]): FormRow[] => [
    {
      route,
      intent: "request",
      path: (f) => p(f, path),
      fields: async (f, prisma) => ({
        intent: "request",
        kind: "plan_section",
        id: (await prisma.planSection.findFirstOrThrow({ where: { projectId: f.projectId, kind: "activities" } })).id,
        lang: "en",
        note: "Till besöket",
      }),
      allowed: "karin",
      refused: "viewer",
    },
    {
      route,
      intent: "cancel",
      path: (f) => p(f, path),
      fields: async (f, prisma) => ({
        intent: "cancel",
        requestId: (await prisma.translationRequest.findFirstOrThrow({ where: { projectId: f.projectId, requestedById: f.users.karin.id, openKey: { not: null } }, orderBy: { createdAt: "desc" } })).id,
      }),
      allowed: "karin",
      refused: "wang",
    },
  ]),
  // Visits and their programme.
  {
    route: "routes/project.visits.tsx",
    intent: "create",
    path: (f) => p(f, "/visits"),
    fields: (f) => visitFields(f, "Studiebesök"),
    allowed: "wang",
    refused: "zhang",
    flags: ["visaLettersNeeded"],
  },
  {
    route: "routes/project.visit.tsx",
    intent: "update",
    path: (f) => p(f, `/visits/${f.visit.id}`),
    fields: (f) => ({ intent: "update", ...visitFields(f, "Besöket"), startDate: f.day(f.visit.startDate), endDate: f.day(f.visit.endDate), visaLettersNeeded: "on" }),
    allowed: "karin",
    refused: "zhang",
    flags: ["visaLettersNeeded"],
  },
  {
    route: "routes/project.visit.tsx",
    intent: "addParticipant",
    path: (f) => p(f, `/visits/${f.visit.id}`),
    fields: () => ({ intent: "addParticipant", role: "interpreter", userId: "", name: "Tolk Tolksson", organisation: "Tolkbyrån", title: "Tolk" }),
    allowed: "karin",
    refused: "viewer",
  },
  {
    route: "routes/project.visit.tsx",
    intent: "removeParticipant",
    path: (f) => p(f, `/visits/${f.visit.id}`),
    fields: async (f, prisma) => ({ intent: "removeParticipant", participantId: (await prisma.visitParticipant.findFirstOrThrow({ where: { visitId: f.visit.id, name: "Tolk Tolksson" } })).id }),
    allowed: "karin",
    refused: "viewer",
  },
  {
    route: "routes/project.visit.tsx",
    intent: "addItem",
    path: (f) => p(f, `/visits/${f.visit.id}`),
    fields: (f) => ({ intent: "addItem", date: f.visitDay, start: "15:00", end: "16:00", "title.sv": "Fika", place: "Stadshuset", leader: "" }),
    allowed: "wang",
    refused: "zhang",
  },
  {
    route: "routes/project.visit.tsx",
    intent: "closeMinutes",
    path: (f) => p(f, `/visits/${f.visit.id}`),
    fields: () => ({ intent: "closeMinutes" }),
    allowed: "karin",
    refused: "zhang",
  },
  {
    route: "routes/project.visit.tsx",
    intent: "reopenMinutes",
    path: (f) => p(f, `/visits/${f.visit.id}`),
    fields: () => ({ intent: "reopenMinutes" }),
    allowed: "karin",
    refused: "zhang",
  },
  {
    route: "routes/project.visit.item.tsx",
    intent: "update",
    path: (f) => p(f, `/visits/${f.visit.id}/items/${f.visit.agendaItems[0]!.id}`),
    fields: (f) => ({ intent: "update", date: f.visitDay, start: "09:00", end: "10:30", "title.sv": "Välkommen", place: "Stadshuset", leader: "Karin" }),
    allowed: "wang",
    refused: "viewer",
  },
  {
    route: "routes/project.visit.item.tsx",
    intent: "confirm",
    path: async (f, prisma) => {
      const item = await translatedMinutes(prisma, f);
      return p(f, `/visits/${item.visitId}/items/${item.id}`);
    },
    fields: async (f, prisma) => {
      const item = await translatedMinutes(prisma, f);
      return { intent: "confirm", lang: item.texts.find((text) => text.lang !== item.minutesLang && text.text !== "")!.lang };
    },
    allowed: "karin",
    refused: "viewer",
  },
  {
    route: "routes/project.visit.item.tsx",
    intent: "remove",
    path: async (f, prisma) => p(f, `/visits/${f.visit.id}/items/${(await prisma.agendaItem.findFirstOrThrow({ where: { visitId: f.visit.id }, orderBy: { createdAt: "desc" } })).id}`),
    fields: () => ({ intent: "remove" }),
    allowed: "karin",
    refused: "zhang",
  },
  // Findings.
  {
    route: "routes/project.findings.tsx",
    intent: "create",
    path: (f) => p(f, "/findings"),
    fields: (f) => ({ intent: "create", "title.sv": "Ett lärdomstips", organisationId: f.vasteras, visitId: f.visit.id, agendaItemId: "", state: "draft" }),
    allowed: "zhang",
    refused: "erik",
  },
  {
    route: "routes/project.findings.tsx",
    intent: "addTag",
    path: (f) => p(f, "/findings"),
    fields: () => ({ intent: "addTag", sv: "öppenhet", zh: "公开", en: "openness" }),
    allowed: "karin",
    refused: "zhang",
  },
  {
    route: "routes/project.finding.tsx",
    intent: "update",
    path: (f) => p(f, `/findings/${f.finding.id}`),
    fields: (f) => ({ intent: "update", "title.sv": "Uppdaterad lärdom", organisationId: f.vasteras, visitId: "", agendaItemId: "", state: "shared" }),
    allowed: "karin",
    refused: "li",
  },
  {
    route: "routes/project.finding.tsx",
    intent: "comment",
    path: (f) => p(f, `/findings/${f.finding.id}`),
    fields: () => ({ intent: "comment", ...comment }),
    allowed: "erik",
    refused: "viewer",
    effect: (prisma) => prisma.comment.count(),
  },
  {
    route: "routes/project.finding.tsx",
    intent: "reply",
    path: (f) => p(f, `/findings/${f.finding.id}`),
    fields: async (f, prisma) => ({ intent: "reply", threadId: (await prisma.comment.findFirstOrThrow({ where: { findingId: f.finding.id, threadId: null }, orderBy: { createdAt: "desc" } })).id, "body.zh": "好的" }),
    allowed: "wang",
    refused: "viewer",
    effect: (prisma) => prisma.comment.count(),
  },
  {
    route: "routes/project.finding.tsx",
    intent: "resolve",
    path: (f) => p(f, `/findings/${f.finding.id}`),
    fields: async (f, prisma) => ({ intent: "resolve", threadId: (await prisma.comment.findFirstOrThrow({ where: { findingId: f.finding.id, threadId: null }, orderBy: { createdAt: "desc" } })).id }),
    allowed: "erik",
    refused: "viewer",
    effect: (prisma) => prisma.comment.count({ where: { resolvedAt: { not: null } } }),
  },
  {
    route: "routes/project.finding.tsx",
    intent: "reopen",
    path: (f) => p(f, `/findings/${f.finding.id}`),
    fields: async (f, prisma) => ({ intent: "reopen", threadId: (await prisma.comment.findFirstOrThrow({ where: { findingId: f.finding.id, threadId: null }, orderBy: { createdAt: "desc" } })).id }),
    allowed: "erik",
    refused: "viewer",
    effect: (prisma) => prisma.comment.count({ where: { resolvedAt: { not: null } } }),
  },
  {
    route: "routes/project.finding.tsx",
    intent: "confirm",
    path: async (f, prisma) => p(f, `/findings/${(await translatedFinding(prisma, f)).id}`),
    fields: async (f, prisma) => {
      const finding = await translatedFinding(prisma, f);
      return { intent: "confirm", lang: finding.texts.find((text) => text.lang !== finding.sourceLang && text.text !== "")!.lang };
    },
    allowed: "karin",
    refused: "li",
  },
  // Files: the upload route (its streaming and limits have their own tests).
  {
    route: "routes/project.files.ts",
    intent: "upload",
    path: (f) => p(f, "/files"),
    fields: (f) => ({ target: "finding", targetId: f.finding.id }),
    allowed: "karin",
    refused: "viewer",
    noFuzz: true,
  },
  {
    route: "routes/project.files.ts",
    intent: "delete",
    path: (f) => p(f, "/files"),
    fields: async (f, prisma) => ({ intent: "delete", attachmentId: (await prisma.attachment.findFirstOrThrow({ where: { findingId: f.finding.id }, orderBy: { createdAt: "desc" } })).id }),
    allowed: "karin",
    refused: "viewer",
    noFuzz: true,
  },
  // A machine draft of a short text, for reading (a stand-in provider answers in these tests).
  {
    route: "routes/project.translate.ts",
    intent: "translate",
    path: (f) => p(f, "/translate"),
    fields: async (f, prisma) => ({
      kind: "decision",
      id: (await prisma.decision.findFirstOrThrow({ where: { commentLang: "zh", NOT: { comment: { equals: {} } }, request: { projectId: f.projectId } } })).id,
      to: "sv",
    }),
    allowed: "viewer",
    noEffect: "a draft for reading: nothing is stored",
  },
  // A machine draft of a rich text's translation for its editor, then the mark that the editor put it in (decision 022).
  {
    route: "routes/project.machine-draft.ts",
    intent: "draft",
    path: (f) => p(f, "/machine-draft"),
    fields: (f) => ({ intent: "draft", kind: "section", id: f.sections[0]!.id, lang: "en" }),
    allowed: "wang",
    refused: "viewer",
    noEffect: "the draft goes to the editor, which changes the text; only a text it would replace is kept as a version",
  },
  {
    route: "routes/project.machine-draft.ts",
    intent: "applied",
    path: (f) => p(f, "/machine-draft"),
    fields: (f) => ({ intent: "applied", kind: "section", id: f.sections[0]!.id, lang: "en" }),
    allowed: "wang",
    refused: "viewer",
    effect: (prisma, f) => prisma.richText.findFirst({ where: { sectionId: f.sections[0]!.id, lang: "en" }, select: { machineDraftAt: true } }),
  },
  // The translation memory's suggestions for paragraphs about to be translated.
  {
    route: "routes/project.memory.ts",
    intent: "suggest",
    path: (f) => p(f, "/memory"),
    fields: () => ({ from: "sv", to: "zh", text: ["Invånardialog via kontaktcenter", "Syfte och mål"] }),
    allowed: "wang",
    refused: "viewer",
    noEffect: "suggestions for reading: nothing is stored",
  },
  // Budget, ledger, reports.
  {
    route: "routes/project.budget.tsx",
    intent: "propose",
    path: (f) => p(f, "/budget"),
    fields: () => ({ intent: "propose" }),
    allowed: "karin",
    refused: "erik",
  },
  {
    route: "routes/project.budget.tsx",
    intent: "addLine",
    path: (f) => p(f, "/budget"),
    fields: async (f, prisma) => {
      const version = await prisma.budgetVersion.findFirstOrThrow({ where: { projectId: f.projectId, status: "draft" } });
      return { intent: "addLine", versionId: version.id, projectYear: "1", categoryId: f.category.id, "description.sv": "Tolkning", amount: "12 500,50" };
    },
    allowed: "karin",
    refused: "viewer",
  },
  {
    route: "routes/project.budget.tsx",
    intent: "removeLine",
    path: (f) => p(f, "/budget"),
    fields: async (f, prisma) => {
      const version = await prisma.budgetVersion.findFirstOrThrow({ where: { projectId: f.projectId, status: "draft" } });
      // The proposal copies the approved lines: remove one of them (the added line stays, to submit).
      const line = await prisma.budgetLine.findFirstOrThrow({ where: { versionId: version.id }, orderBy: { position: "asc" } });
      return { intent: "removeLine", versionId: version.id, lineId: line.id };
    },
    allowed: "karin",
    refused: "viewer",
  },
  {
    route: "routes/project.budget.tsx",
    intent: "setEligible",
    path: (f) => p(f, "/budget"),
    fields: async (f, prisma) => ({ intent: "setEligible", categoryId: f.category.id, eligible: String(!(await prisma.costCategory.findUniqueOrThrow({ where: { id: f.category.id } })).eligible) }),
    allowed: "owner",
    refused: "karin",
    effect: (prisma, f) => prisma.costCategory.findUniqueOrThrow({ where: { id: f.category.id } }),
  },
  {
    route: "routes/project.budget.tsx",
    intent: "submit",
    path: (f) => p(f, "/budget"),
    fields: () => ({ intent: "submit", "summary.sv": "Budgeten för beslut" }),
    allowed: "karin",
    refused: "li",
  },
  {
    route: "routes/project.budget.tsx",
    intent: "decide",
    path: (f) => p(f, "/budget"),
    fields: async (f, prisma) => ({ intent: "decide", requestId: (await approvalRequest(prisma, { budgetVersionId: { not: null }, projectId: f.projectId })).id, kind: "reject", "comment.sv": "För dyrt" }),
    allowed: "li",
    refused: "karin",
  },
  // Before the ledger's rows: a year's report needs every expense's receipt.
  {
    route: "routes/project.reports.tsx",
    intent: "submit",
    path: (f) => p(f, "/reports"),
    fields: async (f, prisma, post) => {
      // A year's report needs every expense's receipt: the demo leaves one out, to show the refusal.
      for (const expense of await prisma.expense.findMany({ where: { projectId: f.projectId, receipts: { none: {} } } })) {
        const form = new FormData();
        form.append("target", "expense");
        form.append("targetId", expense.id);
        form.append("file", file(pdf("Kvitto"), "kvitto.pdf", "application/pdf"));
        expect((await post("karin", p(f, "/files"), form)).status).toBeLessThan(400);
      }
      return { intent: "submit", projectYear: "1" };
    },
    allowed: "owner",
    refused: "karin",
    effect: (prisma, f) => prisma.report.count({ where: { projectId: f.projectId } }),
  },
  {
    route: "routes/project.budget.expenses.tsx",
    intent: "record",
    path: (f) => p(f, "/budget/expenses"),
    fields: (f) => ({
      intent: "record",
      date: f.today,
      payee: "Tolkbyrån AB",
      description: "Tolkning",
      projectYear: "1",
      categoryId: f.category.id,
      payingOrgId: f.vasteras,
      currency: "SEK",
      amount: "1 500",
      rate: "",
      visitId: "",
    }),
    allowed: "karin",
    refused: "li",
    flags: ["perDiem", "salary"],
  },
  {
    route: "routes/project.budget.expenses.tsx",
    intent: "addRate",
    path: (f) => p(f, "/budget/expenses"),
    fields: (f) => ({ intent: "addRate", currency: "EUR", validFrom: f.today, rate: "11,4567" }),
    allowed: "owner",
    refused: "karin",
  },
  {
    route: "routes/project.budget.expense.tsx",
    intent: "reverse",
    path: async (f, prisma) => p(f, `/budget/expenses/${(await prisma.expense.findFirstOrThrow({ where: { projectId: f.projectId, payee: "Tolkbyrån AB" } })).id}`),
    fields: () => ({ intent: "reverse" }),
    allowed: "karin",
    refused: "viewer",
  },
  // The results matrix.
  {
    route: "routes/project.results.tsx",
    intent: "goals",
    path: (f) => p(f, "/results"),
    fields: () => ({ intent: "goals", "overallGoal.sv": "Bättre dialog", "projectGoal.sv": "Ett gemensamt kontaktcenter" }),
    allowed: "wang",
    refused: "li",
  },
  {
    route: "routes/project.results.tsx",
    intent: "addResult",
    path: (f) => p(f, "/results"),
    fields: () => ({ intent: "addResult", "statement.sv": "Fler ärenden lösta direkt", "indicator.sv": "Andel", "baseline.sv": "40 %", "target.sv": "60 %", "verification.sv": "Statistik" }),
    allowed: "karin",
    refused: "zhang",
  },
  {
    route: "routes/project.results.tsx",
    intent: "updateResult",
    path: (f) => p(f, "/results"),
    fields: async (f, prisma) => ({ intent: "updateResult", resultId: (await newest(prisma, f)).id, "statement.sv": "Fler ärenden lösta", "indicator.sv": "", "baseline.sv": "", "target.sv": "", "verification.sv": "" }),
    allowed: "karin",
    refused: "viewer",
  },
  {
    route: "routes/project.results.tsx",
    intent: "addActivity",
    path: (f) => p(f, "/results"),
    fields: async (f, prisma) => ({ intent: "addActivity", resultId: (await newest(prisma, f)).id, "text.sv": "Utbilda handläggare", status: "planned", visitId: "", milestoneId: "", budgetCategoryId: "" }),
    allowed: "wang",
    refused: "erik",
  },
  {
    route: "routes/project.results.tsx",
    intent: "updateActivity",
    path: (f) => p(f, "/results"),
    fields: async (f, prisma) => ({ intent: "updateActivity", activityId: (await newestActivity(prisma, f)).id, "text.sv": "Utbilda alla", status: "under_way", visitId: f.visit.id, milestoneId: "", budgetCategoryId: f.category.id }),
    allowed: "karin",
    refused: "viewer",
  },
  {
    route: "routes/project.results.tsx",
    intent: "removeActivity",
    path: (f) => p(f, "/results"),
    fields: async (f, prisma) => ({ intent: "removeActivity", activityId: (await newestActivity(prisma, f)).id }),
    allowed: "karin",
    refused: "viewer",
  },
  {
    route: "routes/project.results.tsx",
    intent: "removeResult",
    path: (f) => p(f, "/results"),
    fields: async (f, prisma) => ({ intent: "removeResult", resultId: (await newest(prisma, f)).id }),
    allowed: "karin",
    refused: "viewer",
  },
  {
    route: "routes/project.results.tsx",
    intent: "addRisk",
    path: (f) => p(f, "/results"),
    fields: () => ({ intent: "addRisk", kind: "risk", "text.sv": "Tolkar saknas", "mitigation.sv": "Boka i tid" }),
    allowed: "karin",
    refused: "zhang",
  },
  {
    route: "routes/project.results.tsx",
    intent: "updateRisk",
    path: (f) => p(f, "/results"),
    fields: async (f, prisma) => ({ intent: "updateRisk", riskId: (await newestRisk(prisma, f)).id, kind: "assumption", "text.sv": "Tolkar finns", "mitigation.sv": "" }),
    allowed: "wang",
    refused: "viewer",
  },
  {
    route: "routes/project.results.tsx",
    intent: "removeRisk",
    path: (f) => p(f, "/results"),
    fields: async (f, prisma) => ({ intent: "removeRisk", riskId: (await newestRisk(prisma, f)).id }),
    allowed: "karin",
    refused: "viewer",
  },
];

/** An agenda item whose minutes have a translation with text, to confirm. */
async function translatedMinutes(prisma: Prisma, f: Fixture) {
  const items = await prisma.agendaItem.findMany({ where: { visit: { projectId: f.projectId, minutesClosedAt: null }, minutesLang: { not: null } }, include: { texts: true }, orderBy: { startsAt: "asc" } });
  const item = items.find((candidate) => candidate.texts.some((text) => text.lang !== candidate.minutesLang && text.text !== ""));
  if (!item) throw new Error("The demo has no translated minutes to confirm");
  return item;
}

/** A finding with a translation with text, to confirm. */
async function translatedFinding(prisma: Prisma, f: Fixture) {
  const findings = await prisma.finding.findMany({ where: { projectId: f.projectId }, include: { texts: true }, orderBy: { createdAt: "asc" } });
  const finding = findings.find((candidate) => candidate.texts.some((text) => text.lang !== candidate.sourceLang && text.text !== ""));
  if (!finding) throw new Error("The demo has no translated finding to confirm");
  return finding;
}

const newest = (prisma: Prisma, f: Fixture) => prisma.expectedResult.findFirstOrThrow({ where: { projectId: f.projectId }, orderBy: { position: "desc" } });
const newestActivity = async (prisma: Prisma, f: Fixture) =>
  prisma.resultActivity.findFirstOrThrow({ where: { result: { projectId: f.projectId } }, orderBy: { id: "desc" } });
const newestRisk = (prisma: Prisma, f: Fixture) => prisma.resultRisk.findFirstOrThrow({ where: { projectId: f.projectId }, orderBy: { position: "desc" } });

/** The route modules (as app/routes.ts names them) whose source exports an action. */
export function routesWithActions(): string[] {
  const routes = readFileSync(path.resolve("app/routes.ts"), "utf8");
  const files = [...routes.matchAll(/"(routes\/[^"]+)"/g)].map((match) => match[1]!);
  return [...new Set(files)].filter((file) => /export (async )?function action\b|export const action\b/.test(readFileSync(path.resolve("app", file), "utf8")));
}

/** Every message of the errors namespace in one language: a refusal shows one of them. */
export function errorMessages(lang: Lang): string[] {
  const messages = JSON.parse(readFileSync(path.resolve("locales", lang, "errors.json"), "utf8")) as Record<string, string>;
  return Object.values(messages).map((message) => message.split("{{")[0]!.trim()).filter((message) => message.length >= 4);
}
