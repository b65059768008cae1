import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProjectAccess } from "~/auth/project-access.server";
import { parseConfig, setConfig } from "~/config.server";
import { useDatabase, type Database } from "~/db/db.server";
import {
  attachFiles,
  attachmentsOf,
  listRemovedAttachments,
  openAttachment,
  purgeRemovedAttachments,
  removeAttachment,
  restoreAttachment,
} from "~/files/attachments.server";
import { REMOVED_FILE_RETENTION_DAYS } from "~/files/limits";
import { uploadDir } from "~/files/storage.server";
import { receiveBytes } from "~/files/upload.server";
import type { ProjectRole } from "~/generated/prisma/enums";
import { runScheduledWork } from "~/notifications/scheduled.server";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { createTestDatabase } from "../support/database";
import { pdf } from "../support/files";

// Removing an attached file (issue 12, item 7): a delegate removes only what they attached to notes
// they may write, never the project group's programme; a removed file is hidden from everyone,
// restorable by an owner for REMOVED_FILE_RETENTION_DAYS, then purged; the audit log names it.

let database: Database;
let dataDir: string;
let projectId: string;
let visitId: string;
let itemId: string;
let programmeId: string;
const access: Record<"owner" | "karin" | "zhang", ProjectAccess> = {} as never;

async function accessOf(email: string, role: ProjectRole): Promise<ProjectAccess> {
  const user = await database.prisma.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, name: true, language: true, timeZone: true, isAdmin: true, organisationId: true },
  });
  return { user, projectId, role };
}

/** Resolves to the refusal's HTTP status, or fails the test if the call went through. */
async function refusal(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    return (error as { status: number }).status;
  }
  throw new Error("expected a refusal");
}

const DAY = 86_400_000;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "partnership-removal-"));
  setConfig(parseConfig({ NODE_ENV: "test", SESSION_SECRET: "x".repeat(40), DATA_DIR: dataDir }));
  database = await createTestDatabase({ demo: true });
  useDatabase(database);
  const prisma = database.prisma;
  projectId = (await prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  // The demo's programme PDF, attached by the project group (Karin) to the Jinan delegation's visit.
  const programme = await prisma.attachment.findFirstOrThrow({ where: { projectId, fileName: "Program Jinan-delegationen.pdf" } });
  programmeId = programme.id;
  visitId = programme.visitId!;
  itemId = (await prisma.agendaItem.findFirstOrThrow({ where: { visitId }, orderBy: { startsAt: "asc" } })).id;
  access.owner = await accessOf("owner@vasteras.example", "owner");
  access.karin = await accessOf("karin@vasteras.example", "project_group");
  access.zhang = await accessOf("zhang.min@jinan.example", "delegate");
  // Zhang Min belongs to this visit's delegation: she may write its notes.
  expect(await prisma.visitParticipant.count({ where: { visitId, userId: access.zhang.user.id, role: "delegate" } })).toBe(1);
});
afterAll(async () => {
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("who may remove a file", () => {
  it("a delegate cannot remove the programme the project group attached to the visit", async () => {
    expect(await refusal(removeAttachment(access.zhang, programmeId))).toBe(403);
    const row = await database.prisma.attachment.findUniqueOrThrow({ where: { id: programmeId } });
    expect(row.deletedAt).toBeNull();
    expect((await attachmentsOf(access.owner, { kind: "visit", id: visitId })).attachments.map((file) => file.id)).toContain(programmeId);
    expect(await openAttachment(access.karin, programmeId, false)).not.toBeNull();
    // Nor attach to the visit itself: that is editing the visit.
    expect(await refusal(attachFiles(access.zhang, { kind: "visit", id: visitId }, [await receiveBytes("mine.pdf", pdf())]))).toBe(403);
    expect((await attachmentsOf(access.zhang, { kind: "visit", id: visitId })).canAttach).toBe(false);
  });

  it("a delegate cannot remove the project group's file on a note she may write; the page offers her no button for it", async () => {
    const [karins] = await attachFiles(access.karin, { kind: "agenda_item", id: itemId }, [await receiveBytes("Karins bilder.pdf", pdf("Karin"))]);
    const [hers] = await attachFiles(access.zhang, { kind: "agenda_item", id: itemId }, [await receiveBytes("现场记录.pdf", pdf("Zhang"))]);
    expect(await refusal(removeAttachment(access.zhang, karins!.id))).toBe(403);
    const listed = (await attachmentsOf(access.zhang, { kind: "agenda_item", id: itemId })).attachments;
    expect(listed.find((file) => file.id === karins!.id)?.removable).toBe(false);
    expect(listed.find((file) => file.id === hers!.id)?.removable).toBe(true);
    // The project group may remove any file of what it edits.
    const forKarin = (await attachmentsOf(access.karin, { kind: "agenda_item", id: itemId })).attachments;
    expect(forKarin.every((file) => file.removable)).toBe(true);
  });
});

describe("a removed file, restored and purged", () => {
  let fileId: string;
  let sha256: string;
  let storageKey: string;

  it("a delegate removes her own note's file: gone from lists and downloads for everyone, named in the audit log", async () => {
    const [file] = await attachFiles(access.zhang, { kind: "agenda_item", id: itemId }, [await receiveBytes("会议照片说明.pdf", pdf("照片"))]);
    fileId = file!.id;
    sha256 = file!.sha256;
    storageKey = (await database.prisma.attachment.findUniqueOrThrow({ where: { id: fileId } })).storageKey!;
    await removeAttachment(access.zhang, fileId);

    for (const who of [access.owner, access.karin, access.zhang]) {
      expect((await attachmentsOf(who, { kind: "agenda_item", id: itemId })).attachments.map((listed) => listed.id)).not.toContain(fileId);
      expect(await openAttachment(who, fileId, false)).toBeNull();
    }
    // Removing it again finds nothing.
    expect(await refusal(removeAttachment(access.karin, fileId))).toBe(404);
    const event = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "attachment.delete", entityId: fileId } });
    expect(event.actorId).toBe(access.zhang.user.id);
    expect(event.data).toMatchObject({ fileName: "会议照片说明.pdf", size: file!.size, sha256, agendaItemId: itemId });
  });

  it("only an owner sees it among removed files and restores it", async () => {
    const removed = await listRemovedAttachments(access.owner);
    const entry = removed.find((listed) => listed.id === fileId);
    expect(entry).toMatchObject({ fileName: "会议照片说明.pdf", sha256, removedBy: access.zhang.user.name, target: "agenda_item", targetUrl: `/projects/${projectId}/visits/${visitId}/items/${itemId}` });
    expect(new Date(entry!.purgeAt).getTime() - new Date(entry!.removedAt).getTime()).toBe(REMOVED_FILE_RETENTION_DAYS * DAY);
    expect(await listRemovedAttachments(access.karin)).toEqual([]);
    expect(await refusal(restoreAttachment(access.karin, fileId))).toBe(403);
    expect(await refusal(restoreAttachment(access.zhang, fileId))).toBe(403);

    await restoreAttachment(access.owner, fileId);
    expect((await attachmentsOf(access.karin, { kind: "agenda_item", id: itemId })).attachments.map((listed) => listed.id)).toContain(fileId);
    expect(await openAttachment(access.karin, fileId, false)).toMatchObject({ fileName: "会议照片说明.pdf", sha256 });
    expect((await listRemovedAttachments(access.owner)).map((listed) => listed.id)).not.toContain(fileId);
    const event = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "attachment.restore", entityId: fileId } });
    expect(event.actorId).toBe(access.owner.user.id);
    expect(event.data).toMatchObject({ fileName: "会议照片说明.pdf", sha256 });
  });

  it("is purged with its bytes once the period is over, and the audit log keeps its name", async () => {
    await removeAttachment(access.karin, fileId);
    const removedAt = (await database.prisma.attachment.findUniqueOrThrow({ where: { id: fileId } })).deletedAt!;
    const stored = path.join(uploadDir(), ...storageKey.split("/"));
    expect(existsSync(stored)).toBe(true);

    // A day before the end: still there, still restorable.
    expect(await purgeRemovedAttachments(new Date(removedAt.getTime() + (REMOVED_FILE_RETENTION_DAYS - 1) * DAY))).toBe(0);
    expect(existsSync(stored)).toBe(true);

    // The scheduled work (every ten minutes) purges it after the period.
    await runScheduledWork(new Date(removedAt.getTime() + REMOVED_FILE_RETENTION_DAYS * DAY + 60_000));
    expect(await database.prisma.attachment.count({ where: { id: fileId } })).toBe(0);
    expect(existsSync(stored)).toBe(false);
    expect((await listRemovedAttachments(access.owner)).map((listed) => listed.id)).not.toContain(fileId);
    expect(await refusal(restoreAttachment(access.owner, fileId))).toBe(404);
    const event = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "attachment.purge", entityId: fileId } });
    expect(event.actorId).toBeNull();
    expect(event.projectId).toBe(projectId);
    expect(event.data).toMatchObject({ fileName: "会议照片说明.pdf", sha256, contentType: "application/pdf" });
    expect((event.data as { size: number }).size).toBeGreaterThan(0);
  });

  it("a removed receipt no longer counts for its expense", async () => {
    const prisma = database.prisma;
    const receipt = await prisma.attachment.findFirstOrThrow({ where: { projectId, expenseId: { not: null }, deletedAt: null } });
    const { listLedger } = await import("~/budget/ledger.server");
    const before = (await listLedger(projectId)).totals.missingReceipts;
    const others = await prisma.attachment.count({ where: { expenseId: receipt.expenseId, deletedAt: null } });
    await removeAttachment(access.karin, receipt.id);
    expect((await listLedger(projectId)).totals.missingReceipts).toBe(others === 1 ? before + 1 : before);
    await restoreAttachment(access.owner, receipt.id);
    expect((await listLedger(projectId)).totals.missingReceipts).toBe(before);
  });
});
