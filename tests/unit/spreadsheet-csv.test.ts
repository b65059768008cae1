import { describe, expect, it } from "vitest";
import { csvCell, spreadsheetCsv } from "~/utils/spreadsheet-csv";

// OWASP's rule for CSV injection: a cell a spreadsheet would read as a formula is made text.
describe("CSV for spreadsheets", () => {
  it("makes a cell that would start a formula text, and quotes it", () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}1+1`)).toBe(`"'${start}1+1"`);
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("")).toBe("");
    expect(csvCell(null)).toBe("");
  });

  it("quotes what would split a cell or a line, in either list separator", () => {
    expect(csvCell("Västerås; Jinan")).toBe('"Västerås; Jinan"');
    expect(csvCell("a, b")).toBe('"a, b"');
    expect(csvCell('say "hej"')).toBe('"say ""hej"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("济南市人民政府")).toBe("济南市人民政府");
  });

  it("starts with a byte-order mark and the separator line", () => {
    expect(spreadsheetCsv([["a", "b"], ["c", null]])).toBe("\uFEFFsep=;\r\na;b\r\nc;\r\n");
  });
});
