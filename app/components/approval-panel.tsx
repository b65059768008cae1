import { useTranslation } from "~/i18n/use-translation";
import type { ReactNode } from "react";
import { Form, useNavigation } from "react-router";
import { useFormat } from "~/i18n/use-format";
import type { Round } from "~/milestones/rounds.server";
import { TranslateButton } from "~/components/translate-button";
import { LocalizedInput, LocalizedText } from "~/components/localized";
import "~/i18n/pages/milestones";
import "~/i18n/pages/translationRequests";

/**
 * Submitting to the steering group, deciding, and every round with who decided what and when:
 * the same for milestones and named versions of the plan.
 */
export function ApprovalPanel({
  rounds,
  canSubmit,
  canDecide,
  userId,
  errors,
  translationGap,
}: {
  rounds: Round[];
  canSubmit: boolean;
  canDecide: boolean;
  userId: string;
  errors: Record<string, string>;
  /** What the approvers read and the submission lacks: said before submitting, with the choice to request it first (not a block). */
  translationGap?: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const pending = rounds.find((round) => round.status === "pending");
  const decidedByMe = pending?.decisions.some((decision) => decision.deciderId === userId);
  return (
    <>
      {canSubmit ? (
        <section className="panel" aria-labelledby="submit-heading">
          <h2 id="submit-heading">{t("milestones:submit.title")}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="submit" />
            <LocalizedInput label={t("milestones:submit.summary")} name="summary" max={5000} multiline required error={errors.summary} />
            {translationGap ? (
              <>
                {translationGap}
                <div className="row-actions">
                  <button type="submit" name="requestTranslations" value="yes" className="primary" disabled={busy}>
                    {t("translationRequests:submit.requestAndSubmit")}
                  </button>
                  <button type="submit" disabled={busy}>
                    {t("translationRequests:submit.anyway")}
                  </button>
                </div>
              </>
            ) : (
              <button type="submit" className="primary" disabled={busy}>
                {t("milestones:submit.button")}
              </button>
            )}
          </Form>
        </section>
      ) : null}

      {pending && canDecide && !decidedByMe ? (
        <section className="panel" aria-labelledby="decide-heading">
          <h2 id="decide-heading">{t("milestones:decide.title", { round: pending.round })}</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="decide" />
            <input type="hidden" name="requestId" value={pending.id} />
            <LocalizedInput label={t("milestones:decide.comment")} name="comment" max={5000} multiline error={errors.comment} />
            <div className="row-actions">
              {(["approve", "request_changes", "reject"] as const).map((kind) => (
                <button key={kind} type="submit" name="kind" value={kind} className={kind === "approve" ? "primary" : kind === "reject" ? "danger" : undefined} disabled={busy}>
                  {t(`milestones:decide.${kind}`)}
                </button>
              ))}
            </div>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="rounds-heading">
        <h2 id="rounds-heading">{t("milestones:rounds.title")}</h2>
        {rounds.length === 0 ? <p className="muted">{t("milestones:rounds.none")}</p> : null}
        <ol className="rounds">
          {rounds.map((round) => (
            <li key={round.id} className="panel">
              <h3>
                {t("milestones:rounds.round", { round: round.round })}{" "}
                <span className={`badge request-${round.status}`}>{t(`milestones:requestStatus.${round.status}`)}</span>
              </h3>
              <p className="muted">
                {t("milestones:rounds.submitted", { name: round.submittedBy ?? t("common:formerMember"), date: format.dateTime(round.createdAt) })} ·{" "}
                {t(`milestones:rule.${round.rule}`)}
              </p>
              <blockquote>
                <LocalizedText texts={round.summary} original={round.summaryLang} />
              </blockquote>
              {/* A machine draft only where no one gave the reader's language. */}
              {round.summary[format.lang] ? null : <TranslateButton kind="summary" id={round.id} lang={round.summaryLang} />}
              <ul className="decisions">
                {round.decisions.map((decision) => (
                  <li key={decision.id}>
                    <strong>{decision.decider ?? t("common:formerMember")}</strong>
                    {decision.organisation ? <span className="muted"> ({format.localized(decision.organisation.names, decision.organisation.originalLang)})</span> : null}:{" "}
                    <span className={`badge decision-${decision.kind}`}>{t(`milestones:decision.${decision.kind}`)}</span>{" "}
                    <span className="muted">{format.dateTime(decision.createdAt)}</span>
                    {Object.keys(decision.comment).length > 0 ? (
                      <>
                        <p className="comment-body">
                          <LocalizedText texts={decision.comment} original={decision.commentLang} />
                        </p>
                        {decision.comment[format.lang] ? null : <TranslateButton kind="decision" id={decision.id} lang={decision.commentLang} />}
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>

    </>
  );
}
