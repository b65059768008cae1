import type { Extensions } from "@tiptap/core";
import Mention, { type MentionOptions } from "@tiptap/extension-mention";
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";

// The one schema of every rich text (plan sections, later minutes and findings), imported by the
// browser editor and by the server (persistence, export, text). Collaboration and carets are added
// in the browser only; undo/redo comes from Collaboration (it undoes one's own changes only).
export const TIPTAP_FIELD = "default";

/**
 * An @mention of a project member (decision 029): an inline atom with the person's id and their
 * name as it was when mentioned, written "@name" in plain text, exports and print. The browser
 * editor adds the suggestion list (collab-editor.tsx); the server only needs the node.
 */
export const mentionNode = (suggestion?: MentionOptions["suggestion"]) =>
  Mention.configure({ HTMLAttributes: { class: "mention" }, ...(suggestion ? { suggestion } : {}) });

export const schemaExtensions: Extensions = [
  StarterKit.configure({
    undoRedo: false,
    heading: { levels: [2, 3, 4] },
    link: { openOnClick: false, autolink: true, protocols: ["http", "https", "mailto"] },
  }),
  TableKit.configure({ table: { resizable: false } }),
  mentionNode(),
];
