import { data, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/language";
import { setLanguage } from "~/accounts/accounts.server";
import { getUser, safeRedirect } from "~/auth/session.server";
import { languageCookie } from "~/i18n/language.server";
import { languages } from "~/i18n/languages";
import { readForm } from "~/utils/forms";

const LanguageSchema = z.object({ lang: z.enum(languages), redirectTo: z.string().optional() });

export async function action({ request }: Route.ActionArgs) {
  const form = LanguageSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!form.success) throw data({ message: "errors:badRequest" }, { status: 400 });
  const user = await getUser(request);
  if (user) await setLanguage(user.id, form.data.lang);
  return redirect(safeRedirect(form.data.redirectTo, user ? "/projects" : "/login"), {
    headers: { "Set-Cookie": await languageCookie.serialize(form.data.lang) },
  });
}

export function loader() {
  return redirect("/");
}
