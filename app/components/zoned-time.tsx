import { useTranslation } from "~/i18n/use-translation";
import { dayIn, formatZonedTime } from "~/i18n/format";
import { useFormat } from "~/i18n/use-format";

/**
 * A time that matters in both cities: on the clocks of each zone given (the first one leads), and
 * in the reader's own zone where that is another. The day is shown when asked, or where it differs.
 */
export function ZonedTime({
  at,
  end,
  zones,
  withDate = false,
  ownFirst = false,
}: {
  at: string;
  end?: string;
  zones: string[];
  withDate?: boolean;
  /** Lead with the reader's own clock when it is one of the zones (a meeting), not the first zone (a host city's programme). */
  ownFirst?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const own = format.timeZone;
  const shown = [...new Set(own ? (ownFirst && zones.includes(own) ? [own, ...zones] : [...zones, own]) : zones)];
  const leadDay = dayIn(at, shown[0]!);
  return (
    <span className="zoned-time">
      {shown.map((zone, index) => {
        const dated = withDate || dayIn(at, zone) !== leadDay;
        const label = zone === "Europe/Stockholm" ? t("common:zone.stockholm") : zone === "Asia/Shanghai" ? t("common:zone.shanghai") : t("common:zone.own");
        const text = `${formatZonedTime(at, format.lang, zone, dated)}${end ? `–${formatZonedTime(end, format.lang, zone, dayIn(end, zone) !== dayIn(at, zone))}` : ""}`;
        return (
          <span key={zone} className={index === 0 ? "zoned-lead" : "muted"}>
            {index > 0 ? " · " : ""}
            <time dateTime={at}>{text}</time> {label}
          </span>
        );
      })}
    </span>
  );
}
