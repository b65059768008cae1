import { useId, type FormEvent } from "react";
import { useRevalidator } from "react-router";
import { htmlLang, type Lang } from "~/i18n/languages";
import { useFormat } from "~/i18n/use-format";
import { useTranslation } from "~/i18n/use-translation";
import type { TranslationStatus } from "~/plan/translation-status";
import type { OpenRequest, RequestTarget } from "~/translation/request-kinds";
import { href } from "~/utils/links";
import { isRefusal, useBackgroundPost } from "~/utils/use-background-post";
import "~/i18n/pages/translationRequests";

// Asking for a translation beside the text that lacks it (decision 020). Without scripts the small
// forms post to the project's "To translate" page, which shows the request among the others; with
// scripts they post in the background to a resource route and this page stays (an editor page
// must not turn into an error page because the connection dropped as someone pressed send).

type Answer = { errors: Record<string, string>; done: "request" | "cancel"; notified?: number; lang?: Lang };

/** The form's fields sent in the background, and the page's data read again once it is done. */
function useRequestPost(projectId: string) {
  const post = useBackgroundPost<Answer>();
  const revalidator = useRevalidator();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = Object.fromEntries([...new FormData(event.currentTarget)].map(([name, value]) => [name, String(value)]));
    void post.send(href("/projects/:projectId/translation-request", { projectId }), fields).then((answer) => isRefusal(answer) || void revalidator.revalidate());
  };
  const answer = post.result && !isRefusal(post.result) ? post.result : undefined;
  const refusal = isRefusal(post.result) ? post.result : undefined;
  return { busy: post.busy, answer, refusal, onSubmit };
}

/** What the server said when it refused, or that the connection dropped: already in the reader's language. */
function Refused({ message }: { message?: string }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** A request sent: who was told, or that nobody in the project writes the language yet. */
export function RequestDone({ notified, lang }: { notified: number; lang?: Lang }) {
  const { t } = useTranslation();
  const language = lang ? t(`translationRequests:languages.${lang}`) : "";
  return (
    <p className="notice" role="status">
      {notified > 0 ? t("translationRequests:done.request", { language }) : t("translationRequests:done.requestNobody", { language })}
    </p>
  );
}

/** The requests open for this thing in these languages, each with its cancel button for who may. */
function OpenRequests({ projectId, requests }: { projectId: string; requests: OpenRequest[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="plain-list translation-requests">
      {requests.map((request) => (
        <li key={request.id}>
          <CancelForm projectId={projectId} request={request}>
            <span className="badge translation-requested">
              {t("translationRequests:control.requested", { language: format.languageName(request.lang), name: request.requestedBy ?? t("common:formerMember") })}
            </span>
          </CancelForm>
        </li>
      ))}
    </ul>
  );
}

function CancelForm({ projectId, request, children }: { projectId: string; request: OpenRequest; children: React.ReactNode }) {
  const { t } = useTranslation();
  const post = useRequestPost(projectId);
  return (
    <form method="post" action={href("/projects/:projectId/translations", { projectId })} className="inline-form" onSubmit={post.onSubmit}>
      {children}
      {request.note ? <span className="muted"> “{request.note}”</span> : null}
      {request.canCancel ? (
        <>
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="requestId" value={request.id} />{" "}
          <button type="submit" className="link-button" disabled={post.busy}>
            {t("translationRequests:control.cancel")}
          </button>
        </>
      ) : null}
      <Refused message={post.refusal?.message} />
    </form>
  );
}

/**
 * "Request translation" for a thing: the languages that can be asked for (missing or needing an
 * update, none open yet), a note, and the requests already open. One language: fixed; several: a choice.
 */
export function TranslationRequestControl({
  projectId,
  target,
  langs,
  open,
  canRequest,
}: {
  projectId: string;
  target: RequestTarget;
  /** The languages that lack a translation here. */
  langs: Lang[];
  /** The open requests to show (those of the languages this control stands for). */
  open: OpenRequest[];
  canRequest: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const post = useRequestPost(projectId);
  const id = useId();
  const requestable = langs.filter((lang) => !open.some((request) => request.lang === lang));
  // A refusal names its fields (the note too long) beside its message in the reader's language.
  const errors: Record<string, string> = (post.refusal as { errors?: Record<string, string> } | undefined)?.errors ?? {};
  return (
    <div className="translation-request">
      {open.length > 0 ? <OpenRequests projectId={projectId} requests={open} /> : null}
      {post.answer?.done === "request" ? <RequestDone notified={post.answer.notified ?? 0} lang={post.answer.lang} /> : null}
      {canRequest && requestable.length > 0 ? (
        <details className="translation-request-form">
          <summary>
            {requestable.length === 1
              ? t("translationRequests:control.requestInto", { language: format.languageName(requestable[0]!) })
              : t("translationRequests:control.request")}
          </summary>
          <form method="post" action={href("/projects/:projectId/translations", { projectId })} className="stack" onSubmit={post.onSubmit}>
            <input type="hidden" name="intent" value="request" />
            <input type="hidden" name="kind" value={target.kind} />
            <input type="hidden" name="id" value={target.id} />
            {requestable.length === 1 ? (
              <input type="hidden" name="lang" value={requestable[0]} />
            ) : (
              <div className="field">
                <label htmlFor={`${id}-lang`}>{t("translationRequests:control.language")}</label>
                <select id={`${id}-lang`} name="lang">
                  {requestable.map((lang) => (
                    <option key={lang} value={lang} lang={htmlLang[lang]}>
                      {format.languageName(lang)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="field">
              <label htmlFor={`${id}-note`}>{t("translationRequests:control.note")}</label>
              <input id={`${id}-note`} name="note" maxLength={500} aria-invalid={errors.note ? true : undefined} />
            </div>
            <Refused message={post.refusal?.message} />
            <button type="submit" disabled={post.busy}>
              {t("translationRequests:control.send")}
            </button>
          </form>
        </details>
      ) : null}
    </div>
  );
}

/** What a submission lacks in the approvers' languages (computed in the loader, so it shows without scripts). */
export function TranslationGapWarning({ gaps }: { gaps: ({ lang: Lang; fields: ("title" | "description")[] } | { lang: Lang; sections: number })[] }) {
  const { t } = useTranslation();
  return (
    <div className="warning" role="note">
      {gaps.map((gap) => {
        const language = t(`translationRequests:languages.${gap.lang}`);
        const what = "sections" in gap ? t("translationRequests:gap.sections", { count: gap.sections, language }) : t(gapKey(gap.fields), { language });
        return <p key={gap.lang}>{`${what} ${t("translationRequests:gap.approversRead", { language })}`}</p>;
      })}
      <p className="hint">{t("translationRequests:gap.notABlock")}</p>
    </div>
  );
}

/**
 * The control in a rich text's language column (its `headerExtra`): a translation can be asked for
 * while it is missing or needs an update and the source has a text; an open one is shown.
 */
export function ColumnTranslationRequest({
  projectId,
  target,
  lang,
  sourceLang,
  status,
  open,
  canRequest,
}: {
  projectId: string;
  target: RequestTarget;
  lang: Lang;
  sourceLang: Lang | null;
  status: Record<Lang, TranslationStatus>;
  open: OpenRequest[];
  canRequest: boolean;
}) {
  const requestable = sourceLang !== null && lang !== sourceLang && status[sourceLang] === "source" && (status[lang] === "missing" || status[lang] === "needs_update");
  const ownOpen = open.filter((request) => request.lang === lang);
  if (!requestable && ownOpen.length === 0) return null;
  return <TranslationRequestControl projectId={projectId} target={target} langs={requestable ? [lang] : []} open={ownOpen} canRequest={canRequest} />;
}

/** The message for the short texts missing in a language: the title, the description, or both. */
function gapKey(fields: readonly string[]) {
  if (fields.includes("title") && fields.includes("description")) return "translationRequests:gap.titleAndDescription";
  return fields.includes("title") ? "translationRequests:gap.title" : "translationRequests:gap.description";
}
