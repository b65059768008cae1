import { useTranslation } from "~/i18n/use-translation";
import { data, Form, useNavigation } from "react-router";
import type { Route } from "./+types/project.members";
import { projectRoles } from "~/auth/permissions";
import { issuePasswordResetLink } from "~/accounts/password-reset.server";
import { requireProjectRole } from "~/auth/project-access.server";
import { CopyLink } from "~/components/copy-link";
import { Field, FormError } from "~/components/field";
import { Cell } from "~/components/table-cell";
import { useFormat } from "~/i18n/use-format";
import {
  changeRole,
  inviteMember,
  listMembersAndInvitations,
  removeMember,
  revokeInvitation,
  type InvitationSent,
} from "~/members/members.server";
import { MemberActionSchema } from "~/members/schemas";
import { listProjectOrganisations } from "~/projects/projects.server";
import { refusal } from "~/utils/domain-error";
import { parseForm, readForm } from "~/utils/forms";
import "~/i18n/pages/auth";

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user } = await requireProjectRole(request, params.projectId, "project:manage");
  const [{ members, invitations }, organisations] = await Promise.all([
    listMembersAndInvitations(params.projectId),
    listProjectOrganisations(params.projectId),
  ]);
  return {
    members,
    invitations,
    organisations,
    currentUserId: user.id,
  };
}

type ActionResult = {
  errors: Record<string, string>;
  invitation?: InvitationSent & { email: string };
  resetLink?: { link: string; name: string; hours: number };
};

export async function action({ request, params }: Route.ActionArgs) {
  const { user } = await requireProjectRole(request, params.projectId, "project:manage");
  const form = parseForm(MemberActionSchema, await readForm(request));
  if (!form.ok) return data<ActionResult>({ errors: form.errors }, { status: 400 });
  try {
    switch (form.data.intent) {
      case "invite": {
        const sent = await inviteMember(user, params.projectId, form.data);
        return data<ActionResult>({ errors: {}, invitation: { ...sent, email: form.data.email } });
      }
      case "resetLink": {
        const resetLink = await issuePasswordResetLink(user.id, params.projectId, form.data.membershipId);
        if (!resetLink) return data<ActionResult>({ errors: { form: "errors:notFound" } }, { status: 404 });
        return data<ActionResult>({ errors: {}, resetLink });
      }
      case "changeRole":
        await changeRole(user.id, params.projectId, form.data.membershipId, form.data.role);
        break;
      case "remove":
        await removeMember(user.id, params.projectId, form.data.membershipId);
        break;
      case "revoke":
        await revokeInvitation(user.id, params.projectId, form.data.invitationId);
        break;
    }
    return data<ActionResult>({ errors: {} });
  } catch (error) {
    return refusal<Partial<ActionResult>>(error);
  }
}

export default function Members({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const errors = actionData?.errors ?? {};
  const invitation = actionData?.invitation;
  const resetLink = actionData?.resetLink;
  return (
    <>
      <title>{`${t("projects:members.title")} · ${t("appName")}`}</title>
      <h1>{t("projects:members.title")}</h1>
      <FormError error={errors.form} />

      <section aria-labelledby="invite-heading" className="panel">
        <h2 id="invite-heading">{t("projects:members.invite.title")}</h2>
        {invitation ? (
          <div className="notice" role="status">
            <p>{t("projects:members.invite.created", { email: invitation.email })}</p>
            <p>
              <label htmlFor="invitation-link">{t("projects:members.invite.link")}</label>
              <CopyLink id="invitation-link" link={invitation.link} />
            </p>
            <p className="hint">{t(`projects:members.invite.mail.${invitation.mail}`)}</p>
          </div>
        ) : null}
        <Form method="post" className="stack" key={invitation?.link ?? "invite"}>
          <input type="hidden" name="intent" value="invite" />
          <Field label={t("auth:fields.email")} name="email" type="email" required autoComplete="off" error={errors.email} />
          <div className="field">
            <label htmlFor="invite-role">{t("projects:members.role")}</label>
            <select id="invite-role" name="role" defaultValue="project_group">
              {projectRoles.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="invite-organisation">{t("projects:members.organisation")}</label>
            <select id="invite-organisation" name="organisationId" defaultValue="">
              <option value="">{t("projects:members.noOrganisation")}</option>
              {loaderData.organisations.map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {format.localized(organisation.names, organisation.originalLang)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {t("projects:members.invite.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t("projects:members.current")}</h2>
        {resetLink ? (
          <div className="notice" role="status">
            <p>{t("projects:members.reset.created", { name: resetLink.name, hours: resetLink.hours })}</p>
            <label htmlFor="reset-link">{t("projects:members.reset.link")}</label>
            <CopyLink id="reset-link" link={resetLink.link} />
          </div>
        ) : null}
        <table className="table members-table cards">
          <thead>
            <tr>
              <th scope="col">{t("projects:members.name")}</th>
              <th scope="col">{t("projects:members.organisation")}</th>
              <th scope="col">{t("projects:members.role")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("projects:members.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {loaderData.members.map((member) => (
              <tr key={member.id}>
                <td className="card-title-cell">
                  {member.name}
                  <br />
                  <span className="muted">{member.email}</span>
                </td>
                <Cell label={t("projects:members.organisation")}>{member.organisation ? format.localized(member.organisation.names, member.organisation.originalLang) : "—"}</Cell>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="changeRole" />
                    <input type="hidden" name="membershipId" value={member.id} />
                    <label className="visually-hidden" htmlFor={`role-${member.id}`}>
                      {t("projects:members.roleOf", { name: member.name })}
                    </label>
                    <select id={`role-${member.id}`} name="role" defaultValue={member.role}>
                      {projectRoles.map((role) => (
                        <option key={role} value={role}>
                          {t(`roles.${role}`)}
                        </option>
                      ))}
                    </select>
                    <button type="submit" disabled={busy}>
                      {t("projects:members.saveRole")}
                    </button>
                  </Form>
                </td>
                <td className="row-actions">
                  <Form method="post">
                    <input type="hidden" name="intent" value="resetLink" />
                    <input type="hidden" name="membershipId" value={member.id} />
                    <button type="submit" disabled={busy} aria-label={t("projects:members.reset.issueFor", { name: member.name })}>
                      {t("projects:members.reset.issue")}
                    </button>
                  </Form>
                  <Form
                    method="post"
                    onSubmit={(event) => {
                      if (!window.confirm(t("projects:members.confirmRemove", { name: member.name }))) event.preventDefault();
                    }}
                  >
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="membershipId" value={member.id} />
                    <button type="submit" className="danger" disabled={busy} aria-label={t("projects:members.removeNamed", { name: member.name })}>
                      {t("projects:members.remove")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {loaderData.invitations.length > 0 ? (
        <section aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">{t("projects:members.pending")}</h2>
          <ul className="plain-list">
            {loaderData.invitations.map((pending) => (
              <li key={pending.id}>
                {pending.email} · {t(`roles.${pending.role}`)} ·{" "}
                <span className="muted">{t("projects:members.expires", { date: format.date(pending.expiresAt) })}</span>{" "}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="invitationId" value={pending.id} />
                  <button type="submit" disabled={busy}>
                    {t("projects:members.revoke")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
