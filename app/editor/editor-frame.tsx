import type { Editor } from "@tiptap/core";
import { Bold, Heading2, Heading3, Italic, Link2, List, ListOrdered, Redo2, Table, Undo2, type LucideIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import "~/i18n/pages/plan";

// The parts of a live text's editor that exist before the editor does: in the first HTML, while the
// editor's code loads, and until it has the server's text. Nothing here imports tiptap or Y.js (only
// types), so the page's first scripts stay small; the live editor (collab-editor.tsx) renders the
// same parts, so that taking over changes neither the text nor its place on the page.

/**
 * The text as the server rendered it from the stored document (text escaped, schema only), with
 * the classes and wrapper of the live editor's content, read-only. Screen readers are told it is
 * not editable yet; a viewer's editor never is.
 */
export function StaticEditor({
  documentName,
  html,
  label,
  lang,
  editable,
  commentable,
}: {
  /** The live text's name: asked for as soon as the page's scripts run (use-collab-socket.ts). */
  documentName?: string;
  html: string;
  label: string;
  lang: string;
  /** The reader may write this text: the toolbar's place is kept, and they learn when they can. */
  editable: boolean;
  /** The reader may comment: the comment button's place is kept. */
  commentable: boolean;
}) {
  return (
    <div className="editor" data-state="static" data-document={documentName} aria-busy="true">
      {editable ? <Toolbar editor={null} /> : null}
      {commentable ? (
        <p className="comment-bar">
          <CommentButton disabled />
        </p>
      ) : null}
      <StaticContent html={html} label={label} lang={lang} notYetEditable={editable} />
    </div>
  );
}

/** The live editor's content element, not editable; inside a wrapper as EditorContent renders it. */
export function StaticContent({ html, label, lang, notYetEditable }: { html: string; label: string; lang: string; notYetEditable: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <div>
        <div
          // Not "ProseMirror": that class is the live editor's (tests and tools find the editor by it);
          // app.css gives .editor-content the same text layout.
          className="tiptap prose editor-content"
          role="textbox"
          aria-multiline="true"
          aria-readonly="true"
          aria-label={label}
          lang={lang}
          translate="no"
          // Rendered on the server from the tiptap schema (text escaped), never from a client's HTML.
          dangerouslySetInnerHTML={{ __html: html }}
        />
      </div>
      {notYetEditable ? (
        <p className="visually-hidden" role="status">
          {t("plan:editor.notYetEditable")}
        </p>
      ) : null}
    </>
  );
}

export function CommentButton({ disabled, onClick }: { disabled?: boolean; onClick?: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      disabled={disabled}
      // Keep the text selection: a click would otherwise clear it before we read it.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {t("plan:comments.commentOnSelection")}
    </button>
  );
}

/**
 * The formatting buttons, each an icon with its name in the reader's language (aria-label), its
 * state (aria-pressed) and its keyboard shortcut in the tooltip and in aria-keyshortcuts; without
 * an editor (not live yet) the same buttons, disabled.
 */
export function Toolbar({ editor }: { editor: Editor | null }) {
  const { t } = useTranslation();
  const mac = useIsMac();
  const button = (key: ToolbarKey, label: string, run: (editor: Editor) => void, isActive?: (editor: Editor) => boolean) => {
    const keys = SHORTCUTS[key];
    const Icon = TOOLBAR_ICONS[key];
    const shown = keys ? keys.map((part) => (part === "Mod" ? (mac ? "⌘" : "Ctrl") : part)).join("+") : null;
    return (
      <button
        key={key}
        type="button"
        className="icon-button"
        disabled={editor === null}
        onClick={() => editor && run(editor)}
        // A toggle says whether it is on; an action (table, undo, redo) is no toggle.
        aria-pressed={isActive ? (editor ? isActive(editor) : false) : undefined}
        title={shown ? `${label} (${shown})` : label}
        aria-label={label}
        aria-keyshortcuts={keys ? keys.map((part) => (part === "Mod" ? (mac ? "Meta" : "Control") : part)).join("+") : undefined}
      >
        <Icon aria-hidden="true" size={18} strokeWidth={2} />
      </button>
    );
  };
  return (
    <div className="toolbar" role="toolbar" aria-label={t("plan:editor.toolbar")}>
      {button("heading2", t("plan:editor.heading2"), (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), (e) => e.isActive("heading", { level: 2 }))}
      {button("heading3", t("plan:editor.heading3"), (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), (e) => e.isActive("heading", { level: 3 }))}
      <span className="toolbar-separator" aria-hidden="true" />
      {button("bold", t("plan:editor.bold"), (e) => e.chain().focus().toggleBold().run(), (e) => e.isActive("bold"))}
      {button("italic", t("plan:editor.italic"), (e) => e.chain().focus().toggleItalic().run(), (e) => e.isActive("italic"))}
      <span className="toolbar-separator" aria-hidden="true" />
      {button("bulletList", t("plan:editor.bulletList"), (e) => e.chain().focus().toggleBulletList().run(), (e) => e.isActive("bulletList"))}
      {button("orderedList", t("plan:editor.orderedList"), (e) => e.chain().focus().toggleOrderedList().run(), (e) => e.isActive("orderedList"))}
      {button(
        "link",
        t("plan:editor.link"),
        (e) => {
          const previous = e.getAttributes("link").href as string | undefined;
          const href = window.prompt(t("plan:editor.linkPrompt"), previous ?? "https://");
          if (href === null) return;
          if (href.trim() === "") e.chain().focus().unsetLink().run();
          else e.chain().focus().extendMarkRange("link").setLink({ href: href.trim() }).run();
        },
        (e) => e.isActive("link"),
      )}
      {button("table", t("plan:editor.table"), (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run())}
      <span className="toolbar-separator" aria-hidden="true" />
      {button("undo", t("plan:editor.undo"), (e) => e.chain().focus().undo().run())}
      {button("redo", t("plan:editor.redo"), (e) => e.chain().focus().redo().run())}
    </div>
  );
}

type ToolbarKey = "heading2" | "heading3" | "bold" | "italic" | "bulletList" | "orderedList" | "link" | "table" | "undo" | "redo";

const TOOLBAR_ICONS: Record<ToolbarKey, LucideIcon> = {
  heading2: Heading2,
  heading3: Heading3,
  bold: Bold,
  italic: Italic,
  bulletList: List,
  orderedList: ListOrdered,
  link: Link2,
  table: Table,
  undo: Undo2,
  redo: Redo2,
};

// tiptap's own shortcuts ("Mod": Ctrl, or ⌘ on a Mac); a link and a table have none.
const SHORTCUTS: Partial<Record<ToolbarKey, string[]>> = {
  heading2: ["Mod", "Alt", "2"],
  heading3: ["Mod", "Alt", "3"],
  bold: ["Mod", "B"],
  italic: ["Mod", "I"],
  bulletList: ["Mod", "Shift", "8"],
  orderedList: ["Mod", "Shift", "7"],
  undo: ["Mod", "Z"],
  redo: ["Mod", "Shift", "Z"],
};

/** Whether shortcuts use ⌘: known in the browser only, so the first render (the server's) says Ctrl. */
function useIsMac() {
  const [mac, setMac] = useState(false);
  useEffect(() => setMac(/Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)), []);
  return mac;
}
