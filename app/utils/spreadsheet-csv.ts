// Text for spreadsheets. CSV for people who open it in a spreadsheet (decision 038): Excel in Sweden lists with ";", so
// the file does too and says so in a `sep=;` first line (which Excel with "," as its list
// separator honours as well); a UTF-8 byte-order mark, so 中文 and å are read as they are; and
// OWASP's guard against formula injection, since a cell is written by whoever named the thing.

export const CSV_SEPARATOR = ";";

/** What a spreadsheet would take for the start of a formula (or a command, in older ones). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: text that would start a formula gets a leading ' so it stays text; quoted when needed. */
export function csvCell(value: string | null | undefined): string {
  let text = value ?? "";
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[";\n\r,']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: byte-order mark, the `sep=` line, then one CRLF-ended line per row. */
export function spreadsheetCsv(rows: readonly (readonly (string | null | undefined)[])[]): string {
  const lines = [`sep=${CSV_SEPARATOR}`, ...rows.map((row) => row.map(csvCell).join(CSV_SEPARATOR))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** How many columns of a spreadsheet a text takes: a wide (CJK) character two, any other one. */
export function spreadsheetWidth(text: string): number {
  return [...text].reduce((sum, char) => sum + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1), 0);
}
