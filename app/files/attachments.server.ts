import { createHash } from "node:crypto";
import { audit } from "~/audit/audit.server";
import { can } from "~/auth/permissions";
import type { ProjectAccess } from "~/auth/project-access.server";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { DomainError } from "~/utils/domain-error";
import { href } from "~/utils/links";
import { canEditFinding, canReadFinding, canWriteNotes } from "~/visits/access.server";
import { detectContentType, type DetectedType } from "./content-type.server";
import { readStoredFile, removeStoredFiles, uploadDir, writeStoredFile } from "./storage.server";
import { MAX_FILE_BYTES, MAX_FILES_PER_UPLOAD, MAX_NAME_LENGTH, type AttachmentTarget, type AttachmentView, type TargetKind } from "./limits";

// Attachments of visits, agenda items and findings (docs/product.md: attaching is part of editing the
// thing attached to). Every file is checked whole before anything is written, and is written with
// its row and its audit event or not at all.

export class AttachmentError extends DomainError {}

export type TargetRef = { visitId: string } | { agendaItemId: string } | { findingId: string } | { expenseId: string };

type Who = Pick<ProjectAccess, "projectId" | "role"> & { userId: string };

const who = (access: ProjectAccess): Who => ({ projectId: access.projectId, role: access.role, userId: access.user.id });

/** The thing in this project, as the reader may see it; 404 when it is not there or not theirs to read. */
async function findTarget(
  access: Who,
  target: AttachmentTarget,
): Promise<{ ref: TargetRef; mayAttach: () => Promise<boolean>; accepts?: (mime: string) => boolean }> {
  const notFound = new AttachmentError("errors:notFound");
  switch (target.kind) {
    case "visit": {
      const visit = await db.visit.findFirst({ where: { id: target.id, projectId: access.projectId }, select: { id: true, minutesClosedAt: true } });
      if (!visit) throw notFound;
      return { ref: { visitId: visit.id }, mayAttach: () => canWriteNotes(access.role, access.userId, visit) };
    }
    case "agenda_item": {
      const item = await db.agendaItem.findFirst({
        where: { id: target.id, visit: { projectId: access.projectId } },
        select: { id: true, visit: { select: { id: true, minutesClosedAt: true } } },
      });
      if (!item) throw notFound;
      return { ref: { agendaItemId: item.id }, mayAttach: () => canWriteNotes(access.role, access.userId, item.visit) };
    }
    case "finding": {
      const finding = await db.finding.findFirst({
        where: { id: target.id, projectId: access.projectId },
        select: { id: true, state: true, authorId: true, visitId: true },
      });
      if (!finding || !canReadFinding(access.role, access.userId, finding)) throw notFound;
      return { ref: { findingId: finding.id }, mayAttach: () => canEditFinding(access.role, access.userId, finding) };
    }
    case "expense": {
      const expense = await db.expense.findFirst({ where: { id: target.id, projectId: access.projectId }, select: { id: true } });
      if (!expense) throw notFound;
      // A receipt is a PDF or a picture of the paper.
      return {
        ref: { expenseId: expense.id },
        mayAttach: async () => can(access.role, "expense:record"),
        accepts: (mime) => mime === "application/pdf" || mime.startsWith("image/"),
      };
    }
  }
}

/** For a page's loader: whether the reader may attach files to (and remove them from) this thing. */
export async function mayAttach(access: ProjectAccess, target: AttachmentTarget): Promise<boolean> {
  try {
    return await (await findTarget(who(access), target)).mayAttach();
  } catch (error) {
    if (error instanceof AttachmentError) return false;
    throw error;
  }
}

/**
 * A name as the person chose it, or refused: no paths (`/`, `\`, `..`), no control characters,
 * at most 200 characters. Names arrive decomposed from some systems (å as a + ring); kept composed.
 */
export function checkFileName(raw: string): string {
  const name = raw.normalize("NFC").trim();
  if (name === "" || /[/\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name) || name.includes("..") || [...name].length > MAX_NAME_LENGTH) {
    throw new AttachmentError("errors:fileName", "file");
  }
  return name;
}

type Prepared = { fileName: string; bytes: Uint8Array<ArrayBuffer>; type: DetectedType; sha256: string; thumbnail: Uint8Array<ArrayBuffer> | null };

/** Reads and checks one file: name, size, content. Throws the refusal the person sees. */
async function prepare(file: File): Promise<Prepared> {
  const fileName = checkFileName(file.name);
  if (file.size === 0) throw new AttachmentError("errors:fileEmpty", "file");
  if (file.size > MAX_FILE_BYTES) throw new AttachmentError("errors:fileTooLarge", "file");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = await detectContentType(bytes);
  if (!type) throw new AttachmentError("errors:fileType", "file");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { fileName, bytes, type, sha256, thumbnail: type.image ? await makeThumbnail(bytes) : null };
}

type Sharp = (typeof import("sharp"))["default"];
let sharpModule: Promise<Sharp | null> | undefined;

// sharp ships libvips for the common platforms; where it cannot load, files are kept without previews.
function loadSharp(): Promise<Sharp | null> {
  sharpModule ??= import("sharp").then(
    (module) => module.default,
    (error: unknown) => {
      console.warn("Thumbnails are off: sharp could not be loaded.", error);
      return null;
    },
  );
  return sharpModule;
}

export const THUMBNAIL_WIDTH = 320;

/** A small WebP preview, turned as the camera held it and without the photo's metadata (location). */
async function makeThumbnail(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer> | null> {
  const sharp = await loadSharp();
  if (!sharp) return null;
  try {
    const preview = await sharp(bytes, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize({ width: THUMBNAIL_WIDTH, height: THUMBNAIL_WIDTH, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return new Uint8Array(preview);
  } catch {
    // HEIC (no decoder in sharp's own libvips) or a damaged image: the file is kept without a preview.
    return null;
  }
}

const targetColumns = (ref: TargetRef) => ({
  visitId: "visitId" in ref ? ref.visitId : null,
  agendaItemId: "agendaItemId" in ref ? ref.agendaItemId : null,
  findingId: "findingId" in ref ? ref.findingId : null,
  expenseId: "expenseId" in ref ? ref.expenseId : null,
});

/** Stores the files on the thing, all or none, and answers them as listed. */
export async function attachFiles(access: ProjectAccess, target: AttachmentTarget, files: File[]): Promise<AttachmentView[]> {
  const actor = who(access);
  const { ref, mayAttach: allowed, accepts } = await findTarget(actor, target);
  if (!(await allowed())) throw new AttachmentError("errors:forbidden");
  if (files.length === 0) throw new AttachmentError("errors:fileRequired", "file");
  if (files.length > MAX_FILES_PER_UPLOAD) throw new AttachmentError("errors:tooManyFiles", "file");
  const prepared: Prepared[] = [];
  for (const file of files) prepared.push(await prepare(file));
  if (accepts && prepared.some((file) => !accepts(file.type.mime))) throw new AttachmentError("errors:receiptType", "file");

  const dir = uploadDir();
  const written: string[] = [];
  try {
    const keys: (string | null)[] = [];
    for (const file of prepared) {
      const key = dir ? await writeStoredFile(dir, actor.projectId, file.bytes) : null;
      if (key) written.push(key);
      keys.push(key);
    }
    const ids = await db.$transaction(
      async (tx) => {
        const created: string[] = [];
        for (const [index, file] of prepared.entries()) {
          const row = await tx.attachment.create({
            data: {
              projectId: actor.projectId,
              ...targetColumns(ref),
              fileName: file.fileName,
              contentType: file.type.mime,
              size: file.bytes.length,
              sha256: file.sha256,
              data: keys[index] ? null : file.bytes,
              storageKey: keys[index],
              thumbnail: file.thumbnail,
              uploadedById: actor.userId,
            },
            select: { id: true },
          });
          await audit(
            {
              actorId: actor.userId,
              projectId: actor.projectId,
              action: "attachment.create",
              entityType: "Attachment",
              entityId: row.id,
              data: { ...targetColumns(ref), fileName: file.fileName, contentType: file.type.mime, size: file.bytes.length, sha256: file.sha256 },
            },
            tx,
          );
          created.push(row.id);
        }
        return created;
      },
      // Twenty megabytes into a bytea column take a moment on the embedded database.
      { timeout: 60_000, maxWait: 10_000 },
    );
    const rows = await db.attachment.findMany({ where: { id: { in: ids } }, select: listSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return rows.map((row) => toView(row, prepared[ids.indexOf(row.id)]?.thumbnail != null));
  } catch (error) {
    // Not saved: no file may stay behind in the shared directory.
    await removeStoredFiles(written);
    throw error;
  }
}

const listSelect = {
  id: true,
  projectId: true,
  fileName: true,
  contentType: true,
  size: true,
  sha256: true,
  createdAt: true,
  uploadedBy: { select: { name: true } },
} satisfies Prisma.AttachmentSelect;

type ListedRow = Prisma.AttachmentGetPayload<{ select: typeof listSelect }>;

export function attachmentUrl(projectId: string, id: string) {
  return href("/projects/:projectId/files/:fileId", { projectId, fileId: id });
}

function toView(row: ListedRow, hasThumbnail: boolean): AttachmentView {
  const url = attachmentUrl(row.projectId, row.id);
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    hasThumbnail,
    createdAt: row.createdAt.toISOString(),
    uploadedBy: row.uploadedBy?.name ?? null,
    url,
    thumbnailUrl: hasThumbnail ? `${url}?thumbnail=1` : null,
  };
}

/**
 * The files of a visit, an agenda item or a finding, oldest first, for a page's loader. The caller
 * has already checked that the reader may see the thing itself.
 */
export async function listAttachments(projectId: string, ref: TargetRef): Promise<AttachmentView[]> {
  const where = { projectId, ...ref };
  const [rows, withThumbnail] = await Promise.all([
    db.attachment.findMany({ where, select: listSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.attachment.findMany({ where: { ...where, thumbnail: { not: null } }, select: { id: true } }),
  ]);
  const thumbnails = new Set(withThumbnail.map((row) => row.id));
  return rows.map((row) => toView(row, thumbnails.has(row.id)));
}

export type OpenedAttachment = {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;
};

/**
 * One file (or its preview) for a member of its project, or null: another project's file, a draft
 * finding's file for someone who may not read the draft, a missing preview all answer 404.
 */
export async function openAttachment(access: ProjectAccess, fileId: string, thumbnail: boolean): Promise<OpenedAttachment | null> {
  const actor = who(access);
  const row = await db.attachment.findFirst({
    where: { id: fileId, projectId: access.projectId },
    select: {
      fileName: true,
      contentType: true,
      size: true,
      sha256: true,
      storageKey: true,
      data: !thumbnail,
      thumbnail,
      finding: { select: { state: true, authorId: true, visitId: true } },
    },
  });
  if (!row) return null;
  if (row.finding && !canReadFinding(actor.role, actor.userId, row.finding)) return null;
  if (thumbnail) {
    if (!row.thumbnail) return null;
    const fileName = `${row.fileName.replace(/\.[^.]*$/, "")}.webp`;
    return { fileName, contentType: "image/webp", size: row.thumbnail.length, sha256: sha256Of(row.thumbnail), body: new Uint8Array(row.thumbnail) };
  }
  if (row.data) return { fileName: row.fileName, contentType: row.contentType, size: row.size, sha256: row.sha256, body: new Uint8Array(row.data) };
  const dir = uploadDir();
  if (!row.storageKey || !dir) {
    console.error(`Attachment ${fileId}: its bytes are in a directory this process does not have (UPLOAD_DIR).`);
    return null;
  }
  const stream = await readStoredFile(dir, row.storageKey);
  if (!stream) {
    console.error(`Attachment ${fileId}: ${row.storageKey} is missing from UPLOAD_DIR.`);
    return null;
  }
  return { fileName: row.fileName, contentType: row.contentType, size: row.size, sha256: row.sha256, body: stream };
}

const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function targetOf(row: { visitId: string | null; agendaItemId: string | null; findingId: string | null }): AttachmentTarget | null {
  if (row.findingId) return { kind: "finding", id: row.findingId };
  if (row.agendaItemId) return { kind: "agenda_item", id: row.agendaItemId };
  if (row.visitId) return { kind: "visit", id: row.visitId };
  return null;
}

/** Removes one file; the same right as attaching it. Its name and SHA-256 stay in the audit log. */
export async function removeAttachment(access: ProjectAccess, attachmentId: string): Promise<void> {
  const actor = who(access);
  const row = await db.attachment.findFirst({
    where: { id: attachmentId, projectId: actor.projectId },
    select: { id: true, visitId: true, agendaItemId: true, findingId: true, fileName: true, contentType: true, size: true, sha256: true, storageKey: true },
  });
  if (!row) throw new AttachmentError("errors:notFound");
  const target = targetOf(row);
  if (!target) throw new AttachmentError("errors:notFound");
  const { mayAttach: allowed } = await findTarget(actor, target);
  if (!(await allowed())) throw new AttachmentError("errors:forbidden");
  await db.$transaction(async (tx) => {
    await tx.attachment.delete({ where: { id: row.id } });
    await audit(
      {
        actorId: actor.userId,
        projectId: actor.projectId,
        action: "attachment.delete",
        entityType: "Attachment",
        entityId: row.id,
        data: { visitId: row.visitId, agendaItemId: row.agendaItemId, findingId: row.findingId, fileName: row.fileName, contentType: row.contentType, size: row.size, sha256: row.sha256 },
      },
      tx,
    );
  });
  await removeStoredFiles([row.storageKey]);
}

export type { AttachmentTarget, AttachmentView, TargetKind };
