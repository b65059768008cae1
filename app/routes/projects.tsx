import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import type { Route } from "./+types/projects";
import { requireUser } from "~/auth/session.server";
import { useFormat } from "~/i18n/use-format";
import { listProjectsForUser } from "~/projects/projects.server";
import { href } from "~/utils/links";

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  return { projects: await listProjectsForUser(user.id), canCreate: user.isAdmin };
}

export default function Projects({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="page">
      <title>{`${t("projects:list.title")} · ${t("appName")}`}</title>
      <div className="page-heading">
        <h1>{t("projects:list.title")}</h1>
        {loaderData.canCreate ? (
          <Link to={href("/projects/new")} className="button">
            {t("projects:list.new")}
          </Link>
        ) : null}
      </div>
      {loaderData.projects.length === 0 ? (
        <p>{t("projects:list.empty")}</p>
      ) : (
        <ul className="card-list">
          {loaderData.projects.map((project) => (
            <li key={project.id} className="card">
              <h2>
                <Link to={href("/projects/:projectId", { projectId: project.id })}>{format.localized(project.titles, project.originalLang)}</Link>
              </h2>
              <p className="muted">
                {project.funder} · {format.money(project.grantAmount, project.currency)} ·{" "}
                {format.calendarDate(project.startDate)} – {format.calendarDate(project.endDate)}
              </p>
              <p>
                <span className={`badge status-${project.status}`}>{t(`projects:status.${project.status}`)}</span>{" "}
                <span className="badge">{t(`roles.${project.role}`)}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
