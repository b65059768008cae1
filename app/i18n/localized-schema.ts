import { z } from "zod";
import { languages, type Lang } from "./languages";

/**
 * A short text's languages in a form: fields `<name>.sv`, `<name>.zh`, `<name>.en` (parseForm
 * gathers them under `<name>`), each trimmed and at most `max` characters. A language left out of
 * the form is undefined (kept as stored); one sent empty is "" (removed). `required`: at least
 * one language must be given.
 */
export function localizedText({ max, required = false, requiredMessage = "errors:required" }: { max: number; required?: boolean; requiredMessage?: string }) {
  const text = z.string("errors:invalid").trim().max(max, "errors:tooLong").optional();
  return z
    .preprocess((value) => (value === undefined || value === "" ? {} : value), z.object({ sv: text, zh: text, en: text }, "errors:invalid"))
    .refine((texts) => !required || languages.some((lang) => (texts[lang] ?? "") !== ""), requiredMessage)
    .transform((texts) => texts as Partial<Record<Lang, string>>);
}
