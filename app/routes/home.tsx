import { Link, redirect } from "react-router";
import type { Route } from "./+types/home";
import { getUser } from "~/auth/session.server";
import { AgendaList } from "~/components/agenda";
import { listAgendaForPage } from "~/home/agenda.server";
import { resolveLanguage } from "~/i18n/language.server";
import { useFormat } from "~/i18n/use-format";
import { useTranslation } from "~/i18n/use-translation";
import { listProjectsForUser } from "~/projects/projects.server";
import { href } from "~/utils/links";
import "~/i18n/pages/home";

// Home (decision 026): what awaits the signed-in person across their projects, then the projects.
// Signed out, the address leads to sign-in.
export async function loader({ request }: Route.LoaderArgs) {
  const user = await getUser(request);
  if (!user) throw redirect(href("/login"));
  const lang = await resolveLanguage(request, user);
  const [agenda, projects] = await Promise.all([listAgendaForPage(user.id, lang), listProjectsForUser(user.id)]);
  return { agenda, projects };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { agenda, projects } = loaderData;
  return (
    <div className="page home">
      <title>{`${t("home:title")} · ${t("appName")}`}</title>
      <h1>{t("home:heading")}</h1>
      <AgendaList items={agenda} emptyText={t("home:empty")} />
      <section aria-labelledby="home-projects">
        <div className="page-heading">
          <h2 id="home-projects">{t("home:projects")}</h2>
          <Link to={href("/projects")}>{t("home:allProjects")}</Link>
        </div>
        {projects.length === 0 ? (
          <p>{t("home:noProjects")}</p>
        ) : (
          <ul className="home-projects">
            {projects.map((project) => (
              <li key={project.id}>
                <Link to={href("/projects/:projectId", { projectId: project.id })}>{format.localized(project.titles, project.originalLang)}</Link>{" "}
                <span className="badge">{t(`roles.${project.role}`)}</span>{" "}
                <span className={`badge status-${project.status}`}>{t(`projects:status.${project.status}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
