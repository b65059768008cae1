import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import type { LedgerLine } from "~/budget/ledger.server";
import {
  formatMinor,
  formatRate,
  fromDecimalString,
  type Currency,
} from "~/budget/money";
import { Cell } from "~/components/table-cell";
import { pickLocalized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import { href } from "~/utils/links";
import "~/i18n/pages/budget";

/**
 * Expenses as the ledger lists them: what was paid, at which rate, in SEK, and what is wrong with
 * it. Six columns that fit a desktop page (the rate sits under the amount it converts; text cells
 * wrap), and on a phone a card per expense whose every figure carries its label (decision 031).
 */
export function LedgerTable({
  projectId,
  lines,
}: {
  projectId: string;
  lines: LedgerLine[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const sek = (amount: string) =>
    formatMinor(fromDecimalString(amount), "SEK", format.lang);
  const headers = {
    date: t("budget:fields.date"),
    payee: t("budget:fields.payee"),
    category: t("budget:fields.category"),
    paid: t("budget:fields.paidAtRate"),
    sek: t("budget:fields.sek"),
    flags: t("budget:fields.flags"),
  };
  // Between a phone and a desktop (a narrow window, a sidebar) the table may still be wider than
  // its column: it then scrolls within itself, by keyboard too, with a shadow at the cut edge.
  return (
    <div
      className="table-scroll"
      role="region"
      aria-label={t("budget:ledger.title")}
      tabIndex={0}
    >
      <table className="table ledger cards">
        <thead>
          <tr>
            <th scope="col" className="col-date">{headers.date}</th>
            <th scope="col">{headers.payee}</th>
            <th scope="col" className="col-category">{headers.category}</th>
            <th scope="col" className="number">{headers.paid}</th>
            <th scope="col" className="number">{headers.sek}</th>
            <th scope="col" className="col-flags">{headers.flags}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr
              key={line.id}
              className={
                line.ineligible.length > 0 ? "not-eligible" : undefined
              }
            >
              <Cell label={headers.date} className="col-date">
                {format.calendarDate(line.date)}
              </Cell>
              <td className="card-title-cell">
                <Link to={href("/projects/:projectId/budget/expenses/:expenseId", { projectId, expenseId: line.id })}>{line.payee}</Link>
                {line.description ? (
                  <div className="muted">{line.description}</div>
                ) : null}
                {line.visit ? (
                  <div className="muted">
                    {
                      pickLocalized(
                        line.visit.titles,
                        line.visit.originalLang,
                        format.lang,
                      ).text
                    }
                  </div>
                ) : null}
              </td>
              <Cell label={headers.category} className="col-category">
                {t(`common:costCategories.${line.category}`)}
              </Cell>
              <Cell label={headers.paid} className="number">
                {formatMinor(
                  fromDecimalString(line.amount),
                  line.currency as Currency,
                  format.lang,
                )}
                {line.currency !== "SEK" ? (
                  <div className="muted small">
                    {t("budget:ledger.atRate", {
                      rate: formatRate(line.rate, format.lang),
                      source: t(`budget:rateSource.${line.rateSource}`),
                    })}
                  </div>
                ) : null}
              </Cell>
              <Cell label={headers.sek} className="number">
                {sek(line.amountSek)}
              </Cell>
              <td className="col-flags">
                <span className="badges">
                  {line.ineligible.map((reason) => (
                    <span key={reason} className="badge translation-missing">
                      {t("common:notEligible")}: {t(`budget:reasons.${reason}`)}
                    </span>
                  ))}
                  {line.missingReceipt ? (
                    <span className="badge translation-needs_update">
                      {t("budget:missingReceipt")}
                    </span>
                  ) : null}
                  {line.reversesId ? (
                    <span className="badge">{t("budget:reversal")}</span>
                  ) : null}
                  {line.reversedBy ? (
                    <span className="badge">{t("budget:reversed")}</span>
                  ) : null}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
