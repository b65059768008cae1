import type { JSONContent } from "@tiptap/core";
import { can } from "~/auth/permissions";
import { db } from "~/db/db.server";
import { jsonToHtml } from "~/editor/content.server";
import { draftPieces } from "~/editor/draft-pieces.server";
import { keepVersionBeforeDraft, markMachineDraft, type RichTextOwner } from "~/editor/rich-text.server";
import { readableBy, type Viewer } from "~/findings/findings.server";
import type { Lang } from "~/i18n/languages";
import { DomainError } from "~/utils/domain-error";
import { canEditFinding, canWriteNotes } from "~/visits/access.server";
import { draftsAvailable, draftTranslation } from "./draft.server";
import { TranslationError } from "./errors";

// A machine draft of a rich text's translation, for a translator (decision 022): a plan section,
// the minutes of a programme item or a finding. The server reads the source language's stored
// text itself, never text from the page, and gives the draft back for the editor to put in; the
// editor then says so, and the translation is marked as machine-made until a person confirms it.

export type RichTextRef = { kind: "section" | "minutes" | "finding"; id: string };

type Writable = { owner: RichTextOwner; sourceLang: Lang | null; audit: { projectId: string; action: string; entityType: string; entityId: string } };

/** The text, if this member may write it (the same rights as typing in it); a refusal otherwise. */
async function writableText(viewer: Viewer, projectId: string, ref: RichTextRef): Promise<Writable> {
  switch (ref.kind) {
    case "section": {
      const section = await db.planSection.findFirst({ where: { id: ref.id, projectId, removedAt: null }, select: { id: true, sourceLang: true } });
      if (!section) throw new DomainError("errors:notFound");
      if (!can(viewer.role, "plan:edit")) throw new DomainError("errors:forbidden");
      return { owner: { sectionId: section.id }, sourceLang: section.sourceLang, audit: { projectId, action: "plan_text.machine_draft", entityType: "PlanSection", entityId: section.id } };
    }
    case "minutes": {
      const item = await db.agendaItem.findFirst({
        where: { id: ref.id, visit: { projectId } },
        select: { id: true, minutesLang: true, visit: { select: { id: true, minutesClosedAt: true } } },
      });
      if (!item) throw new DomainError("errors:notFound");
      if (!(await canWriteNotes(viewer.role, viewer.id, { id: item.visit.id, minutesClosedAt: null }))) throw new DomainError("errors:forbidden");
      if (item.visit.minutesClosedAt) throw new DomainError("errors:minutesClosed");
      return { owner: { agendaItemId: item.id }, sourceLang: item.minutesLang, audit: { projectId, action: "minutes.machine_draft", entityType: "AgendaItem", entityId: item.id } };
    }
    case "finding": {
      // A draft finding the member may not read is, for them, not there.
      const finding = await db.finding.findFirst({ where: { id: ref.id, projectId, AND: [readableBy(viewer)] }, select: { id: true, sourceLang: true, visitId: true } });
      if (!finding) throw new DomainError("errors:notFound");
      if (!(await canEditFinding(viewer.role, viewer.id, finding))) throw new DomainError("errors:forbidden");
      return { owner: { findingId: finding.id }, sourceLang: finding.sourceLang, audit: { projectId, action: "finding.machine_draft", entityType: "Finding", entityId: finding.id } };
    }
  }
}

/**
 * A draft of the text in `to` from its source language: the document (through the schema) and its
 * HTML. Refused when drafts are not configured, `to` is the source, the source is empty or too
 * long (before anything is sent), or the provider fails. On success the translation's current text
 * is kept as a version first: the editor is about to replace it.
 */
export async function draftRichText(viewer: Viewer, projectId: string, ref: RichTextRef, to: Lang): Promise<{ document: JSONContent; html: string }> {
  const text = await writableText(viewer, projectId, ref);
  if (!draftsAvailable()) throw new TranslationError("errors:translationNotConfigured");
  if (text.sourceLang === to) throw new DomainError("errors:draftOfSource", "lang");
  const source = text.sourceLang ? await db.richText.findFirst({ where: { ...text.owner, lang: text.sourceLang }, select: { json: true, text: true } }) : null;
  if (!text.sourceLang || !source || source.text.trim() === "") throw new DomainError("errors:draftSourceEmpty");
  const { pieces, fill } = draftPieces(source.json as JSONContent);
  const drafts = await draftTranslation({ projectId, texts: pieces, from: text.sourceLang, to, format: "html" });
  const document = fill(drafts);
  await keepVersionBeforeDraft(text.owner, to);
  return { document, html: jsonToHtml(document) };
}

/** The editor put a draft into the translation in `lang`: marked as machine-made, not up to date until confirmed. */
export async function draftApplied(viewer: Viewer, projectId: string, ref: RichTextRef, lang: Lang) {
  const text = await writableText(viewer, projectId, ref);
  if (!draftsAvailable()) throw new TranslationError("errors:translationNotConfigured");
  if (!text.sourceLang || text.sourceLang === lang) throw new DomainError("errors:draftOfSource", "lang");
  await markMachineDraft(text.owner, lang, viewer.id, text.audit);
}
