import { inflateRawSync } from "node:zlib";

/** The files of a .docx (a ZIP archive), read through its central directory. */
export function unzip(archive: Buffer): Map<string, Buffer> {
  let end = archive.length - 22;
  while (end >= 0 && archive.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error("Not a ZIP archive: no end of central directory");
  const count = archive.readUInt16LE(end + 10);
  let entry = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let index = 0; index < count; index += 1) {
    if (archive.readUInt32LE(entry) !== 0x02014b50) throw new Error("Broken central directory");
    const method = archive.readUInt16LE(entry + 10);
    const compressedSize = archive.readUInt32LE(entry + 20);
    const nameLength = archive.readUInt16LE(entry + 28);
    const extraLength = archive.readUInt16LE(entry + 30);
    const commentLength = archive.readUInt16LE(entry + 32);
    const localHeader = archive.readUInt32LE(entry + 42);
    const name = archive.subarray(entry + 46, entry + 46 + nameLength).toString("utf8");
    if (archive.readUInt32LE(localHeader) !== 0x04034b50) throw new Error(`Broken local header of ${name}`);
    const start = localHeader + 30 + archive.readUInt16LE(localHeader + 26) + archive.readUInt16LE(localHeader + 28);
    const raw = archive.subarray(start, start + compressedSize);
    if (method !== 0 && method !== 8) throw new Error(`Unsupported compression ${method} of ${name}`);
    files.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    entry += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** The visible text of document.xml: the w:t runs, each paragraph on a line. */
export function documentText(xml: string) {
  return xml
    .split(/<\/w:p>/)
    .map((paragraph) => [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => unescapeXml(match[1]!)).join(""))
    .filter(Boolean)
    .join("\n");
}

const unescapeXml = (text: string) =>
  text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
