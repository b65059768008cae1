import type { Editor, JSONContent } from "@tiptap/core";
import { useEffect, useReducer, useRef, useState, type ReactNode } from "react";
import { useParams, useRevalidator, useRouteLoaderData } from "react-router";
import type { Lang } from "~/i18n/languages";
import { useFormat } from "~/i18n/use-format";
import { useTranslation } from "~/i18n/use-translation";
import type { TranslationStatus } from "~/plan/translation-status";
import type { loader as projectLoader } from "~/routes/project";
import type { ColumnEditors } from "~/editor/use-column-editors";
import { href } from "~/utils/links";
import { isRefusal, useBackgroundPost } from "~/utils/use-background-post";
import "~/i18n/pages/plan";

// "Fill with machine draft" in a translation column of a plan section, minutes or a finding
// (decision 022), and the mark of a translation that holds a draft nobody has confirmed. The
// server makes the draft from the stored source; this puts it into the live editor (so everyone
// editing sees it at once) and then tells the server, which marks the translation as machine-made.

export type DraftTextRef = { kind: "section" | "minutes" | "finding"; id: string };

type Options = {
  sourceLang: Lang | null;
  /** Each language's translation status, live. */
  status: Record<Lang, TranslationStatus>;
  /** Whether the reader may write the text (the server checks again). */
  editable: boolean;
  /** The languages holding an unconfirmed machine draft (the loader's machineDraftLanguages). */
  marked: Lang[];
};

/** For a page with language columns: what each column's header shows — the mark, and the button where a draft may be asked for. */
export function useMachineDrafts(text: DraftTextRef, options: Options, editors: ColumnEditors) {
  return {
    controls: (lang: Lang): ReactNode => <MachineDraftControls key={`draft-${lang}`} text={text} lang={lang} editor={editors[lang]} {...options} />,
  };
}

function MachineDraftControls({ text, lang, editor, sourceLang, status, editable, marked }: Options & { text: DraftTextRef; lang: Lang; editor: Editor | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { projectId } = useParams();
  const project = useRouteLoaderData<typeof projectLoader>("routes/project");
  const draft = useBackgroundPost<{ draft: JSONContent }>();
  const applied = useBackgroundPost<{ applied: true }>();
  const revalidator = useRevalidator();
  const [problem, setProblem] = useState<string | null>(null);
  const [filled, setFilled] = useState(false);
  const used = useRef<unknown>(null);
  const isEditable = useEditable(editor);

  const isTranslation = sourceLang !== null && lang !== sourceLang;
  const offered =
    Boolean(project?.machineDrafts) && editable && isTranslation && status[sourceLang] !== "missing" && (status[lang] === "missing" || status[lang] === "needs_update");
  const action = projectId ? href("/projects/:projectId/machine-draft", { projectId }) : "";
  const fields = { kind: text.kind, id: text.id, lang };

  // The draft arrived: into the editor (a shared change, everyone sees it), then the mark.
  useEffect(() => {
    const result = draft.result;
    if (!result || used.current === result) return;
    used.current = result;
    if (isRefusal(result)) {
      setProblem(result.message);
      return;
    }
    if (!("draft" in result)) return;
    if (!editor || editor.isDestroyed || !editor.isEditable) {
      setProblem(t("plan:editor.machineDraft.notApplied"));
      return;
    }
    const before = editor.state.doc;
    editor.commands.setContent(result.draft as JSONContent, { emitUpdate: true });
    // The length limit refuses a change without a word: then nothing was replaced, and nothing is marked.
    if (editor.state.doc === before) {
      setProblem(t("plan:editor.machineDraft.notApplied"));
      return;
    }
    setFilled(true);
    // The mark is the page's data: read again once the server has set it.
    void applied.send(action, { intent: "applied", ...fields }).then((answer) => isRefusal(answer) || void revalidator.revalidate());
  });

  const markProblem = isRefusal(applied.result) ? applied.result.message : null;
  const busy = draft.busy || applied.busy;

  function fill() {
    setProblem(null);
    setFilled(false);
    if (!editor) return;
    // Replacing a text someone wrote is asked first; its versions keep it (the server keeps one now).
    if (editor.getText().trim() !== "" && !window.confirm(t("plan:editor.machineDraft.replaceConfirm", { language: format.languageName(lang) }))) return;
    void draft.send(action, { intent: "draft", ...fields });
  }

  return (
    <>
      {marked.includes(lang) ? (
        <span className="machine-draft-mark" title={t("plan:editor.machineDraft.markTitle")}>
          {t("plan:editor.machineDraft.mark")}
        </span>
      ) : null}
      {offered ? (
        <button type="button" className="fill-draft" onClick={fill} disabled={busy || !isEditable} aria-busy={busy}>
          {t("plan:editor.machineDraft.fill")}
        </button>
      ) : null}
      {offered || problem || markProblem || filled ? (
        <span className="fill-draft-status" role="status" aria-live="polite">
          {draft.busy ? t("plan:editor.machineDraft.working") : null}
          {problem || markProblem ? <span className="field-error">{problem ?? markProblem}</span> : null}
          {filled && !markProblem && !busy ? t("plan:editor.machineDraft.filled") : null}
        </span>
      ) : null}
    </>
  );
}

/** Whether the editor takes changes now (live, connected, and the reader may write): it says so on every update. */
function useEditable(editor: Editor | undefined): boolean {
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    if (!editor) return;
    editor.on("update", rerender);
    editor.on("transaction", rerender);
    return () => {
      editor.off("update", rerender);
      editor.off("transaction", rerender);
    };
  }, [editor]);
  return editor !== undefined && !editor.isDestroyed && editor.isEditable;
}
