import { useTranslation } from "~/i18n/use-translation";
import { data, Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/reset-password";
import { completePasswordReset, findOpenReset, requestPasswordReset } from "~/accounts/password-reset.server";
import { ResetPasswordSchema, ResetRequestSchema } from "~/accounts/schemas";
import { createSession } from "~/auth/session.server";
import { Field, FormError } from "~/components/field";
import { isMailConfigured } from "~/mail/mail.server";
import { parseForm, readForm } from "~/utils/forms";
import { href } from "~/utils/links";
import "~/i18n/pages/auth";

// /reset-password asks for an address and e-mails a link; /reset-password?token=… sets a new password.
export async function loader({ request }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get("token");
  if (!token) return { step: "request" as const, mail: isMailConfigured() };
  const reset = await findOpenReset(token);
  return reset ? { step: "choose" as const, token, email: reset.email } : { step: "invalid" as const };
}

type ActionResult = { errors: Record<string, string>; requested?: boolean };

export async function action({ request }: Route.ActionArgs) {
  const formData = await readForm(request);
  if (formData.has("token")) {
    const form = parseForm(ResetPasswordSchema, formData);
    if (!form.ok) return data<ActionResult>({ errors: form.errors }, { status: 400 });
    const done = await completePasswordReset(form.data.token, form.data.password);
    if (!done) return data<ActionResult>({ errors: { form: "errors:resetInvalid" } }, { status: 410 });
    return redirect(href("/projects"), { headers: { "Set-Cookie": await createSession(request, done.userId) } });
  }
  const form = parseForm(ResetRequestSchema, formData);
  if (!form.ok) return data<ActionResult>({ errors: form.errors }, { status: 400 });
  await requestPasswordReset(form.data.email);
  return data<ActionResult>({ errors: {}, requested: true });
}

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const errors = actionData?.errors ?? {};
  const busy = navigation.state === "submitting";
  return (
    <div className="page narrow">
      <title>{`${t("auth:reset.title")} · ${t("appName")}`}</title>
      <h1>{t("auth:reset.title")}</h1>
      <FormError error={errors.form} />
      {loaderData.step === "invalid" ? (
        <p>{t("errors:resetInvalid")}</p>
      ) : loaderData.step === "choose" ? (
        <Form method="post" className="stack" noValidate reloadDocument>
          <input type="hidden" name="token" value={loaderData.token} />
          <Field label={t("auth:fields.email")} name="email" value={loaderData.email} readOnly autoComplete="username" />
          <Field label={t("auth:fields.newPassword")} name="password" type="password" autoComplete="new-password" required hint={t("auth:passwordRule")} error={errors.password} />
          <Field label={t("auth:fields.confirmPassword")} name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
          <button type="submit" className="primary" disabled={busy}>
            {t("auth:reset.save")}
          </button>
        </Form>
      ) : actionData?.requested ? (
        <p className="notice" role="status">
          {t("auth:reset.sent")}
        </p>
      ) : loaderData.mail ? (
        <Form method="post" className="stack" noValidate>
          <p>{t("auth:reset.intro")}</p>
          <Field label={t("auth:fields.email")} name="email" type="email" autoComplete="username" required error={errors.email} />
          <button type="submit" className="primary" disabled={busy}>
            {t("auth:reset.send")}
          </button>
        </Form>
      ) : (
        <p>{t("auth:reset.noMail")}</p>
      )}
    </div>
  );
}
