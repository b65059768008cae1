import { data } from "react-router";
import type { Route } from "./+types/project.translate";
import { requireProjectRole } from "~/auth/project-access.server";
import { tFor } from "~/i18n/i18n.server";
import { resolveLanguage } from "~/i18n/language.server";
import { draftShortText } from "~/translation/short-text.server";
import { ShortTextDraftSchema } from "~/translation/schemas";
import { DomainError } from "~/utils/domain-error";
import { readBackgroundForm, refuse } from "~/utils/background-form.server";

// A machine draft of a comment, decision or summary for its reader (the translate button): the
// draft only, nothing stored. Any member may ask for a text they may read. A refusal carries its
// message in the reader's language beside the key (the button shows it; a script reads it).
export async function action({ request, params }: Route.ActionArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const t = tFor(await resolveLanguage(request, user));
  const form = await readBackgroundForm(request, ShortTextDraftSchema, t);
  if (!form.ok) return form.refusal;
  try {
    const drafted = await draftShortText({ id: user.id, role }, params.projectId, { kind: form.data.kind, id: form.data.id }, form.data.to);
    if (!drafted) return refuse(t, { form: "errors:notFound" }, 404);
    return data({ draft: drafted.draft, lang: form.data.to, errors: {} as Record<string, string> });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return refuse(t, { [error.field]: error.key }, error.status);
  }
}
