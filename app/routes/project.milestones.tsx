import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, redirect } from "react-router";
import type { Route } from "./+types/project.milestones";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { FormError } from "~/components/field";
import { CreateDialog } from "~/components/create-dialog";
import { MilestoneForm } from "~/components/milestone-form";
import { resolveLanguage } from "~/i18n/language.server";
import { dateTimeFormat } from "~/i18n/intl-cache";
import { intlLocale } from "~/i18n/languages";
import { pickLocalized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import { listMentionable } from "~/plan/comments.server";
import { listSections } from "~/plan/plan.server";
import { createMilestone, isOverdue, listMilestones } from "~/milestones/milestones.server";
import { MilestoneActionSchema, MilestoneListSchema } from "~/milestones/schemas";
import { refusal } from "~/utils/domain-error";
import { parseForm, parseQuery, readForm } from "~/utils/forms";
import { createOnce } from "~/utils/once.server";
import { ZonedTime } from "~/components/zoned-time";
import { projectTimeZones } from "~/projects/projects.server";
import { href } from "~/utils/links";
import "~/i18n/pages/milestones";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const list = parseQuery(MilestoneListSchema, request);
  const [milestones, members, sections, zones] = await Promise.all([
    listMilestones(params.projectId, { status: list.status, ownerId: list.owner === "me" ? user.id : undefined, sort: list.sort }),
    listMentionable(params.projectId),
    listSections(params.projectId),
    projectTimeZones(params.projectId),
  ]);
  return {
    zones,
    milestones: milestones.map((milestone) => ({ ...milestone, overdue: isOverdue(milestone) })),
    members,
    sections: sections.map((section) => ({ id: section.id, title: section.title })),
    list,
    filtered: list.status !== undefined || list.owner !== undefined,
    canEdit: can(role, "project:edit"),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireProjectRole(request, params.projectId, "project:edit");
  const formData = await readForm(request);
  const form = parseForm(MilestoneActionSchema, formData);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  if (form.data.intent !== "create") return data({ errors: { form: "errors:badRequest" } as Record<string, string> }, { status: 400 });
  const input = form.data;
  return createOnce(request, formData, user.id, async () => {
    try {
      const lang = await resolveLanguage(request, user);
      const milestone = await createMilestone(user.id, params.projectId, { ...input, lang });
      return redirect(href("/projects/:projectId/milestones/:milestoneId", { projectId: params.projectId, milestoneId: milestone.id }));
    } catch (error) {
      return refusal(error);
    }
  });
}

/** Months of the timeline, in order, each with its milestones. */
function byMonth<T extends { dueDate: string }>(milestones: T[]) {
  const months = new Map<string, T[]>();
  for (const milestone of milestones) {
    const month = milestone.dueDate.slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), milestone]);
  }
  return [...months];
}

export default function Milestones({ loaderData, actionData, params }: Route.ComponentProps) {
  const { projectId } = params;
  const { t } = useTranslation();
  const format = useFormat();
  const { milestones, canEdit } = loaderData;
  const monthName = (month: string) =>
    dateTimeFormat(intlLocale[format.lang], { month: "long", year: "numeric", timeZone: "UTC" }).format(
      new Date(`${month}-01T00:00:00Z`),
    );
  const title = (milestone: (typeof milestones)[number]) => pickLocalized(milestone.titles, milestone.originalLang, format.lang);
  const { list, filtered } = loaderData;
  const errors = actionData?.errors;
  return (
    <>
      <div className="page-head">
        <h1>{t("milestones:title")}</h1>
        {canEdit ? (
          <CreateDialog id="new-milestone" label={t("milestones:new")} created={t("milestones:created")} errors={errors}>
            <FormError error={errors?.form} />
            <MilestoneForm intent="create" members={loaderData.members} sections={loaderData.sections} errors={errors ?? {}} />
          </CreateDialog>
        ) : null}
      </div>
      <Form method="get" className="filters" aria-label={t("ui:listOptions")}>
        <label>
          {t("milestones:list.status")}{" "}
          <select name="status" defaultValue={list.status ?? ""}>
            <option value="">{t("ui:all")}</option>
            {(["planned", "submitted", "changes_requested", "approved", "rejected"] as const).map((status) => (
              <option key={status} value={status}>
                {t(`milestones:status.${status}`)}
              </option>
            ))}
            <option value="overdue">{t("milestones:overdue")}</option>
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" name="owner" value="me" defaultChecked={list.owner === "me"} /> {t("milestones:list.mine")}
        </label>
        <label>
          {t("ui:sort")}{" "}
          <select name="sort" defaultValue={list.sort}>
            <option value="due">{t("milestones:list.soonest")}</option>
            <option value="latest">{t("milestones:list.latest")}</option>
          </select>
        </label>
        <button type="submit">{t("ui:show")}</button>
      </Form>
      {milestones.length === 0 ? (
        filtered ? (
          <p className="empty-state">
            {t("ui:noMatch")} <Link to={href("/projects/:projectId/milestones", { projectId })}>{t("ui:showAll")}</Link>
          </p>
        ) : (
          <p className="empty-state">{canEdit ? t("milestones:list.emptyCreate") : t("milestones:empty")}</p>
        )
      ) : (
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">{t("milestones:timeline")}</h2>
          <ol className="timeline">
            {byMonth(milestones).map(([month, entries]) => (
              <li key={month}>
                <h3>{monthName(month)}</h3>
                <ul className="plain-list">
                  {entries.map((milestone) => {
                    const { text, fallback } = title(milestone);
                    return (
                      <li key={milestone.id} className={milestone.overdue ? "overdue" : undefined}>
                        <Link to={href("/projects/:projectId/milestones/:milestoneId", { projectId, milestoneId: milestone.id })}>{text}</Link>
                        {fallback ? <span className="muted"> {t("milestones:fallback", { language: format.languageName(fallback) })}</span> : null}{" "}
                        <span className="muted">{format.calendarDate(milestone.dueDate)}</span>{" "}
                        <span className={`badge milestone-${milestone.status}`}>{t(`milestones:status.${milestone.status}`)}</span>
                        {milestone.overdue ? <strong className="overdue-label"> {t("milestones:overdue")}</strong> : null}
                        {milestone.owner ? <span className="muted"> · {milestone.owner}</span> : null}
                        {milestone.meetingAt ? (
                          <div className="muted">
                            {t("milestones:fields.meeting")}: <ZonedTime at={milestone.meetingAt} zones={loaderData.zones} withDate ownFirst />
                          </div>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
