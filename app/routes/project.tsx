import { useTranslation } from "~/i18n/use-translation";
import { NavLink, Outlet } from "react-router";
import type { Route } from "./+types/project";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { LocalizedText } from "~/components/localized";
import { SearchBox } from "~/components/search-box";
import { href } from "~/utils/links";
import { draftsAvailable } from "~/translation/draft.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { projectId, projectTitle, role } = await requireProjectRole(request, params.projectId);
  // Whether a machine-translation provider is configured: translate buttons show only then.
  return { project: { id: projectId, ...projectTitle }, role, machineDrafts: draftsAvailable() };
}

export default function ProjectLayout({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { project, role } = loaderData;
  const projectId = project.id;
  return (
    <div className="page">
      <div className="page-heading">
        <p className="project-title">
          <LocalizedText texts={project.titles} original={project.originalLang} />
        </p>
        <SearchBox projectId={project.id} />
      </div>
      <nav aria-label={t("projects:nav.label")} className="tabs">
        <NavLink to={href("/projects/:projectId", { projectId })} end>
          {t("projects:nav.overview")}
        </NavLink>
        <NavLink to={href("/projects/:projectId/plan", { projectId })}>{t("projects:nav.plan")}</NavLink>
        <NavLink to={href("/projects/:projectId/milestones", { projectId })}>{t("projects:nav.milestones")}</NavLink>
        <NavLink to={href("/projects/:projectId/visits", { projectId })}>{t("projects:nav.visits")}</NavLink>
        <NavLink to={href("/projects/:projectId/findings", { projectId })}>{t("projects:nav.findings")}</NavLink>
        <NavLink to={href("/projects/:projectId/translations", { projectId })}>{t("projects:nav.translations")}</NavLink>
        <NavLink to={href("/projects/:projectId/results", { projectId })}>{t("projects:nav.results")}</NavLink>
        <NavLink to={href("/projects/:projectId/budget", { projectId })}>{t("projects:nav.budget")}</NavLink>
        <NavLink to={href("/projects/:projectId/activity", { projectId })}>{t("projects:nav.activity")}</NavLink>
        {can(role, "audit:read") ? <NavLink to={href("/projects/:projectId/audit", { projectId })}>{t("projects:nav.audit")}</NavLink> : null}
        {can(role, "project:manage") ? <NavLink to={href("/projects/:projectId/members", { projectId })}>{t("projects:nav.members")}</NavLink> : null}
        {can(role, "project:manage") ? <NavLink to={href("/projects/:projectId/settings", { projectId })}>{t("projects:nav.settings")}</NavLink> : null}
      </nav>
      <Outlet />
    </div>
  );
}
