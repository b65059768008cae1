import type { PrintCell, PrintColumn } from "~/editor/print.server";
import type { Lang } from "~/i18n/languages";

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

/** One language as it is, or the languages side by side in a table with a column each. */
export function PrintColumns({ columns, children }: { columns: PrintColumn[]; children: (lang: Lang) => React.ReactNode }) {
  if (columns.length === 1) return children(columns[0]!.lang);
  return (
    <table className="print-columns">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.lang} scope="col" lang={column.htmlLang}>
              {column.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr>
          {columns.map((column) => (
            <td key={column.lang} lang={column.htmlLang}>
              {children(column.lang)}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
