// Grows the demo project to `factor` times its content, for benchmarks that compare 1× with 10×:
// plan sections (with their texts), milestones, visits (with their programmes), findings (with
// their texts), expenses and members (new people in the same roles). Copies of the demo's own
// rows, so pages show the same kind of content, only more of it.
import type { PrismaClient } from "~/generated/prisma/client";

/** Fields a copy must not carry over: its identity and what the database sets. */
function copy<T extends { id: string }>(row: T, omit: string[] = []): Omit<T, "id"> {
  const { id: _id, ...rest } = row as T & Record<string, unknown>;
  for (const key of ["createdAt", "updatedAt", ...omit]) delete (rest as Record<string, unknown>)[key];
  return rest as Omit<T, "id">;
}

const json = (value: unknown) => value as object;

export async function scaleDemoProject(prisma: PrismaClient, projectId: string, factor: number) {
  if (factor <= 1) return;
  const sections = await prisma.planSection.findMany({ where: { projectId, removedAt: null }, include: { texts: true } });
  const milestones = await prisma.milestone.findMany({ where: { projectId } });
  const visits = await prisma.visit.findMany({ where: { projectId }, include: { agendaItems: true } });
  const findings = await prisma.finding.findMany({ where: { projectId }, include: { texts: true } });
  const expenses = await prisma.expense.findMany({ where: { projectId, reversesId: null } });
  const members = await prisma.membership.findMany({ where: { projectId }, include: { user: true } });
  const lastPosition = Math.max(0, ...sections.map((section) => section.position));

  for (let round = 1; round < factor; round++) {
    for (const section of sections) {
      const { texts, ...fields } = section;
      await prisma.planSection.create({
        data: {
          ...copy(fields),
          titles: json(fields.titles),
          position: lastPosition + round * sections.length + section.position,
          texts: { create: texts.map((text) => ({ ...copy(text, ["sectionId", "confirmedById"]), json: json(text.json) })) },
        },
      });
    }
    for (const milestone of milestones) {
      await prisma.milestone.create({ data: { ...copy(milestone), titles: json(milestone.titles), descriptions: json(milestone.descriptions) } });
    }
    for (const visit of visits) {
      const { agendaItems, ...fields } = visit;
      await prisma.visit.create({
        data: {
          ...copy(fields),
          titles: json(fields.titles),
          purposes: json(fields.purposes),
          agendaItems: { create: agendaItems.map((item) => ({ ...copy(item, ["visitId"]), titles: json(item.titles) })) },
        },
      });
    }
    for (const finding of findings) {
      const { texts, ...fields } = finding;
      await prisma.finding.create({
        data: {
          ...copy(fields, ["visitId", "agendaItemId"]),
          titles: json(fields.titles),
          texts: { create: texts.map((text) => ({ ...copy(text, ["findingId", "agendaItemId", "confirmedById"]), json: json(text.json) })) },
        },
      });
    }
    for (const expense of expenses) {
      await prisma.expense.create({ data: { ...copy(expense, ["submissionKey", "reversesId"]) } });
    }
    for (const member of members) {
      const { user } = member;
      const person = await prisma.user.create({
        data: { ...copy(user, ["lastDigestAt"]), email: `${round}.${user.email}`, name: `${user.name} ${round + 1}` },
      });
      await prisma.membership.create({ data: { projectId, userId: person.id, role: member.role } });
    }
  }
}
