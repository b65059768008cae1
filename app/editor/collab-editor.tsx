import { HocuspocusProvider, type HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { Extension } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { Plugin } from "@tiptap/pm/state";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import { MAX_DOCUMENT_CHARS, parseRefusal } from "~/collab/limits";
import { formatNumber } from "~/i18n/format";
import { isLang } from "~/i18n/languages";
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
  const { t, i18n } = useTranslation();
  const anchorsRef = useRef(anchors);
  const [noSelection, setNoSelection] = useState(false);
  // A change the server refused (the text would pass MAX_DOCUMENT_CHARS): the writer is told, and
  // the editor starts again from the shared text (a new generation), since every later change
  // would build on the refused one and never be shared either.
  const [tooLong, setTooLong] = useState<number | null>(null);
  const [generation, setGeneration] = useState(0);
  const local = useRef<IndexeddbPersistence | null>(null);
  // A new generation is a new document.
  const ydoc = useMemo(() => new Y.Doc(), [documentName, generation]);
  const provider = useMemo(
    () => new HocuspocusProvider({ websocketProvider: websocket, name: documentName, document: ydoc }),
    [websocket, documentName, ydoc],
  );
  const [readOnlyScope, setReadOnlyScope] = useState(false);

  // What is typed is also kept in the browser, so a page closed or reloaded while offline loses
  // nothing: it merges with the server's text when the connection returns.
  useEffect(() => {
    if (!editable || typeof indexedDB === "undefined") return;
    const persistence = new IndexeddbPersistence(`partnership:${documentName}`, ydoc);
    local.current = persistence;
    return () => {
      if (local.current === persistence) local.current = null;
      void persistence.destroy();
    };
  }, [documentName, ydoc, editable]);

  useEffect(() => {
    provider.attach();
    const onAuthenticated = () => setReadOnlyScope(provider.authorizedScope === "readonly");
    const onStateless = ({ payload }: { payload: string }) => {
      const refusal = parseRefusal(payload);
      if (!refusal) return;
      setTooLong(refusal.maxChars);
      // The refused text must not come back from the browser's copy either.
      void (local.current?.clearData() ?? Promise.resolve()).finally(() => setGeneration((value) => value + 1));
    };
    provider.on("authenticated", onAuthenticated);
    provider.on("stateless", onStateless);
    return () => {
      provider.off("authenticated", onAuthenticated);
      provider.off("stateless", onStateless);
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
        LengthLimit.configure({ onRefused: () => setTooLong(MAX_DOCUMENT_CHARS) }),
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
      {tooLong !== null ? (
        <p className="form-error" role="alert">
          {t("plan:editor.tooLong", { max: formatNumber(tooLong, isLang(i18n.language) ? i18n.language : "en") })}
        </p>
      ) : null}
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

/**
 * Mirrors the server's limit while typing: a change of one's own (typing, a paste) that would make
 * the text longer than MAX_DOCUMENT_CHARS is not made, and the writer is told. Changes from
 * others (through Y.js) always apply. The server checks again; this spares a long paste the trip.
 */
const LengthLimit = Extension.create<{ onRefused: () => void }>({
  name: "lengthLimit",
  addOptions() {
    return { onRefused: () => {} };
  },
  addProseMirrorPlugins() {
    const { onRefused } = this.options;
    return [
      new Plugin({
        filterTransaction(tr, state) {
          if (!tr.docChanged || tr.getMeta(ySyncPluginKey)) return true;
          // The node count is an upper bound of the text's length, known without counting.
          if (tr.doc.content.size <= MAX_DOCUMENT_CHARS) return true;
          const after = tr.doc.textContent.length;
          if (after <= MAX_DOCUMENT_CHARS || after <= state.doc.textContent.length) return true;
          onRefused();
          return false;
        },
      }),
    ];
  },
});

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
