import { useEffect, useRef, useState, type RefObject } from "react";
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

import { MentionTextarea } from "~/components/mention-textarea";

type Member = { id: string; name: string };

/**
 * A comment in the writer's language, where @ suggests project members as one types, and under a
 * disclosure the same comment in the other languages, for those who can give it (fields
 * `body.sv`, `body.zh`, `body.en`: the compact form of LocalizedInput, decision 018).
 */
function CommentBody({ id, members, label }: { id: string; members: Member[]; label: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [own, ...others] = languagesFor(format.lang);
  return (
    <div className="field localized-input">
      <label htmlFor={id}>
        {label}
        <span className="muted"> · {format.languageName(own!)}</span>
      </label>
      <MentionTextarea id={id} name={`body.${own}`} lang={htmlLang[own!]} maxLength={5000} rows={3} members={members} />
      <details className="other-languages">
        <summary>{t("common:localized.otherLanguages", { field: label })}</summary>
        {others.map((lang) => (
          <div className="field" key={lang}>
            <label htmlFor={`${id}-${lang}`}>{format.languageName(lang)}</label>
            <textarea id={`${id}-${lang}`} name={`body.${lang}`} lang={htmlLang[lang]} maxLength={5000} rows={2} />
          </div>
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
  const aside = useRef<HTMLElement>(null);
  useMarginThreads(aside, open.length > 0 || pending !== null);
  return (
    <aside ref={aside} className="comments" aria-label={t("plan:comments.title", { language: format.languageName(lang) })}>
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

/** Wide enough for a margin beside each language's text (two columns side by side). */
const MARGIN_QUERY = "(min-width: 75rem)";

/**
 * On a wide screen the threads sit in the margin beside their passage (decision 029): each at the
 * height of its highlighted passage in the text, pushed down when the one above needs the room,
 * and moved again whenever the text changes (anyone's typing), the column resizes or the list
 * changes. Threads whose passage is gone follow the others. On a phone they stay under the text.
 */
function useMarginThreads(aside: RefObject<HTMLElement | null>, wanted: boolean) {
  useEffect(() => {
    const root = aside.current;
    const column = root?.closest<HTMLElement>(".language-column");
    if (!root || !column) return;
    const wide = window.matchMedia(MARGIN_QUERY);
    let frame = 0;
    const reset = (list: HTMLElement | null) => {
      column.classList.remove("with-margin");
      if (!list) return;
      list.style.height = "";
      for (const item of list.querySelectorAll<HTMLElement>(":scope > li")) item.style.top = "";
    };
    const place = () => {
      frame = 0;
      const list = root.querySelector<HTMLElement>(":scope > ol.threads");
      if (!wanted || !wide.matches || !list) return reset(list);
      column.classList.add("with-margin");
      const base = list.getBoundingClientRect().top;
      const items = [...list.querySelectorAll<HTMLElement>(":scope > li")].map((item) => {
        const anchor = column.querySelector(`.ProseMirror .comment-anchor[data-thread="${CSS.escape(item.dataset.thread ?? "")}"]`);
        return { item, want: anchor ? anchor.getBoundingClientRect().top - base : Number.POSITIVE_INFINITY };
      });
      items.sort((a, b) => a.want - b.want);
      let next = 0;
      for (const { item, want } of items) {
        const top = Math.max(Number.isFinite(want) ? want : next, next);
        item.style.top = `${Math.round(top)}px`;
        next = top + item.offsetHeight + 8;
      }
      list.style.height = `${Math.round(next)}px`;
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(place);
    };
    const mutations = new MutationObserver(schedule);
    mutations.observe(column, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["class", "open"] });
    const resize = new ResizeObserver(schedule);
    resize.observe(column);
    wide.addEventListener("change", schedule);
    schedule();
    return () => {
      cancelAnimationFrame(frame);
      mutations.disconnect();
      resize.disconnect();
      wide.removeEventListener("change", schedule);
      reset(root.querySelector<HTMLElement>(":scope > ol.threads"));
    };
  }, [aside, wanted]);
}
