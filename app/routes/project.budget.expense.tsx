import { useTranslation } from "~/i18n/use-translation";
import { htmlLang } from "~/i18n/languages";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/project.budget.expense";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { getExpense, reverseExpense } from "~/budget/ledger.server";
import { formatMinor, formatRate, fromDecimalString, type Currency } from "~/budget/money";
import { Attachments } from "~/components/attachments";
import { FormError } from "~/components/field";
import { attachmentsOf } from "~/files/attachments.server";
import { pickLocalized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import { refusal } from "~/utils/domain-error";
import { parseForm, readForm } from "~/utils/forms";
import { href } from "~/utils/links";
import "~/i18n/pages/budget";

const ExpenseActionSchema = z.object({ intent: z.literal("reverse", "errors:badRequest") });

export async function loader({ request, params }: Route.LoaderArgs) {
  const access = await requireProjectRole(request, params.projectId);
  const expense = await getExpense(params.projectId, params.expenseId);
  if (!expense) throw data({ message: "errors:notFound" }, { status: 404 });
  const receipts = await attachmentsOf(access, { kind: "expense", id: expense.id });
  return {
    expense,
    projectId: params.projectId,
    receipts: receipts.attachments,
    canAttach: receipts.canAttach,
    canReverse: can(access.role, "expense:record") && !expense.reversesId && !expense.reversedBy,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireProjectRole(request, params.projectId, "expense:record");
  const form = parseForm(ExpenseActionSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  try {
    const reversal = await reverseExpense(user.id, params.projectId, params.expenseId);
    return redirect(href("/projects/:projectId/budget/expenses/:expenseId", { projectId: params.projectId, expenseId: reversal.id }));
  } catch (error) {
    return refusal(error);
  }
}

export default function ExpensePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigation = useNavigation();
  const { expense, receipts, canAttach, canReverse, projectId } = loaderData;
  const sek = (amount: string) => formatMinor(fromDecimalString(amount), "SEK", format.lang);
  return (
    <>
      <title>{`${expense.payee} · ${t("appName")}`}</title>
      <p>
        <Link to={href("/projects/:projectId/budget/expenses", { projectId })}>
          {t("budget:ledger.back")}
        </Link>
      </p>
      <h1>{expense.payee}</h1>
      <dl className="facts">
        <dt>{t("budget:fields.date")}</dt>
        <dd>{format.calendarDate(expense.date)}</dd>
        {expense.description ? (
          <>
            <dt>{t("budget:fields.description")}</dt>
            <dd lang={htmlLang[expense.descriptionLang]}>{expense.description}</dd>
          </>
        ) : null}
        <dt>{t("budget:fields.category")}</dt>
        <dd>{t(`common:costCategories.${expense.category}`)}</dd>
        <dt>{t("budget:fields.projectYear")}</dt>
        <dd>{t("budget:year", { year: expense.projectYear })}</dd>
        <dt>{t("budget:fields.payingOrg")}</dt>
        <dd>{format.localized(expense.payingOrg.names, expense.payingOrg.originalLang)}</dd>
        <dt>{t("budget:fields.paid")}</dt>
        <dd>{formatMinor(fromDecimalString(expense.amount), expense.currency as Currency, format.lang)}</dd>
        {expense.currency !== "SEK" ? (
          <>
            <dt>{t("budget:fields.rate")}</dt>
            <dd>
              {formatRate(expense.rate, format.lang)} ({t(`budget:rateSource.${expense.rateSource}`)})
            </dd>
          </>
        ) : null}
        <dt>{t("budget:fields.sek")}</dt>
        <dd>{sek(expense.amountSek)}</dd>
        <dt>{t("budget:fields.eligibility")}</dt>
        <dd>{expense.ineligible.length === 0 ? t("budget:eligible") : `${t("common:notEligible")}: ${expense.ineligible.map((reason) => t(`budget:reasons.${reason}`)).join("; ")}`}</dd>
        {expense.visit ? (
          <>
            <dt>{t("budget:fields.visit")}</dt>
            <dd>
              <Link to={href("/projects/:projectId/visits/:visitId", { projectId, visitId: expense.visit.id })}>
                {pickLocalized(expense.visit.titles, expense.visit.originalLang, format.lang).text}
              </Link>
            </dd>
          </>
        ) : null}
        {expense.reversesId ? (
          <>
            <dt>{t("budget:reversal")}</dt>
            <dd>
              <Link to={href("/projects/:projectId/budget/expenses/:expenseId", { projectId, expenseId: expense.reversesId })}>
                {t("budget:reversesOriginal")}
              </Link>
            </dd>
          </>
        ) : null}
        {expense.reversedBy ? (
          <>
            <dt>{t("budget:reversed")}</dt>
            <dd>
              <Link to={href("/projects/:projectId/budget/expenses/:expenseId", { projectId, expenseId: expense.reversedBy })}>
                {t("budget:seeReversal")}
              </Link>
            </dd>
          </>
        ) : null}
      </dl>
      {expense.missingReceipt ? <p className="notice">{t("budget:missingReceiptHint")}</p> : null}
      <FormError error={actionData?.errors.form} />
      <Attachments projectId={projectId} target={{ kind: "expense", id: expense.id }} attachments={receipts} canAttach={canAttach} />
      {canReverse ? (
        <Form method="post" className="panel" onSubmit={(event) => (!confirm(t("budget:reverseConfirm")) ? event.preventDefault() : undefined)}>
          <input type="hidden" name="intent" value="reverse" />
          <p className="hint">{t("budget:reverseHint")}</p>
          <button type="submit" className="danger" disabled={navigation.state !== "idle"}>
            {t("budget:reverse")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
