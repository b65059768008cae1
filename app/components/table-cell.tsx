import type { ReactNode } from "react";

/**
 * A table cell that carries its column's name for the phone layout (decision 031): on a desktop
 * the column header labels it and the label is not rendered; at 40rem and below, where a table
 * with the class `cards` turns each row into a card, the label shows before the value (and is read
 * with it, since a row laid out as a card no longer has a header above it).
 */
export function Cell({ label, className, children, header = false }: { label: string; className?: string; children: ReactNode; header?: boolean }) {
  const content = (
    <>
      <span className="cell-label">{label}</span>
      <div className="cell-value">{children}</div>
    </>
  );
  return header ? (
    <th scope="row" className={className}>
      {content}
    </th>
  ) : (
    <td className={className}>{content}</td>
  );
}
