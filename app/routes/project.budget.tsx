import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/project.budget";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { addLine, getBudget, proposeChange, removeLine } from "~/budget/budget.server";
import { ledgerChoices, recentExpenses, setCategoryEligible } from "~/budget/ledger.server";
import { formatMinor, fromDecimalString } from "~/budget/money";
import { BudgetActionSchema, BudgetViewSchema } from "~/budget/schemas";
import { ApprovalPanel } from "~/components/approval-panel";
import { BudgetChart } from "~/components/budget-chart";
import { Field, FormError } from "~/components/field";
import { LedgerTable } from "~/components/ledger-table";
import { Cell } from "~/components/table-cell";
import { resolveLanguage } from "~/i18n/language.server";
import { pickLocalized, type Localized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import { runApprovalAction } from "~/milestones/approvals.server";
import { refusal } from "~/utils/domain-error";
import { parseForm, parseQuery, readForm } from "~/utils/forms";
import { href, withQuery } from "~/utils/links";
import { createOnce } from "~/utils/once.server";
import { FormKey } from "~/components/form-key";
import { LocalizedInput } from "~/components/localized";
import "~/i18n/pages/budget";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const view = parseQuery(BudgetViewSchema, request);
  const [budget, choices, recent] = await Promise.all([getBudget(params.projectId, view.version), ledgerChoices(params.projectId), recentExpenses(params.projectId)]);
  return {
    ...budget,
    recent,
    choices: { categories: choices.categories, years: choices.years },
    canEdit: can(role, "project:edit"),
    canKeepCategories: can(role, "project:manage"),
    canSubmit: can(role, "approval:submit"),
    canDecide: can(role, "approval:decide"),
    userId: user.id,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  // Proposing and editing, submitting, deciding: three rights (docs/product.md), asked before the form is read.
  const needed = intent === "decide" ? "approval:decide" : intent === "submit" ? "approval:submit" : intent === "setEligible" ? "project:manage" : "project:edit";
  if (!can(role, needed)) throw data({ message: "errors:forbidden" }, { status: 403 });
  const lang = await resolveLanguage(request, user);
  const form = parseForm(BudgetActionSchema(lang), formData);
  if (!form.ok) return data({ errors: form.errors, done: null as string | null }, { status: 400 });
  const input = form.data;
  return createOnce(request, formData, user.id, async () => {
    try {
      switch (input.intent) {
        case "propose":
          await proposeChange(user.id, params.projectId);
          break;
        case "addLine":
          await addLine(user.id, params.projectId, input.versionId, { ...input, lang });
          break;
        case "removeLine":
          await removeLine(user.id, params.projectId, input.versionId, input.lineId);
          break;
        case "setEligible":
          await setCategoryEligible(user.id, params.projectId, input.categoryId, input.eligible);
          break;
        case "submit":
        case "decide": {
          const budget = await getBudget(params.projectId);
          if (!budget.proposal) throw data({ message: "errors:notFound" }, { status: 404 });
          await runApprovalAction(user, params.projectId, { budgetVersionId: budget.proposal.id }, input, lang);
          break;
        }
      }
      return data({ errors: {} as Record<string, string>, done: input.intent as string | null });
    } catch (error) {
      return refusal(error, { done: null as string | null });
    }
  });
}

type Line = { id: string; projectYear: number; category: string; descriptions: Localized; originalLang: string; amount: string };

export default function Budget({ loaderData, actionData, params }: Route.ComponentProps) {
  const { projectId } = params;
  const { t } = useTranslation();
  const format = useFormat();
  const navigation = useNavigation();
  const { current, proposal, shown, versions, grant, recent, choices, canEdit, canSubmit, canDecide, canKeepCategories, userId } = loaderData;
  const errors = actionData?.errors ?? {};
  const sek = (amount: string) => formatMinor(fromDecimalString(amount), "SEK", format.lang);
  const lineLabel = (line: Line) => {
    const description = pickLocalized(line.descriptions, line.originalLang as never, format.lang).text;
    return `${t(`common:costCategories.${line.category}`)}${description ? ` – ${description}` : ""}`;
  };
  const busy = navigation.state !== "idle";
  const linesTable = (lines: Line[], removable: { versionId: string } | null) => (
    <table className="table budget-table cards">
      <thead>
        <tr>
          <th scope="col">{t("budget:fields.projectYear")}</th>
          <th scope="col">{t("budget:line")}</th>
          <th scope="col" className="number">
            {t("budget:approved")}
          </th>
          {removable ? <th scope="col" /> : null}
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.id}>
            <Cell label={t("budget:fields.projectYear")}>{t("budget:year", { year: line.projectYear })}</Cell>
            <td className="card-title-cell">{lineLabel(line)}</td>
            <Cell label={t("budget:approved")} className="number">
              {sek(line.amount)}
            </Cell>
            {removable ? (
              <td>
                <Form method="post" className="inline-form">
                  <FormKey />
                  <input type="hidden" name="intent" value="removeLine" />
                  <input type="hidden" name="versionId" value={removable.versionId} />
                  <input type="hidden" name="lineId" value={line.id} />
                  <button type="submit" className="link-button" disabled={busy} aria-label={t("budget:removeLine", { line: lineLabel(line) })}>
                    {t("actions.remove")}
                  </button>
                </Form>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      <title>{`${t("budget:title")} · ${t("appName")}`}</title>
      <h1>{t("budget:title")}</h1>
      <p className="row-actions">
        <Link to={href("/projects/:projectId/budget/expenses", { projectId })}>{t("budget:ledger.title")}</Link>
        <Link to={href("/projects/:projectId/budget/rates", { projectId })}>{t("budget:rates.title")}</Link>
        <Link to={href("/projects/:projectId/reports", { projectId })}>{t("budget:reports")}</Link>
      </p>
      <FormError error={errors.form} />
      {actionData?.done ? (
        <p className="notice" role="status">
          {t(`budget:done.${actionData.done}`)}
        </p>
      ) : null}

      <section aria-labelledby="in-force">
        <h2 id="in-force">{current ? t("budget:inForce", { number: current.number }) : t("budget:noneApproved")}</h2>
        {current ? (
          <>
            <dl className="facts totals">
              <dt>{t("budget:grant")}</dt>
              <dd>{sek(grant)}</dd>
              <dt>{t("budget:approved")}</dt>
              <dd>{sek(current.total.approved)}</dd>
              <dt>{t("budget:spent")}</dt>
              <dd className={current.total.over ? "over-label" : undefined}>{sek(current.total.spent)}</dd>
              <dt>{t("budget:remaining")}</dt>
              <dd className={current.total.over ? "over-label" : undefined}>{sek(current.total.remaining)}</dd>
              <dt>{t("budget:notEligibleSpent")}</dt>
              <dd>{sek(current.total.notEligible)}</dd>
            </dl>
            {current.total.overGrant ? <p className="form-error">{t("budget:overGrant", { grant: sek(grant) })}</p> : null}
            <BudgetChart bars={current.lines.map((line) => ({ id: line.id, label: lineLabel(line), approved: line.amount, spent: line.spent, over: line.over }))} />
            <table className="table budget-table cards">
              <thead>
                <tr>
                  <th scope="col">{t("budget:fields.projectYear")}</th>
                  <th scope="col">{t("budget:line")}</th>
                  <th scope="col" className="number">
                    {t("budget:approved")}
                  </th>
                  <th scope="col" className="number">
                    {t("budget:spent")}
                  </th>
                  <th scope="col" className="number">
                    {t("budget:remaining")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {current.lines.map((line) => (
                  <tr key={line.id} className={line.over ? "over" : undefined}>
                    <Cell label={t("budget:fields.projectYear")}>{t("budget:year", { year: line.projectYear })}</Cell>
                    <td className="card-title-cell">
                      {lineLabel(line)}
                      {line.over ? <span className="badge translation-missing"> {t("budget:overLine")}</span> : null}
                    </td>
                    <Cell label={t("budget:approved")} className="number">
                      {sek(line.amount)}
                    </Cell>
                    <Cell label={t("budget:spent")} className="number">
                      {sek(line.spent)}
                    </Cell>
                    <Cell label={t("budget:remaining")} className="number">
                      {sek(line.remaining)}
                    </Cell>
                  </tr>
                ))}
                {current.years.map((year) => (
                  <tr key={`year-${year.projectYear}`} className={year.over ? "over" : undefined}>
                    <th scope="row" colSpan={2} className="card-title-cell">
                      {t("budget:yearTotal", { year: year.projectYear })}
                    </th>
                    <Cell label={t("budget:approved")} className="number">
                      {sek(year.approved)}
                    </Cell>
                    <Cell label={t("budget:spent")} className="number">
                      {sek(year.spent)}
                    </Cell>
                    <Cell label={t("budget:remaining")} className="number">
                      {sek(year.remaining)}
                    </Cell>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p>{t("budget:noneApprovedHint")}</p>
        )}
      </section>

      {recent.length > 0 ? (
        <section aria-labelledby="recent-expenses">
          <h2 id="recent-expenses">{t("budget:recent.title")}</h2>
          <LedgerTable projectId={projectId} lines={recent} />
          <p>
            <Link to={href("/projects/:projectId/budget/expenses", { projectId })}>{t("budget:recent.all")}</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="proposal">
        <h2 id="proposal">{proposal ? t("budget:proposal", { number: proposal.number, status: t(`budget:status.${proposal.status}`) }) : t("budget:noProposal")}</h2>
        {proposal ? (
          <>
            {linesTable(proposal.lines, canEdit && (proposal.status === "draft" || proposal.status === "changes_requested") ? { versionId: proposal.id } : null)}
            <p>
              {t("budget:proposalTotal", { total: sek(proposal.total) })}
              {proposal.overGrant ? <strong className="over-label"> {t("budget:overGrant", { grant: sek(grant) })}</strong> : null}
            </p>
            {canEdit && (proposal.status === "draft" || proposal.status === "changes_requested") ? (
              <details className="panel">
                <summary>{t("budget:addLine")}</summary>
                <Form method="post" className="stack" noValidate>
                  <FormKey />
                  <input type="hidden" name="intent" value="addLine" />
                  <input type="hidden" name="versionId" value={proposal.id} />
                  <div className="field-row">
                    <div className="field">
                      <label htmlFor="line-year">{t("budget:fields.projectYear")}</label>
                      <select id="line-year" name="projectYear">
                        {choices.years.map((year) => (
                          <option key={year} value={year}>
                            {t("budget:year", { year })}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div className="field">
                      <label htmlFor="line-category">{t("budget:fields.category")}</label>
                      <select id="line-category" name="categoryId">
                        {choices.categories.map((category) => (
                          <option key={category.id} value={category.id}>
                            {t(`common:costCategories.${category.key}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <Field label={t("budget:fields.amountSek")} name="amount" inputMode="decimal" required error={errors.amount} hint={t("budget:amountHint")} />
                  </div>
                  <LocalizedInput label={t("budget:fields.description")} name="description" max={500} error={errors.description} />
                  <button type="submit" className="primary" disabled={busy}>
                    {t("budget:addLine")}
                  </button>
                </Form>
              </details>
            ) : null}
            <ApprovalPanel
              rounds={proposal.rounds}
              canSubmit={canSubmit && (proposal.status === "draft" || proposal.status === "changes_requested")}
              canDecide={canDecide}
              userId={userId}
              errors={errors}
            />
          </>
        ) : canEdit ? (
          <Form method="post">
            <FormKey />
            <input type="hidden" name="intent" value="propose" />
            <p className="hint">{t("budget:proposeHint")}</p>
            <button type="submit" className="primary" disabled={busy}>
              {current ? t("budget:proposeChange") : t("budget:proposeFirst")}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="categories">
        <h2 id="categories">{t("budget:categoriesTitle")}</h2>
        <p className="hint">{t("budget:categoriesHint")}</p>
        <ul className="plain-list">
          {choices.categories.map((category) => (
            <li key={category.id}>
              {t(`common:costCategories.${category.key}`)}: <strong>{category.eligible ? t("budget:eligible") : t("common:notEligible")}</strong>
              {canKeepCategories ? (
                <Form method="post" className="inline-form">
                  <FormKey />
                  <input type="hidden" name="intent" value="setEligible" />
                  <input type="hidden" name="categoryId" value={category.id} />
                  <input type="hidden" name="eligible" value={category.eligible ? "false" : "true"} />
                  <button type="submit" className="link-button" disabled={busy}>
                    {category.eligible ? t("budget:markNotEligible") : t("budget:markEligible")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="versions">
        <h2 id="versions">{t("budget:versions")}</h2>
        <ul className="plain-list">
          {versions.map((version) => (
            <li key={version.id}>
              <Link to={withQuery(href("/projects/:projectId/budget", { projectId }), { version: version.number })}>{t("budget:versionTitle", { number: version.number })}</Link> –{" "}
              <span className={`badge budget-${version.status}`}>{t(`budget:status.${version.status}`)}</span>{" "}
              <span className="muted">
                {version.approvedAt ? t("budget:approvedOn", { date: format.date(version.approvedAt) }) : format.date(version.createdAt)}
              </span>
            </li>
          ))}
        </ul>
        {shown ? (
          <div className="panel">
            <h3>
              {t("budget:versionTitle", { number: shown.number })} – {t(`budget:status.${shown.status}`)}
            </h3>
            {linesTable(shown.lines, null)}
            <ApprovalPanel rounds={shown.rounds} canSubmit={false} canDecide={false} userId={userId} errors={{}} />
          </div>
        ) : null}
      </section>
    </>
  );
}
