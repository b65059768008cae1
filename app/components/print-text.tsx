import type { PrintCell } from "~/editor/print.server";

/** A text of a print page, or the note that it is missing in this language. */
export function PrintText({ cell }: { cell: PrintCell }) {
  if (cell.html === null) {
    return (
      <p className="print-missing" lang={cell.htmlLang}>
        {cell.missing}
      </p>
    );
  }
  // Rendered on the server from the stored JSON through the tiptap schema (text escaped), never from a client's HTML.
  return <div className="prose print-text" lang={cell.htmlLang} dangerouslySetInnerHTML={{ __html: cell.html }} />;
}
