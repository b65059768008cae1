import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link } from "react-router";
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
import { getMilestone, isOverdue, translateMilestone, updateMilestone } from "~/milestones/milestones.server";
import { milestoneGaps, openRequestsFor, requestTranslationsForApproval } from "~/translation/requests.server";
import { completeLanguages } from "~/translation/request-kinds";
import { TranslationGapWarning, TranslationRequestControl } from "~/components/translation-request";
import { LocalizedInput } from "~/components/localized";
import { languages, type Lang } from "~/i18n/languages";
import { MilestoneActionSchema } from "~/milestones/schemas";
import { listMentionable } from "~/plan/comments.server";
import { listSections } from "~/plan/plan.server";
import { refusal } from "~/utils/domain-error";
import { parseForm, readForm } from "~/utils/forms";
import { ZonedTime } from "~/components/zoned-time";
import { projectTimeZones } from "~/projects/projects.server";
import { instantToWallTime } from "~/utils/time-zones.server";
import { href } from "~/utils/links";
import "~/i18n/pages/milestones";
import "~/i18n/pages/translationRequests";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const milestone = await getMilestone(params.projectId, params.milestoneId);
  if (!milestone) throw data({ message: "errors:notFound" }, { status: 404 });
  const canSubmit = can(role, "approval:submit") && milestone.status !== "submitted" && milestone.status !== "approved";
  const [members, sections, zones, openRequests, translationGaps] = await Promise.all([
    listMentionable(params.projectId),
    listSections(params.projectId),
    projectTimeZones(params.projectId),
    openRequestsFor({ kind: "milestone", id: milestone.id }, { id: user.id, role }),
    // What the steering group reads and the milestone lacks, told before it is submitted (decision 020).
    canSubmit ? milestoneGaps(params.projectId, milestone) : [],
  ]);
  // The edit form shows the meeting on the reader's city clock.
  const meetingZone = user.timeZone === "Asia/Shanghai" ? "Asia/Shanghai" : "Europe/Stockholm";
  return {
    zones,
    meeting: { zone: meetingZone, time: milestone.meetingAt ? instantToWallTime(new Date(milestone.meetingAt), meetingZone) : "" },
    milestone: { ...milestone, overdue: isOverdue(milestone) },
    members,
    sections: sections.map((section) => ({ id: section.id, title: section.title })),
    canEdit: can(role, "project:edit") && milestone.status !== "submitted",
    // A submitted milestone's content is locked; its other languages can still be written.
    canTranslate: can(role, "project:edit") && milestone.status === "submitted",
    canRequest: can(role, "comment:write"),
    openRequests,
    translationGaps,
    canSubmit,
    canDecide: can(role, "approval:decide"),
    userId: user.id,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const form = parseForm(MilestoneActionSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, done: null as string | null, requested: [] as string[] }, { status: 400 });
  const input = form.data;
  // Each right on its own (docs/product.md): editing, submitting, deciding.
  const needed = input.intent === "decide" ? "approval:decide" : input.intent === "submit" ? "approval:submit" : "project:edit";
  if (!can(role, needed)) throw data({ message: "errors:forbidden" }, { status: 403 });
  const lang = await resolveLanguage(request, user);
  let requested: string[] = [];
  try {
    switch (input.intent) {
      case "create":
        return data({ errors: { form: "errors:badRequest" } as Record<string, string>, done: null, requested }, { status: 400 });
      case "update":
        await updateMilestone(user.id, params.projectId, params.milestoneId, { ...input, lang });
        break;
      case "translate":
        await translateMilestone(user.id, params.projectId, params.milestoneId, { ...input, lang });
        break;
      case "submit":
        if (input.requestTranslations) requested = await requestTranslationsForApproval({ id: user.id, role }, params.projectId, { milestoneId: params.milestoneId });
        await runApprovalAction(user, params.projectId, { milestoneId: params.milestoneId }, input, lang);
        break;
      case "decide":
        await runApprovalAction(user, params.projectId, { milestoneId: params.milestoneId }, input, lang);
        break;
    }
    return data({ errors: {} as Record<string, string>, done: input.intent as string | null, requested });
  } catch (error) {
    return refusal(error, { done: null as string | null, requested });
  }
}

export default function Milestone({ loaderData, actionData, params }: Route.ComponentProps) {
  const { projectId } = params;
  const { t } = useTranslation();
  const format = useFormat();
  const { milestone, canEdit, canSubmit, canDecide, userId } = loaderData;
  const errors = actionData?.errors ?? {};
  const title = pickLocalized(milestone.titles, milestone.originalLang, format.lang);
  // The languages its short texts are not all in yet: those a translation can be asked for.
  const complete = completeLanguages([milestone.titles, milestone.descriptions]);
  const missing = languages.filter((lang) => !complete.includes(lang));
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

      {actionData?.requested && actionData.requested.length > 0 ? (
        <p className="notice" role="status">
          {t("translationRequests:done.requestedForApproval", { languages: actionData.requested.map((lang) => format.languageName(lang as Lang)).join(", ") })}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="translation-heading">
        <h2 id="translation-heading">{t("translationRequests:control.heading")}</h2>
        {missing.length === 0 && loaderData.openRequests.length === 0 ? <p className="muted">{t("translationRequests:control.allLanguages")}</p> : null}
        <TranslationRequestControl
          projectId={projectId}
          target={{ kind: "milestone", id: milestone.id }}
          langs={missing}
          open={loaderData.openRequests}
          canRequest={loaderData.canRequest}
        />
        {loaderData.canTranslate ? (
          <details>
            <summary>{t("translationRequests:milestone.translate")}</summary>
            <p className="hint">{t("translationRequests:milestone.translateHint")}</p>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="translate" />
              <LocalizedInput label={t("milestones:fields.title")} name="title" values={milestone.titles} original={milestone.originalLang} max={200} error={errors.title} />
              <LocalizedInput
                label={t("milestones:fields.description")}
                name="description"
                values={milestone.descriptions}
                original={milestone.originalLang}
                max={5000}
                multiline
                error={errors.description}
              />
              <button type="submit" className="primary">
                {t("actions.save")}
              </button>
            </Form>
          </details>
        ) : null}
      </section>

      <ApprovalPanel
        rounds={milestone.rounds}
        canSubmit={canSubmit}
        canDecide={canDecide}
        userId={userId}
        errors={errors}
        translationGap={loaderData.translationGaps.length > 0 ? <TranslationGapWarning gaps={loaderData.translationGaps} /> : undefined}
      />

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
