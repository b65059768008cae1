import { useTranslation } from "~/i18n/use-translation";
import type { Route } from "./+types/project.overview";
import { projectRoles } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { LocalizedText } from "~/components/localized";
import { useFormat } from "~/i18n/use-format";
import { getProjectOverview } from "~/projects/projects.server";
import { AgendaList } from "~/components/agenda";
import { listAgendaForPage } from "~/home/agenda.server";
import { resolveLanguage } from "~/i18n/language.server";
import "~/i18n/pages/home";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { role, user } = await requireProjectRole(request, params.projectId);
  const [project, agenda] = await Promise.all([getProjectOverview(params.projectId), listAgendaForPage(user.id, await resolveLanguage(request, user), params.projectId)]);
  return { project, role, agenda };
}

export default function ProjectOverview({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { project, agenda } = loaderData;
  return (
    <>
      <h1>
        <LocalizedText texts={project.titles} original={project.originalLang} />
      </h1>
      <section className="panel agenda-panel" aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t("home:projectHeading")}</h2>
        <AgendaList items={agenda} headingLevel={3} showProject={false} emptyText={t("home:emptyProject")} />
      </section>
      <dl className="facts">
        <dt>{t("projects:overview.funder")}</dt>
        <dd>{project.funder}</dd>
        <dt>{t("projects:overview.grant")}</dt>
        <dd>{format.money(project.grantAmount, project.currency)}</dd>
        <dt>{t("projects:overview.period")}</dt>
        <dd>
          {format.calendarDate(project.startDate)} – {format.calendarDate(project.endDate)}
        </dd>
        <dt>{t("projects:overview.status")}</dt>
        <dd>{t(`projects:status.${project.status}`)}</dd>
        <dt>{t("projects:overview.organisations")}</dt>
        <dd>{project.organisations.map((organisation) => format.localized(organisation.names, organisation.originalLang)).join(", ")}</dd>
      </dl>
      <h2>{t("projects:overview.members")}</h2>
      {projectRoles.map((role) => {
        const members = project.members.filter((member) => member.role === role);
        if (members.length === 0) return null;
        return (
          <section key={role} className="role-group" aria-labelledby={`role-${role}`}>
            <h3 id={`role-${role}`}>{t(`rolesPlural.${role}`)}</h3>
            <ul>
              {members.map((member) => (
                <li key={member.id}>
                  {member.name}
                  {member.organisation ? <span className="muted"> · {format.localized(member.organisation.names, member.organisation.originalLang)}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
