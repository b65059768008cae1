import { HocuspocusProvider, type HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { Extension } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { Plugin } from "@tiptap/pm/state";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { clearDocument, IndexeddbPersistence } from "y-indexeddb";
import { draftDatabaseName } from "./drafts";
import { href, withQuery } from "~/utils/links";
import * as Y from "yjs";
import { isRefusalReason, parseServerNotice, refusalReasons, type RefusalReason } from "~/collab/messages";
import { MAX_DOCUMENT_CHARS } from "~/collab/limits";
import { formatNumber } from "~/i18n/format";
import { isLang, type Lang } from "~/i18n/languages";
import type { TranslationStatus } from "~/plan/translation-status";
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
  /** Called with each language's translation status when the server has stored a change. */
  onStatus?: (status: Record<Lang, TranslationStatus>) => void;
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
  onStatus,
  glossary = [],
  anchors = [],
  onComment,
}: CollabEditorProps) {
  const { t, i18n } = useTranslation();
  const anchorsRef = useRef(anchors);
  const [noSelection, setNoSelection] = useState(false);
  // A new Y.Doc (and provider) when the server changes this connection's right to write, or refuses
  // a change that would pass MAX_DOCUMENT_CHARS: what was refused is dropped, and the editor shows
  // the server's text again (every later change would build on the refused one and never be shared).
  const [generation, setGeneration] = useState(0);
  const [tooLong, setTooLong] = useState<number | null>(null);
  const ydoc = useMemo(() => new Y.Doc(), [documentName, generation]);
  const provider = useMemo(
    // sessionAwareness: a new provider for the same text on the same socket is a new connection to
    // the server, never mistaken for the one it replaces.
    () => new HocuspocusProvider({ websocketProvider: websocket, name: documentName, document: ydoc, sessionAwareness: true }),
    [websocket, documentName, ydoc],
  );
  const [readOnlyScope, setReadOnlyScope] = useState(false);
  const [refused, setRefused] = useState<RefusalReason | null>(null);
  const onStatusRef = useRef(onStatus);
  onStatusRef.current = onStatus;
  const localName = draftDatabaseName(documentName);

  const canWrite = editable && !readOnlyScope && refused === null;

  // What is typed is also kept in the browser, so a page closed or reloaded while offline loses
  // nothing: it merges with the server's text when the connection returns.
  useEffect(() => {
    if (!canWrite || typeof indexedDB === "undefined") return;
    const local = new IndexeddbPersistence(localName, ydoc);
    return () => void local.destroy();
  }, [localName, ydoc, canWrite]);

  useEffect(() => {
    provider.attach();
    // Nothing typed without the right may come back later from the browser's copy.
    const forgetLocalCopy = () => {
      if (typeof indexedDB !== "undefined") void clearDocument(localName);
    };
    const onAuthenticated = () => setReadOnlyScope(provider.authorizedScope === "readonly");
    const onRefused = (reason: string) => {
      if (!isRefusalReason(reason)) return;
      setRefused(reason);
      forgetLocalCopy();
      provider.detach();
    };
    const onClose = ({ event }: { event: { reason: string } }) => onRefused(event.reason);
    const onAuthenticationFailed = ({ reason }: { reason: string }) => onRefused(reason);
    const onStateless = ({ payload }: { payload: string }) => {
      const notice = parseServerNotice(payload);
      if (notice?.type === "status") onStatusRef.current?.(notice.status);
      if (notice?.type === "tooLong") {
        setTooLong(notice.maxChars);
        forgetLocalCopy();
        setGeneration((value) => value + 1);
      }
      if (notice?.type === "access") {
        setReadOnlyScope(notice.readOnly);
        if (notice.readOnly) forgetLocalCopy();
        setGeneration((value) => value + 1);
      }
    };
    provider.on("authenticated", onAuthenticated);
    provider.on("close", onClose);
    provider.on("authenticationFailed", onAuthenticationFailed);
    provider.on("stateless", onStateless);
    return () => {
      provider.off("authenticated", onAuthenticated);
      provider.off("close", onClose);
      provider.off("authenticationFailed", onAuthenticationFailed);
      provider.off("stateless", onStateless);
      provider.destroy();
      ydoc.destroy();
    };
  }, [provider, ydoc, localName]);
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: canWrite,
      extensions: [
        ...schemaExtensions,
        Collaboration.configure({ document: ydoc, field: TIPTAP_FIELD }),
        CollaborationCaret.configure({ provider, user: writer }),
        LengthLimit.configure({ onRefused: () => setTooLong(MAX_DOCUMENT_CHARS) }),
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
      <LostRights editable={editable} readOnlyScope={readOnlyScope} refused={refused} />
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

/** Said where the text is when the server took the right to write (or to read) away. */
function LostRights({ editable, readOnlyScope, refused }: { editable: boolean; readOnlyScope: boolean; refused: RefusalReason | null }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (refused === refusalReasons.signedOut) {
    return (
      <p className="notice" role="alert">
        {t("plan:editor.sessionEnded")}{" "}
        <Link to={withQuery(href("/login"), { redirectTo: `${location.pathname}${location.search}` })} reloadDocument>
          {t("plan:editor.signInAgain")}
        </Link>
      </p>
    );
  }
  if (refused === refusalReasons.noAccess) {
    return (
      <p className="notice" role="alert">
        {t("plan:editor.noAccess")}
      </p>
    );
  }
  if (editable && readOnlyScope) {
    return (
      <p className="notice" role="status">
        {t("plan:editor.noLongerEditable")}
      </p>
    );
  }
  return null;
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
