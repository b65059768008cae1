import { z } from "zod";

/** A calendar date as the date input sends it (YYYY-MM-DD); 2026-02-30 is refused, not rolled over. */
export const isoDate = z
  .string("errors:required")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "errors:date")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, "errors:date")
  .transform((value) => new Date(`${value}T00:00:00Z`));

export const NewProjectSchema = z
  .object({
    title: z.string("errors:required").trim().min(1, "errors:required").max(200, "errors:tooLong"),
    // Typed as people type it: spaces, non-breaking spaces, commas or dots for decimals.
    grantAmount: z
      .string("errors:required")
      .transform((value) => value.replace(/[\s\u00a0\u202f]/g, "").replace(",", "."))
      .pipe(z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, "errors:amount")),
    currency: z.enum(["SEK", "CNY", "EUR", "USD"], "errors:invalid"),
    startDate: isoDate,
    endDate: isoDate,
    organisationIds: z.preprocess(
      (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
      z.array(z.string().min(1).max(64)).min(1, "errors:organisationRequired"),
    ),
  })
  .refine((value) => value.endDate > value.startDate, { path: ["endDate"], message: "errors:endBeforeStart" });
