import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AttachmentError, checkFileName } from "~/files/attachments.server";
import { detectContentType, detectFileType } from "~/files/content-type.server";
import { contentDisposition } from "~/files/http.server";
import { compoundFile, elfExecutable, heic, jpeg, pdf, png, windowsExecutable } from "../support/files";

const zip = () => {
  // An empty ZIP archive: only the end-of-central-directory record.
  const bytes = new Uint8Array(22);
  bytes.set([0x50, 0x4b, 0x05, 0x06]);
  return bytes;
};

describe("file types from content", () => {
  it("knows photos and PDF by their bytes", async () => {
    expect((await detectContentType(await png()))?.mime).toBe("image/png");
    expect((await detectContentType(await jpeg()))?.mime).toBe("image/jpeg");
    expect((await detectContentType(pdf()))?.mime).toBe("application/pdf");
    expect((await detectContentType(heic()))?.mime).toBe("image/heic");
  });

  it("refuses executables, archives, text and empty files whatever they are called", async () => {
    expect(await detectContentType(elfExecutable())).toBeNull();
    expect(await detectContentType(windowsExecutable())).toBeNull();
    expect(await detectContentType(zip())).toBeNull();
    expect(await detectContentType(new TextEncoder().encode("#!/bin/sh\nrm -rf /\n"))).toBeNull();
    expect(await detectContentType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(await detectContentType(new Uint8Array())).toBeNull();
  });

  it("tells Word 97 from a Windows installer in the same container", async () => {
    expect((await detectContentType(compoundFile("WordDocument")))?.mime).toBe("application/msword");
    expect((await detectContentType(compoundFile("Workbook")))?.mime).toBe("application/vnd.ms-excel");
    expect((await detectContentType(compoundFile("PowerPoint Document")))?.mime).toBe("application/vnd.ms-powerpoint");
    expect(await detectContentType(compoundFile("\u4840\u3b3f\u4577\u41ec"))).toBeNull();
  });
});

describe("file types from a file on disk (as uploads are checked)", () => {
  it("answers as from the bytes, reading only what it needs", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "file-types-"));
    try {
      const samples: [string, Uint8Array][] = [
        ["png", await png()],
        ["pdf", pdf()],
        ["heic", heic()],
        ["word", compoundFile("WordDocument")],
        ["installer", compoundFile("\u4840\u3b3f\u4577\u41ec")],
        ["elf", elfExecutable()],
        ["exe", windowsExecutable()],
        ["zip", zip()],
        ["empty", new Uint8Array()],
      ];
      for (const [name, bytes] of samples) {
        const file = path.join(dir, name);
        writeFileSync(file, bytes);
        expect(await detectFileType(file), name).toEqual(await detectContentType(bytes));
      }
      expect((await detectFileType(path.join(dir, "word")))?.mime).toBe("application/msword");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("file names", () => {
  it("keeps ordinary names, composed", () => {
    expect(checkFileName("Protokoll Västerås 2026.pdf")).toBe("Protokoll Västerås 2026.pdf");
    expect(checkFileName("会议纪要.docx")).toBe("会议纪要.docx");
    expect(checkFileName("Va\u0308stera\u030as.jpg")).toBe("Västerås.jpg");
  });

  it("refuses paths, control characters and overlong names", () => {
    for (const name of ["../evil.pdf", "a/b.pdf", "a\\b.pdf", "..", "", "   ", "line\nbreak.pdf", "nul\u0000.pdf", `${"x".repeat(197)}.pdf`]) {
      expect(() => checkFileName(name), JSON.stringify(name)).toThrow(AttachmentError);
    }
    expect(checkFileName(`${"x".repeat(196)}.pdf`)).toHaveLength(200);
  });
});

describe("Content-Disposition", () => {
  it("carries a Chinese or Swedish name exactly, with an ASCII fallback", () => {
    const header = contentDisposition("attachment", "会议纪要 \"Västerås\".pdf");
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe("会议纪要 \"Västerås\".pdf");
    expect(header).toContain('filename="____ _Vasteras_.pdf"');
  });
});
