import { db } from "~/db/db.server";
import { readableBy, type Viewer } from "~/findings/findings.server";
import type { Lang } from "~/i18n/languages";
import { readLocalized } from "~/i18n/localized";
import { draftTranslation } from "./draft.server";
import { TranslationError } from "./errors";

// A machine draft of a short text for reading it (decision 016): a comment or reply, a decision's
// comment, a submission's summary. The server finds the text itself, as the reader may read it,
// and stores nothing: the draft is shown beside the original, marked as machine-made.

export type ShortTextRef = { kind: "comment" | "decision" | "summary"; id: string };

/** A short text in three languages is drafted from its original (the reader's own is not there, or no button shows). */
function originalText(stored: unknown, original: Lang) {
  const texts = readLocalized(stored);
  const lang = texts[original] ? original : (Object.keys(texts)[0] as Lang | undefined) ?? original;
  return { text: texts[lang] ?? "", lang };
}

/** The text and its language, if this reader may read it in this project; else null (not found). */
async function readableText(viewer: Viewer, projectId: string, ref: ShortTextRef): Promise<{ text: string; lang: Lang } | null> {
  switch (ref.kind) {
    case "comment": {
      const comment = await db.comment.findFirst({
        // A comment on a draft finding is as private as the finding.
        where: { id: ref.id, projectId, OR: [{ findingId: null }, { finding: readableBy(viewer) }] },
        select: { body: true, bodyLang: true },
      });
      return comment ? originalText(comment.body, comment.bodyLang) : null;
    }
    case "decision": {
      const decision = await db.decision.findFirst({ where: { id: ref.id, request: { projectId } }, select: { comment: true, commentLang: true } });
      return decision ? originalText(decision.comment, decision.commentLang) : null;
    }
    case "summary": {
      const request = await db.approvalRequest.findFirst({ where: { id: ref.id, projectId }, select: { summary: true, summaryLang: true } });
      return request ? originalText(request.summary, request.summaryLang) : null;
    }
  }
}

/** Null when the text is not there for this reader; the draft (and the text's language) otherwise. */
export async function draftShortText(viewer: Viewer, projectId: string, ref: ShortTextRef, to: Lang): Promise<{ draft: string; from: Lang } | null> {
  const found = await readableText(viewer, projectId, ref);
  if (!found) return null;
  if (found.lang === to) throw new TranslationError("errors:translationPairUnsupported");
  const [draft] = await draftTranslation({ projectId, texts: [found.text], from: found.lang, to });
  return { draft: draft ?? "", from: found.lang };
}
