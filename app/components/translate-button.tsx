import { useRouteLoaderData } from "react-router";
import { htmlLang, type Lang } from "~/i18n/languages";
import { useFormat } from "~/i18n/use-format";
import { useTranslation } from "~/i18n/use-translation";
import type { loader as projectLoader } from "~/routes/project";
import { href } from "~/utils/links";
import { isRefusal, useBackgroundPost } from "~/utils/use-background-post";

/**
 * "Translate" beside a short text in another language than the reader's (a comment, a decision, a
 * summary): a machine draft shown below it for reading, marked as such, never stored. Shown only
 * when the operator configured a provider.
 */
export function TranslateButton({ kind, id, lang }: { kind: "comment" | "decision" | "summary"; id: string; lang: Lang }) {
  const { t } = useTranslation();
  const format = useFormat();
  const post = useBackgroundPost<{ draft: string }>();
  const project = useRouteLoaderData<typeof projectLoader>("routes/project");
  if (!project?.machineDrafts || lang === format.lang) return null;
  const projectId = project.project.id;
  const result = post.result;
  const error = isRefusal(result) ? result.message : undefined;
  const draft = result && "draft" in result ? String(result.draft) : undefined;
  const action = href("/projects/:projectId/translate", { projectId });
  return (
    <div className="machine-draft">
      {draft === undefined ? (
        <form
          method="post"
          action={action}
          onSubmit={(event) => {
            event.preventDefault();
            void post.send(action, { kind, id, to: format.lang });
          }}
        >
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="to" value={format.lang} />
          <button type="submit" className="link-button" disabled={post.busy}>
            {post.busy ? t("common:machineDraft.working") : t("common:machineDraft.translate", { language: format.languageName(format.lang) })}
          </button>
        </form>
      ) : null}
      <div aria-live="polite">
        {error ? <p className="field-error">{error}</p> : null}
        {draft !== undefined ? (
          <figure className="machine-draft-text">
            <figcaption className="muted">{t("common:machineDraft.caption", { language: format.languageName(lang) })}</figcaption>
            <p lang={htmlLang[format.lang]}>{draft}</p>
          </figure>
        ) : null}
      </div>
    </div>
  );
}
