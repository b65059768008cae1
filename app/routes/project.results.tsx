import { FormKey } from "~/components/form-key";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link } from "react-router";
import type { Route } from "./+types/project.results";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { FormError, SelectField } from "~/components/field";
import { LocalizedInput } from "~/components/localized";
import { createContext, useContext, useState } from "react";
import { formatMinor, fromDecimalString } from "~/budget/money";
import { resolveLanguage } from "~/i18n/language.server";
import { htmlLang, type Lang } from "~/i18n/languages";
import { pickLocalized, type Localized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import {
  addActivity,
  addResult,
  addRisk,
  getMatrix,
  matrixChoices,
  removeActivity,
  removeResult,
  removeRisk,
  updateActivity,
  updateGoals,
  updateResult,
  updateRisk,
} from "~/results/results.server";
import { ResultsActionSchema } from "~/results/schemas";
import { refusal } from "~/utils/domain-error";
import { parseForm, readForm } from "~/utils/forms";
import { href } from "~/utils/links";
import { createOnce } from "~/utils/once.server";
import "~/i18n/pages/results";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { role } = await requireProjectRole(request, params.projectId);
  const [matrix, choices] = await Promise.all([getMatrix(params.projectId), matrixChoices(params.projectId)]);
  return { ...matrix, choices, canEdit: can(role, "project:edit") };
}

/** Which form an answer belongs to: the intent and the row it was about. */
function formKey(values: Record<string, unknown>) {
  return `${String(values.intent ?? "")}:${String(values.resultId ?? values.activityId ?? values.riskId ?? "")}`;
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, projectId } = await requireProjectRole(request, params.projectId, "project:edit");
  const formData = await readForm(request);
  const key = formKey(Object.fromEntries(formData));
  const form = parseForm(ResultsActionSchema, formData);
  if (!form.ok) return data({ errors: form.errors, key, done: null as string | null }, { status: 400 });
  const lang = await resolveLanguage(request, user);
  const input = form.data;
  return createOnce(request, formData, user.id, async () => {
    try {
      switch (input.intent) {
        case "goals":
          await updateGoals(user.id, projectId, lang, input);
          break;
        case "addResult":
          await addResult(user.id, projectId, lang, input);
          break;
        case "updateResult":
          await updateResult(user.id, projectId, input.resultId, lang, input);
          break;
        case "removeResult":
          await removeResult(user.id, projectId, input.resultId);
          break;
        case "addActivity":
          await addActivity(user.id, projectId, input.resultId, lang, input);
          break;
        case "updateActivity":
          await updateActivity(user.id, projectId, input.activityId, lang, input);
          break;
        case "removeActivity":
          await removeActivity(user.id, projectId, input.activityId);
          break;
        case "addRisk":
          await addRisk(user.id, projectId, lang, input);
          break;
        case "updateRisk":
          await updateRisk(user.id, projectId, input.riskId, lang, input);
          break;
        case "removeRisk":
          await removeRisk(user.id, projectId, input.riskId);
          break;
      }
      return data({ errors: {} as Record<string, string>, key, done: input.intent as string | null });
    } catch (error) {
      return refusal(error, { key, done: null as string | null });
    }
  });
}

type Errors = Record<string, string>;

type Item = { texts: Localized; originalLang: Lang };

/**
 * How a group of the matrix's texts (the goals, a result with its activities, the risks) shows its
 * languages (decision 031): one button per group shows every text's original under it, rather than
 * a marker after each field; when every text of the group is in another language, untranslated,
 * one note says so for the group.
 */
const GroupLanguages = createContext<{ showOriginal: boolean; allFallback: boolean }>({ showOriginal: false, allFallback: false });

function useGroupLanguages(items: Item[]) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const present = items.filter((item) => Object.keys(item.texts).length > 0);
  const picks = present.map((item) => ({ item, pick: pickLocalized(item.texts, item.originalLang, format.lang) }));
  const fallbacks = new Set(picks.map(({ pick }) => pick.fallback));
  const allFallback = picks.length > 0 && fallbacks.size === 1 && !fallbacks.has(undefined);
  // The language the group's translations were made from (the first one, should they differ).
  const from = picks.find(({ item, pick }) => !pick.fallback && item.originalLang !== format.lang && item.texts[item.originalLang])?.item.originalLang;
  const note = allFallback ? (
    <p className="group-languages">
      <span className="muted">{t("results:notTranslated", { language: format.languageName([...fallbacks][0]!) })}</span>
    </p>
  ) : from ? (
    <p className="group-languages">
      <button type="button" className="original-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t("common:localized.showOriginal", { language: format.languageName(from) })}
      </button>
    </p>
  ) : null;
  return { value: { showOriginal: open, allFallback }, note };
}

/** A text of the matrix in the reader's language, its original under it when its group shows them; a dash when there is none. */
function Text({ texts, originalLang }: Item) {
  const { t } = useTranslation();
  const format = useFormat();
  const group = useContext(GroupLanguages);
  if (Object.keys(texts).length === 0) return <span className="muted">{t("results:none")}</span>;
  const { text, fallback } = pickLocalized(texts, originalLang, format.lang);
  if (fallback) {
    return (
      <>
        <span lang={htmlLang[fallback]}>{text}</span>
        {group.allFallback ? null : (
          <>
            {" "}
            <span className="muted small">{t("common:localized.notTranslated", { language: format.languageName(fallback) })}</span>
          </>
        )}
      </>
    );
  }
  const original = originalLang !== format.lang ? texts[originalLang] : undefined;
  return (
    <>
      <span lang={htmlLang[format.lang]}>{text}</span>
      {group.showOriginal && original ? (
        <span className="original-text" lang={htmlLang[originalLang]}>
          {original}
        </span>
      ) : null}
    </>
  );
}

/** The goals, a result or the risks: its texts' languages handled once (see useGroupLanguages). */
function TextGroup({ items, children }: { items: Item[]; children: (note: React.ReactNode) => React.ReactNode }) {
  const { value, note } = useGroupLanguages(items);
  return <GroupLanguages.Provider value={value}>{children(note)}</GroupLanguages.Provider>;
}

/** A text of the matrix in every language, the writer's first (decision 018). */
function TextField({ label, name, texts, original, error, required, max = 2000 }: { label: string; name: string; texts?: Localized; original?: Lang; error?: string; required?: boolean; max?: number }) {
  return <LocalizedInput label={label} name={name} values={texts} original={original} max={max} multiline required={required} error={error} />;
}

function Select({ label, name, value, options, error, empty }: { label: string; name: string; value?: string | null; options: { value: string; label: string }[]; error?: string; empty?: string }) {
  return (
    <SelectField label={label} name={name} defaultValue={value ?? ""} error={error}>
      {empty ? <option value="">{empty}</option> : null}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );
}

function RemoveButton({ intent, name, id }: { intent: string; name: string; id: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="inline-form">
      <FormKey />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={name} value={id} />
      <button type="submit" className="danger">
        {t("results:remove")}
      </button>
    </Form>
  );
}

/**
 * A form folded under its summary, open again when the action refused it: the matrix's way to add
 * and edit goals, results, activities and risks. `fields` are hidden inputs besides the intent.
 */
function EditPanel({
  summary,
  intent,
  fields = {},
  errors,
  submitLabel,
  className,
  remove,
  children,
}: {
  summary: string;
  intent: string;
  fields?: Record<string, string>;
  errors: Errors;
  submitLabel: string;
  className?: string;
  remove?: { intent: string; name: string; id: string };
  children: React.ReactNode;
}) {
  return (
    <details className={className} open={Object.keys(errors).length > 0}>
      <summary>{summary}</summary>
      <Form method="post">
        <FormKey />
        <input type="hidden" name="intent" value={intent} />
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <FormError error={errors.form} />
        {children}
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </Form>
      {remove ? <RemoveButton {...remove} /> : null}
    </details>
  );
}

export default function Results({ loaderData, actionData, params }: Route.ComponentProps) {
  const { projectId } = params;
  const { t } = useTranslation();
  const format = useFormat();
  const { framework, results, risks, choices, canEdit } = loaderData;
  const errorsFor = (key: string): Errors => (actionData && actionData.key === key ? actionData.errors : {});
  const sek = (amount: string) => formatMinor(fromDecimalString(amount), "SEK", format.lang);
  const title = (item: { titles: Localized; originalLang: Lang }) => pickLocalized(item.titles, item.originalLang, format.lang).text;
  const visitOptions = choices.visits.map((visit) => ({ value: visit.id, label: title(visit) }));
  const milestoneOptions = choices.milestones.map((milestone) => ({ value: milestone.id, label: title(milestone) }));
  const categoryOptions = choices.categories.map((category) => ({ value: category.id, label: t(`common:costCategories.${category.key}`) }));
  const statusOptions = (["planned", "under_way", "done"] as const).map((status) => ({ value: status, label: t(`results:status.${status}`) }));

  const resultFields = (errors: Errors, result?: (typeof results)[number]) => (
    <>
      <TextField label={t("results:fields.statement")} name="statement" texts={result?.statement} original={result?.originalLang} error={errors.statement} required max={1000} />
      <div className="field-row">
        <TextField label={t("results:fields.indicator")} name="indicator" texts={result?.indicator} original={result?.originalLang} error={errors.indicator} />
        <TextField label={t("results:fields.verification")} name="verification" texts={result?.verification} original={result?.originalLang} error={errors.verification} />
      </div>
      <div className="field-row">
        <TextField label={t("results:fields.baseline")} name="baseline" texts={result?.baseline} original={result?.originalLang} error={errors.baseline} />
        <TextField label={t("results:fields.target")} name="target" texts={result?.target} original={result?.originalLang} error={errors.target} />
      </div>
    </>
  );

  type Activity = (typeof results)[number]["activities"][number];
  const activityFields = (errors: Errors, activity?: Activity) => (
    <>
      <TextField label={t("results:fields.activity")} name="text" texts={activity?.texts} original={activity?.originalLang} error={errors.text} required max={1000} />
      <div className="field-row">
        <Select label={t("results:fields.status")} name="status" value={activity?.status ?? "planned"} options={statusOptions} error={errors.status} />
        <Select label={t("results:fields.visit")} name="visitId" value={activity?.visit?.id} options={visitOptions} error={errors.visitId} empty={t("results:noLink")} />
        <Select label={t("results:fields.milestone")} name="milestoneId" value={activity?.milestone?.id} options={milestoneOptions} error={errors.milestoneId} empty={t("results:noLink")} />
        <Select label={t("results:fields.category")} name="budgetCategoryId" value={activity?.category?.id} options={categoryOptions} error={errors.budgetCategoryId} empty={t("results:noLink")} />
      </div>
    </>
  );

  type Risk = (typeof risks)[number];
  const riskFields = (errors: Errors, risk?: Risk) => (
    <>
      <Select label={t("results:fields.kind")} name="kind" value={risk?.kind ?? "risk"} options={(["assumption", "risk"] as const).map((kind) => ({ value: kind, label: t(`results:kind.${kind}`) }))} error={errors.kind} />
      <TextField label={t("results:fields.risk")} name="text" texts={risk?.texts} original={risk?.originalLang} error={errors.text} required max={1000} />
      <TextField label={t("results:fields.mitigation")} name="mitigation" texts={risk?.mitigation} original={risk?.originalLang} error={errors.mitigation} />
    </>
  );

  const goalsErrors = errorsFor("goals:");
  const addResultErrors = errorsFor("addResult:");
  const addRiskErrors = errorsFor("addRisk:");

  return (
    <>
      <title>{`${t("results:title")} · ${t("appName")}`}</title>
      <h1>{t("results:title")}</h1>
      <p className="muted">{t("results:intro")}</p>
      {actionData?.done ? (
        <p role="status" className="muted">
          {t("results:saved")}
        </p>
      ) : null}
      {/* Removing has no panel of its own: its refusal shows here. */}
      {actionData?.key.startsWith("remove") ? <FormError error={actionData.errors.form} /> : null}

      <section className="panel" aria-labelledby="goals-heading">
        <h2 id="goals-heading">{t("results:goals")}</h2>
        <TextGroup items={framework ? [{ texts: framework.overallGoal, originalLang: framework.originalLang }, { texts: framework.projectGoal, originalLang: framework.originalLang }] : []}>
          {(note) => (
            <>
              {note}
              <dl className="facts">
                <dt>{t("results:fields.overallGoal")}</dt>
                <dd>{framework ? <Text texts={framework.overallGoal} originalLang={framework.originalLang} /> : <span className="muted">{t("results:none")}</span>}</dd>
                <dt>{t("results:fields.projectGoal")}</dt>
                <dd>{framework ? <Text texts={framework.projectGoal} originalLang={framework.originalLang} /> : <span className="muted">{t("results:none")}</span>}</dd>
              </dl>
            </>
          )}
        </TextGroup>
        {canEdit ? (
          <EditPanel summary={t("results:editGoals")} intent="goals" errors={goalsErrors} submitLabel={t("results:save")}>
            <TextField label={t("results:fields.overallGoal")} name="overallGoal" texts={framework?.overallGoal} original={framework?.originalLang} error={goalsErrors.overallGoal} />
            <TextField label={t("results:fields.projectGoal")} name="projectGoal" texts={framework?.projectGoal} original={framework?.originalLang} error={goalsErrors.projectGoal} />
          </EditPanel>
        ) : null}
      </section>

      <section aria-labelledby="results-heading">
        <h2 id="results-heading">{t("results:results")}</h2>
        {results.length === 0 ? <p>{t("results:empty")}</p> : null}
        <ol className="card-list">
          {results.map((result, index) => {
            const editErrors = errorsFor(`updateResult:${result.id}`);
            const addErrors = errorsFor(`addActivity:${result.id}`);
            return (
              <li key={result.id} className="panel" id={`result-${result.id}`}>
                <TextGroup
                  items={[
                    { texts: result.statement, originalLang: result.originalLang },
                    ...(["indicator", "baseline", "target", "verification"] as const).map((key) => ({ texts: result[key], originalLang: result.originalLang })),
                    ...result.activities.map((activity) => ({ texts: activity.texts, originalLang: activity.originalLang })),
                  ]}
                >
                  {(note) => (
                    <>
                      <h3>
                        {t("results:resultNumber", { number: index + 1 })}: <Text texts={result.statement} originalLang={result.originalLang} />
                      </h3>
                      {note}
                      <dl className="facts">
                        {(["indicator", "baseline", "target", "verification"] as const).map((key) => (
                          <div key={key} style={{ display: "contents" }}>
                            <dt>{t(`results:fields.${key}`)}</dt>
                            <dd>
                              <Text texts={result[key]} originalLang={result.originalLang} />
                            </dd>
                          </div>
                        ))}
                        <dt>{t("results:cost")}</dt>
                        <dd>
                          {sek(result.spendSek)} <span className="muted">{t("results:costNote")}</span>
                        </dd>
                      </dl>
                      <h4>{t("results:activities")}</h4>
                      {result.activities.length === 0 ? <p className="muted">{t("results:noActivities")}</p> : null}
                      <ul>
                        {result.activities.map((activity) => {
                          const activityErrors = errorsFor(`updateActivity:${activity.id}`);
                          return (
                            <li key={activity.id}>
                              <Text texts={activity.texts} originalLang={activity.originalLang} />{" "}
                              <span className={`badge activity-${activity.status}`}>{t(`results:status.${activity.status}`)}</span>
                              <ul className="muted">
                                {activity.visit ? (
                                  <li>
                                    {t("results:fields.visit")}: <Link to={href("/projects/:projectId/visits/:visitId", { projectId, visitId: activity.visit.id })}>{title(activity.visit)}</Link>
                                  </li>
                                ) : null}
                                {activity.milestone ? (
                                  <li>
                                    {t("results:fields.milestone")}: <Link to={href("/projects/:projectId/milestones/:milestoneId", { projectId, milestoneId: activity.milestone.id })}>{title(activity.milestone)}</Link>
                                  </li>
                                ) : null}
                                {activity.category ? (
                                  <li>
                                    {t(`common:costCategories.${activity.category.key}`)}: <strong>{sek(activity.category.spendSek)}</strong>{" "}
                                    {activity.category.sharedWith > 0
                                      ? t("results:categoryShared", { count: activity.category.sharedWith })
                                      : t("results:categorySpend")}
                                  </li>
                                ) : null}
                              </ul>
                              {canEdit ? (
                                <EditPanel
                                  summary={t("results:editActivity")}
                                  intent="updateActivity"
                                  fields={{ activityId: activity.id }}
                                  errors={activityErrors}
                                  submitLabel={t("results:save")}
                                  remove={{ intent: "removeActivity", name: "activityId", id: activity.id }}
                                >
                                  {activityFields(activityErrors, activity)}
                                </EditPanel>
                              ) : null}
                            </li>
                          );
                        })}
                      </ul>
                      {canEdit ? (
                        <>
                          <EditPanel summary={t("results:addActivity")} intent="addActivity" fields={{ resultId: result.id }} errors={addErrors} submitLabel={t("results:add")}>
                            {activityFields(addErrors)}
                          </EditPanel>
                          <EditPanel
                            summary={t("results:editResult")}
                            intent="updateResult"
                            fields={{ resultId: result.id }}
                            errors={editErrors}
                            submitLabel={t("results:save")}
                            remove={{ intent: "removeResult", name: "resultId", id: result.id }}
                          >
                            {resultFields(editErrors, result)}
                          </EditPanel>
                        </>
                      ) : null}
                    </>
                  )}
                </TextGroup>
              </li>
            );
          })}
        </ol>
        {canEdit ? (
          <EditPanel className="panel" summary={t("results:addResult")} intent="addResult" errors={addResultErrors} submitLabel={t("results:add")}>
            {resultFields(addResultErrors)}
          </EditPanel>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="risks-heading">
        <h2 id="risks-heading">{t("results:risks")}</h2>
        {risks.length === 0 ? <p className="muted">{t("results:noRisks")}</p> : null}
        <TextGroup items={risks.flatMap((risk) => [{ texts: risk.texts, originalLang: risk.originalLang }, { texts: risk.mitigation, originalLang: risk.originalLang }])}>
          {(note) => (
            <>
              {note}
              <ul className="card-list">
                {risks.map((risk) => {
                  const riskErrors = errorsFor(`updateRisk:${risk.id}`);
                  return (
                    <li key={risk.id}>
                      <span className="badge">{t(`results:kind.${risk.kind}`)}</span> <Text texts={risk.texts} originalLang={risk.originalLang} />
                      <div className="muted">
                        {t("results:fields.mitigation")}: <Text texts={risk.mitigation} originalLang={risk.originalLang} />
                      </div>
                      {canEdit ? (
                        <EditPanel
                          summary={t("results:editRisk")}
                          intent="updateRisk"
                          fields={{ riskId: risk.id }}
                          errors={riskErrors}
                          submitLabel={t("results:save")}
                          remove={{ intent: "removeRisk", name: "riskId", id: risk.id }}
                        >
                          {riskFields(riskErrors, risk)}
                        </EditPanel>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </TextGroup>
        {canEdit ? (
          <EditPanel summary={t("results:addRisk")} intent="addRisk" errors={addRiskErrors} submitLabel={t("results:add")}>
            {riskFields(addRiskErrors)}
          </EditPanel>
        ) : null}
      </section>
    </>
  );
}
