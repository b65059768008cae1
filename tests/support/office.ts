import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { inflateSync } from "node:zlib";

// What a recipient sees of an exported document: LibreOffice (Debian's libreoffice-writer-nogui and
// libreoffice-calc-nogui, installed by .ci/run) opens it and renders it to PDF, and poppler-utils
// read the PDF back: its page count, the fonts it sets text in, and each page's text.

const run = promisify(execFile);

export type PdfFont = { name: string; type: string; embedded: boolean };
export type RenderedDocument = {
  pages: number;
  fonts: PdfFont[];
  /** Each page's text, laid out as on the page (pdftotext -layout). */
  pageTexts: string[];
  /** The PDF itself, for a person to look at (kept only when KEEP_RENDERED is set). */
  pdfPath: string | null;
  /** The glyphs (CIDs) each embedded Noto CJK face draws, by the face's PDF name (see cjkRegions in ./cjk-faces). */
  cjkGlyphs: Map<string, Set<number>>;
};

/**
 * Renders the file (its bytes and extension: docx, xlsx…) to PDF with LibreOffice. Each call has a
 * profile of its own, so renders in parallel test files do not share LibreOffice's lock.
 */
export async function renderToPdf(bytes: Buffer | Uint8Array, extension: string, name = "document"): Promise<RenderedDocument> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "partnership-office-"));
  try {
    const input = path.join(dir, `${name}.${extension}`);
    writeFileSync(input, bytes);
    await run("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, input], {
      timeout: 120_000,
    });
    const pdf = path.join(dir, `${name}.pdf`);
    const info = (await run("pdfinfo", [pdf])).stdout;
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
    const fonts = parseFonts((await run("pdffonts", [pdf])).stdout);
    const pageTexts: string[] = [];
    for (let page = 1; page <= pages; page++) {
      pageTexts.push((await run("pdftotext", ["-layout", "-f", String(page), "-l", String(page), pdf, "-"])).stdout);
    }
    const cjkGlyphs = embeddedCjkGlyphs(readFileSync(pdf));
    let pdfPath: string | null = null;
    if (process.env.KEEP_RENDERED) {
      pdfPath = path.join(process.env.KEEP_RENDERED, `${name}.pdf`);
      writeFileSync(pdfPath, readFileSync(pdf));
    }
    return { pages, fonts, pageTexts, pdfPath, cjkGlyphs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The workbook as LibreOffice computes it: opened, every formula calculated, saved again as .xlsx.
 * Pass a workbook without cached results so that what comes back is LibreOffice's own arithmetic.
 */
export async function recalculateWorkbook(bytes: Buffer | Uint8Array, name = "workbook"): Promise<Buffer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "partnership-office-"));
  try {
    const input = path.join(dir, `${name}.xlsx`);
    const outdir = path.join(dir, "out");
    writeFileSync(input, bytes);
    await run("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir, input], {
      timeout: 120_000,
    });
    return readFileSync(path.join(outdir, `${name}.xlsx`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pdffonts' table: name, type, encoding, emb, sub, uni, object ID (names carry a subset prefix). */
function parseFonts(output: string): PdfFont[] {
  return output
    .split("\n")
    .slice(2)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [name = "", ...rest] = line.trim().split(/\s+/);
      const yesNo = rest.filter((value) => value === "yes" || value === "no");
      return { name: name.replace(/^[A-Z]{6}\+/, ""), type: rest.slice(0, 2).join(" "), embedded: yesNo[0] === "yes" };
    });
}

/**
 * The CIDs of the glyphs in each Noto CJK font program the PDF embeds. LibreOffice writes them as
 * Type 1 fonts whose glyphs are named "cidNNNN" after the glyph in the original font.
 */
function embeddedCjkGlyphs(pdf: Buffer): Map<string, Set<number>> {
  const glyphs = new Map<string, Set<number>>();
  const marker = Buffer.from("stream");
  let at = pdf.indexOf(marker);
  while (at >= 0) {
    let start = at + marker.length;
    if (pdf[start] === 0x0d) start++;
    if (pdf[start] === 0x0a) start++;
    const end = pdf.indexOf("endstream", start);
    if (end < 0) break;
    let program: string | null = null;
    try {
      program = inflateSync(pdf.subarray(start, end)).toString("latin1");
    } catch {
      program = null;
    }
    const name = program?.startsWith("%!FontType1") ? /\/FontName \/(\S+)/.exec(program)?.[1] : undefined;
    if (program && name && /CJK/.test(name)) {
      const set = glyphs.get(name) ?? new Set<number>();
      for (const match of program.matchAll(/\/cid(\d+) put/g)) set.add(Number(match[1]));
      glyphs.set(name, set);
    }
    at = pdf.indexOf(marker, end + 9);
  }
  return glyphs;
}
