import type { Lang } from "~/i18n/languages";
import type { Localized } from "~/i18n/localized";
import type { SectionTitle } from "~/plan/plan.server";
import { href } from "~/utils/links";

// Where a project page sits, in one place (issue 15): the project's sections for its navigation,
// and for every project route, its section and the name of what it shows. The project layout
// (routes/project.tsx) reads it for the page's <title> and breadcrumbs (Project › Visits › Visit
// to Jinan), so no route has to say it; a new route adds one line here. Print pages are left out:
// their own title names the file a browser saves them as.

export type SectionId =
  | "overview"
  | "plan"
  | "milestones"
  | "visits"
  | "findings"
  | "translations"
  | "results"
  | "budget"
  | "reports"
  | "activity"
  | "audit"
  | "members"
  | "settings"
  | "search";

type Params = { projectId: string };

/** The project's sections in the navigation's order; `permission` marks those only some roles see. */
export const projectSections: { id: SectionId; label: string; to: (params: Params) => string; permission?: "audit:read" | "project:manage"; end?: boolean }[] = [
  { id: "overview", label: "projects:nav.overview", to: ({ projectId }) => href("/projects/:projectId", { projectId }), end: true },
  { id: "plan", label: "projects:nav.plan", to: ({ projectId }) => href("/projects/:projectId/plan", { projectId }) },
  { id: "milestones", label: "projects:nav.milestones", to: ({ projectId }) => href("/projects/:projectId/milestones", { projectId }) },
  { id: "visits", label: "projects:nav.visits", to: ({ projectId }) => href("/projects/:projectId/visits", { projectId }) },
  { id: "findings", label: "projects:nav.findings", to: ({ projectId }) => href("/projects/:projectId/findings", { projectId }) },
  { id: "translations", label: "projects:nav.translations", to: ({ projectId }) => href("/projects/:projectId/translations", { projectId }) },
  { id: "results", label: "projects:nav.results", to: ({ projectId }) => href("/projects/:projectId/results", { projectId }) },
  { id: "budget", label: "projects:nav.budget", to: ({ projectId }) => href("/projects/:projectId/budget", { projectId }) },
  { id: "reports", label: "nav:sections.reports", to: ({ projectId }) => href("/projects/:projectId/reports", { projectId }) },
  { id: "activity", label: "projects:nav.activity", to: ({ projectId }) => href("/projects/:projectId/activity", { projectId }) },
  { id: "audit", label: "projects:nav.audit", to: ({ projectId }) => href("/projects/:projectId/audit", { projectId }), permission: "audit:read" },
  { id: "members", label: "projects:nav.members", to: ({ projectId }) => href("/projects/:projectId/members", { projectId }), permission: "project:manage" },
  { id: "settings", label: "projects:nav.settings", to: ({ projectId }) => href("/projects/:projectId/settings", { projectId }), permission: "project:manage" },
];

const searchSection = { id: "search" as const, label: "nav:sections.search", to: ({ projectId }: Params) => href("/projects/:projectId/search", { projectId }) };

/** A breadcrumb's name: a translation key, a short text in several languages, a plan section's title, or a plain text. */
export type CrumbLabel = { key: string } | { texts: Localized; original: Lang | null } | { section: SectionTitle } | { text: string };
export type Crumb = { label: CrumbLabel; to?: string };

type Data = Record<string, any> | undefined;
type Page = { section: SectionId; trail?: (data: Data, params: Record<string, string | undefined>) => Crumb[] };

const texts = (row: { titles?: unknown; originalLang?: Lang } | undefined): CrumbLabel =>
  row ? { texts: (row.titles ?? {}) as Localized, original: row.originalLang ?? null } : { text: "…" };

/** Each project route's section, and what follows it in the breadcrumbs (the last one is the page itself). */
const pages: Record<string, Page> = {
  "routes/project.overview": { section: "overview" },
  "routes/project.plan": { section: "plan" },
  "routes/project.plan.document": { section: "plan", trail: () => [{ label: { key: "nav:crumbs.planDocument" } }] },
  "routes/project.plan.glossary": { section: "plan", trail: () => [{ label: { key: "nav:crumbs.glossary" } }] },
  "routes/project.plan.section": { section: "plan", trail: (data) => [{ label: data?.section ? { section: data.section.title } : { text: "…" } }] },
  "routes/project.plan.history": {
    section: "plan",
    trail: (data, params) => [
      { label: data?.section ? { section: data.section.title } : { text: "…" }, to: href("/projects/:projectId/plan/:sectionId", { projectId: params.projectId ?? "", sectionId: params.sectionId ?? "" }) },
      { label: { key: "nav:crumbs.history" } },
    ],
  },
  "routes/project.plan.snapshot": { section: "plan", trail: (data) => [{ label: { text: data?.snapshot?.name ?? "…" } }] },
  "routes/project.milestones": { section: "milestones" },
  "routes/project.milestone": { section: "milestones", trail: (data) => [{ label: texts(data?.milestone) }] },
  "routes/project.visits": { section: "visits" },
  "routes/project.visit": { section: "visits", trail: (data) => [{ label: texts(data?.visit) }] },
  "routes/project.visit.item": {
    section: "visits",
    trail: (data, params) => [
      { label: texts(data?.item?.visit), to: href("/projects/:projectId/visits/:visitId", { projectId: params.projectId ?? "", visitId: params.visitId ?? "" }) },
      { label: texts(data?.item) },
    ],
  },
  "routes/project.findings": { section: "findings" },
  "routes/project.finding": { section: "findings", trail: (data) => [{ label: texts(data?.finding) }] },
  "routes/project.translations": { section: "translations" },
  "routes/project.results": { section: "results" },
  "routes/project.budget": { section: "budget" },
  "routes/project.budget.expenses": { section: "budget", trail: () => [{ label: { key: "nav:crumbs.ledger" } }] },
  "routes/project.budget.expense": {
    section: "budget",
    trail: (data, params) => [
      { label: { key: "nav:crumbs.ledger" }, to: href("/projects/:projectId/budget/expenses", { projectId: params.projectId ?? "" }) },
      { label: { text: data?.expense?.payee ?? "…" } },
    ],
  },
  "routes/project.reports": { section: "reports" },
  "routes/project.activity": { section: "activity" },
  "routes/project.audit": { section: "audit" },
  "routes/project.members": { section: "members" },
  "routes/project.settings": { section: "settings" },
  "routes/project.search": { section: "search" },
};

/** The breadcrumbs below the project of a page: its section (linked unless it is the page), then what the route adds. */
export function pageTrail(routeId: string | undefined, data: Data, params: Record<string, string | undefined>): { section: SectionId | null; crumbs: Crumb[] } {
  const page = routeId ? pages[routeId] : undefined;
  if (!page) return { section: null, crumbs: [] };
  const projectId = params.projectId ?? "";
  const section = projectSections.find((candidate) => candidate.id === page.section) ?? searchSection;
  const trail = page.trail?.(data, params) ?? [];
  if (page.section === "overview") return { section: "overview", crumbs: trail };
  return { section: page.section, crumbs: [{ label: { key: section.label }, to: trail.length > 0 ? section.to({ projectId }) : undefined }, ...trail] };
}
