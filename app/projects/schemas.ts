import { z } from "zod";
import type { Lang } from "~/i18n/languages";
import { localizedText } from "~/i18n/localized-schema";
import { normaliseAmount } from "~/utils/amount";

/**
 * A calendar date as the date input sends it (YYYY-MM-DD); 2026-02-30 is refused, not rolled over,
 * and so is a year outside 2000–2099: nothing in a partnership project happens in 1900 or 9999.
 */
export const isoDate = z
  .string("errors:required")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "errors:date")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, "errors:date")
  .refine((value) => value >= "2000-01-01" && value <= "2099-12-31", "errors:dateRange")
  .transform((value) => new Date(`${value}T00:00:00Z`));

/** An amount typed the way the reader's language writes it, to a canonical decimal string. */
export const amountIn = (lang: Lang) =>
  z.string("errors:required").transform((value, ctx) => {
    const amount = normaliseAmount(value, lang);
    if (amount === null) {
      ctx.addIssue({ code: "custom", message: value.trim() === "" ? "errors:required" : "errors:amount" });
      return z.NEVER;
    }
    return amount;
  });

const projectTitle = localizedText({ max: 200, required: true });

/** An owner renames the project (settings). */
export const projectTitleSchema = z.object({ intent: z.literal("title"), title: projectTitle });

/**
 * The owner enters the reference of ICLD's funding decision (settings), shown on the financial
 * account. Written as ICLD writes it (letters, digits, spaces and - / . : # _); empty removes it.
 */
export const icldReferenceSchema = z.object({
  intent: z.literal("icldReference"),
  icldReference: z
    .string("errors:invalid")
    .trim()
    .max(80, "errors:tooLong")
    .regex(/^[\p{L}\p{N} \-/.:#_()]*$/u, "errors:invalid")
    .transform((value) => (value === "" ? null : value)),
});

export const newProjectSchema = (lang: Lang) =>
  z
  .object({
    title: projectTitle,
    grantAmount: amountIn(lang),
    currency: z.enum(["SEK", "CNY", "EUR", "USD"], "errors:invalid"),
    startDate: isoDate,
    endDate: isoDate,
    organisationIds: z.preprocess(
      (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
      z.array(z.string().min(1).max(64)).min(1, "errors:organisationRequired"),
    ),
  })
  .refine((value) => value.endDate > value.startDate, { path: ["endDate"], message: "errors:endBeforeStart" });
