import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/project.budget.expenses";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { addRate, LEDGER_PAGE_SIZE, ledgerChoices, listLedger, listRates, recordExpense } from "~/budget/ledger.server";
import { currencies, formatMinor, formatRate, fromDecimalString } from "~/budget/money";
// Only the loader and the action use the schemas: the page itself must not import them, or all of
// zod comes to the browser with it (the page size arrives with the loader's data).
import { LedgerActionSchema, LedgerFilterSchema } from "~/budget/schemas";
import { Field, FormError, SelectField } from "~/components/field";
import { LedgerTable } from "~/components/ledger-table";
import { resolveLanguage } from "~/i18n/language.server";
import { pickLocalized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import { refusal } from "~/utils/domain-error";
import { parseForm, parseQuery, readForm } from "~/utils/forms";
import { href, withQuery } from "~/utils/links";
import "~/i18n/pages/budget";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { role } = await requireProjectRole(request, params.projectId);
  const filter = parseQuery(LedgerFilterSchema, request);
  const [ledger, rates, choices] = await Promise.all([
    listLedger(params.projectId, { projectYear: filter.year }, { number: filter.page, size: LEDGER_PAGE_SIZE }),
    listRates(params.projectId),
    ledgerChoices(params.projectId),
  ]);
  // A new key each time the form is shown: the same form sent twice books once.
  return { ...ledger, rates, choices, year: filter.year ?? null, pages: Math.max(1, Math.ceil(ledger.count / LEDGER_PAGE_SIZE)), pageSize: LEDGER_PAGE_SIZE, submissionKey: crypto.randomUUID(), canRecord: can(role, "expense:record"), canKeepRates: can(role, "project:manage") };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const formData = await readForm(request);
  // Recording expenses is the project group's; the rate table the owner's (docs/product.md). Asked
  // before the form is read, so a refused person learns nothing from its validation.
  if (!can(role, formData.get("intent") === "addRate" ? "project:manage" : "expense:record")) throw data({ message: "errors:forbidden" }, { status: 403 });
  const lang = await resolveLanguage(request, user);
  // Which of the page's two forms answered, so each shows only its own errors.
  const intent = formData.get("intent") === "addRate" ? "addRate" : "record";
  const form = parseForm(LedgerActionSchema(lang), formData);
  if (!form.ok) return data({ errors: form.errors, intent, done: false }, { status: 400 });
  const input = form.data;
  try {
    if (input.intent === "addRate") {
      await addRate(user.id, params.projectId, input);
      return data({ errors: {} as Record<string, string>, intent, done: true });
    }
    const expense = await recordExpense(user.id, params.projectId, { ...input, lang });
    return redirect(href("/projects/:projectId/budget/expenses/:expenseId", { projectId: params.projectId, expenseId: expense.id }));
  } catch (error) {
    return refusal(error, { intent, done: false });
  }
}

export default function Ledger({ loaderData, actionData, params }: Route.ComponentProps) {
  const { projectId } = params;
  const { t } = useTranslation();
  const format = useFormat();
  const navigation = useNavigation();
  const { lines, count, page, pages, pageSize, totals, rates, choices, year, submissionKey, canRecord, canKeepRates } = loaderData;
  const pageLink = (number: number) => withQuery(href("/projects/:projectId/budget/expenses", { projectId }), { year, page: number });
  const errors = actionData?.intent === "record" ? actionData.errors : {};
  const rateErrors = actionData?.intent === "addRate" ? actionData.errors : {};
  const sek = (amount: string) => formatMinor(fromDecimalString(amount), "SEK", format.lang);
  return (
    <>
      <title>{`${t("budget:ledger.title")} · ${t("appName")}`}</title>
      <h1>{t("budget:ledger.title")}</h1>
      <p className="hint">{t("budget:ledger.intro")}</p>
      <Form method="get" className="filters">
        <label>
          {t("budget:fields.projectYear")}{" "}
          <select name="year" defaultValue={year ?? ""}>
            <option value="">{t("budget:allYears")}</option>
            {choices.years.map((value) => (
              <option key={value} value={value}>
                {t("budget:year", { year: value })}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("budget:filter")}</button>
      </Form>
      <dl className="facts totals" aria-label={t("budget:ledger.totals")}>
        <dt>{t("budget:ledger.total")}</dt>
        <dd>{sek(totals.sek)}</dd>
        <dt>{t("budget:ledger.reimbursable")}</dt>
        <dd>
          <strong>{sek(totals.reimbursable)}</strong>
        </dd>
        <dt>{t("budget:ledger.notEligible")}</dt>
        <dd>{sek(totals.notEligible)}</dd>
        <dt>{t("budget:ledger.missingReceipts")}</dt>
        <dd className={totals.missingReceipts > 0 ? "overdue-label" : undefined}>{format.number(totals.missingReceipts)}</dd>
      </dl>
      {lines.length === 0 ? (
        <p>{t("budget:ledger.empty")}</p>
      ) : (
        <LedgerTable projectId={projectId} lines={lines} />
      )}
      {count > 0 ? (
        <nav className="pager" aria-label={t("budget:ledger.pages")}>
          {page > 1 ? <Link to={pageLink(page - 1)}>{t("budget:ledger.newer")}</Link> : null}
          <span>
            {t("budget:ledger.showing", {
              from: format.number((page - 1) * pageSize + 1),
              to: format.number(Math.min(count, page * pageSize)),
              total: format.number(count),
            })}
          </span>
          {page < pages ? <Link to={pageLink(page + 1)}>{t("budget:ledger.older")}</Link> : null}
        </nav>
      ) : null}

      {canRecord ? (
        <section className="panel" aria-labelledby="record-expense">
          <h2 id="record-expense">{t("budget:ledger.record")}</h2>
          <FormError error={errors.form ?? errors.submissionKey} />
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="record" />
            <input type="hidden" name="submissionKey" value={submissionKey} />
            <div className="field-row">
              <Field
                label={t("budget:fields.date")}
                name="date"
                type="date"
                required
                min={choices.period.start}
                max={choices.period.end}
                hint={t("budget:periodHint", { start: format.calendarDate(choices.period.start), end: format.calendarDate(choices.period.end) })}
                error={errors.date}
              />
              <Field label={t("budget:fields.payee")} name="payee" required maxLength={200} error={errors.payee} />
            </div>
            <Field label={t("budget:fields.description")} name="description" maxLength={1000} error={errors.description} />
            <div className="field-row">
              <SelectField label={t("budget:fields.category")} name="categoryId" error={errors.categoryId}>
                {choices.categories.map((category) => (
                  <option key={category.id} value={category.id}>
                    {t(`common:costCategories.${category.key}`)}
                    {category.eligible ? "" : ` (${t("common:notEligible")})`}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t("budget:fields.projectYear")} name="projectYear" error={errors.projectYear}>
                {choices.years.map((value) => (
                  <option key={value} value={value}>
                    {t("budget:year", { year: value })}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t("budget:fields.payingOrg")} name="payingOrgId" error={errors.payingOrgId}>
                {choices.organisations.map((organisation) => (
                  <option key={organisation.id} value={organisation.id}>
                    {format.localized(organisation.names, organisation.originalLang)}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="field-row">
              <SelectField label={t("budget:fields.currency")} name="currency" defaultValue="SEK" error={errors.currency}>
                {currencies.map((currency) => (
                  <option key={currency} value={currency}>
                    {currency}
                  </option>
                ))}
              </SelectField>
              <Field label={t("budget:fields.amount")} name="amount" inputMode="decimal" required error={errors.amount} hint={t("budget:amountHint")} />
              <Field label={t("budget:fields.rate")} name="rate" inputMode="decimal" error={errors.rate} hint={t("budget:rateHint")} />
            </div>
            <SelectField label={t("budget:fields.visit")} name="visitId" defaultValue="" error={errors.visitId}>
              <option value="">—</option>
              {choices.visits.map((visit) => (
                <option key={visit.id} value={visit.id}>
                  {pickLocalized(visit.titles, visit.originalLang, format.lang).text}
                </option>
              ))}
            </SelectField>
            <label className="checkbox">
              <input type="checkbox" name="perDiem" /> {t("budget:fields.perDiem")}
            </label>
            <label className="checkbox">
              <input type="checkbox" name="salary" /> {t("budget:fields.salary")}
            </label>
            <button type="submit" className="primary" disabled={navigation.state !== "idle"}>
              {t("budget:ledger.record")}
            </button>
          </Form>
        </section>
      ) : null}

      <section id="rates" aria-labelledby="rates-heading">
        <h2 id="rates-heading">{t("budget:rates.title")}</h2>
        <p className="hint">{t("budget:rates.hint")}</p>
        {rates.length === 0 ? <p>{t("budget:rates.empty")}</p> : null}
        <ul className="plain-list">
          {rates.map((rate) => (
            <li key={rate.id}>
              {t("budget:rates.line", { currency: rate.currency, date: format.calendarDate(rate.validFrom), rate: formatRate(rate.rate, format.lang) })}
            </li>
          ))}
        </ul>
        {canKeepRates ? (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="addRate" />
            <FormError error={rateErrors.form} />
            {actionData?.intent === "addRate" && actionData.done ? (
              <p className="notice" role="status">
                {t("budget:rates.added")}
              </p>
            ) : null}
            <div className="field-row">
              <SelectField label={t("budget:fields.currency")} name="currency" error={rateErrors.currency}>
                {currencies
                  .filter((currency) => currency !== "SEK")
                  .map((currency) => (
                    <option key={currency} value={currency}>
                      {currency}
                    </option>
                  ))}
              </SelectField>
              <Field label={t("budget:rates.validFrom")} name="validFrom" type="date" required error={rateErrors.validFrom} />
              <Field label={t("budget:fields.rate")} name="rate" inputMode="decimal" required error={rateErrors.rate} />
            </div>
            <button type="submit">{t("budget:rates.add")}</button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
