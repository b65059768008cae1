import type { TFunction } from "i18next";
import { data } from "react-router";
import type { z } from "zod";
import { parseForm, readForm, type FieldErrors } from "./forms";

// A form a page posts in the background to a resource route (a machine draft, the translate button,
// the translation memory; app/utils/use-background-post.ts): parsed, or refused with the message in
// the reader's language beside the keys — the page shows the message, a script reads the keys.

export function refuse(t: TFunction, errors: FieldErrors, status: number) {
  return data({ errors, message: t(errors.form ?? Object.values(errors)[0] ?? "errors:invalid") }, { status });
}

export async function readBackgroundForm<S extends z.ZodType>(request: Request, schema: S, t: TFunction) {
  let body: FormData;
  try {
    body = await readForm(request);
  } catch {
    return { ok: false as const, refusal: refuse(t, { form: "errors:unreadableForm" }, 400) };
  }
  const form = parseForm(schema, body);
  return form.ok ? form : { ok: false as const, refusal: refuse(t, form.errors, 400) };
}
