import { useTranslation } from "~/i18n/use-translation";
import { formatMinor, fromDecimalString } from "~/budget/money";
import { useFormat } from "~/i18n/use-format";
import "~/i18n/pages/budget";

type Bar = { id: string; label: string; approved: string; spent: string; over: boolean };

/**
 * Approved against spent per budget line, drawn by the app itself (SVG, no script from elsewhere).
 * The table beside it carries the same figures for screen readers; the picture is summarised.
 */
export function BudgetChart({ bars }: { bars: Bar[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const max = bars.reduce((largest, bar) => {
    const values = [fromDecimalString(bar.approved), fromDecimalString(bar.spent)];
    return values.reduce((a, b) => (b > a ? b : a), largest);
  }, 1n);
  const width = 640;
  const labelWidth = 220;
  const barArea = width - labelWidth - 110;
  const rowHeight = 34;
  const scale = (value: string) => Math.max(0, Number((fromDecimalString(value) * 10_000n) / max) / 10_000) * barArea;
  const height = bars.length * rowHeight + 30;
  return (
    <figure className="budget-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t("budget:chart.label", { count: bars.length })} preserveAspectRatio="xMinYMin meet">
        {bars.map((bar, index) => {
          const y = index * rowHeight + 6;
          return (
            <g key={bar.id}>
              <text x={0} y={y + 14} className="chart-label">
                {bar.label.length > 30 ? `${bar.label.slice(0, 29)}…` : bar.label}
              </text>
              <rect x={labelWidth} y={y} width={scale(bar.approved)} height={12} className="chart-approved" />
              <rect x={labelWidth} y={y + 13} width={scale(bar.spent)} height={12} className={bar.over ? "chart-over" : "chart-spent"} />
              <text x={labelWidth + Math.max(scale(bar.approved), scale(bar.spent)) + 6} y={y + 22} className="chart-value">
                {formatMinor(fromDecimalString(bar.spent), "SEK", format.lang, { wholeWithoutDecimals: true })}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${labelWidth}, ${height - 12})`}>
          <rect width={12} height={10} className="chart-approved" />
          <text x={16} y={9} className="chart-legend">
            {t("budget:approved")}
          </text>
          <rect x={120} width={12} height={10} className="chart-spent" />
          <text x={136} y={9} className="chart-legend">
            {t("budget:spent")}
          </text>
        </g>
      </svg>
    </figure>
  );
}
