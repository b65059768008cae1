import { useTranslation } from "~/i18n/use-translation";
import { data, Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/invite";
import { TooManyAttempts } from "~/accounts/accounts.server";
import { AcceptAsExistingSchema, AcceptInvitationSchema } from "~/accounts/schemas";
import { createSession } from "~/auth/session.server";
import { Field, FormError } from "~/components/field";
import { resolveLanguage } from "~/i18n/language.server";
import { useFormat } from "~/i18n/use-format";
import { acceptInvitation, findOpenInvitation } from "~/members/members.server";
import { parseForm, readForm } from "~/utils/forms";
import { refusal } from "~/utils/domain-error";
import { href } from "~/utils/links";
import "~/i18n/pages/auth";

export async function loader({ params }: Route.LoaderArgs) {
  const invitation = await findOpenInvitation(params.token);
  if (!invitation) return { invitation: null };
  return {
    invitation: {
      email: invitation.email,
      role: invitation.role,
      projectTitle: invitation.projectTitle,
      invitedBy: invitation.invitedBy,
      hasAccount: invitation.hasAccount,
    },
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const invitation = await findOpenInvitation(params.token);
  if (!invitation) return data({ errors: { form: "errors:invitationInvalid" } as Record<string, string> }, { status: 410 });
  const formData = await readForm(request);
  try {
    let accepted: { userId: string; projectId: string };
    if (invitation.hasAccount) {
      const form = parseForm(AcceptAsExistingSchema, formData);
      if (!form.ok) return data({ errors: form.errors }, { status: 400 });
      accepted = await acceptInvitation(params.token, { kind: "existing", password: form.data.password, address: context.clientAddress });
    } else {
      const form = parseForm(AcceptInvitationSchema, formData);
      if (!form.ok) return data({ errors: form.errors }, { status: 400 });
      // The newcomer keeps the language they are reading this page in.
      const language = await resolveLanguage(request, null);
      accepted = await acceptInvitation(params.token, { kind: "new", name: form.data.name, password: form.data.password, language });
    }
    return redirect(href("/projects/:projectId", { projectId: accepted.projectId }), {
      headers: { "Set-Cookie": await createSession(request, accepted.userId) },
    });
  } catch (error) {
    return refusal(error, { minutes: error instanceof TooManyAttempts ? error.minutes : null });
  }
}

export default function Invite({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const format = useFormat();
  const errors = actionData?.errors ?? {};
  const { invitation } = loaderData;
  if (!invitation) {
    return (
      <div className="page narrow">
        <title>{t("auth:invite.invalidTitle")}</title>
        <h1>{t("auth:invite.invalidTitle")}</h1>
        <p>{t("errors:invitationInvalid")}</p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <title>{`${t("auth:invite.title")} · ${t("appName")}`}</title>
      <h1>{t("auth:invite.title")}</h1>
      <p>
        {t("auth:invite.intro", { inviter: invitation.invitedBy, project: format.localized(invitation.projectTitle.titles, invitation.projectTitle.originalLang), role: t(`roles.${invitation.role}`) })}
      </p>
      <FormError error={errors.form} values={{ minutes: actionData && "minutes" in actionData ? actionData.minutes : 15 }} />
      <Form method="post" className="stack" noValidate>
        <Field label={t("auth:fields.email")} name="email" type="email" value={invitation.email} readOnly autoComplete="username" />
        {invitation.hasAccount ? (
          <>
            <p className="hint">{t("auth:invite.existingAccount")}</p>
            <Field label={t("auth:fields.password")} name="password" type="password" autoComplete="current-password" required error={errors.password} />
          </>
        ) : (
          <>
            <Field label={t("auth:fields.name")} name="name" autoComplete="name" required error={errors.name} />
            <Field
              label={t("auth:fields.newPassword")}
              name="password"
              type="password"
              autoComplete="new-password"
              required
              hint={t("auth:passwordRule")}
              error={errors.password}
            />
            <Field label={t("auth:fields.confirmPassword")} name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
          </>
        )}
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("auth:invite.submit")}
        </button>
      </Form>
    </div>
  );
}
