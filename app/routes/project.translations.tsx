import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/project.translations";
import { can } from "~/auth/permissions";
import { requireProjectRole } from "~/auth/project-access.server";
import { FormError } from "~/components/field";
import { RequestDone } from "~/components/translation-request";
import type { Lang } from "~/i18n/languages";
import { resolveLanguage } from "~/i18n/language.server";
import { useFormat } from "~/i18n/use-format";
import { useTranslation } from "~/i18n/use-translation";
import { actOnTranslationRequest, listTranslationRequests, type TranslationRequestView } from "~/translation/requests.server";
import { TranslationRequestActionSchema } from "~/translation/schemas";
import { refusal } from "~/utils/domain-error";
import { parseForm, readForm } from "~/utils/forms";
import { href } from "~/utils/links";
import "~/i18n/pages/translationRequests";

// The project's "To translate" list (decision 020): open requests, the reader's own languages
// first, and those done lately. The request controls beside the texts post here when the page has
// no scripts yet; with scripts, to the resource route project.translation-request.ts.

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const lists = await listTranslationRequests(params.projectId, { id: user.id, role }, await resolveLanguage(request, user));
  return { ...lists, canRequest: can(role, "comment:write") };
}

type Answer = { errors: Record<string, string>; done: "request" | "cancel" | null; notified?: number; lang?: Lang };

export async function action({ request, params }: Route.ActionArgs) {
  const { user, role } = await requireProjectRole(request, params.projectId);
  const form = parseForm(TranslationRequestActionSchema, await readForm(request));
  if (!form.ok) return data<Answer>({ errors: form.errors, done: null }, { status: 400 });
  try {
    return data<Answer>({ errors: {}, ...(await actOnTranslationRequest({ id: user.id, role }, params.projectId, form.data)) });
  } catch (error) {
    return refusal<Answer>(error, { errors: {}, done: null });
  }
}

function RequestItem({ request }: { request: TranslationRequestView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigation = useNavigation();
  const name = (value: string | null) => value ?? t("common:formerMember");
  return (
    <li>
      <span className="badge">{t(`translationRequests:kinds.${request.kind}`)}</span> <Link to={request.link}>{request.title || "—"}</Link>{" "}
      <span>
        {request.from ? t("translationRequests:list.fromTo", { from: format.languageName(request.from), to: format.languageName(request.to) }) : format.languageName(request.to)}
      </span>{" "}
      {request.mine && !request.doneAt ? <span className="badge translation-mine">{t("translationRequests:list.mine")}</span> : null}
      <br />
      <span className="muted">
        {request.doneAt
          ? t("translationRequests:list.doneBy", { name: name(request.doneBy), date: format.dateTime(request.doneAt) })
          : t("translationRequests:list.askedBy", { name: name(request.requestedBy), date: format.dateTime(request.createdAt) })}
      </span>
      {request.note ? (
<p className="comment-body">{request.note}</p>
      ) : null}
      {!request.doneAt && request.canCancel ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="requestId" value={request.id} />
          <button type="submit" className="link-button" disabled={navigation.state !== "idle"}>
            {t("translationRequests:control.cancel")}
          </button>
        </Form>
      ) : null}
    </li>
  );
}

export default function Translations({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { open, done, writes } = loaderData;
  return (
    <>
      <title>{`${t("translationRequests:title")} · ${t("appName")}`}</title>
      <h1>{t("translationRequests:title")}</h1>
      <p className="muted">
        {t("translationRequests:list.intro", { languages: writes.map((lang) => format.languageName(lang)).join(", ") })}{" "}
        <Link to={href("/profile")}>{t("translationRequests:list.profileLink")}</Link>
      </p>
      <FormError error={actionData?.errors.form} />
      {actionData?.done === "request" ? <RequestDone notified={actionData.notified ?? 0} lang={actionData.lang} /> : null}
      {actionData?.done === "cancel" ? (
        <p className="notice" role="status">
          {t("translationRequests:done.cancel")}
        </p>
      ) : null}
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">{t("translationRequests:list.open")}</h2>
        {open.length === 0 ? <p className="muted">{t("translationRequests:list.noneOpen")}</p> : null}
        <ul className="plain-list translation-list">
          {open.map((request) => (
            <RequestItem key={request.id} request={request} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="done-heading">
        <h2 id="done-heading">{t("translationRequests:list.done")}</h2>
        {done.length === 0 ? <p className="muted">{t("translationRequests:list.noneDone")}</p> : null}
        <ul className="plain-list translation-list">
          {done.map((request) => (
            <RequestItem key={request.id} request={request} />
          ))}
        </ul>
      </section>
      {loaderData.canRequest ? <p className="muted">{t("translationRequests:list.howToRequest")}</p> : null}
    </>
  );
}
