import { useEffect } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/login";
import { signIn } from "~/accounts/accounts.server";
import { SignInSchema } from "~/accounts/schemas";
import { createSession, getUser, safeRedirect } from "~/auth/session.server";
import { Field, FormError } from "~/components/field";
import { clearEditorDrafts } from "~/editor/drafts";
import { languageCookie } from "~/i18n/language.server";
import { parseForm, readForm } from "~/utils/forms";
import { href } from "~/utils/links";
import "~/i18n/pages/auth";

export async function loader({ request }: Route.LoaderArgs) {
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  if (await getUser(request)) return redirect(safeRedirect(redirectTo, href("/")));
  return { redirectTo };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = parseForm(SignInSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, minutes: null, email: "" }, { status: 400 });
  const result = await signIn({ ...form.data, address: context.clientAddress });
  if (!result.ok) {
    const status = result.error === "errors:tooManyAttempts" ? 429 : 401;
    const minutes = result.error === "errors:tooManyAttempts" ? result.minutes : null;
    return data({ errors: { form: result.error } as Record<string, string>, minutes, email: form.data.email }, { status });
  }
  // The language cookie too, so the page after signing out stays in the person's language.
  const headers = new Headers();
  headers.append("Set-Cookie", await createSession(request, result.userId));
  headers.append("Set-Cookie", await languageCookie.serialize(result.language));
  // Signed in, a person lands on what awaits them (decision 026).
  return redirect(safeRedirect(form.data.redirectTo, href("/")), { headers });
}

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const errors = actionData?.errors ?? {};
  // Signing out lands here (so does an ended session): no draft of the last person stays in this browser.
  useEffect(() => void clearEditorDrafts(), []);
  return (
    <div className="page narrow">
      <title>{`${t("auth:login.title")} · ${t("appName")}`}</title>
      <h1>{t("auth:login.title")}</h1>
      <p className="muted">{t("auth:login.intro")}</p>
      <FormError error={errors.form} values={{ minutes: actionData?.minutes ?? 15 }} />
      {/* A full page load after signing in: the person's saved language may differ from this page's. */}
      <Form method="post" className="stack" noValidate reloadDocument>
        {loaderData.redirectTo ? <input type="hidden" name="redirectTo" value={loaderData.redirectTo} /> : null}
        <Field
          label={t("auth:fields.email")}
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={actionData?.email}
          error={errors.email}
        />
        <Field
          label={t("auth:fields.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? t("auth:login.submitting") : t("auth:login.submit")}
        </button>
      </Form>
      <p>
        <Link to={href("/reset-password")}>{t("auth:login.forgot")}</Link>
      </p>
    </div>
  );
}
