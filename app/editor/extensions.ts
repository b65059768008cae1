import type { Extensions } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";

// The one schema of every rich text (plan sections, later minutes and findings), imported by the
// browser editor and by the server (persistence, export, text). Collaboration and carets are added
// in the browser only; undo/redo comes from Collaboration (it undoes one's own changes only).
export const TIPTAP_FIELD = "default";

export const schemaExtensions: Extensions = [
  StarterKit.configure({
    undoRedo: false,
    heading: { levels: [2, 3, 4] },
    link: { openOnClick: false, autolink: true, protocols: ["http", "https", "mailto"] },
  }),
  TableKit.configure({ table: { resizable: false } }),
];
