import { useTranslation } from "~/i18n/use-translation";
import { data, Form, useNavigation } from "react-router";
import type { Route } from "./+types/project.reports";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { formatMinor, fromDecimalString } from "~/budget/money";
import { listReports, ReportActionSchema, ReportError, reportFigures, reportYears, submitReport } from "~/budget/report.server";
import { FormError } from "~/components/field";
import { useFormat } from "~/i18n/use-format";
import { refusal } from "~/utils/domain-error";
import { parseForm, readForm } from "~/utils/forms";
import { href, withQuery } from "~/utils/links";
import { languages } from "~/i18n/languages";
import "~/i18n/pages/reports";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { role, projectId } = await requireProjectRole(request, params.projectId);
  const [years, reports] = await Promise.all([reportYears(projectId), listReports(projectId)]);
  const live = await Promise.all(years.map(async (projectYear) => ({ projectYear, totals: (await reportFigures(projectId, projectYear)).totals })));
  return { years: live, reports, canSubmit: can(role, "report:submit") };
}

export async function action({ request, params }: Route.ActionArgs) {
  // Only the owner submits: asked before the form is read.
  const { user, projectId } = await requireProjectRole(request, params.projectId, "report:submit");
  const form = parseForm(ReportActionSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, count: null as number | null, done: null as number | null }, { status: 400 });
  try {
    const report = await submitReport(user.id, projectId, form.data.projectYear);
    return data({ errors: {} as Record<string, string>, count: null as number | null, done: report.version as number | null });
  } catch (error) {
    return refusal(error, { count: error instanceof ReportError ? (error.count ?? null) : null, done: null as number | null });
  }
}

export default function Reports({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigation = useNavigation();
  const { years, reports, canSubmit } = loaderData;
  const sek = (amount: string) => formatMinor(fromDecimalString(amount), "SEK", format.lang);
  const { projectId } = params;
  const account = (year: number, version?: number) => withQuery(href("/projects/:projectId/reports/:year/account.xlsx", { projectId, year: String(year) }), { version });
  const narrative = (year: number, lang: string, version?: number) =>
    withQuery(href("/projects/:projectId/reports/:year/narrative.docx", { projectId, year: String(year) }), { lang, version });
  return (
    <>
      <title>{`${t("reports:title")} · ${t("appName")}`}</title>
      <h1>{t("reports:title")}</h1>
      <p className="hint">{t("reports:intro")}</p>
      <FormError error={actionData?.errors?.form} values={actionData?.count != null ? { count: actionData.count } : undefined} />
      {actionData?.done ? <p role="status">{t("reports:done", { version: actionData.done })}</p> : null}
      {years.map(({ projectYear, totals }) => {
        const submitted = reports.filter((report) => report.projectYear === projectYear);
        const unbudgeted = fromDecimalString(totals.unbudgeted) !== 0n;
        return (
          <section key={projectYear} aria-labelledby={`year-${projectYear}`}>
            <h2 id={`year-${projectYear}`}>{t("reports:year", { year: projectYear })}</h2>
            <h3>{t("reports:live")}</h3>
            {/* Where each figure comes from (decision 031): the recorded costs split into what is
                not eligible, what counts against the approved lines ("actual", eligible costs only)
                and eligible costs of a category without a line; ICLD reimburses the eligible ones. */}
            <dl className="facts totals report-figures">
              <dt>{t("reports:columns.approved")}</dt>
              <dd className="number">{sek(totals.approved)}</dd>
              <dt>{t("reports:recorded")}</dt>
              <dd className="number">{sek(totals.sek)}</dd>
              <dt className="part">{t("reports:notEligibleOf")}</dt>
              <dd className="number">{sek(totals.notEligible)}</dd>
              <dt className="part">{t("reports:actualOf")}</dt>
              <dd className="number">{sek(totals.actual)}</dd>
              {unbudgeted ? (
                <>
                  <dt className="part">{t("reports:unbudgetedOf")}</dt>
                  <dd className="number">{sek(totals.unbudgeted)}</dd>
                </>
              ) : null}
              <dt>{t("reports:reimbursable")}</dt>
              <dd className="number">
                <strong>{sek(totals.reimbursable)}</strong>
              </dd>
              <dt>{t("reports:missingReceipts")}</dt>
              <dd className="number">{format.number(totals.missingReceipts)}</dd>
            </dl>
            <p className="hint report-note">
              {unbudgeted ? t("reports:reimbursableNoteUnbudgeted") : t("reports:reimbursableNote")}
            </p>
            <ul className="links">
              <li>
                <a href={account(projectYear)} download>
                  {t("reports:downloadXlsx")}
                </a>
              </li>
              {languages.map((lang) => (
                <li key={lang}>
                  <a href={narrative(projectYear, lang)} download>
                    {t("reports:downloadDocx", { language: format.languageName(lang) })}
                  </a>
                </li>
              ))}
            </ul>
            {canSubmit ? (
              <Form method="post">
                <input type="hidden" name="intent" value="submit" />
                <input type="hidden" name="projectYear" value={projectYear} />
                <p className="hint">{t("reports:submitNote")}</p>
                <button type="submit" disabled={navigation.state !== "idle"}>
                  {t("reports:submit", { year: projectYear })}
                </button>
              </Form>
            ) : null}
            <h3>{t("reports:submitted")}</h3>
            {submitted.length === 0 ? (
              <p>{t("reports:noneSubmitted")}</p>
            ) : (
              <ul>
                {submitted.map((report) => (
                  <li key={report.id}>
                    <a href={account(projectYear, report.version)} download>
                      {t("reports:version", { version: report.version })}
                    </a>{" "}
                    {t("reports:submittedBy", { date: format.dateTime(report.submittedAt), name: report.submittedBy ?? "–" })}
                    {" · "}
                    {t("reports:narrativeOf")}{" "}
                    {languages.map((lang, index) => (
                      <span key={lang}>
                        {index > 0 ? ", " : null}
                        <a href={narrative(projectYear, lang, report.version)} download>
                          {format.languageName(lang)}
                        </a>
                      </span>
                    ))}
                    {" · "}
                    {t("reports:reimbursable")}: {sek(report.totals.reimbursable)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}
