import { useTranslation } from "~/i18n/use-translation";
import { Link, Outlet, useMatches, useParams } from "react-router";
import type { Route } from "./+types/project";
import { requireProjectRole } from "~/auth/project-access.server";
import { LocalizedText } from "~/components/localized";
import { SearchBox } from "~/components/search-box";
import { Breadcrumbs, ProjectMenu, ProjectSidebar, useCrumbText } from "~/components/project-nav";
import { pageTrail } from "~/projects/page-map";
import { href } from "~/utils/links";
import { draftsAvailable } from "~/translation/draft.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { projectId, projectTitle, role } = await requireProjectRole(request, params.projectId);
  // Whether a machine-translation provider is configured: translate buttons show only then.
  return { project: { id: projectId, ...projectTitle }, role, machineDrafts: draftsAvailable() };
}

/**
 * Every project page: the sections (a sidebar on a desktop, a menu on a phone), the search box,
 * breadcrumbs and the page's <title>, all from one map of routes (app/projects/page-map.ts).
 */
export default function ProjectLayout({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { project, role } = loaderData;
  const projectId = project.id;
  const matches = useMatches();
  const params = useParams();
  const leaf = matches[matches.length - 1];
  const { section, crumbs } = pageTrail(leaf?.id, leaf?.data as Record<string, unknown> | undefined, params);
  const text = useCrumbText();
  const projectCrumb = { label: { texts: project.titles, original: project.originalLang }, to: href("/projects/:projectId", { projectId }) };
  const title = section ? [...crumbs].reverse().map((crumb) => text(crumb.label)).concat(text(projectCrumb.label), t("appName")).join(" · ") : null;
  return (
    <div className="page project-layout">
      {title ? <title>{title}</title> : null}
      <ProjectSidebar projectId={projectId} role={role} current={section}>
        <p className="project-title">
          <Link to={href("/projects/:projectId", { projectId })}>
            <LocalizedText texts={project.titles} original={project.originalLang} withOriginal={false} />
          </Link>
        </p>
      </ProjectSidebar>
      <div className="project-main">
        <div className="project-bar">
          <ProjectMenu projectId={projectId} role={role} current={section} />
          {section ? <Breadcrumbs project={projectCrumb} crumbs={crumbs} /> : null}
          <SearchBox projectId={project.id} />
        </div>
        <Outlet />
      </div>
    </div>
  );
}
