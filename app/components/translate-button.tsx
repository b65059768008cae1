import { useFetcher, useRouteLoaderData } from "react-router";
import { htmlLang, type Lang } from "~/i18n/languages";
import { useFormat } from "~/i18n/use-format";
import { useTranslation } from "~/i18n/use-translation";
import type { loader as projectLoader } from "~/routes/project";
import type { action as translateAction } from "~/routes/project.translate";
import { href } from "~/utils/links";

/**
 * "Translate" beside a short text in another language than the reader's (a comment, a decision, a
 * summary): a machine draft shown below it for reading, marked as such, never stored. Shown only
 * when the operator configured a provider.
 */
export function TranslateButton({ kind, id, lang }: { kind: "comment" | "decision" | "summary"; id: string; lang: Lang }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fetcher = useFetcher<typeof translateAction>();
  const project = useRouteLoaderData<typeof projectLoader>("routes/project");
  if (!project?.machineDrafts || lang === format.lang) return null;
  const projectId = project.project.id;
  const result = fetcher.data;
  const error = result && "message" in result ? String(result.message) : undefined;
  const draft = result && "draft" in result ? String(result.draft) : undefined;
  return (
    <div className="machine-draft">
      {draft === undefined ? (
        <fetcher.Form method="post" action={href("/projects/:projectId/translate", { projectId })}>
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="to" value={format.lang} />
          <button type="submit" className="link-button" disabled={fetcher.state !== "idle"}>
            {fetcher.state !== "idle" ? t("common:machineDraft.working") : t("common:machineDraft.translate", { language: format.languageName(format.lang) })}
          </button>
        </fetcher.Form>
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
