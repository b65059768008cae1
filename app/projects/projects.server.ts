import { audit } from "~/audit/audit.server";
import { DomainError } from "~/utils/domain-error";
import { db } from "~/db/db.server";
import type { Lang } from "~/i18n/languages";
import { editLocalized, readLocalized } from "~/i18n/localized";
import { organisationName, organisationNameSelect } from "./organisation-name";
import { createDefaultSections } from "~/plan/plan.server";
import { ensureCategories } from "~/budget/ledger.server";
import type { Prisma } from "~/generated/prisma/client";
import type { ProjectRole } from "~/generated/prisma/enums";

// Rows become plain data here, so loaders never hand a column to the browser by accident.

const factsSelect = {
  id: true,
  titles: true,
  originalLang: true,
  funder: true,
  status: true,
  grantAmount: true,
  currency: true,
  startDate: true,
  endDate: true,
} as const;

type FactsRow = Prisma.ProjectGetPayload<{ select: typeof factsSelect }>;

/** A project's facts as the pages show them: money as a decimal string, dates as ISO strings. */
function projectFacts(project: FactsRow) {
  return {
    id: project.id,
    titles: readLocalized(project.titles),
    originalLang: project.originalLang,
    funder: project.funder,
    status: project.status,
    grantAmount: project.grantAmount.toFixed(2),
    currency: project.currency,
    startDate: project.startDate.toISOString(),
    endDate: project.endDate.toISOString(),
  };
}

export async function listProjectsForUser(userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId },
    select: { role: true, project: { select: factsSelect } },
    orderBy: { project: { startDate: "desc" } },
  });
  return memberships.map(({ role, project }) => ({ ...projectFacts(project), role }));
}


export async function getProjectOverview(projectId: string) {
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      ...factsSelect,
      organisations: { select: { organisation: { select: organisationNameSelect } }, orderBy: { organisation: { createdAt: "asc" } } },
      memberships: {
        select: { id: true, role: true, user: { select: { name: true, organisation: { select: organisationNameSelect } } } },
        orderBy: { user: { name: "asc" } },
      },
    },
  });
  return {
    ...projectFacts(project),
    organisations: project.organisations.map(({ organisation }) => organisationName(organisation)),
    members: project.memberships.map((membership) => ({
      id: membership.id,
      role: membership.role,
      name: membership.user.name,
      organisation: membership.user.organisation ? organisationName(membership.user.organisation) : null,
    })),
  };
}

export class ProjectError extends DomainError {}

export async function createProject(
  actorId: string,
  input: {
    /** Each language given. */
    title: Partial<Record<Lang, string>>;
    grantAmount: string;
    currency: string;
    startDate: Date;
    endDate: Date;
    organisationIds: string[];
    /** The language the plan's sections are first written in. */
    planLanguage: Lang;
  },
) {
  const organisationIds = [...new Set(input.organisationIds)];
  const known = await db.organisation.count({ where: { id: { in: organisationIds } } });
  if (known !== organisationIds.length) throw new ProjectError("errors:invalid", "organisationIds");
  const { texts: titles, original: originalLang } = editLocalized(null, null, input.title, input.planLanguage);
  if (!originalLang) throw new ProjectError("errors:required", "title");
  return db.$transaction(async (tx) => {
    const project = await tx.project.create({
      data: {
        titles,
        originalLang,
        grantAmount: input.grantAmount,
        currency: input.currency,
        startDate: input.startDate,
        endDate: input.endDate,
        status: input.startDate <= new Date() ? "active" : "planned",
        organisations: { create: organisationIds.map((organisationId) => ({ organisationId })) },
        memberships: { create: { userId: actorId, role: "owner" satisfies ProjectRole } },
      },
    });
    await createDefaultSections(tx, project.id, input.planLanguage);
    await ensureCategories(project.id, tx);
    await audit(
      { actorId, projectId: project.id, action: "project.create", entityType: "Project", entityId: project.id, data: { titles } },
      tx,
    );
    return project;
  });
}

/** The project's title as it reads now, for its settings form. */
export async function projectTitle(projectId: string) {
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { titles: true, originalLang: true } });
  return { titles: readLocalized(project.titles), originalLang: project.originalLang };
}

/** An owner renames the project, or gives its title in another language. */
export async function renameProject(actorId: string, projectId: string, input: { title: Partial<Record<Lang, string>>; lang: Lang }) {
  await db.$transaction(async (tx) => {
    const project = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { titles: true, originalLang: true } });
    const { texts: titles, original: originalLang } = editLocalized(project.titles, project.originalLang, input.title, input.lang);
    if (!originalLang) throw new ProjectError("errors:required", "title");
    await tx.project.update({ where: { id: projectId }, data: { titles, originalLang } });
    await audit(
      { actorId, projectId, action: "project.rename", entityType: "Project", entityId: projectId, data: { lang: input.lang, before: project.titles, after: titles } },
      tx,
    );
  });
}

export async function icldReference(projectId: string) {
  return (await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { icldReference: true } })).icldReference;
}

/** An owner enters, changes or removes (null) the reference of ICLD's funding decision. */
export async function setIcldReference(actorId: string, projectId: string, reference: string | null) {
  await db.$transaction(async (tx) => {
    const before = (await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { icldReference: true } })).icldReference;
    if (before === reference) return;
    await tx.project.update({ where: { id: projectId }, data: { icldReference: reference } });
    await audit({ actorId, projectId, action: "project.set_icld_reference", entityType: "Project", entityId: projectId, data: { before, after: reference } }, tx);
  });
}

export async function listProjectOrganisations(projectId: string) {
  const rows = await db.projectOrganisation.findMany({ where: { projectId }, select: { organisation: { select: organisationNameSelect } }, orderBy: { organisation: { createdAt: "asc" } } });
  return rows.map(({ organisation }) => organisationName(organisation));
}

/** The clocks the project's cities keep (Europe/Stockholm, Asia/Shanghai), for times that matter to both. */
export async function projectTimeZones(projectId: string): Promise<string[]> {
  const rows = await db.projectOrganisation.findMany({ where: { projectId }, include: { organisation: { select: { timeZone: true } } }, orderBy: { organisation: { key: "asc" } } });
  return [...new Set(rows.map(({ organisation }) => organisation.timeZone))];
}

export async function listOrganisations() {
  return (await db.organisation.findMany({ orderBy: { createdAt: "asc" }, select: organisationNameSelect })).map(organisationName);
}
