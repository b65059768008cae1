import { useTranslation } from "~/i18n/use-translation";
import { Link } from "react-router";
import type { LedgerLine } from "~/budget/ledger.server";
import {
  formatMinor,
  formatRate,
  fromDecimalString,
  type Currency,
} from "~/budget/money";
import { pickLocalized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import { href } from "~/utils/links";
import "~/i18n/pages/budget";

/** Expenses as the ledger lists them: what was paid, at which rate, in SEK, and what is wrong with it. */
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
  // Seven columns do not fit a phone or a narrow column: the table scrolls sideways, by keyboard too.
  return (
    <div
      className="table-scroll"
      role="region"
      aria-label={t("budget:ledger.title")}
      tabIndex={0}
    >
      <table className="table ledger">
        <thead>
          <tr>
            <th scope="col">{t("budget:fields.date")}</th>
            <th scope="col">{t("budget:fields.payee")}</th>
            <th scope="col">{t("budget:fields.category")}</th>
            <th scope="col">{t("budget:fields.paid")}</th>
            <th scope="col">{t("budget:fields.rate")}</th>
            <th scope="col">{t("budget:fields.sek")}</th>
            <th scope="col">{t("budget:fields.flags")}</th>
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
              <td>{format.calendarDate(line.date)}</td>
              <td>
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
              <td>{t(`common:costCategories.${line.category}`)}</td>
              <td className="number">
                {formatMinor(
                  fromDecimalString(line.amount),
                  line.currency as Currency,
                  format.lang,
                )}
              </td>
              <td className="number">
                {line.currency === "SEK"
                  ? "—"
                  : formatRate(line.rate, format.lang)}
                {line.currency !== "SEK" ? (
                  <div className="muted">
                    {t(`budget:rateSource.${line.rateSource}`)}
                  </div>
                ) : null}
              </td>
              <td className="number">{sek(line.amountSek)}</td>
              <td>
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
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
