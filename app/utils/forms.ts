import { data } from "react-router";
import type { z } from "zod";
import { isLang } from "~/i18n/languages";

export type FieldErrors = Record<string, string>;

/**
 * C0 control characters and DEL, except tab, line feed and carriage return (a text area sends
 * those). PostgreSQL refuses NUL in text outright (error 22021), and none of the others has a
 * place in a title, a name or an id; a text pasted with them is refused with a message, not
 * cleaned behind the writer's back.
 */
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlCharacters(value: string): boolean {
  return controlCharacters.test(value);
}

/**
 * The submitted form. A body that cannot be read as one (a malformed or truncated multipart body,
 * a wrong boundary) is the sender's fault: 400 with a message in the reader's language, never 500.
 * Every action reads its form through this.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data({ message: "errors:unreadableForm" }, { status: 400 });
  }
}

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
  const errors: FieldErrors = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    // Checked here, for every field of every form, so no schema can forget it.
    if (all.some((value) => typeof value === "string" && hasControlCharacters(value))) errors[key] = "errors:controlCharacters";
    values[key] = all.length === 1 ? (all[0] as FormDataEntryValue) : all;
  }
  if (Object.keys(errors).length === 0) {
    // A short text's languages (`title.sv`, `title.zh`…) arrive as one field, `title`, a map.
    for (const key of Object.keys(values)) {
      const [name, lang, ...rest] = key.split(".");
      if (!name || !lang || rest.length > 0 || !isLang(lang)) continue;
      const texts = values[name];
      const map = typeof texts === "object" && texts !== null && !Array.isArray(texts) && !(texts instanceof File) ? (texts as unknown as Record<string, unknown>) : {};
      map[lang] = values[key];
      (values as Record<string, unknown>)[name] = map;
      delete values[key];
    }
    const result = schema.safeParse(values);
    if (result.success) return { ok: true, data: result.data };
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "form");
      errors[field] ??= issue.message.startsWith("errors:") ? issue.message : "errors:invalid";
    }
  }
  // The form's own message is the first problem: a page shows it even where the field is not
  // one it shows (a hidden id, a choice sent twice), so no refusal is silent.
  errors.form ??= Object.values(errors)[0]!;
  return { ok: false, errors };
}

/**
 * The address's query parameters read with a schema of filters. A parameter carrying control
 * characters is dropped before the schema sees it (filters ignore what makes no sense rather than
 * refuse it), so no such value reaches a query.
 */
export function parseQuery<S extends z.ZodType>(schema: S, request: Request): z.infer<S> {
  const values: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    if (!hasControlCharacters(value)) values[key] = value;
  }
  return schema.parse(values);
}
