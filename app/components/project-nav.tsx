import { Link, useLocation } from "react-router";
import {
  Activity,
  FileChartColumn,
  FileText,
  Flag,
  Languages,
  LayoutDashboard,
  Lightbulb,
  Menu,
  Plane,
  ScrollText,
  Search,
  Settings,
  Target,
  Users,
  Wallet,
  type LucideIcon,
} from "lucide-react";
import { can } from "~/auth/permissions";
import type { ProjectRole } from "~/generated/prisma/enums";
import { useTranslation } from "~/i18n/use-translation";
import { useFormat } from "~/i18n/use-format";
import { pickLocalized } from "~/i18n/localized";
import { projectSections, type Crumb, type CrumbLabel, type SectionId } from "~/projects/page-map";
import { useSectionTitle } from "./section-title";
import { useDisclosureMenu } from "./disclosure-menu";

const icons: Record<SectionId, LucideIcon> = {
  overview: LayoutDashboard,
  plan: FileText,
  milestones: Flag,
  visits: Plane,
  findings: Lightbulb,
  translations: Languages,
  results: Target,
  budget: Wallet,
  reports: FileChartColumn,
  activity: Activity,
  audit: ScrollText,
  members: Users,
  settings: Settings,
  search: Search,
};

/** The project's sections the reader may open, the current one marked (aria-current). */
function SectionLinks({ projectId, role, current }: { projectId: string; role: ProjectRole; current: SectionId | null }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <ul className="section-nav">
      {projectSections
        .filter((section) => !section.permission || can(role, section.permission))
        .map((section) => {
          const to = section.to({ projectId });
          const Icon = icons[section.id];
          const here = section.id === current;
          return (
            <li key={section.id}>
              <Link to={to} className={here ? "active" : undefined} aria-current={here ? (pathname === to ? "page" : "true") : undefined}>
                <Icon aria-hidden="true" size={18} />
                {t(section.label)}
              </Link>
            </li>
          );
        })}
    </ul>
  );
}

/** A sidebar on a desktop (≥ 1024 px); on smaller screens the same links behind one menu button. */
export function ProjectSidebar(props: { projectId: string; role: ProjectRole; current: SectionId | null; children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <aside className="project-sidebar">
      {props.children}
      <nav aria-label={t("projects:nav.label")}>
        <SectionLinks {...props} />
      </nav>
    </aside>
  );
}

export function ProjectMenu(props: { projectId: string; role: ProjectRole; current: SectionId | null }) {
  const { t } = useTranslation();
  const menu = useDisclosureMenu();
  const section = projectSections.find((candidate) => candidate.id === props.current);
  return (
    <details className="project-menu" ref={menu.ref} onKeyDown={menu.onKeyDown}>
      <summary className="button secondary">
        <Menu aria-hidden="true" size={18} />
        <span>{t("nav:projectMenu")}</span>
        {section ? <span className="project-menu-current">: {t(section.label)}</span> : null}
      </summary>
      <nav aria-label={t("projects:nav.label")} className="menu-panel">
        <SectionLinks {...props} />
      </nav>
    </details>
  );
}

export function useCrumbText() {
  const { t } = useTranslation();
  const format = useFormat();
  const sectionTitle = useSectionTitle();
  return (label: CrumbLabel): string => {
    if ("key" in label) return t(label.key);
    if ("texts" in label) return pickLocalized(label.texts, label.original, format.lang).text || "—";
    if ("section" in label) return sectionTitle(label.section).text;
    return label.text;
  };
}

/** Project › Visits › Visit to Jinan: the last one is this page (aria-current). */
export function Breadcrumbs({ project, crumbs }: { project: Crumb; crumbs: Crumb[] }) {
  const { t } = useTranslation();
  const text = useCrumbText();
  const all = [project, ...crumbs];
  return (
    <nav aria-label={t("nav:breadcrumbs")} className="breadcrumbs">
      <ol>
        {all.map((crumb, index) =>
          index === all.length - 1 ? (
            <li key={index} aria-current="page">
              {text(crumb.label)}
            </li>
          ) : (
            <li key={index}>{crumb.to ? <Link to={crumb.to}>{text(crumb.label)}</Link> : text(crumb.label)}</li>
          ),
        )}
      </ol>
    </nav>
  );
}
