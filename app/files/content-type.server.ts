import { readFile } from "node:fs/promises";
import { fileTypeFromBuffer, fileTypeFromFile } from "file-type";

// What a file is, read from its bytes: the name and the browser's stated type are what a renamed
// executable lies about. Only what a partnership shares is let in: photos, slides, PDF and office
// documents. Everything else (executables, archives, scripts, SVG, HTML) is refused.

export type DetectedType = { mime: string; ext: string; image: boolean };

const allowed: Record<string, { ext: string; image?: true }> = {
  "image/jpeg": { ext: "jpg", image: true },
  "image/png": { ext: "png", image: true },
  "image/gif": { ext: "gif", image: true },
  "image/webp": { ext: "webp", image: true },
  // Phones' photos: kept and served as files even where no thumbnail can be made.
  "image/heic": { ext: "heic", image: true },
  "image/heif": { ext: "heif", image: true },
  "application/pdf": { ext: "pdf" },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { ext: "docx" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { ext: "xlsx" },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": { ext: "pptx" },
  "application/vnd.oasis.opendocument.text": { ext: "odt" },
  "application/vnd.oasis.opendocument.spreadsheet": { ext: "ods" },
  "application/vnd.oasis.opendocument.presentation": { ext: "odp" },
  "application/msword": { ext: "doc" },
  "application/vnd.ms-excel": { ext: "xls" },
  "application/vnd.ms-powerpoint": { ext: "ppt" },
};

/** The types whose bytes a browser may show in the page (thumbnails, inline display). */
export const thumbnailTypes = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

/** The file's type from its content, or null when it is empty or not one we accept. */
export async function detectContentType(bytes: Uint8Array): Promise<DetectedType | null> {
  if (bytes.length === 0) return null;
  const found = await fileTypeFromBuffer(bytes);
  if (!found) return null;
  return accepted(found.mime, async () => bytes);
}

/**
 * The same for a file on disk: file-type reads only the parts it needs (the head, a zip's
 * directory) with asynchronous reads, so a 20 MB file is never held or scanned on the event loop.
 */
export async function detectFileType(file: string): Promise<DetectedType | null> {
  const found = await fileTypeFromFile(file);
  if (!found) return null;
  return accepted(found.mime, () => readFile(file));
}

async function accepted(detected: string, bytes: () => Promise<Uint8Array>): Promise<DetectedType | null> {
  let mime = detected;
  // Word, Excel and PowerPoint 97–2003 share one container (as do Windows installers): which one
  // it is shows in the names of its streams.
  if (mime === "application/x-cfb") mime = legacyOfficeType(await bytes()) ?? mime;
  const entry = allowed[mime];
  return entry ? { mime, ext: entry.ext, image: entry.image === true } : null;
}

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;

/** Reads the directory of a Compound File Binary container (MS-CFB) and names the Office program. */
export function legacyOfficeType(bytes: Uint8Array): string | null {
  try {
    const streams = cfbStreamNames(bytes);
    if (streams.has("WordDocument")) return "application/msword";
    if (streams.has("Workbook") || streams.has("Book")) return "application/vnd.ms-excel";
    if (streams.has("PowerPoint Document")) return "application/vnd.ms-powerpoint";
    return null;
  } catch {
    return null;
  }
}

function cfbStreamNames(bytes: Uint8Array): Set<string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sectorSize = 1 << view.getUint16(30, true);
  if (sectorSize !== 512 && sectorSize !== 4096) throw new Error("sector size");
  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;
  const perSector = sectorSize / 4;
  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) fatSectors.push(view.getUint32(76 + i * 4, true));
  let difat = view.getUint32(68, true);
  for (let guard = 0; difat !== END_OF_CHAIN && difat !== FREE && guard < 10_000; guard++) {
    const base = sectorOffset(difat);
    for (let i = 0; i < perSector - 1; i++) fatSectors.push(view.getUint32(base + i * 4, true));
    difat = view.getUint32(base + (perSector - 1) * 4, true);
  }
  const next = (sector: number) => {
    const fatSector = fatSectors[Math.floor(sector / perSector)];
    if (fatSector === undefined || fatSector === FREE) throw new Error("fat");
    return view.getUint32(sectorOffset(fatSector) + (sector % perSector) * 4, true);
  };
  const names = new Set<string>();
  let sector = view.getUint32(48, true);
  for (let guard = 0; sector !== END_OF_CHAIN && guard < 100_000; guard++) {
    const base = sectorOffset(sector);
    if (base + sectorSize > bytes.length) throw new Error("truncated");
    for (let entry = base; entry < base + sectorSize; entry += 128) {
      const nameBytes = view.getUint16(entry + 64, true);
      const type = bytes[entry + 66];
      if (nameBytes < 2 || nameBytes > 64 || (type !== 1 && type !== 2)) continue;
      names.add(new TextDecoder("utf-16le").decode(bytes.subarray(entry, entry + nameBytes - 2)));
    }
    sector = next(sector);
  }
  return names;
}
