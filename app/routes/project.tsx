import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import type { Route } from "./+types/project";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { SearchBox } from "~/components/search-box";
import { getProjectSummary } from "~/projects/projects.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { role } = await requireProjectRole(request, params.projectId);
  return { project: await getProjectSummary(params.projectId), role };
}

export default function ProjectLayout({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { project, role } = loaderData;
  const base = `/projects/${project.id}`;
  return (
    <div className="page">
      <div className="page-heading">
        <p className="project-title">{project.title}</p>
        <SearchBox projectId={project.id} />
      </div>
      <nav aria-label={t("projects:nav.label")} className="tabs">
        <NavLink to={base} end>
          {t("projects:nav.overview")}
        </NavLink>
        <NavLink to={`${base}/plan`}>{t("projects:nav.plan")}</NavLink>
        <NavLink to={`${base}/milestones`}>{t("projects:nav.milestones")}</NavLink>
        <NavLink to={`${base}/visits`}>{t("projects:nav.visits")}</NavLink>
        <NavLink to={`${base}/findings`}>{t("projects:nav.findings")}</NavLink>
        <NavLink to={`${base}/results`}>{t("projects:nav.results")}</NavLink>
        <NavLink to={`${base}/budget`}>{t("projects:nav.budget")}</NavLink>
        <NavLink to={`${base}/activity`}>{t("projects:nav.activity")}</NavLink>
        {can(role, "audit:read") ? <NavLink to={`${base}/audit`}>{t("projects:nav.audit")}</NavLink> : null}
        {can(role, "project:manage") ? <NavLink to={`${base}/members`}>{t("projects:nav.members")}</NavLink> : null}
        {can(role, "project:manage") ? <NavLink to={`${base}/settings`}>{t("projects:nav.settings")}</NavLink> : null}
      </nav>
      <Outlet />
    </div>
  );
}
