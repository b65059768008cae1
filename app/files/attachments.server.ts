import { createHash } from "node:crypto";
import { audit } from "~/audit/audit.server";
import { can, mayRemoveFile } from "~/auth/permissions";
import type { ProjectAccess } from "~/auth/project-access.server";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { DomainError } from "~/utils/domain-error";
import { href } from "~/utils/links";
import { canEditFinding, canReadFinding, canWriteNotes } from "~/visits/access.server";
import { detectFileType, type DetectedType } from "./content-type.server";
import { readStoredFile, removeStoredFiles, storeReceivedFile } from "./storage.server";
import type { ReceivedFile } from "./upload.server";
import {
  MAX_FILES_PER_UPLOAD,
  MAX_NAME_LENGTH,
  REMOVED_FILE_RETENTION_DAYS,
  type AttachmentTarget,
  type AttachmentView,
  type RemovedAttachmentView,
  type TargetKind,
} from "./limits";

// Attachments of visits, agenda items, findings and expenses. Attaching is part of editing the
// thing attached to (docs/roles.md). Every file is checked whole, from its received copy on disk,
// before anything is stored, and is stored with its row and its audit event or not at all. A
// removed file is hidden at once and kept, restorable by an owner, for REMOVED_FILE_RETENTION_DAYS.

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
      const visit = await db.visit.findFirst({ where: { id: target.id, projectId: access.projectId }, select: { id: true } });
      if (!visit) throw notFound;
      // The visit itself (its programme, practical information) is the project group's to edit;
      // delegates attach to the notes of its agenda items.
      return { ref: { visitId: visit.id }, mayAttach: async () => can(access.role, "project:edit") };
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

/** Whether the reader may attach files to this thing (editing it); removing a file also asks `mayRemoveFile`. */
export async function mayAttach(access: ProjectAccess, target: AttachmentTarget): Promise<boolean> {
  try {
    return await (await findTarget(who(access), target)).mayAttach();
  } catch (error) {
    if (error instanceof AttachmentError) return false;
    throw error;
  }
}

const refOf = (target: AttachmentTarget): TargetRef =>
  target.kind === "visit" ? { visitId: target.id } : target.kind === "agenda_item" ? { agendaItemId: target.id } : target.kind === "finding" ? { findingId: target.id } : { expenseId: target.id };

/**
 * For a page's loader: the thing's files, which of them the reader may remove, and whether they
 * may attach more. The caller has already checked that the reader may see the thing.
 */
export async function attachmentsOf(access: ProjectAccess, target: AttachmentTarget): Promise<{ attachments: AttachmentView[]; canAttach: boolean }> {
  const canAttach = await mayAttach(access, target);
  const attachments = await listAttachments(access.projectId, refOf(target), { role: access.role, userId: access.user.id, mayEdit: canAttach });
  return { attachments, canAttach };
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

type Prepared = { fileName: string; received: ReceivedFile; type: DetectedType; thumbnail: Uint8Array<ArrayBuffer> | null };

/** Checks one received file: name, size, content. Throws the refusal the person sees. */
async function prepare(file: ReceivedFile): Promise<Prepared> {
  const fileName = checkFileName(file.name);
  if (file.size === 0) throw new AttachmentError("errors:fileEmpty", "file");
  if (file.tooLarge) throw new AttachmentError("errors:fileTooLarge", "file");
  const type = await detectFileType(file.path);
  if (!type) throw new AttachmentError("errors:fileType", "file");
  return { fileName, received: file, type, thumbnail: type.image ? await makeThumbnail(file.path) : null };
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

/**
 * A small WebP preview, turned as the camera held it and without the photo's metadata (location).
 * sharp reads the file and works in libuv's thread pool, off the event loop.
 */
async function makeThumbnail(file: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const sharp = await loadSharp();
  if (!sharp) return null;
  try {
    const preview = await sharp(file, { limitInputPixels: 100_000_000 })
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

/**
 * Stores received files on the thing, all or none, and answers them as listed. The received files'
 * temporary copies are moved into storage; the caller discards whatever is left.
 */
export async function attachFiles(access: ProjectAccess, target: AttachmentTarget, files: ReceivedFile[]): Promise<AttachmentView[]> {
  const actor = who(access);
  const { ref, mayAttach: allowed, accepts } = await findTarget(actor, target);
  if (!(await allowed())) throw new AttachmentError("errors:forbidden");
  if (files.length === 0) throw new AttachmentError("errors:fileRequired", "file");
  if (files.length > MAX_FILES_PER_UPLOAD) throw new AttachmentError("errors:tooManyFiles", "file");
  const prepared: Prepared[] = [];
  for (const file of files) prepared.push(await prepare(file));
  if (accepts && prepared.some((file) => !accepts(file.type.mime))) throw new AttachmentError("errors:receiptType", "file");

  const written: string[] = [];
  try {
    for (const file of prepared) written.push(await storeReceivedFile(actor.projectId, file.received.path));
    // Only the rows are written here (the bytes are in files already): a short transaction.
    const ids = await db.$transaction(async (tx) => {
      const created: string[] = [];
      for (const [index, file] of prepared.entries()) {
        const details = { fileName: file.fileName, contentType: file.type.mime, size: file.received.size, sha256: file.received.sha256 };
        const row = await tx.attachment.create({
          data: { projectId: actor.projectId, ...targetColumns(ref), ...details, data: null, storageKey: written[index]!, thumbnail: file.thumbnail, uploadedById: actor.userId },
          select: { id: true },
        });
        await audit(
          { actorId: actor.userId, projectId: actor.projectId, action: "attachment.create", entityType: "Attachment", entityId: row.id, data: { ...targetColumns(ref), ...details } },
          tx,
        );
        created.push(row.id);
      }
      return created;
    });
    const rows = await db.attachment.findMany({ where: { id: { in: ids } }, select: listSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const viewer = { role: actor.role, userId: actor.userId, mayEdit: true };
    return rows.map((row) => toView(row, prepared[ids.indexOf(row.id)]?.thumbnail != null, viewer));
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
  uploadedById: true,
  uploadedBy: { select: { name: true } },
} satisfies Prisma.AttachmentSelect;

type ListedRow = Prisma.AttachmentGetPayload<{ select: typeof listSelect }>;

export function attachmentUrl(projectId: string, id: string) {
  return href("/projects/:projectId/files/:fileId", { projectId, fileId: id });
}

/** Who looks at a list, for which files they may remove; `mayEdit`: they may edit the thing. */
export type ListViewer = { role: ProjectAccess["role"]; userId: string; mayEdit: boolean };

function toView(row: ListedRow, hasThumbnail: boolean, viewer: ListViewer | null): AttachmentView {
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
    removable: viewer !== null && mayRemoveFile(viewer.role, viewer.userId, row, viewer.mayEdit),
    url,
    thumbnailUrl: hasThumbnail ? `${url}?thumbnail=1` : null,
  };
}

/**
 * The files of a visit, an agenda item, a finding or an expense, oldest first, for a page's loader
 * (removed files are not among them). The caller has already checked that the reader may see the
 * thing itself; `viewer` says which files the reader may remove.
 */
export async function listAttachments(projectId: string, ref: TargetRef, viewer: ListViewer | null = null): Promise<AttachmentView[]> {
  const where = { projectId, ...ref, deletedAt: null };
  const [rows, withThumbnail] = await Promise.all([
    db.attachment.findMany({ where, select: listSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.attachment.findMany({ where: { ...where, thumbnail: { not: null } }, select: { id: true } }),
  ]);
  const thumbnails = new Set(withThumbnail.map((row) => row.id));
  return rows.map((row) => toView(row, thumbnails.has(row.id), viewer));
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
    where: { id: fileId, projectId: access.projectId, deletedAt: null },
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
  // A file stored by an older version of the workspace, before files moved out of the database.
  if (row.data) return { fileName: row.fileName, contentType: row.contentType, size: row.size, sha256: row.sha256, body: new Uint8Array(row.data) };
  if (!row.storageKey) return null;
  const stream = await readStoredFile(row.storageKey);
  if (!stream) {
    console.error(`Attachment ${fileId}: ${row.storageKey} is missing from UPLOAD_DIR.`);
    return null;
  }
  return { fileName: row.fileName, contentType: row.contentType, size: row.size, sha256: row.sha256, body: stream };
}

const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function targetOf(row: { visitId: string | null; agendaItemId: string | null; findingId: string | null; expenseId: string | null }): AttachmentTarget | null {
  if (row.expenseId) return { kind: "expense", id: row.expenseId };
  if (row.findingId) return { kind: "finding", id: row.findingId };
  if (row.agendaItemId) return { kind: "agenda_item", id: row.agendaItemId };
  if (row.visitId) return { kind: "visit", id: row.visitId };
  return null;
}

const fileDetails = {
  id: true,
  projectId: true,
  visitId: true,
  agendaItemId: true,
  findingId: true,
  expenseId: true,
  fileName: true,
  contentType: true,
  size: true,
  sha256: true,
  storageKey: true,
  uploadedById: true,
} satisfies Prisma.AttachmentSelect;

type FileDetails = Prisma.AttachmentGetPayload<{ select: typeof fileDetails }>;

/** What the audit log keeps of a file: where it was, its name, size and SHA-256. */
const auditedFile = (row: FileDetails) => ({
  visitId: row.visitId,
  agendaItemId: row.agendaItemId,
  findingId: row.findingId,
  expenseId: row.expenseId,
  fileName: row.fileName,
  contentType: row.contentType,
  size: row.size,
  sha256: row.sha256,
});

/**
 * Removes one file: whoever may edit the thing it is attached to, a delegate only their own upload
 * (`mayRemoveFile`). The file disappears for everyone at once and stays restorable by an owner
 * until it is purged; the audit log names it.
 */
export async function removeAttachment(access: ProjectAccess, attachmentId: string): Promise<void> {
  const actor = who(access);
  const row = await db.attachment.findFirst({ where: { id: attachmentId, projectId: actor.projectId, deletedAt: null }, select: fileDetails });
  if (!row) throw new AttachmentError("errors:notFound");
  const target = targetOf(row);
  if (!target) throw new AttachmentError("errors:notFound");
  const { mayAttach: allowed } = await findTarget(actor, target);
  if (!mayRemoveFile(actor.role, actor.userId, row, await allowed())) throw new AttachmentError("errors:forbidden");
  await db.$transaction(async (tx) => {
    // Conditional: of two removals at once, one is recorded.
    const { count } = await tx.attachment.updateMany({ where: { id: row.id, deletedAt: null }, data: { deletedAt: new Date(), deletedById: actor.userId } });
    if (count !== 1) throw new AttachmentError("errors:notFound");
    await audit({ actorId: actor.userId, projectId: actor.projectId, action: "attachment.delete", entityType: "Attachment", entityId: row.id, data: auditedFile(row) }, tx);
  });
}

/** When a file removed at `removedAt` is purged. */
export function purgeDate(removedAt: Date): Date {
  return new Date(removedAt.getTime() + REMOVED_FILE_RETENTION_DAYS * 86_400_000);
}

/** The project's removed files not yet purged, newest first: for its owners (audit page). */
export async function listRemovedAttachments(access: ProjectAccess): Promise<RemovedAttachmentView[]> {
  if (!can(access.role, "file:restore")) return [];
  const rows = await db.attachment.findMany({
    where: { projectId: access.projectId, deletedAt: { not: null } },
    orderBy: [{ deletedAt: "desc" }, { id: "asc" }],
    select: {
      ...fileDetails,
      deletedAt: true,
      deletedBy: { select: { name: true } },
      uploadedBy: { select: { name: true } },
      agendaItem: { select: { visitId: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    fileName: row.fileName,
    size: row.size,
    sha256: row.sha256,
    uploadedBy: row.uploadedBy?.name ?? null,
    removedAt: row.deletedAt!.toISOString(),
    removedBy: row.deletedBy?.name ?? null,
    purgeAt: purgeDate(row.deletedAt!).toISOString(),
    target: (targetOf(row) ?? { kind: "visit", id: "" }).kind,
    targetUrl: targetUrl(row.projectId, row, row.agendaItem?.visitId ?? null),
  }));
}

function targetUrl(projectId: string, row: FileDetails, itemVisitId: string | null): string {
  if (row.findingId) return href("/projects/:projectId/findings/:findingId", { projectId, findingId: row.findingId });
  if (row.agendaItemId && itemVisitId) return href("/projects/:projectId/visits/:visitId/items/:itemId", { projectId, visitId: itemVisitId, itemId: row.agendaItemId });
  if (row.visitId) return href("/projects/:projectId/visits/:visitId", { projectId, visitId: row.visitId });
  if (row.expenseId) return href("/projects/:projectId/budget/expenses/:expenseId", { projectId, expenseId: row.expenseId });
  return href("/projects/:projectId", { projectId });
}

/** An owner puts a removed file back where it was, before it is purged. */
export async function restoreAttachment(access: ProjectAccess, attachmentId: string): Promise<void> {
  if (!can(access.role, "file:restore")) throw new AttachmentError("errors:forbidden");
  const row = await db.attachment.findFirst({ where: { id: attachmentId, projectId: access.projectId, deletedAt: { not: null } }, select: fileDetails });
  if (!row) throw new AttachmentError("errors:notFound");
  await db.$transaction(async (tx) => {
    const { count } = await tx.attachment.updateMany({ where: { id: row.id, deletedAt: { not: null } }, data: { deletedAt: null, deletedById: null } });
    if (count !== 1) throw new AttachmentError("errors:notFound");
    await audit({ actorId: access.user.id, projectId: access.projectId, action: "attachment.restore", entityType: "Attachment", entityId: row.id, data: auditedFile(row) }, tx);
  });
}

/**
 * Purges the files removed more than REMOVED_FILE_RETENTION_DAYS before `now`: the row and its
 * bytes go, the audit log keeps the file's name, size and SHA-256. Part of the scheduled work; each
 * row is claimed by its delete, so with several processes a file is purged (and recorded) once.
 */
export async function purgeRemovedAttachments(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - REMOVED_FILE_RETENTION_DAYS * 86_400_000);
  const due = await db.attachment.findMany({ where: { deletedAt: { lt: cutoff } }, select: fileDetails, take: 500 });
  let purged = 0;
  for (const row of due) {
    const gone = await db.$transaction(async (tx) => {
      const { count } = await tx.attachment.deleteMany({ where: { id: row.id, deletedAt: { lt: cutoff } } });
      if (count !== 1) return false;
      await audit({ actorId: null, projectId: row.projectId, action: "attachment.purge", entityType: "Attachment", entityId: row.id, data: auditedFile(row) }, tx);
      return true;
    });
    if (!gone) continue;
    await removeStoredFiles([row.storageKey]);
    purged++;
  }
  return purged;
}

export type { AttachmentTarget, AttachmentView, TargetKind };
