import { useTranslation } from "~/i18n/use-translation";
import type { Route } from "./+types/project.overview";
import { projectRoles } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { LocalizedText } from "~/components/localized";
import { useFormat } from "~/i18n/use-format";
import { getProjectOverview } from "~/projects/projects.server";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { role } = await requireProjectRole(request, params.projectId);
  return { project: await getProjectOverview(params.projectId), role };
}

export default function ProjectOverview({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { project } = loaderData;
  return (
    <>
      <h1>
        <LocalizedText texts={project.titles} original={project.originalLang} />
      </h1>
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
