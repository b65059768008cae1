import type { HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { lazy, Suspense, useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { Form, useNavigation } from "react-router";
import { LanguageOptions } from "~/components/language-options";
import { TranslationBadge } from "~/components/translation-badge";
import type { CollabEditorProps, Writer } from "~/editor/collab-editor";
import { StaticEditor } from "~/editor/editor-frame";
import { languageNames, htmlLang, type Lang } from "~/i18n/languages";
import type { TranslationStatus } from "~/plan/translation-status";
import "~/i18n/pages/plan";

// The editor's code (tiptap, Y.js: the largest script of the page) is requested as soon as this
// module runs in the browser, before hydration, rather than once the socket is up: on a slow link
// it then downloads while the page hydrates and connects.
const loadCollabEditor = () => import("~/editor/collab-editor");
if (typeof window !== "undefined") void loadCollabEditor();
const CollabEditor = lazy(loadCollabEditor);

/**
 * Which two languages to show side by side: choosing a language shows it at once (decision 029).
 * A GET form: before scripts arrive (or without them) its button shows the choice.
 */
export function LanguagePickers({ left, right }: { left: Lang; right: Lang }) {
  const { t } = useTranslation();
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  return (
    <Form method="get" className="language-pickers" aria-label={t("plan:editor.languages")} preventScrollReset>
      {(["left", "right"] as const).map((side) => (
        <label key={side}>
          {t(`plan:editor.${side}`)}{" "}
          <select name={side} defaultValue={side === "left" ? left : right} onChange={(event) => event.currentTarget.form?.requestSubmit()}>
            <LanguageOptions />
          </select>
        </label>
      ))}
      {scripted ? null : <button type="submit">{t("plan:editor.show")}</button>}
    </Form>
  );
}

/**
 * One language of a text written live (a plan section, minutes, a finding): its status, the button
 * that marks a translation up to date, and the editor — or, until it has the shared text, the text
 * as the server rendered it.
 */
export function LanguageColumn({
  lang,
  status,
  sourceLang,
  canConfirm,
  headingLevel = 2,
  websocket,
  documentName,
  writer,
  editable,
  label,
  html,
  onStatus,
  anchors,
  onComment,
  glossary,
  onEditor,
  members,
  headerExtra,
  children,
}: {
  lang: Lang;
  status: TranslationStatus;
  sourceLang: Lang | null;
  canConfirm: boolean;
  headingLevel?: 2 | 3;
  websocket: HocuspocusProviderWebsocket | null;
  documentName: string;
  writer: Writer;
  editable: boolean;
  label: string;
  html: string;
  onStatus?: CollabEditorProps["onStatus"];
  anchors?: CollabEditorProps["anchors"];
  onComment?: CollabEditorProps["onComment"];
  glossary?: CollabEditorProps["glossary"];
  onEditor?: CollabEditorProps["onEditor"];
  /** Suggested after an @ in the editor (decision 029). */
  members?: CollabEditorProps["members"];
  headerExtra?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const columnLang = htmlLang[lang];
  const staticEditor = <StaticEditor documentName={documentName} html={html} label={label} lang={columnLang} editable={editable} commentable={onComment !== undefined} />;
  return (
    <section className="language-column" aria-labelledby={`column-${lang}`} lang={columnLang}>
      <header className="column-header">
        <Heading id={`column-${lang}`}>{languageNames[lang]}</Heading>
        <TranslationBadge lang={lang} status={status} withLanguage={false} />
        {canConfirm && sourceLang && lang !== sourceLang && status === "needs_update" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="lang" value={lang} />
            <button type="submit" disabled={navigation.state !== "idle"}>
              {t("plan:editor.markUpToDate")}
            </button>
          </Form>
        ) : null}
        {headerExtra}
      </header>
      {websocket ? (
        <Suspense fallback={staticEditor}>
          <CollabEditor
            documentName={documentName}
            websocket={websocket}
            writer={writer}
            editable={editable}
            label={label}
            lang={columnLang}
            html={html}
            onStatus={onStatus}
            anchors={anchors}
            onComment={onComment}
            glossary={glossary}
            onEditor={onEditor}
            members={members}
          />
        </Suspense>
      ) : (
        staticEditor
      )}
      {children}
    </section>
  );
}
