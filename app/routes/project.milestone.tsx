import { useTranslation } from "~/i18n/use-translation";
import { data, Link } from "react-router";
import type { Route } from "./+types/project.milestone";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { ApprovalPanel } from "~/components/approval-panel";
import { FormError } from "~/components/field";
import { LocalizedText } from "~/components/localized";
import { MilestoneForm } from "~/components/milestone-form";
import { SectionTitleText } from "~/components/section-title";
import { resolveLanguage } from "~/i18n/language.server";
import { pickLocalized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import { runApprovalAction } from "~/milestones/approvals.server";
import { getMilestone, isOverdue, updateMilestone } from "~/milestones/milestones.server";
import { MilestoneActionSchema } from "~/milestones/schemas";
import { listMentionable } from "~/plan/comments.server";
import { listSections } from "~/plan/plan.server";
import { refusal } from "~/utils/domain-error";
import { parseForm, readForm } from "~/utils/forms";
import { ZonedTime } from "~/components/zoned-time";
import { projectTimeZones } from "~/projects/projects.server";
import { instantToWallTime } from "~/utils/time-zones.server";
import { href } from "~/utils/links";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const milestone = await getMilestone(params.projectId, params.milestoneId);
  if (!milestone) throw data({ message: "errors:notFound" }, { status: 404 });
  const [members, sections, zones] = await Promise.all([listMentionable(params.projectId), listSections(params.projectId), projectTimeZones(params.projectId)]);
  // The edit form shows the meeting on the reader's city clock.
  const meetingZone = user.timeZone === "Asia/Shanghai" ? "Asia/Shanghai" : "Europe/Stockholm";
  return {
    zones,
    meeting: { zone: meetingZone, time: milestone.meetingAt ? instantToWallTime(new Date(milestone.meetingAt), meetingZone) : "" },
    milestone: { ...milestone, overdue: isOverdue(milestone) },
    members,
    sections: sections.map((section) => ({ id: section.id, title: section.title })),
    canEdit: can(role, "project:edit") && milestone.status !== "submitted",
    canSubmit: can(role, "approval:submit") && milestone.status !== "submitted" && milestone.status !== "approved",
    canDecide: can(role, "approval:decide"),
    userId: user.id,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const form = parseForm(MilestoneActionSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, done: null as string | null }, { status: 400 });
  const input = form.data;
  // Each right on its own (docs/product.md): editing, submitting, deciding.
  const needed = input.intent === "decide" ? "approval:decide" : input.intent === "submit" ? "approval:submit" : "project:edit";
  if (!can(role, needed)) throw data({ message: "errors:forbidden" }, { status: 403 });
  const lang = await resolveLanguage(request, user);
  try {
    switch (input.intent) {
      case "create":
        return data({ errors: { form: "errors:badRequest" } as Record<string, string>, done: null }, { status: 400 });
      case "update":
        await updateMilestone(user.id, params.projectId, params.milestoneId, { ...input, lang });
        break;
      case "submit":
      case "decide":
        await runApprovalAction(user, params.projectId, { milestoneId: params.milestoneId }, input, lang);
        break;
    }
    return data({ errors: {} as Record<string, string>, done: input.intent as string | null });
  } catch (error) {
    return refusal(error, { done: null as string | null });
  }
}

export default function Milestone({ loaderData, actionData, params }: Route.ComponentProps) {
  const { projectId } = params;
  const { t } = useTranslation();
  const format = useFormat();
  const { milestone, canEdit, canSubmit, canDecide, userId } = loaderData;
  const errors = actionData?.errors ?? {};
  const title = pickLocalized(milestone.titles, milestone.originalLang, format.lang);
  return (
    <>
      <title>{`${title.text} · ${t("appName")}`}</title>
      <p>
        <Link to={href("/projects/:projectId/milestones", { projectId })}>
          {t("milestones:back")}
        </Link>
      </p>
      <h1>
        <LocalizedText texts={milestone.titles} original={milestone.originalLang} />
      </h1>
      <dl className="facts">
        <dt>{t("milestones:fields.status")}</dt>
        <dd>
          <span className={`badge milestone-${milestone.status}`}>{t(`milestones:status.${milestone.status}`)}</span>
          {milestone.overdue ? <strong className="overdue-label"> {t("milestones:overdue")}</strong> : null}
        </dd>
        <dt>{t("milestones:fields.dueDate")}</dt>
        <dd>{format.calendarDate(milestone.dueDate)}</dd>
        {milestone.meetingAt ? (
          <>
            <dt>{t("milestones:fields.meeting")}</dt>
            <dd>
              <ZonedTime at={milestone.meetingAt} zones={loaderData.zones} withDate ownFirst />
            </dd>
          </>
        ) : null}
        <dt>{t("milestones:fields.owner")}</dt>
        <dd>{milestone.owner?.name ?? "—"}</dd>
        <dt>{t("milestones:fields.sections")}</dt>
        <dd>
          {milestone.sectionIds.length === 0 ? "—" : null}
          {loaderData.sections
            .filter((section) => milestone.sectionIds.includes(section.id))
            .map((section) => (
              <Link key={section.id} to={href("/projects/:projectId/plan/:sectionId", { projectId, sectionId: section.id })} className="chip">
                <SectionTitleText title={section.title} />
              </Link>
            ))}
        </dd>
      </dl>
      {Object.keys(milestone.descriptions).length > 0 ? (
        <p className="description">
          <LocalizedText texts={milestone.descriptions} original={milestone.originalLang} />
        </p>
      ) : null}
      <FormError error={errors.form} />
      {actionData?.done ? (
        <p className="notice" role="status">
          {t(`milestones:done.${actionData.done}`)}
        </p>
      ) : null}

      <ApprovalPanel rounds={milestone.rounds} canSubmit={canSubmit} canDecide={canDecide} userId={userId} errors={errors} />

      {canEdit ? (
        <details className="panel">
          <summary>{t("milestones:edit")}</summary>
          <MilestoneForm
            intent="update"
            values={{
              titles: milestone.titles,
              descriptions: milestone.descriptions,
              originalLang: milestone.originalLang,
              dueDate: milestone.dueDate.slice(0, 10),
              meetingTime: loaderData.meeting.time,
              meetingZone: loaderData.meeting.zone,
              ownerId: milestone.owner?.id ?? null,
              sectionIds: milestone.sectionIds,
            }}
            members={loaderData.members}
            sections={loaderData.sections}
            errors={errors}
          />
        </details>
      ) : null}
    </>
  );
}
