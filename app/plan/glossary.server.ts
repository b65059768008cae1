import { audit } from "~/audit/audit.server";
import { db } from "~/db/db.server";
import { rememberTerm } from "~/translation/memory.server";
import { PlanError } from "./plan.server";

export type GlossaryInput = { sv: string; zh: string; en: string; note: string };

export async function listGlossary(projectId: string) {
  const terms = await db.glossaryTerm.findMany({ where: { projectId }, orderBy: [{ sv: "asc" }, { en: "asc" }] });
  return terms.map(({ id, sv, zh, en, note }) => ({ id, sv, zh, en, note }));
}

export async function addTerm(actorId: string, projectId: string, input: GlossaryInput) {
  await db.$transaction(async (tx) => {
    const term = await tx.glossaryTerm.create({ data: { projectId, ...input } });
    await audit({ actorId, projectId, action: "glossary.create", entityType: "GlossaryTerm", entityId: term.id, data: input }, tx);
    await rememberTerm(tx, projectId, actorId, input);
  });
}

export async function updateTerm(actorId: string, projectId: string, termId: string, input: GlossaryInput) {
  await db.$transaction(async (tx) => {
    const before = await tx.glossaryTerm.findFirst({ where: { id: termId, projectId } });
    if (!before) throw new PlanError("errors:notFound");
    await tx.glossaryTerm.update({ where: { id: termId }, data: input });
    await rememberTerm(tx, projectId, actorId, input);
    await audit(
      { actorId, projectId, action: "glossary.update", entityType: "GlossaryTerm", entityId: termId, data: { before: { sv: before.sv, zh: before.zh, en: before.en, note: before.note }, after: input } },
      tx,
    );
  });
}

export async function removeTerm(actorId: string, projectId: string, termId: string) {
  await db.$transaction(async (tx) => {
    const before = await tx.glossaryTerm.findFirst({ where: { id: termId, projectId } });
    if (!before) throw new PlanError("errors:notFound");
    await tx.glossaryTerm.delete({ where: { id: termId } });
    await audit(
      { actorId, projectId, action: "glossary.delete", entityType: "GlossaryTerm", entityId: termId, data: { sv: before.sv, zh: before.zh, en: before.en, note: before.note } },
      tx,
    );
  });
}
