import { data } from "react-router";
import type { Route } from "./+types/project.memory";
import { requireProjectRole } from "~/auth/project-access.server";
import { tFor } from "~/i18n/i18n.server";
import { resolveLanguage } from "~/i18n/language.server";
import { suggestTranslations } from "~/translation/memory.server";
import { MemoryLookupSchema } from "~/translation/schemas";
import { readBackgroundForm } from "~/utils/background-form.server";

// The translation memory's suggestions for the paragraphs a translator is about to translate
// (decision 019): asked by the forms' short-text fields and the rich texts' translation columns
// with a fetcher. POST, as a paragraph can be longer than an address may be. Only those who write
// translations may ask; what is offered never leaves the project.
export async function action({ request, params }: Route.ActionArgs) {
  const { user, projectId } = await requireProjectRole(request, params.projectId, "translation:memory");
  const t = tFor(await resolveLanguage(request, user));
  const form = await readBackgroundForm(request, MemoryLookupSchema, t);
  if (!form.ok) return form.refusal;
  const { from, to, text } = form.data;
  return data({ from, to, texts: text, suggestions: await suggestTranslations(projectId, from, to, text), errors: {} as Record<string, string> });
}
