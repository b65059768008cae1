import { useTranslation } from "~/i18n/use-translation";
import { data, Link } from "react-router";
import type { Route } from "./+types/project.plan.snapshot";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { ApprovalPanel } from "~/components/approval-panel";
import { FormError } from "~/components/field";
import { ExportLanguageFields } from "~/components/export-languages";
import { resolveLanguage } from "~/i18n/language.server";
import { useFormat } from "~/i18n/use-format";
import { runApprovalAction } from "~/milestones/approvals.server";
import { listRounds } from "~/milestones/rounds.server";
import { ApprovalActionSchema } from "~/milestones/schemas";
import { getSnapshot } from "~/plan/versions.server";
import { refusal } from "~/utils/domain-error";
import { parseForm, readForm } from "~/utils/forms";
import { href } from "~/utils/links";
import { TranslationGapWarning } from "~/components/translation-request";
import type { Lang } from "~/i18n/languages";
import { requestTranslationsForApproval, snapshotGaps } from "~/translation/requests.server";
import "~/i18n/pages/export";
import "~/i18n/pages/milestones";
import "~/i18n/pages/plan";
import "~/i18n/pages/translationRequests";

// A named version of the whole plan, submitted to the steering group like a milestone.
export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const snapshot = await getSnapshot(params.projectId, params.snapshotId);
  if (!snapshot) throw data({ message: "errors:notFound" }, { status: 404 });
  const rounds = await listRounds(params.projectId, { snapshotId: snapshot.id });
  const settled = rounds.some((round) => round.status === "pending" || round.status === "approved");
  const canSubmit = can(role, "approval:submit") && !settled;
  // Sections without a text in a language the steering group reads, said before submitting (decision 020).
  const gaps = canSubmit ? await snapshotGaps(params.projectId, snapshot.id) : [];
  return {
    snapshot,
    rounds,
    canSubmit,
    canDecide: can(role, "approval:decide"),
    userId: user.id,
    translationGaps: gaps.map((gap) => ({ lang: gap.lang, sections: gap.sectionIds.length })),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const form = parseForm(ApprovalActionSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, done: null as string | null, requested: [] as string[] }, { status: 400 });
  const input = form.data;
  if (!can(role, input.intent === "decide" ? "approval:decide" : "approval:submit")) throw data({ message: "errors:forbidden" }, { status: 403 });
  const lang = await resolveLanguage(request, user);
  let requested: string[] = [];
  try {
    if (input.intent === "submit" && input.requestTranslations) {
      requested = await requestTranslationsForApproval({ id: user.id, role }, params.projectId, { snapshotId: params.snapshotId });
    }
    await runApprovalAction(user, params.projectId, { snapshotId: params.snapshotId }, input, lang);
    return data({ errors: {} as Record<string, string>, done: input.intent as string | null, requested });
  } catch (error) {
    return refusal(error, { done: null as string | null, requested });
  }
}

export default function Snapshot({ loaderData, actionData, params }: Route.ComponentProps) {
  const { projectId } = params;
  const { t } = useTranslation();
  const format = useFormat();
  const { snapshot, rounds } = loaderData;
  return (
    <>
      <p>
        <Link to={href("/projects/:projectId/plan", { projectId })}>
          {t("plan:editor.backToPlan")}
        </Link>
      </p>
      <h1>{snapshot.name}</h1>
      <p className="muted">
        {t("plan:snapshot.savedBy", { name: snapshot.createdBy ?? t("common:formerMember"), date: format.dateTime(snapshot.createdAt), count: snapshot.texts })}
      </p>
      <FormError error={actionData?.errors.form} />
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
      <ApprovalPanel
        rounds={rounds}
        canSubmit={loaderData.canSubmit}
        canDecide={loaderData.canDecide}
        userId={loaderData.userId}
        errors={actionData?.errors ?? {}}
        translationGap={loaderData.translationGaps.length > 0 ? <TranslationGapWarning gaps={loaderData.translationGaps} /> : undefined}
      />
      <VersionDownload projectId={projectId} snapshotId={snapshot.id} />
    </>
  );
}

/** The version as a .docx, in one language or two side by side (GET, any member; the export route checks). */
function VersionDownload({ projectId, snapshotId }: { projectId: string; snapshotId: string }) {
  const { t } = useTranslation();
  return (
    <section className="panel stack" aria-labelledby="version-download">
      <h2 id="version-download">{t("export:panel.versionTitle")}</h2>
      <p className="muted">{t("export:panel.versionIntro")}</p>
      <form method="get" action={href("/projects/:projectId/plan/export", { projectId })} className="stack">
        <input type="hidden" name="version" value={snapshotId} />
        <ExportLanguageFields idPrefix="version" />
        <div className="row-actions">
          <button type="submit" className="primary">
            {t("export:panel.download")}
          </button>
        </div>
      </form>
    </section>
  );
}
