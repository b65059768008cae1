import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/**
 * Parses a submitted form with its zod schema. Error messages in the schemas are i18n keys, so
 * the page shows them in the reader's language.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  // A repeated field (checkboxes) becomes an array; the schema says which fields may repeat.
  const values: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    values[key] = all.length === 1 ? (all[0] as FormDataEntryValue) : all;
  }
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message.startsWith("errors:") ? issue.message : "errors:invalid";
  }
  return { ok: false, errors };
}
