import { data } from "react-router";
import type { Route } from "./+types/project.translation-request";
import { requireProjectRole } from "~/auth/project-access.server";
import { tFor } from "~/i18n/i18n.server";
import { resolveLanguage } from "~/i18n/language.server";
import { actOnTranslationRequest } from "~/translation/requests.server";
import { TranslationRequestActionSchema } from "~/translation/schemas";
import { readBackgroundForm, refuse } from "~/utils/background-form.server";
import { DomainError } from "~/utils/domain-error";

// The request controls beside a text (decision 020), posted in the background: a dropped connection
// or a refusal is said beside the control, and the editor page stays. Without scripts the same
// forms post to the "To translate" page's action.
export async function action({ request, params }: Route.ActionArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const t = tFor(await resolveLanguage(request, user));
  const form = await readBackgroundForm(request, TranslationRequestActionSchema, t);
  if (!form.ok) return form.refusal;
  try {
    return data({ ...(await actOnTranslationRequest({ id: user.id, role }, params.projectId, form.data)), errors: {} as Record<string, string> });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return refuse(t, { [error.field]: error.key }, error.status);
  }
}
