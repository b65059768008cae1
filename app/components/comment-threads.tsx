import { useRef, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { Form, useNavigation } from "react-router";
import type { NewAnchor } from "~/editor/comment-anchors";
import { useFormat } from "~/i18n/use-format";
import { htmlLang, type Lang } from "~/i18n/languages";
import type { ThreadView } from "~/plan/comments.server";
import { FormKey } from "~/components/form-key";
import { TranslateButton } from "~/components/translate-button";
import { languagesFor } from "~/i18n/localized";
import { LocalizedText } from "~/components/localized";
import "~/i18n/pages/plan";

type Member = { id: string; name: string };

/**
 * A comment in the writer's language, with buttons that insert "@Name" for each project member,
 * and under a disclosure the same comment in the other languages, for those who can give it
 * (fields `body.sv`, `body.zh`, `body.en`: the compact form of LocalizedInput, decision 018).
 */
function CommentBody({ id, members, label }: { id: string; members: Member[]; label: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [own, ...others] = languagesFor(format.lang);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const mention = (name: string) => {
    const field = textarea.current;
    if (!field) return;
    const at = field.selectionStart ?? field.value.length;
    field.value = `${field.value.slice(0, at)}@${name} ${field.value.slice(at)}`;
    field.focus();
  };
  return (
    <div className="field localized-input">
      <label htmlFor={id}>
        {label}
        <span className="muted"> · {format.languageName(own!)}</span>
      </label>
      <textarea id={id} name={`body.${own}`} lang={htmlLang[own!]} ref={textarea} maxLength={5000} rows={3} />
      <details className="other-languages">
        <summary>{t("common:localized.otherLanguages", { field: label })}</summary>
        {others.map((lang) => (
          <div className="field" key={lang}>
            <label htmlFor={`${id}-${lang}`}>{format.languageName(lang)}</label>
            <textarea id={`${id}-${lang}`} name={`body.${lang}`} lang={htmlLang[lang]} maxLength={5000} rows={2} />
          </div>
        ))}
      </details>
      <details className="mentions">
        <summary>{t("plan:comments.mention")}</summary>
        {members.map((member) => (
          <button key={member.id} type="button" className="link-button" onClick={() => mention(member.name)}>
            @{member.name}
          </button>
        ))}
      </details>
    </div>
  );
}

export function CommentThreads({
  lang,
  threads,
  members,
  canComment,
  pending,
  onCancel,
}: {
  lang: Lang;
  threads: ThreadView[];
  members: Member[];
  canComment: boolean;
  pending: NewAnchor | null;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const [showResolved, setShowResolved] = useState(false);
  const open = threads.filter((thread) => !thread.resolved);
  const resolved = threads.filter((thread) => thread.resolved);
  const shown = showResolved ? [...open, ...resolved] : open;
  return (
    <aside className="comments" aria-label={t("plan:comments.title", { language: format.languageName(lang) })}>
      <h3>{t("plan:comments.heading", { count: open.length })}</h3>
      {pending && canComment ? (
        <Form method="post" className="stack new-comment" onSubmit={() => setTimeout(onCancel, 0)}>
          <input type="hidden" name="intent" value="comment" />
          <input type="hidden" name="lang" value={lang} />
          <input type="hidden" name="quote" value={pending.quote} />
          <input type="hidden" name="anchorStart" value={pending.anchorStart} />
          <input type="hidden" name="anchorEnd" value={pending.anchorEnd} />
          <blockquote>{pending.quote}</blockquote>
          <CommentBody id={`new-comment-${lang}`} members={members} label={t("plan:comments.new")} />
          <div className="row-actions">
            <button type="submit" className="primary" disabled={busy}>
              {t("plan:comments.post")}
            </button>
            <button type="button" onClick={onCancel}>
              {t("plan:comments.cancel")}
            </button>
          </div>
        </Form>
      ) : null}
      {shown.length === 0 && !pending ? <p className="muted">{t("plan:comments.none")}</p> : null}
      <ol className="threads">
        {shown.map((thread) => (
          <li key={thread.id} className={thread.resolved ? "thread resolved" : "thread"} data-thread={thread.id}>
            {thread.quote ? <blockquote>{thread.quote}</blockquote> : null}
            <ol className="thread-comments">
              {[thread, ...thread.replies].map((comment) => (
                <li key={comment.id}>
                  <p className="comment-meta">
                    <strong>{comment.author || t("common:formerMember")}</strong>{" "}
                    <span className="muted">{format.dateTime(comment.createdAt)}</span>
                  </p>
                  <p className="comment-body">
                    <LocalizedText texts={comment.body} original={comment.bodyLang} />
                  </p>
                  {/* A machine draft only where no one gave the reader's language. */}
                  {comment.body[format.lang] ? null : <TranslateButton kind="comment" id={comment.id} lang={comment.bodyLang} />}
                </li>
              ))}
            </ol>
            {thread.resolved ? <p className="muted">{t("plan:comments.resolved")}</p> : null}
            <div className="row-actions">
              {canComment && !thread.resolved ? (
                <details className="reply">
                  <summary>{t("plan:comments.reply")}</summary>
                  <Form method="post" className="stack">
                    <FormKey />
                    <input type="hidden" name="intent" value="reply" />
                    <input type="hidden" name="threadId" value={thread.id} />
                    <CommentBody id={`reply-${thread.id}`} members={members} label={t("plan:comments.reply")} />
                    <button type="submit" disabled={busy}>
                      {t("plan:comments.post")}
                    </button>
                  </Form>
                </details>
              ) : null}
              {thread.canResolve ? (
                <Form method="post">
                  <FormKey />
                  <input type="hidden" name="intent" value={thread.resolved ? "reopen" : "resolve"} />
                  <input type="hidden" name="threadId" value={thread.id} />
                  <button type="submit" disabled={busy}>
                    {thread.resolved ? t("plan:comments.reopen") : t("plan:comments.resolve")}
                  </button>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      {resolved.length > 0 ? (
        <button type="button" className="link-button" onClick={() => setShowResolved(!showResolved)} aria-expanded={showResolved}>
          {showResolved ? t("plan:comments.hideResolved") : t("plan:comments.showResolved", { count: resolved.length })}
        </button>
      ) : null}
    </aside>
  );
}
