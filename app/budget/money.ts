import { numberFormat } from "~/i18n/intl-cache";
import { intlLocale, type Lang } from "~/i18n/languages";
import { normaliseAmount } from "~/utils/amount";

// The money core of the budget and the ledger: pure, exact, usable on the server and in the browser.
//
// - Amounts are integers of minor units (`bigint`): öre, fen, cents. All four currencies have two
//   decimals. Nothing here goes through floating point.
// - An exchange rate is an exact decimal string ("1.4567", up to 6 decimals): how many SEK one unit
//   of the paid currency costs on the payment date. It is stored with the expense and never looked
//   up again, so a later change to the project's rate table cannot change a recorded expense.
// - Converting to SEK rounds each expense to whole öre by ONE rule, round half away from zero (see
//   `divideRounded`). Totals are sums of those rounded lines; a total is never converted (or
//   rounded) itself, so every total equals the sum of its lines to the öre.

export const currencies = ["SEK", "CNY", "EUR", "USD"] as const;
export type Currency = (typeof currencies)[number];

export function isCurrency(value: unknown): value is Currency {
  return typeof value === "string" && (currencies as readonly string[]).includes(value);
}

/** Minor units per major unit (öre per krona, fen per yuan, cents): 100 for all four currencies. */
export const MINOR_PER_MAJOR = 100n;
/** Largest amount a typed amount (12 integer digits) or a `Decimal(14, 2)` column holds, in minor units. */
export const MAX_AMOUNT_MINOR = 99_999_999_999_999n;
/** Rates are exact to 6 decimals: a rate is held as an integer of millionths. */
export const RATE_SCALE = 1_000_000n;
const RATE_DECIMALS = 6;
/** At most 6 digits before the decimals (a rate below one million; fits `Decimal(12, 6)`). */
const RATE_INTEGER_DIGITS = 6;

// ---------------------------------------------------------------------------------------------
// Amounts

/**
 * An amount as people type it, in minor units, or null when it is not one (see `normaliseAmount`:
 * Swedish `1 234,50`, English and Chinese `1,234.50`, at most 2 decimals and 12 integer digits).
 * Never negative: a reversing entry is the negation (`negate`) of an amount typed as positive.
 * Zero is returned as 0n; callers that need a positive amount check it.
 */
export function parseAmount(text: string, lang: Lang): bigint | null {
  const canonical = normaliseAmount(text, lang);
  return canonical === null ? null : fromDecimalString(canonical);
}

/** The reversing amount (a reversal of an expense carries the negated amounts). */
export function negate(minor: bigint): bigint {
  return -minor;
}

/** Minor units as a canonical decimal string with two decimals: -123450n → "-1234.50". */
export function toDecimalString(minor: bigint): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const whole = abs / MINOR_PER_MAJOR;
  const fraction = (abs % MINOR_PER_MAJOR).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/**
 * A decimal string from the database or from `toDecimalString` ("-1234.50", and also "1234.5" or
 * "1234" as a Prisma Decimal prints them) to minor units. Throws on anything else, including more
 * than two decimals: this reads stored values, not what people type (use `parseAmount` for that).
 */
export function fromDecimalString(value: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) throw new Error(`Not a decimal amount with at most two decimals: ${JSON.stringify(value)}`);
  const minor = BigInt(match[2]!) * MINOR_PER_MAJOR + BigInt((match[3] ?? "").padEnd(2, "0"));
  return match[1] ? -minor : minor;
}

/** The sum of amounts in minor units. A total is always this sum of its (rounded) lines. */
export function sum(values: readonly bigint[]): bigint {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

// ---------------------------------------------------------------------------------------------
// Exchange rates

/**
 * An exchange rate as people type it, to its canonical decimal string, or null when it is not one.
 * Swedish `0,7312` (comma or dot before the decimals), English and Chinese `0.7312`. No group
 * separators (in English "1,456" could be a mistyped 1.456), at most 6 decimals and 6 integer
 * digits, and greater than zero. Canonical form: no leading zeros in the integer part, no
 * trailing zeros in the decimals ("1.4567", "1", "0.5").
 */
export function parseRate(text: string, lang: Lang): string | null {
  let value = text.trim();
  if (lang === "sv") value = value.replace(",", ".");
  const match = new RegExp(`^(\\d{1,${RATE_INTEGER_DIGITS}})(?:\\.(\\d{1,${RATE_DECIMALS}}))?$`).exec(value);
  if (!match) return null;
  if (/^0*$/.test(match[1]! + (match[2] ?? ""))) return null; // zero is not a rate
  return canonicalRate(match[1]!, match[2] ?? "");
}

function canonicalRate(whole: string, fraction: string): string {
  const integer = whole.replace(/^0+(?=\d)/, "");
  const decimals = fraction.replace(/0+$/, "");
  return decimals ? `${integer}.${decimals}` : integer;
}

/**
 * A stored rate ("1.4567", also "1.456700" or "1" as a Prisma Decimal prints it) as an integer of
 * millionths: "1.4567" → 1456700n. Throws on anything that is not a rate greater than zero with at
 * most 6 decimals.
 */
export function rateToScaled(rate: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(rate);
  if (!match) throw new Error(`Not an exchange rate with at most 6 decimals: ${JSON.stringify(rate)}`);
  const scaled = BigInt(match[1]!) * RATE_SCALE + BigInt((match[2] ?? "").padEnd(RATE_DECIMALS, "0"));
  if (scaled <= 0n) throw new Error(`An exchange rate must be greater than zero: ${JSON.stringify(rate)}`);
  return scaled;
}

/** Millionths back to the canonical rate string: 1456700n → "1.4567". */
export function scaledToRate(scaled: bigint): string {
  if (scaled <= 0n) throw new Error(`An exchange rate must be greater than zero: ${scaled}`);
  const fraction = (scaled % RATE_SCALE).toString().padStart(RATE_DECIMALS, "0");
  return canonicalRate((scaled / RATE_SCALE).toString(), fraction);
}

// ---------------------------------------------------------------------------------------------
// Conversion and rounding

/**
 * numerator / denominator rounded to an integer by the one rounding rule of the ledger: round half
 * away from zero ("avrundning till närmaste öre, hälften uppåt" as Swedish bookkeeping rounds öre,
 * and symmetric for negative amounts, so a reversal rounds to exactly the negation of the expense
 * it reverses). Integer arithmetic only. The denominator must be positive.
 */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new Error("The denominator must be positive");
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = (2n * abs + denominator) / (2n * denominator);
  return negative ? -rounded : rounded;
}

/**
 * An amount in the currency paid (minor units) converted to SEK at the rate locked into the expense
 * (SEK per unit, at most 6 decimals), in whole öre: amount × rate, rounded half away from zero.
 * Because both currencies have two decimals, öre = round(minor × rateMillionths / 1 000 000).
 * For SEK the rate must be exactly 1. Negative amounts (reversals) convert symmetrically:
 * convertToSekOre(-x) === -convertToSekOre(x).
 */
export function convertToSekOre(amountMinor: bigint, currency: Currency, rate: string): bigint {
  if (!isCurrency(currency)) throw new Error(`Unknown currency: ${String(currency)}`);
  const scaled = rateToScaled(rate);
  if (currency === "SEK") {
    if (scaled !== RATE_SCALE) throw new Error(`The rate from SEK to SEK is 1, not ${rate}`);
    return amountMinor;
  }
  return divideRounded(amountMinor * scaled, RATE_SCALE);
}

// ---------------------------------------------------------------------------------------------
// Formatting (Intl in the reader's language, exact: Intl.NumberFormat formats a decimal string
// without going through a float)

/**
 * Money in the reader's language: sv "1 234,50 kr", en "SEK 1,234.50", zh "SEK 1,234.50".
 * Always two decimals unless `wholeWithoutDecimals` is set and the amount is whole (as the budget
 * pages show grants). Exact for any size (no Number conversion).
 */
export function formatMinor(
  minor: bigint,
  currency: Currency,
  lang: Lang,
  options: { wholeWithoutDecimals?: boolean } = {},
): string {
  const digits = options.wholeWithoutDecimals && minor % MINOR_PER_MAJOR === 0n ? 0 : 2;
  return numberFormat(intlLocale[lang], {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(toDecimalString(minor) as `${number}`);
}

/**
 * An amount without the currency, as the reader would type it (sv "1 234,50", en/zh "1,234.50"):
 * for a form field's value. `parseAmount(formatAmount(x, lang), lang) === x` for 0 ≤ x ≤ MAX_AMOUNT_MINOR.
 */
export function formatAmount(minor: bigint, lang: Lang): string {
  return numberFormat(intlLocale[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    toDecimalString(minor) as `${number}`,
  );
}

/**
 * A rate in the reader's language, as typed (sv "1,4567", en/zh "1.4567"): all its decimals, no
 * group separators, so `parseRate(formatRate(r, lang), lang) === r`.
 */
export function formatRate(rate: string, lang: Lang): string {
  const canonical = scaledToRate(rateToScaled(rate));
  return numberFormat(intlLocale[lang], {
    useGrouping: false,
    minimumFractionDigits: 0,
    maximumFractionDigits: RATE_DECIMALS,
  }).format(canonical as `${number}`);
}
