import { z } from "zod";
import { languages } from "~/i18n/languages";

/** Asking for a machine draft of a short text, to read it in one's own language. */
export const ShortTextDraftSchema = z.object({
  kind: z.enum(["comment", "decision", "summary"], "errors:invalid"),
  id: z.string("errors:required").min(1, "errors:required").max(64, "errors:invalid"),
  to: z.enum(languages, "errors:invalid"),
});
