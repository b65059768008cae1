import { z } from "zod";
import { localizedText } from "~/i18n/localized-schema";
import { languages } from "~/i18n/languages";
import { commentIntents } from "~/plan/schemas";

const id = z.string().min(1, "errors:required").max(64, "errors:invalid");
const optionalId = z.preprocess((value) => (value === "" ? null : value), id.nullable().default(null));
const repeated = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]), z.array(item).max(100, "errors:invalid"));

const findingFields = {
  title: localizedText({ max: 300, required: true }),
  organisationId: optionalId,
  visitId: optionalId,
  agendaItemId: optionalId,
  tagIds: repeated(id),
  sectionIds: repeated(id),
  state: z.enum(["draft", "shared"], "errors:invalid").default("draft"),
};

export const FindingCreateSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("create"), ...findingFields }),
    z.object({
      intent: z.literal("addTag"),
      sv: z.string().trim().max(100, "errors:tooLong").default(""),
      zh: z.string().trim().max(100, "errors:tooLong").default(""),
      en: z.string().trim().max(100, "errors:tooLong").default(""),
    }),
  ],
  "errors:badRequest",
);

export const FindingActionSchema = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("update"), ...findingFields }), z.object({ intent: z.literal("confirm"), lang: z.enum(languages, "errors:invalid") }), ...commentIntents],
  "errors:badRequest",
);

/** The list's filters: anything unknown is ignored rather than refused. */
export const FindingFiltersSchema = z.object({
  tag: id.optional().catch(undefined),
  visit: id.optional().catch(undefined),
  organisation: id.optional().catch(undefined),
  lang: z.enum(languages).optional().catch(undefined),
  // Newest first unless asked otherwise; a value that makes no sense is the default.
  sort: z.enum(["newest", "oldest"]).catch("newest"),
});
