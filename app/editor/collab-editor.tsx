import { HocuspocusProvider, type HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { IndexeddbPersistence } from "y-indexeddb";
import { draftDatabaseName } from "./drafts";
import * as Y from "yjs";
import { schemaExtensions, TIPTAP_FIELD } from "./extensions";
import { anchorFromSelection, CommentAnchors, refreshAnchors, type CommentAnchor, type NewAnchor } from "./comment-anchors";
import { GlossaryHighlight, type GlossaryMark } from "./glossary-highlight";

// Loaded only on pages that edit (React.lazy): tiptap, Y.js and the provider stay out of every
// other page's scripts.

export type Writer = { name: string; color: string };

export type CollabEditorProps = {
  documentName: string;
  websocket: HocuspocusProviderWebsocket;
  writer: Writer;
  editable: boolean;
  label: string;
  lang: string;
  /** Called after every change, local or remote (the page refreshes translation status). */
  onChange?: () => void;
  /** The project glossary's terms in this text's language, highlighted. */
  glossary?: GlossaryMark[];
  /** Open comment threads on this text, highlighted where they are anchored. */
  anchors?: CommentAnchor[];
  /** Set when the reader may comment: called with the selected passage. */
  onComment?: (anchor: NewAnchor) => void;
};

export default function CollabEditor({
  documentName,
  websocket,
  writer,
  editable,
  label,
  lang,
  onChange,
  glossary = [],
  anchors = [],
  onComment,
}: CollabEditorProps) {
  const { t } = useTranslation();
  const anchorsRef = useRef(anchors);
  const [noSelection, setNoSelection] = useState(false);
  const ydoc = useMemo(() => new Y.Doc(), [documentName]);
  const provider = useMemo(
    () => new HocuspocusProvider({ websocketProvider: websocket, name: documentName, document: ydoc }),
    [websocket, documentName, ydoc],
  );
  const [readOnlyScope, setReadOnlyScope] = useState(false);

  // What is typed is also kept in the browser, so a page closed or reloaded while offline loses
  // nothing: it merges with the server's text when the connection returns.
  useEffect(() => {
    if (!editable || typeof indexedDB === "undefined") return;
    const local = new IndexeddbPersistence(draftDatabaseName(documentName), ydoc);
    return () => void local.destroy();
  }, [documentName, ydoc, editable]);

  useEffect(() => {
    provider.attach();
    const onAuthenticated = () => setReadOnlyScope(provider.authorizedScope === "readonly");
    provider.on("authenticated", onAuthenticated);
    return () => {
      provider.off("authenticated", onAuthenticated);
      provider.destroy();
      ydoc.destroy();
    };
  }, [provider, ydoc]);

  useEffect(() => {
    if (!onChange) return;
    const listener = () => onChange();
    ydoc.on("update", listener);
    return () => ydoc.off("update", listener);
  }, [ydoc, onChange]);

  const canWrite = editable && !readOnlyScope;
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: canWrite,
      extensions: [
        ...schemaExtensions,
        Collaboration.configure({ document: ydoc, field: TIPTAP_FIELD }),
        CollaborationCaret.configure({ provider, user: writer }),
        GlossaryHighlight.configure({ marks: glossary }),
        CommentAnchors.configure({ getAnchors: () => anchorsRef.current }),
      ],
      editorProps: { attributes: { "aria-label": label, lang, class: "prose editor-content", role: "textbox", "aria-multiline": "true" } },
    },
    [ydoc, provider],
  );

  // The server drops a read-only connection's changes; the editor must not pretend otherwise.
  useEffect(() => {
    editor?.setEditable(canWrite);
  }, [editor, canWrite]);

  useEffect(() => {
    anchorsRef.current = anchors;
    if (editor && !editor.isDestroyed) refreshAnchors(editor);
  }, [anchors, editor]);

  return (
    <div className="editor">
      {canWrite && editor ? <Toolbar editor={editor} /> : null}
      {onComment && editor ? (
        <p className="comment-bar">
          <button
            type="button"
            // Keep the text selection: a click would otherwise clear it before we read it.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              const anchor = anchorFromSelection(editor);
              setNoSelection(anchor === null);
              if (anchor) onComment(anchor);
            }}
          >
            {t("plan:comments.commentOnSelection")}
          </button>
          {noSelection ? (
            <span className="muted" role="status">
              {" "}
              {t("plan:comments.selectFirst")}
            </span>
          ) : null}
        </p>
      ) : null}
      {editor ? <EditorContent editor={editor} /> : <p className="muted">{t("plan:editor.loading")}</p>}
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const button = (key: string, label: string, run: () => void, active = false) => (
    <button key={key} type="button" onClick={run} aria-pressed={active} title={label} aria-label={label}>
      {TOOLBAR_GLYPHS[key]}
    </button>
  );
  return (
    <div className="toolbar" role="toolbar" aria-label={t("plan:editor.toolbar")}>
      {button("heading2", t("plan:editor.heading2"), () => editor.chain().focus().toggleHeading({ level: 2 }).run(), editor.isActive("heading", { level: 2 }))}
      {button("heading3", t("plan:editor.heading3"), () => editor.chain().focus().toggleHeading({ level: 3 }).run(), editor.isActive("heading", { level: 3 }))}
      {button("bold", t("plan:editor.bold"), () => editor.chain().focus().toggleBold().run(), editor.isActive("bold"))}
      {button("italic", t("plan:editor.italic"), () => editor.chain().focus().toggleItalic().run(), editor.isActive("italic"))}
      {button("bulletList", t("plan:editor.bulletList"), () => editor.chain().focus().toggleBulletList().run(), editor.isActive("bulletList"))}
      {button("orderedList", t("plan:editor.orderedList"), () => editor.chain().focus().toggleOrderedList().run(), editor.isActive("orderedList"))}
      {button(
        "link",
        t("plan:editor.link"),
        () => {
          const previous = editor.getAttributes("link").href as string | undefined;
          const href = window.prompt(t("plan:editor.linkPrompt"), previous ?? "https://");
          if (href === null) return;
          if (href.trim() === "") editor.chain().focus().unsetLink().run();
          else editor.chain().focus().extendMarkRange("link").setLink({ href: href.trim() }).run();
        },
        editor.isActive("link"),
      )}
      {button("table", t("plan:editor.table"), () => editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run())}
      {button("undo", t("plan:editor.undo"), () => editor.chain().focus().undo().run())}
      {button("redo", t("plan:editor.redo"), () => editor.chain().focus().redo().run())}
    </div>
  );
}

const TOOLBAR_GLYPHS: Record<string, string> = {
  heading2: "H2",
  heading3: "H3",
  bold: "B",
  italic: "I",
  bulletList: "•",
  orderedList: "1.",
  link: "URL",
  table: "▦",
  undo: "↶",
  redo: "↷",
};
