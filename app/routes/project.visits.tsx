import { useTranslation } from "~/i18n/use-translation";
import { data, Link, redirect, useParams } from "react-router";
import type { Route } from "./+types/project.visits";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { FormError } from "~/components/field";
import { VisitForm } from "~/components/visit-form";
import { resolveLanguage } from "~/i18n/language.server";
import { pickLocalized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import { listProjectOrganisations } from "~/projects/projects.server";
import { refusal } from "~/utils/domain-error";
import { parseForm, readForm } from "~/utils/forms";
import { createOnce } from "~/utils/once.server";
import { VisitCreateSchema } from "~/visits/schemas";
import { createVisit, listVisits } from "~/visits/visits.server";
import { href } from "~/utils/links";
import "~/i18n/pages/visits";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { role } = await requireProjectRole(request, params.projectId);
  const [visits, organisations] = await Promise.all([listVisits(params.projectId), listProjectOrganisations(params.projectId)]);
  const today = new Date().toISOString().slice(0, 10);
  return {
    // Upcoming (and under way) first, soonest first; then past ones, latest first.
    upcoming: visits.filter((visit) => visit.endDate.slice(0, 10) >= today),
    past: visits.filter((visit) => visit.endDate.slice(0, 10) < today).reverse(),
    organisations,
    canEdit: can(role, "project:edit"),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireProjectRole(request, params.projectId, "project:edit");
  const formData = await readForm(request);
  const form = parseForm(VisitCreateSchema, formData);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  return createOnce(request, formData, user.id, async () => {
    try {
      const visit = await createVisit(user.id, params.projectId, { ...form.data, lang: await resolveLanguage(request, user) });
      return redirect(href("/projects/:projectId/visits/:visitId", { projectId: params.projectId, visitId: visit.id }));
    } catch (error) {
      return refusal(error);
    }
  });
}

type VisitRow = Route.ComponentProps["loaderData"]["upcoming"][number];

function VisitList({ visits }: { visits: VisitRow[] }) {
  const { projectId } = useParams() as { projectId: string };
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="card-list">
      {visits.map((visit) => {
        const title = pickLocalized(visit.titles, visit.originalLang, format.lang);
        return (
          <li key={visit.id} className={`card visit-${visit.status}`}>
            <h3>
              <Link to={href("/projects/:projectId/visits/:visitId", { projectId, visitId: visit.id })}>{title.text}</Link>
              {title.fallback ? <span className="muted"> {t("visits:fallback", { language: format.languageName(title.fallback) })}</span> : null}
            </h3>
            <p>
              {t("visits:direction", { from: format.localized(visit.traveller.names, visit.traveller.originalLang), to: format.localized(visit.host.names, visit.host.originalLang) })} · {format.calendarDate(visit.startDate)}–{format.calendarDate(visit.endDate)}{" "}
              <span className={`badge visit-status-${visit.status}`}>{t(`visits:status.${visit.status}`)}</span>
            </p>
            <p className="muted">{t("visits:summary", { delegates: visit.delegates, items: visit.agendaItems })}</p>
          </li>
        );
      })}
    </ul>
  );
}

export default function Visits({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { upcoming, past, organisations, canEdit } = loaderData;
  return (
    <>
      <title>{`${t("visits:title")} · ${t("appName")}`}</title>
      <h1>{t("visits:title")}</h1>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t("visits:upcoming")}</h2>
        {upcoming.length === 0 ? <p>{t("visits:noneUpcoming")}</p> : <VisitList visits={upcoming} />}
      </section>
      <section aria-labelledby="past-heading">
        <h2 id="past-heading">{t("visits:past")}</h2>
        {past.length === 0 ? <p>{t("visits:nonePast")}</p> : <VisitList visits={past} />}
      </section>
      {canEdit ? (
        <section className="panel" aria-labelledby="new-visit">
          <h2 id="new-visit">{t("visits:new")}</h2>
          <FormError error={actionData?.errors.form} />
          <VisitForm intent="create" organisations={organisations} errors={actionData?.errors ?? {}} />
        </section>
      ) : null}
    </>
  );
}
