import { redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/language";
import { setLanguage } from "~/accounts/accounts.server";
import { getUser, safeRedirect } from "~/auth/session.server";
import { refusalResponse } from "~/files/http.server";
import { languageCookie } from "~/i18n/language.server";
import { languages } from "~/i18n/languages";
import { href } from "~/utils/links";
import { readForm } from "~/utils/forms";

const LanguageSchema = z.object({ lang: z.enum(languages), redirectTo: z.string().optional() });

export async function action({ request }: Route.ActionArgs) {
  // No page around this address: a refusal is a line of text in the reader's language.
  const formData = await readForm(request).catch(() => null);
  const form = LanguageSchema.safeParse(formData ? Object.fromEntries(formData) : null);
  if (!formData || !form.success) return refusalResponse(request, 400, formData ? "errors:badRequest" : "errors:unreadableForm");
  const user = await getUser(request);
  if (user) await setLanguage(user.id, form.data.lang);
  return redirect(safeRedirect(form.data.redirectTo, user ? href("/projects") : href("/login")), {
    headers: { "Set-Cookie": await languageCookie.serialize(form.data.lang) },
  });
}

export function loader() {
  return redirect(href("/"));
}
