import { db } from "~/db/db.server";
import { can } from "~/auth/permissions";
import type { ProjectRole } from "~/generated/prisma/enums";
import { readLocalized, type Localized } from "~/i18n/localized";
import type { Lang } from "~/i18n/languages";
import type { SectionTitle } from "~/plan/plan.server";
import { href } from "~/utils/links";

// What each entry of the activity feed is about, named and linked (issue 15): an event records an
// entity (a milestone, an attachment, a comment…); the reader is shown the thing a person would
// open: the milestone, or the visit, finding or expense the file was attached to, the section a
// comment is on. Read when the feed is read, so a renamed milestone shows its present title, in
// the reader's language. A finding still in draft is named only to those who may read drafts.

export type ActivityObjectKind =
  | "project"
  | "plan_section"
  | "glossary"
  | "snapshot"
  | "milestone"
  | "visit"
  | "agenda_item"
  | "finding"
  | "expense"
  | "budget"
  | "ledger"
  | "results"
  | "reports";

/** A title as the page shows it: short texts per language, a plan section's title, or one plain text. */
export type ActivityObjectTitle =
  | { texts: Localized; original: Lang | null }
  | { section: SectionTitle }
  | { text: string };

export type ActivityObject = { kind: ActivityObjectKind; id: string; to: string; title: ActivityObjectTitle | null };

type Event = { entityType: string; entityId: string | null };
type Viewer = { id: string; role: ProjectRole };

const localizedTitle = (row: { titles: unknown; originalLang: Lang | null }): ActivityObjectTitle => ({ texts: readLocalized(row.titles), original: row.originalLang });

/** One object (or none) per event, in the events' order; a handful of queries for the whole page. */
export async function activityObjects(projectId: string, events: Event[], viewer: Viewer): Promise<(ActivityObject | null)[]> {
  const ids = (type: string) => [...new Set(events.flatMap((event) => (event.entityType === type && event.entityId ? [event.entityId] : [])))];

  const [attachments, comments, approvals, translationRequests] = await Promise.all([
    db.attachment.findMany({ where: { projectId, id: { in: ids("Attachment") } }, select: { id: true, visitId: true, agendaItemId: true, findingId: true, expenseId: true } }),
    db.comment.findMany({ where: { projectId, id: { in: ids("Comment") } }, select: { id: true, sectionId: true, findingId: true } }),
    db.approvalRequest.findMany({ where: { projectId, id: { in: ids("ApprovalRequest") } }, select: { id: true, milestoneId: true, snapshotId: true, budgetVersionId: true } }),
    db.translationRequest.findMany({
      where: { projectId, id: { in: ids("TranslationRequest") } },
      select: { id: true, sectionId: true, agendaItemId: true, findingId: true, milestoneId: true, visitId: true },
    }),
  ]);

  // Each event's target as (kind, id) before titles are read.
  type Target = { kind: ActivityObjectKind; id: string };
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
  const attachmentById = byId(attachments);
  const commentById = byId(comments);
  const approvalById = byId(approvals);
  const requestById = byId(translationRequests);
  const parentOf = (row: { sectionId?: string | null; agendaItemId?: string | null; findingId?: string | null; milestoneId?: string | null; visitId?: string | null; expenseId?: string | null; snapshotId?: string | null; budgetVersionId?: string | null }): Target | null => {
    if (row.sectionId) return { kind: "plan_section", id: row.sectionId };
    if (row.agendaItemId) return { kind: "agenda_item", id: row.agendaItemId };
    if (row.findingId) return { kind: "finding", id: row.findingId };
    if (row.milestoneId) return { kind: "milestone", id: row.milestoneId };
    if (row.visitId) return { kind: "visit", id: row.visitId };
    if (row.expenseId) return { kind: "expense", id: row.expenseId };
    if (row.snapshotId) return { kind: "snapshot", id: row.snapshotId };
    if (row.budgetVersionId) return { kind: "budget", id: row.budgetVersionId };
    return null;
  };
  const targetOf = ({ entityType, entityId }: Event): Target | null => {
    const id = entityId ?? "";
    switch (entityType) {
      case "Project":
        return { kind: "project", id: projectId };
      case "PlanSection":
        return id ? { kind: "plan_section", id } : null;
      case "GlossaryTerm":
        return { kind: "glossary", id };
      case "PlanSnapshot":
        return id ? { kind: "snapshot", id } : null;
      case "Milestone":
        return id ? { kind: "milestone", id } : null;
      case "Visit":
        return id ? { kind: "visit", id } : null;
      case "AgendaItem":
        return id ? { kind: "agenda_item", id } : null;
      case "Finding":
        return id ? { kind: "finding", id } : null;
      case "Expense":
        return id ? { kind: "expense", id } : null;
      case "ExchangeRate":
      case "CostCategory":
        return { kind: "ledger", id };
      case "BudgetLine":
      case "BudgetVersion":
        return { kind: "budget", id };
      case "Report":
        return { kind: "reports", id };
      case "ResultsFramework":
      case "ExpectedResult":
      case "ResultActivity":
      case "ResultRisk":
        return { kind: "results", id };
      case "Attachment": {
        const row = attachmentById.get(id);
        return row ? parentOf(row) : null;
      }
      case "Comment": {
        const row = commentById.get(id);
        return row ? parentOf(row) : null;
      }
      case "ApprovalRequest": {
        const row = approvalById.get(id);
        return row ? parentOf(row) : null;
      }
      case "TranslationRequest": {
        const row = requestById.get(id);
        return row ? parentOf(row) : null;
      }
      default:
        // Members, invitations, accounts, versions of a text: nothing a reader opens from the feed.
        return null;
    }
  };
  const targets = events.map(targetOf);
  const wanted = (kind: ActivityObjectKind) => [...new Set(targets.flatMap((target) => (target?.kind === kind ? [target.id] : [])))];

  const [sections, snapshots, milestones, visits, items, findings, expenses] = await Promise.all([
    db.planSection.findMany({ where: { projectId, id: { in: wanted("plan_section") }, removedAt: null }, select: { id: true, kind: true, titles: true, titleLang: true } }),
    db.planSnapshot.findMany({ where: { projectId, id: { in: wanted("snapshot") } }, select: { id: true, name: true } }),
    db.milestone.findMany({ where: { projectId, id: { in: wanted("milestone") } }, select: { id: true, titles: true, originalLang: true } }),
    db.visit.findMany({ where: { projectId, id: { in: wanted("visit") } }, select: { id: true, titles: true, originalLang: true } }),
    db.agendaItem.findMany({ where: { visit: { projectId }, id: { in: wanted("agenda_item") } }, select: { id: true, visitId: true, titles: true, originalLang: true } }),
    db.finding.findMany({
      where: { projectId, id: { in: wanted("finding") }, ...(can(viewer.role, "finding:readDrafts") ? {} : { OR: [{ state: "shared" }, { authorId: viewer.id }] }) },
      select: { id: true, titles: true, originalLang: true },
    }),
    db.expense.findMany({ where: { projectId, id: { in: wanted("expense") } }, select: { id: true, payee: true } }),
  ]);
  const sectionById = byId(sections);
  const snapshotById = byId(snapshots);
  const milestoneById = byId(milestones);
  const visitById = byId(visits);
  const itemById = byId(items);
  const findingById = byId(findings);
  const expenseById = byId(expenses);

  const resolve = (target: Target | null): ActivityObject | null => {
    if (!target) return null;
    const { kind, id } = target;
    switch (kind) {
      case "project":
        return { kind, id, to: href("/projects/:projectId", { projectId }), title: null };
      case "glossary":
        return { kind, id, to: href("/projects/:projectId/plan/glossary", { projectId }), title: null };
      case "ledger":
        return { kind, id, to: href("/projects/:projectId/budget/expenses", { projectId }), title: null };
      case "budget":
        return { kind, id, to: href("/projects/:projectId/budget", { projectId }), title: null };
      case "reports":
        return { kind, id, to: href("/projects/:projectId/reports", { projectId }), title: null };
      case "results":
        return { kind, id, to: href("/projects/:projectId/results", { projectId }), title: null };
      case "plan_section": {
        const row = sectionById.get(id);
        if (!row) return null;
        return { kind, id, to: href("/projects/:projectId/plan/:sectionId", { projectId, sectionId: id }), title: { section: { kind: row.kind, titles: readLocalized(row.titles), titleLang: row.titleLang } } };
      }
      case "snapshot": {
        const row = snapshotById.get(id);
        return row ? { kind, id, to: href("/projects/:projectId/plan/snapshots/:snapshotId", { projectId, snapshotId: id }), title: { text: row.name } } : null;
      }
      case "milestone": {
        const row = milestoneById.get(id);
        return row ? { kind, id, to: href("/projects/:projectId/milestones/:milestoneId", { projectId, milestoneId: id }), title: localizedTitle(row) } : null;
      }
      case "visit": {
        const row = visitById.get(id);
        return row ? { kind, id, to: href("/projects/:projectId/visits/:visitId", { projectId, visitId: id }), title: localizedTitle(row) } : null;
      }
      case "agenda_item": {
        const row = itemById.get(id);
        return row ? { kind, id, to: href("/projects/:projectId/visits/:visitId/items/:itemId", { projectId, visitId: row.visitId, itemId: id }), title: localizedTitle(row) } : null;
      }
      case "finding": {
        const row = findingById.get(id);
        return row ? { kind, id, to: href("/projects/:projectId/findings/:findingId", { projectId, findingId: id }), title: localizedTitle(row) } : null;
      }
      case "expense": {
        const row = expenseById.get(id);
        return row ? { kind, id, to: href("/projects/:projectId/budget/expenses/:expenseId", { projectId, expenseId: id }), title: { text: row.payee } } : null;
      }
    }
  };
  return targets.map(resolve);
}
