import { z } from "zod";
import type { Lang } from "~/i18n/languages";
import { ApprovalIntents } from "~/milestones/schemas";
import { isoDate } from "~/projects/schemas";
import { currencies, MAX_AMOUNT_MINOR, parseAmount, parseRate } from "./money";
import { localizedText } from "~/i18n/localized-schema";

const id = z.string("errors:required").min(1, "errors:required").max(64, "errors:invalid");
const checkbox = z.preprocess((value) => value === "on" || value === "true", z.boolean());

/** A positive amount as typed in the reader's language, in minor units. */
const positiveAmount = (lang: Lang, notPositive: `errors:${string}` = "errors:amountNotPositive") =>
  z.string("errors:required").transform((value, ctx) => {
    if (value.trim() === "") {
      ctx.addIssue({ code: "custom", message: "errors:required" });
      return z.NEVER;
    }
    const minor = parseAmount(value, lang);
    // A minus sign or a zero: say what is wrong rather than how to write a number.
    if (minor === 0n || (minor === null && /^\s*[-\u2212]/.test(value))) {
      ctx.addIssue({ code: "custom", message: notPositive });
      return z.NEVER;
    }
    if (minor === null || minor > MAX_AMOUNT_MINOR) {
      ctx.addIssue({ code: "custom", message: "errors:amount" });
      return z.NEVER;
    }
    return minor;
  });

/** An expense as typed in the reader's language: amounts and rates the way they write numbers. */
export const ExpenseSchema = (lang: Lang) =>
  z.object({
    intent: z.literal("record"),
    date: isoDate,
    payee: z.string("errors:required").trim().min(1, "errors:required").max(200, "errors:tooLong"),
    description: z.string().trim().max(1000, "errors:tooLong").default(""),
    projectYear: z.coerce.number("errors:projectYear").int("errors:projectYear").min(1, "errors:projectYear").max(10, "errors:projectYear"),
    categoryId: id,
    payingOrgId: id,
    currency: z.enum(currencies, "errors:currency"),
    // Corrections are reversing entries, made from the expense's page; never a negative amount here.
    amount: positiveAmount(lang, "errors:expenseNotPositive"),
    rate: z.string().default("").transform((value, ctx) => {
      if (value.trim() === "") return null;
      const rate = parseRate(value, lang);
      if (rate === null) {
        ctx.addIssue({ code: "custom", message: "errors:rate" });
        return z.NEVER;
      }
      return rate;
    }),
    perDiem: checkbox,
    salary: checkbox,
    visitId: z.preprocess((value) => (value === "" ? null : value), id.nullable().default(null)),
    // Given by the page with the form; scripts may leave it out (and then book every time they send).
    submissionKey: z.preprocess((value) => (value === "" ? null : value), z.uuid("errors:badRequest").nullable().default(null)),
  });

export const LedgerActionSchema = (lang: Lang) =>
  z.discriminatedUnion(
    "intent",
    [
      ExpenseSchema(lang),
      z.object({
        intent: z.literal("addRate"),
        currency: z.enum(["CNY", "EUR", "USD"], "errors:currency"),
        validFrom: isoDate,
        rate: z.string("errors:required").transform((value, ctx) => {
          const rate = parseRate(value, lang);
          if (rate === null) {
            ctx.addIssue({ code: "custom", message: "errors:rate" });
            return z.NEVER;
          }
          return rate;
        }),
      }),
    ],
    "errors:badRequest",
  );

export const BudgetViewSchema = z.object({ version: z.coerce.number().int().min(1).optional().catch(undefined) });

export const LedgerFilterSchema = z.object({
  year: z.coerce.number().int().min(1).max(10).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
  sort: z.enum(["newest", "oldest", "amount"]).catch("newest"),
});

export const BudgetActionSchema = (lang: Lang) =>
  z.discriminatedUnion(
    "intent",
    [
      z.object({ intent: z.literal("propose") }),
      z.object({
        intent: z.literal("addLine"),
        versionId: id,
        projectYear: z.coerce.number("errors:projectYear").int("errors:projectYear").min(1, "errors:projectYear").max(10, "errors:projectYear"),
        categoryId: id,
        description: localizedText({ max: 500 }),
        amount: positiveAmount(lang),
      }),
      z.object({ intent: z.literal("removeLine"), versionId: id, lineId: id }),
      z.object({ intent: z.literal("setEligible"), categoryId: id, eligible: z.enum(["true", "false"], "errors:invalid").transform((value) => value === "true") }),
      ...ApprovalIntents,
    ],
    "errors:badRequest",
  );
