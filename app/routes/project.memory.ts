import { data } from "react-router";
import type { Route } from "./+types/project.memory";
import { requireProjectRole } from "~/auth/project-access.server";
import { tFor } from "~/i18n/i18n.server";
import { resolveLanguage } from "~/i18n/language.server";
import { suggestTranslations } from "~/translation/memory.server";
import { MemoryLookupSchema } from "~/translation/schemas";
import { parseForm, readForm } from "~/utils/forms";

// The translation memory's suggestions for the paragraphs a translator is about to translate
// (decision 019): asked by the forms' short-text fields and the rich texts' translation columns
// with a fetcher. POST, as a paragraph can be longer than an address may be. Only those who write
// translations may ask; what is offered never leaves the project.
export async function action({ request, params }: Route.ActionArgs) {
  const { user, projectId } = await requireProjectRole(request, params.projectId, "translation:memory");
  const t = tFor(await resolveLanguage(request, user));
  let body: FormData;
  try {
    body = await readForm(request);
  } catch {
    return data({ errors: { form: "errors:unreadableForm" }, message: t("errors:unreadableForm") }, { status: 400 });
  }
  const form = parseForm(MemoryLookupSchema, body);
  if (!form.ok) return data({ errors: form.errors, message: t(form.errors.form ?? "errors:invalid") }, { status: 400 });
  const { from, to, text } = form.data;
  return data({ from, to, texts: text, suggestions: await suggestTranslations(projectId, from, to, text), errors: {} as Record<string, string> });
}
