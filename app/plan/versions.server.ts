import { getSchema, type JSONContent } from "@tiptap/core";
import { diffChars, diffWordsWithSpace } from "diff";
import { prosemirrorJSONToYXmlFragment } from "y-prosemirror";
import { audit } from "~/audit/audit.server";
import { collabInstance } from "~/collab/collab-instance.server";
import { planDocumentName } from "~/collab/document-name";
import { db } from "~/db/db.server";
import { emptyDocument, jsonToText, ydocToJson } from "~/editor/content.server";
import { schemaExtensions, TIPTAP_FIELD } from "~/editor/extensions";
import type { Lang } from "~/i18n/languages";
import { PlanError } from "./plan.server";

export type VersionSummary = {
  id: string;
  kind: "auto" | "named" | "restore";
  name: string | null;
  createdAt: string;
  createdBy: string | null;
  characters: number;
};

/** A named version of the whole plan: every text of every section as it is now. */
export async function createSnapshot(actorId: string, projectId: string, name: string) {
  return db.$transaction(async (tx) => {
    const snapshot = await tx.planSnapshot.create({ data: { projectId, name, createdById: actorId } });
    const texts = await tx.richText.findMany({ where: { section: { projectId, removedAt: null } }, select: { id: true, json: true, text: true } });
    await tx.textVersion.createMany({
      data: texts.map((text) => ({ textId: text.id, kind: "named" as const, snapshotId: snapshot.id, json: text.json ?? emptyDocument, text: text.text, createdById: actorId })),
    });
    await audit({ actorId, projectId, action: "plan_snapshot.create", entityType: "PlanSnapshot", entityId: snapshot.id, data: { name, texts: texts.length } }, tx);
    return snapshot;
  });
}

async function findText(projectId: string, sectionId: string, lang: Lang) {
  return db.richText.findFirst({ where: { sectionId, lang, section: { projectId, removedAt: null } } });
}

export async function listVersions(projectId: string, sectionId: string, lang: Lang): Promise<VersionSummary[]> {
  const text = await findText(projectId, sectionId, lang);
  if (!text) return [];
  const versions = await db.textVersion.findMany({
    where: { textId: text.id },
    orderBy: { createdAt: "desc" },
    include: { snapshot: { select: { name: true } } },
  });
  const authors = await db.user.findMany({
    where: { id: { in: versions.map((version) => version.createdById).filter((id): id is string => id !== null) } },
    select: { id: true, name: true },
  });
  return versions.map((version) => ({
    id: version.id,
    kind: version.kind,
    name: version.snapshot?.name ?? null,
    createdAt: version.createdAt.toISOString(),
    createdBy: authors.find((author) => author.id === version.createdById)?.name ?? null,
    characters: [...version.text].length,
  }));
}

/** A version of this project's section and language ("current" is the text as it is now). */
export async function getVersionContent(projectId: string, sectionId: string, lang: Lang, versionId: string) {
  if (versionId === "current") {
    const text = await findText(projectId, sectionId, lang);
    return { json: (text?.json as JSONContent | undefined) ?? emptyDocument, text: text?.text ?? "" };
  }
  const version = await db.textVersion.findFirst({
    where: { id: versionId, richText: { sectionId, lang, section: { projectId } } },
  });
  if (!version) return null;
  return { json: version.json as JSONContent, text: version.text };
}

export type DiffPart = { value: string; added?: boolean; removed?: boolean };

/** Versions are compared by their text: words in Swedish and English, characters in Chinese. */
export function compareTexts(older: string, newer: string, lang: Lang): DiffPart[] {
  const parts = lang === "zh" ? diffChars(older, newer) : diffWordsWithSpace(older, newer);
  return parts.map((part) => ({ value: part.value, added: part.added || undefined, removed: part.removed || undefined }));
}

/**
 * Restores a version as a new change to the live document, which every connected writer receives.
 * The text as it was before the restore is kept as a version of its own.
 */
export async function restoreVersion(actorId: string, projectId: string, sectionId: string, lang: Lang, versionId: string) {
  const version = await getVersionContent(projectId, sectionId, lang, versionId);
  if (!version || versionId === "current") throw new PlanError("errors:notFound");
  const current = await findText(projectId, sectionId, lang);
  const connection = await collabInstance().openDirectConnection(planDocumentName(sectionId, lang), { userId: actorId });
  try {
    if (current) {
      // From the live document: the stored JSON and text follow typing by a moment (decision 010).
      const json = connection.document ? ydocToJson(connection.document) : ((current.json as JSONContent | null) ?? emptyDocument);
      await db.textVersion.create({ data: { textId: current.id, kind: "restore", json, text: jsonToText(json), createdById: actorId } });
    }
    const schema = getSchema(schemaExtensions);
    await connection.transact((document) => {
      // y-prosemirror updates the shared fragment to the version's content: one change, not a reload.
      prosemirrorJSONToYXmlFragment(schema, version.json, document.getXmlFragment(TIPTAP_FIELD));
    });
  } finally {
    await connection.disconnect();
  }
  await audit({
    actorId,
    projectId,
    action: "plan_text.restore",
    entityType: "TextVersion",
    entityId: versionId,
    data: { sectionId, lang, characters: [...jsonToText(version.json)].length },
  });
}

export async function listSnapshots(projectId: string) {
  const snapshots = await db.planSnapshot.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, include: { requests: { orderBy: { round: "desc" }, take: 1 } } });
  return snapshots.map((snapshot) => ({
    id: snapshot.id,
    name: snapshot.name,
    createdAt: snapshot.createdAt.toISOString(),
    approval: snapshot.requests[0]?.status ?? null,
  }));
}

export async function getSnapshot(projectId: string, snapshotId: string) {
  const snapshot = await db.planSnapshot.findFirst({ where: { id: snapshotId, projectId }, include: { _count: { select: { versions: true } } } });
  if (!snapshot) return null;
  const author = snapshot.createdById ? await db.user.findUnique({ where: { id: snapshot.createdById }, select: { name: true } }) : null;
  return { id: snapshot.id, name: snapshot.name, createdAt: snapshot.createdAt.toISOString(), createdBy: author?.name ?? null, texts: snapshot._count.versions };
}
