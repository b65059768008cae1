import { textPdf } from "~/seed/text-pdf";
import { readFileSync } from "node:fs";
import sharp from "sharp";

// Small real files of each kind, made in the test rather than shipped as binaries.

export async function png(width = 800, height = 600): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width, height, channels: 3, background: "#2a6f97" } }).png().toBuffer());
}

export async function jpeg(width = 1200, height = 900): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width, height, channels: 3, background: "#c8553d" } }).jpeg().toBuffer());
}

/** A one-page PDF with a correct cross-reference table. */
export function pdf(text = "Protokoll"): Uint8Array {
  return textPdf([text]);
}

/** The start of an iPhone photo (an ISO-BMFF `ftyp` box with the HEIC brand): no decoder reads it. */
export function heic(): Uint8Array {
  const bytes = new Uint8Array(2048);
  bytes.set([0, 0, 0, 24, ...new TextEncoder().encode("ftypheic"), 0, 0, 0, 0, ...new TextEncoder().encode("mif1heic")]);
  return bytes;
}

/** This machine's own `true` program: a real ELF executable. */
export function elfExecutable(): Uint8Array {
  return new Uint8Array(readFileSync("/bin/true"));
}

/** The start of a Windows program (MZ header pointing at a PE header). */
export function windowsExecutable(): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0x4d, 0x5a], 0);
  new DataView(bytes.buffer).setUint32(0x3c, 0x80, true);
  bytes.set([0x50, 0x45, 0x00, 0x00, 0x4c, 0x01], 0x80);
  return bytes;
}

/**
 * A minimal Compound File Binary container (MS-CFB, 512-byte sectors) holding one stream of the
 * given name: "WordDocument" makes it look like a Word 97 file, anything else like an installer.
 */
export function compoundFile(streamName: string): Uint8Array {
  const sector = 512;
  const bytes = new Uint8Array(sector * 4);
  const view = new DataView(bytes.buffer);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  view.setUint16(24, 0x3e, true);
  view.setUint16(26, 3, true);
  view.setUint16(28, 0xfffe, true);
  view.setUint16(30, 9, true);
  view.setUint16(32, 6, true);
  view.setUint32(44, 1, true); // one FAT sector
  view.setUint32(48, 1, true); // the directory in sector 1
  view.setUint32(56, 4096, true);
  view.setUint32(60, 0xfffffffe, true);
  view.setUint32(68, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) view.setUint32(76 + i * 4, i === 0 ? 0 : 0xffffffff, true);
  // Sector 0 (file offset 512): the FAT. Sector 1 (offset 1024): the directory. Sector 2: the stream.
  const fat = sector;
  for (let i = 0; i < 128; i++) view.setUint32(fat + i * 4, 0xffffffff, true);
  view.setUint32(fat, 0xfffffffd, true);
  view.setUint32(fat + 4, 0xfffffffe, true);
  view.setUint32(fat + 8, 0xfffffffe, true);
  const entry = (index: number, name: string, type: number, start: number, size: number) => {
    const base = sector * 2 + index * 128;
    for (let i = 0; i < name.length; i++) view.setUint16(base + i * 2, name.charCodeAt(i), true);
    view.setUint16(base + 64, (name.length + 1) * 2, true);
    bytes[base + 66] = type;
    view.setUint32(base + 68, 0xffffffff, true);
    view.setUint32(base + 72, 0xffffffff, true);
    view.setUint32(base + 76, index === 0 ? 1 : 0xffffffff, true);
    view.setUint32(base + 116, start, true);
    view.setUint32(base + 120, size, true);
  };
  entry(0, "Root Entry", 5, 0xfffffffe, 0);
  entry(1, streamName, 2, 2, 4096);
  return bytes;
}

export function file(bytes: Uint8Array, name: string, type = "application/octet-stream"): File {
  return new File([bytes as Uint8Array<ArrayBuffer>], name, { type });
}
