import { useId } from "react";
import { useFetcher } from "react-router";
import { FormError } from "~/components/field";
import { htmlLang, type Lang } from "~/i18n/languages";
import { useFormat } from "~/i18n/use-format";
import { useTranslation } from "~/i18n/use-translation";
import type { TranslationStatus } from "~/plan/translation-status";
import type { OpenRequest, RequestTarget } from "~/translation/request-kinds";
import { href } from "~/utils/links";

// Asking for a translation beside the text that lacks it (decision 020). The small forms post to
// the project's "To translate" page: with scripts they stay on this page (a fetcher), without
// they land on that page, which shows the request among the others.

type Answer = { errors?: Record<string, string>; done?: string | null; notified?: number; lang?: Lang };

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
              {t("translationRequests:control.requested", { language: format.languageName(request.lang), name: request.requestedBy ?? t("plan:comments.formerMember") })}
            </span>
          </CancelForm>
        </li>
      ))}
    </ul>
  );
}

function CancelForm({ projectId, request, children }: { projectId: string; request: OpenRequest; children: React.ReactNode }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<Answer>();
  return (
    <fetcher.Form method="post" action={href("/projects/:projectId/translations", { projectId })} className="inline-form">
      {children}
      {request.note ? <span className="muted"> “{request.note}”</span> : null}
      {request.canCancel ? (
        <>
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="requestId" value={request.id} />{" "}
          <button type="submit" className="link-button" disabled={fetcher.state !== "idle"}>
            {t("translationRequests:control.cancel")}
          </button>
        </>
      ) : null}
      <FormError error={fetcher.data?.errors?.form} />
    </fetcher.Form>
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
  const fetcher = useFetcher<Answer>();
  const id = useId();
  const requestable = langs.filter((lang) => !open.some((request) => request.lang === lang));
  const errors = fetcher.data?.errors ?? {};
  return (
    <div className="translation-request">
      {open.length > 0 ? <OpenRequests projectId={projectId} requests={open} /> : null}
      {fetcher.data?.done === "request" && Object.keys(errors).length === 0 ? <RequestDone notified={fetcher.data.notified ?? 0} lang={fetcher.data.lang} /> : null}
      {canRequest && requestable.length > 0 ? (
        <details className="translation-request-form">
          <summary>
            {requestable.length === 1
              ? t("translationRequests:control.requestInto", { language: format.languageName(requestable[0]!) })
              : t("translationRequests:control.request")}
          </summary>
          <fetcher.Form method="post" action={href("/projects/:projectId/translations", { projectId })} className="stack">
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
            <FormError error={errors.form} />
            <button type="submit" disabled={fetcher.state !== "idle"}>
              {t("translationRequests:control.send")}
            </button>
          </fetcher.Form>
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
