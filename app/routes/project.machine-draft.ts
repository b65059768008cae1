import { data } from "react-router";
import type { Route } from "./+types/project.machine-draft";
import { requireProjectRole } from "~/auth/project-access.server";
import { tFor } from "~/i18n/i18n.server";
import { resolveLanguage } from "~/i18n/language.server";
import { draftApplied, draftRichText } from "~/translation/rich-text-draft.server";
import { RichTextDraftSchema } from "~/translation/schemas";
import { DomainError } from "~/utils/domain-error";
import { readBackgroundForm, refuse } from "~/utils/background-form.server";

// "Fill with machine draft" in a translation column (decision 022): the draft of a plan section,
// minutes or a finding for the editor to put in, and then the mark that it did. A refusal carries
// its message in the reader's language beside the key, as the translate button's route does.
export async function action({ request, params }: Route.ActionArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const t = tFor(await resolveLanguage(request, user));
  const form = await readBackgroundForm(request, RichTextDraftSchema, t);
  if (!form.ok) return form.refusal;
  const { intent, kind, id, lang } = form.data;
  try {
    if (intent === "applied") {
      await draftApplied({ id: user.id, role }, params.projectId, { kind, id }, lang);
      return data({ applied: true, errors: {} as Record<string, string> });
    }
    const drafted = await draftRichText({ id: user.id, role }, params.projectId, { kind, id }, lang);
    return data({ draft: drafted.document, html: drafted.html, lang, errors: {} as Record<string, string> });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return refuse(t, { [error.field]: error.key }, error.status);
  }
}
