import { existsSync, readFileSync } from "node:fs";

// Which regional face of Noto CJK drew a PDF's Chinese. Debian's fonts-noto-cjk ships each family as
// one collection (.ttc) whose faces (JP, KR, SC, TC, HK) share one CFF table, so LibreOffice names
// every embedded subset after its first face, "NotoSansCJKjp", whichever face it chose: pdffonts'
// names cannot tell. The faces differ in their character maps instead: 心 is glyph 17488 in the SC
// face and 17487 in the JP one. So the glyphs a PDF embeds say which face set its text.

const FILES: Record<string, string> = {
  "Sans-Regular": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "Sans-Bold": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
  "Serif-Regular": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
  "Serif-Bold": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
};
const FACE_INDEX = { jp: 0, sc: 2 } as const;

type Groups = [first: number, last: number, glyph: number][];
const cache = new Map<string, Record<keyof typeof FACE_INDEX, Groups>>();

/** The Windows Unicode (3, 10) format-12 character map of the face at this index of a collection. */
function characterMap(file: Buffer, face: number): Groups {
  const offset = file.readUInt32BE(12 + 4 * face);
  const tables = file.readUInt16BE(offset + 4);
  let cmap = -1;
  for (let index = 0; index < tables; index++) {
    const entry = offset + 12 + 16 * index;
    if (file.toString("latin1", entry, entry + 4) === "cmap") cmap = file.readUInt32BE(entry + 8);
  }
  const subtables = file.readUInt16BE(cmap + 2);
  for (let index = 0; index < subtables; index++) {
    const entry = cmap + 4 + 8 * index;
    if (file.readUInt16BE(entry) !== 3 || file.readUInt16BE(entry + 2) !== 10) continue;
    const table = cmap + file.readUInt32BE(entry + 4);
    const count = file.readUInt32BE(table + 12);
    return Array.from({ length: count }, (_, group) => {
      const at = table + 16 + 12 * group;
      return [file.readUInt32BE(at), file.readUInt32BE(at + 4), file.readUInt32BE(at + 8)];
    });
  }
  throw new Error("No format-12 character map");
}

function maps(kind: string) {
  let found = cache.get(kind);
  if (!found) {
    const file = readFileSync(FILES[kind]!);
    found = { jp: characterMap(file, FACE_INDEX.jp), sc: characterMap(file, FACE_INDEX.sc) };
    cache.set(kind, found);
  }
  return found;
}

const glyphOf = (groups: Groups, code: number) => {
  const group = groups.find(([first, last]) => first <= code && code <= last);
  return group ? group[2] + code - group[0] : undefined;
};

/**
 * Of the embedded glyphs of the text's Han characters whose SC and JP glyphs differ: how many are the
 * SC face's and how many the JP face's. A PDF set in Simplified Chinese has only SC ones.
 */
export function cjkRegions(cjkGlyphs: Map<string, Set<number>>, text: string) {
  const han = [...new Set([...text].filter((char) => /\p{Script=Han}/u.test(char)))];
  const counts = { sc: 0, jp: 0 };
  for (const [name, glyphs] of cjkGlyphs) {
    const kind = `${/Serif/.test(name) ? "Serif" : "Sans"}-${/Bold/.test(name) ? "Bold" : "Regular"}`;
    if (!existsSync(FILES[kind]!)) throw new Error(`No ${FILES[kind]} (fonts-noto-cjk)`);
    const { jp, sc } = maps(kind);
    const pairs = han.map((char) => [glyphOf(jp, char.codePointAt(0)!), glyphOf(sc, char.codePointAt(0)!)] as const);
    // A glyph counts for one face only when it is no glyph of the other face for any of the characters.
    const [allJp, allSc] = [new Set(pairs.map(([inJp]) => inJp)), new Set(pairs.map(([, inSc]) => inSc))];
    for (const [inJp, inSc] of pairs) {
      if (inJp === inSc) continue;
      if (inSc !== undefined && glyphs.has(inSc) && !allJp.has(inSc)) counts.sc++;
      if (inJp !== undefined && glyphs.has(inJp) && !allSc.has(inJp)) counts.jp++;
    }
  }
  return counts;
}
