import { dateTimeFormat, numberFormat } from "./intl-cache";
import { intlLocale, type Lang } from "./languages";

// Time zones as people recognise them, in the reader's language, from the platform's own data
// (Intl, i.e. CLDR): "Stockholm — centraleuropeisk tid (UTC+01:00)", "Shanghai — 中国标准时间
// (UTC+08:00)". Intl names a zone's time but not its city (Intl.DisplayNames has no time-zone
// type), so the city is the zone's own, from its identifier.

export type TimeZoneOption = { value: string; label: string };
/** The partnership's zones first, then every other zone, west to east. */
export type TimeZoneChoices = { partnership: TimeZoneOption[]; others: TimeZoneOption[] };

/** The city part of a zone's identifier: "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function timeZoneCity(zone: string): string {
  return zone.slice(zone.lastIndexOf("/") + 1).replaceAll("_", " ");
}

/** Whether the platform knows the zone (an alias it no longer lists, as Asia/Calcutta, too). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const nameIn = (format: Intl.DateTimeFormat, at: Date) => format.formatToParts(at).find((part) => part.type === "timeZoneName")?.value ?? "";
const isOffset = (name: string) => /^(GMT|UTC)([+\-−]|$)/.test(name);

// A name is made by a formatter of its own (about 0.1 ms each, 400 zones): names are made once
// per language and zone and kept (they do not change with the seasons); offsets, which do, come
// from one kept formatter per zone.
const names = new Map<string, string>();

/** The name of the zone's time in the language, the same in summer and winter ("centraleuropeisk tid"); "" where the language has none. */
export function timeZoneName(zone: string, lang: Lang): string {
  const key = `${lang}|${zone}`;
  let name = names.get(key);
  if (name === undefined) {
    const at = new Date();
    // Where the language has no generic name Intl gives an offset: then the formal name (UTC: "koordinerad universell tid"), else none.
    const candidates = ["longGeneric", "long"] as const;
    name = "";
    for (const style of candidates) {
      const candidate = nameIn(new Intl.DateTimeFormat(intlLocale[lang], { timeZone: zone, timeZoneName: style }), at);
      if (candidate && !isOffset(candidate)) {
        name = candidate;
        break;
      }
    }
    names.set(key, name);
  }
  return name;
}

// Offsets change with summer time, on the quarter-hour in UTC at the latest (Chatham, +12:45):
// those of the current quarter-hour are kept.
const QUARTER_HOUR = 15 * 60_000;
let offsets = { quarter: NaN, minutes: new Map<string, number>() };

/** Minutes east of UTC at `at` ("GMT+05:30" → 330, "GMT" → 0). */
export function timeZoneOffset(zone: string, at: Date): number {
  const quarter = Math.floor(at.getTime() / QUARTER_HOUR);
  if (offsets.quarter !== quarter) offsets = { quarter, minutes: new Map() };
  let minutes = offsets.minutes.get(zone);
  if (minutes === undefined) {
    const match = /([+\-−])(\d{1,2})(?::(\d{2}))?/.exec(nameIn(dateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }), at));
    minutes = match ? (match[1] === "+" ? 1 : -1) * (Number(match[2]) * 60 + Number(match[3] ?? 0)) : 0;
    offsets.minutes.set(zone, minutes);
  }
  return minutes;
}

/** An offset as "UTC+05:30", with the language's minus sign ("UTC−03:00" in Swedish). */
const minusSigns = new Map<Lang, string>();

function offsetText(minutes: number, lang: Lang): string {
  let minus = minusSigns.get(lang);
  if (minus === undefined) {
    minus = numberFormat(intlLocale[lang]).formatToParts(-1).find((part) => part.type === "minusSign")?.value ?? "-";
    minusSigns.set(lang, minus);
  }
  const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, "0");
  return `UTC${minutes < 0 ? minus : "+"}${hours}:${String(Math.abs(minutes) % 60).padStart(2, "0")}`;
}

/** A zone as the reader knows it: its city, the name of its time in the reader's language, and its offset from UTC at `at`. */
export function timeZoneLabel(zone: string, lang: Lang, at: Date = new Date()): string {
  const name = timeZoneName(zone, lang);
  return `${timeZoneCity(zone)}${name ? ` — ${name}` : ""} (${offsetText(timeZoneOffset(zone, at), lang)})`;
}

/**
 * The zones a person may choose, named in their language: the partnership's own (the
 * organisations' zones, in the order given) first, then every zone the platform knows, west to
 * east and by name. `current`, the person's zone, is among them even when the platform no longer
 * lists it (an old alias, or UTC), so that saving the form does not change it unasked.
 */
export function timeZoneChoices(lang: Lang, { partnership, current, at = new Date() }: { partnership: string[]; current?: string; at?: Date }): TimeZoneChoices {
  const first = [...new Set(partnership)].filter(isTimeZone);
  const rest = new Set(Intl.supportedValuesOf("timeZone"));
  if (current && isTimeZone(current)) rest.add(current);
  for (const zone of first) rest.delete(zone);
  const collator = new Intl.Collator(intlLocale[lang]);
  const others = [...rest]
    .map((zone) => ({ value: zone, label: timeZoneLabel(zone, lang, at), offset: timeZoneOffset(zone, at) }))
    .sort((a, b) => a.offset - b.offset || collator.compare(a.label, b.label))
    .map(({ value, label }) => ({ value, label }));
  return { partnership: first.map((zone) => ({ value: zone, label: timeZoneLabel(zone, lang, at) })), others };
}
