import { HocuspocusProvider, type HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { Extension, type Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { Plugin } from "@tiptap/pm/state";
import { EditorContent, useEditor } from "@tiptap/react";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { Link, useLocation } from "react-router";
import { clearDocument, IndexeddbPersistence } from "y-indexeddb";
import { draftDatabaseName } from "./drafts";
import { forgetPreparedText, preparedText } from "./early-texts";
import { CommentButton, StaticContent, Toolbar } from "./editor-frame";
import { href, withQuery } from "~/utils/links";
import * as Y from "yjs";
import { isRefusalReason, parseServerNotice, refusalReasons, type RefusalReason } from "~/collab/messages";
import { MAX_DOCUMENT_CHARS } from "~/collab/limits";
import { formatNumber } from "~/i18n/format";
import { isLang, type Lang } from "~/i18n/languages";
import type { TranslationStatus } from "~/plan/translation-status";
import { mentionNode, schemaExtensions, TIPTAP_FIELD } from "./extensions";
import { mentionSuggestion } from "./mention-suggestion";
import type { Mentionable } from "./member-match";
import { Presence } from "./presence";
import { anchorFromSelection, CommentAnchors, refreshAnchors, type CommentAnchor, type NewAnchor } from "./comment-anchors";
import { GlossaryHighlight, type GlossaryMark } from "./glossary-highlight";
import "~/i18n/pages/plan";
import "~/i18n/pages/editor";

// Loaded only on pages that edit (React.lazy): tiptap, Y.js and the provider stay out of every
// other page's scripts. Until it has the server's text it shows the text the server rendered into
// the page (editor-frame.tsx), so that nobody sees an empty editor while it connects.

export type Writer = { name: string; color: string };

export type CollabEditorProps = {
  documentName: string;
  websocket: HocuspocusProviderWebsocket;
  writer: Writer;
  editable: boolean;
  label: string;
  lang: string;
  /** The text as the server rendered it, shown until the editor has the shared text. */
  html: string;
  /** Called with each language's translation status when the server has stored a change. */
  onStatus?: (status: Record<Lang, TranslationStatus>) => void;
  /** The project glossary's terms in this text's language, highlighted. */
  glossary?: GlossaryMark[];
  /** Open comment threads on this text, highlighted where they are anchored. */
  anchors?: CommentAnchor[];
  /** Set when the reader may comment: called with the selected passage. */
  onComment?: (anchor: NewAnchor) => void;
  /** Called with the editor when created, null on destroy (what acts on the text from outside it: a machine draft). */
  onEditor?: (editor: Editor | null) => void;
  /** The project's members, suggested after an @ (decision 029); without them @ is only a character. */
  members?: Mentionable[];
};

export default function CollabEditor({
  documentName,
  websocket,
  writer,
  editable,
  label,
  lang,
  html,
  onStatus,
  glossary = [],
  anchors = [],
  onComment,
  onEditor,
  members,
}: CollabEditorProps) {
  const { t, i18n } = useTranslation();
  const anchorsRef = useRef(anchors);
  const membersRef = useRef(members ?? []);
  membersRef.current = members ?? [];
  const tRef = useRef(t);
  tRef.current = t;
  const [noSelection, setNoSelection] = useState(false);
  // A new Y.Doc (and provider) when the server changes this connection's right to write, or refuses
  // a change that would pass MAX_DOCUMENT_CHARS: what was refused is dropped, and the editor shows
  // the server's text again (every later change would build on the refused one and never be shared).
  const [generation, setGeneration] = useState(0);
  const [tooLong, setTooLong] = useState<number | null>(null);
  // The text the page asked for while this code loaded (early-texts.ts), on first mount only.
  const early = useMemo(() => (generation === 0 ? preparedText(documentName, websocket) : undefined), [documentName, websocket, generation]);
  const ydoc = useMemo(() => early?.ydoc ?? new Y.Doc(), [early, documentName, generation]);
  const provider = useMemo(
    // sessionAwareness: a new provider for the same text on the same socket is a new connection to
    // the server, never mistaken for the one it replaces.
    () => (early?.ydoc === ydoc ? early.provider : new HocuspocusProvider({ websocketProvider: websocket, name: documentName, document: ydoc, sessionAwareness: true })),
    [early, websocket, documentName, ydoc],
  );
  const [readOnlyScope, setReadOnlyScope] = useState(false);
  const [refused, setRefused] = useState<RefusalReason | null>(null);
  const onStatusRef = useRef(onStatus);
  onStatusRef.current = onStatus;
  const localName = draftDatabaseName(documentName);

  const canWrite = editable && !readOnlyScope && refused === null;

  // Live once the editor shows the shared text: the server's (synced), or, while the server cannot
  // be reached, the copy this browser kept of it. Until then the page keeps the server-rendered
  // text: an editor bound to a Y.Doc that has not synced yet is empty.
  const [syncedDoc, setSyncedDoc] = useState<Y.Doc | null>(null);
  const [localDoc, setLocalDoc] = useState<Y.Doc | null>(null);
  const [renderedDoc, setRenderedDoc] = useState<Y.Doc | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  useEffect(() => {
    const onStatus = ({ status }: { status: string }) => {
      if (status === "connected") setUnreachable(false);
      if (status === "disconnected") setUnreachable(true);
    };
    websocket.on("status", onStatus);
    // The page's socket is opened before this mounts: it may have failed already.
    onStatus({ status: websocket.status });
    return () => void websocket.off("status", onStatus);
  }, [websocket]);

  // What is typed is also kept in the browser, so a page closed or reloaded while offline loses
  // nothing: it merges with the server's text when the connection returns.
  useEffect(() => {
    if (!canWrite || typeof indexedDB === "undefined") return;
    const local = new IndexeddbPersistence(localName, ydoc);
    // A kept copy is a copy of the shared text (it was synced before): safe to write on offline.
    local.on("synced", () => {
      if (ydoc.getXmlFragment(TIPTAP_FIELD).length > 0) setLocalDoc(ydoc);
    });
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
    const onSynced = ({ state }: { state: boolean }) => {
      if (state) setSyncedDoc(ydoc);
    };
    provider.on("synced", onSynced);
    provider.on("authenticated", onAuthenticated);
    provider.on("close", onClose);
    provider.on("authenticationFailed", onAuthenticationFailed);
    provider.on("stateless", onStateless);
    // Asked for early, it may have been answered already.
    if (early?.provider === provider) {
      if (early.refusal) onRefused(early.refusal);
      if (provider.isAuthenticated) onAuthenticated();
      if (provider.isSynced) setSyncedDoc(ydoc);
    }
    return () => {
      provider.off("synced", onSynced);
      provider.off("authenticated", onAuthenticated);
      provider.off("close", onClose);
      provider.off("authenticationFailed", onAuthenticationFailed);
      provider.off("stateless", onStateless);
      if (early) forgetPreparedText(early);
      provider.destroy();
      ydoc.destroy();
    };
  }, [early, provider, ydoc, localName]);
  const editor = useEditor(
    {
      immediatelyRender: false,
      // Editable once live (below): never while hidden behind the server-rendered text.
      editable: false,
      extensions: [
        // The schema's mention node, with the member list an @ opens.
        ...schemaExtensions.filter((extension) => extension.name !== "mention"),
        mentionNode(mentionSuggestion(() => membersRef.current, () => tRef.current("editor:mention.list"))),
        Collaboration.configure({ document: ydoc, field: TIPTAP_FIELD, onFirstRender: () => setRenderedDoc(ydoc) }),
        CollaborationCaret.configure({ provider, user: writer }),
        LengthLimit.configure({ onRefused: () => setTooLong(MAX_DOCUMENT_CHARS) }),
        GlossaryHighlight.configure({ marks: glossary }),
        CommentAnchors.configure({ getAnchors: () => anchorsRef.current }),
      ],
      editorProps: { attributes: { "aria-label": label, lang, class: "prose editor-content", role: "textbox", "aria-multiline": "true" } },
    },
    [ydoc, provider],
  );

  const onEditorRef = useRef(onEditor);
  onEditorRef.current = onEditor;
  useEffect(() => {
    if (!editor) return;
    onEditorRef.current?.(editor);
    return () => onEditorRef.current?.(null);
  }, [editor]);

  const live = editor !== null && renderedDoc === ydoc && (syncedDoc === ydoc || (unreachable && localDoc === ydoc));

  // The server drops a read-only connection's changes; the editor must not pretend otherwise.
  useEffect(() => {
    editor?.setEditable(canWrite && live);
  }, [editor, canWrite, live]);

  useEffect(() => {
    anchorsRef.current = anchors;
    if (editor && !editor.isDestroyed) refreshAnchors(editor);
  }, [anchors, editor]);

  return (
    // data-state: "static" until the editor shows the shared text, then "live" (what tests and the
    // benchmark wait for). Switching renders nothing new above the text, so it does not move.
    <div className="editor" data-state={live ? "live" : "static"} aria-busy={!live}>
      <LostRights editable={editable} readOnlyScope={readOnlyScope} refused={refused} />
      {tooLong !== null ? (
        <p className="form-error" role="alert">
          {t("plan:editor.tooLong", { max: formatNumber(tooLong, isLang(i18n.language) ? i18n.language : "en") })}
        </p>
      ) : null}
      <Presence provider={provider} self={writer} />
      {canWrite ? <LiveToolbar editor={live ? editor : null} /> : null}
      {onComment ? (
        <p className="comment-bar">
          <CommentButton
            disabled={!live}
            onClick={() => {
              if (!editor) return;
              const anchor = anchorFromSelection(editor);
              setNoSelection(anchor === null);
              if (anchor) onComment(anchor);
            }}
          />
          {noSelection ? (
            <span className="muted" role="status">
              {" "}
              {t("plan:comments.selectFirst")}
            </span>
          ) : null}
        </p>
      ) : null}
      {live ? null : <StaticContent html={html} label={label} lang={lang} notYetEditable={canWrite} />}
      {/* Mounted while hidden: the editor renders the shared text before it is shown. */}
      {editor ? <EditorContent editor={editor} hidden={!live} /> : null}
    </div>
  );
}

/** The toolbar, drawn again after each change of the text or the selection (its pressed states). */
function LiveToolbar({ editor }: { editor: Editor | null }) {
  const [, setVersion] = useState(0);
  useEffect(() => {
    if (!editor) return;
    const redraw = () => setVersion((version) => version + 1);
    editor.on("transaction", redraw);
    return () => void editor.off("transaction", redraw);
  }, [editor]);
  return <Toolbar editor={editor} />;
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
