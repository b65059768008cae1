import { z } from "zod";
import { languages } from "~/i18n/languages";
import { MAX_SEGMENT_LENGTH, MEMORY_LOOKUP_TEXTS } from "./memory";
import { requestKinds } from "./request-kinds";

/** Asking for a machine draft of a short text, to read it in one's own language. */
export const ShortTextDraftSchema = z.object({
  kind: z.enum(["comment", "decision", "summary"], "errors:invalid"),
  id: z.string("errors:required").min(1, "errors:required").max(64, "errors:invalid"),
  to: z.enum(languages, "errors:invalid"),
});

/** Asking the translation memory for suggestions: from, to, and each paragraph as a `text` field. */
export const MemoryLookupSchema = z
  .object({
    from: z.enum(languages, "errors:invalid"),
    to: z.enum(languages, "errors:invalid"),
    // One text arrives as a string, several as an array; none at all is no question.
    text: z.preprocess(
      (value) => (typeof value === "string" ? [value] : value),
      z.array(z.string("errors:invalid").max(MAX_SEGMENT_LENGTH, "errors:tooLong"), "errors:required").min(1, "errors:required").max(MEMORY_LOOKUP_TEXTS, "errors:invalid"),
    ),
  })
  .refine((lookup) => lookup.from !== lookup.to, { message: "errors:invalid", path: ["to"] });
/** Asking for a translation of a thing into a language, or withdrawing the request (decision 020). */
export const TranslationRequestActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("request"),
      kind: z.enum(requestKinds, "errors:invalid"),
      id: z.string("errors:required").min(1, "errors:required").max(64, "errors:invalid"),
      lang: z.enum(languages, "errors:invalid"),
      note: z.string("errors:invalid").trim().max(500, "errors:tooLong").default(""),
    }),
    z.object({ intent: z.literal("cancel"), requestId: z.string("errors:required").min(1, "errors:required").max(64, "errors:invalid") }),
  ],
  "errors:badRequest",
);
/**
 * A machine draft of a rich text's translation (a plan section, minutes, a finding) in `lang`
 * ("draft"), and, once the editor has put it in, the mark that the translation is machine-made ("applied").
 */
export const RichTextDraftSchema = z.object({
  intent: z.enum(["draft", "applied"], "errors:invalid"),
  kind: z.enum(["section", "minutes", "finding"], "errors:invalid"),
  id: z.string("errors:required").min(1, "errors:required").max(64, "errors:invalid"),
  lang: z.enum(languages, "errors:invalid"),
});

export type TranslationRequestAction = z.infer<typeof TranslationRequestActionSchema>;
