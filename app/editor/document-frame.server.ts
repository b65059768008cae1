import { db } from "~/db/db.server";
import { tFor } from "~/i18n/i18n.server";
import { formatDate } from "~/i18n/format";
import type { Lang } from "~/i18n/languages";
import { pickLocalized, readLocalized } from "~/i18n/localized";
import type { ApprovalTarget } from "~/milestones/approvals.server";
import type { DocumentFrame } from "./docx.server";

// What every exported document says of itself, read from the database: the project and both
// cities in the header, the export's date, and where there is one, the steering group's approval.

/** The header's project title and cities in each of the document's languages, and today's date on the exporter's clock. */
export async function documentFrame(projectId: string, langs: Lang[], timeZone: string, status?: string): Promise<DocumentFrame> {
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      titles: true,
      originalLang: true,
      organisations: { select: { organisation: { select: { names: true, originalLang: true } } }, orderBy: { organisation: { createdAt: "asc" } } },
    },
  });
  const titles = readLocalized(project.titles);
  const unique = (texts: string[]) => [...new Set(texts)];
  return {
    langs,
    projectTitles: unique(langs.map((lang) => pickLocalized(titles, project.originalLang, lang).text)),
    cities: unique(
      langs.map((lang) =>
        project.organisations.map(({ organisation }) => pickLocalized(readLocalized(organisation.names), organisation.originalLang, lang).text).join(" · "),
      ),
    ),
    exportedOn: formatDate(new Date(), langs[0]!, timeZone),
    status,
  };
}

/** The latest round of the steering group that approved this plan version or budget version, with who approved it; null when none did. */
export async function approvedRound(projectId: string, target: Exclude<ApprovalTarget, { milestoneId: string }>) {
  const round = await db.approvalRequest.findFirst({
    where: { projectId, ...target, status: "approved" },
    orderBy: { round: "desc" },
    select: { decidedAt: true, createdAt: true, decisions: { where: { kind: "approve" }, orderBy: { createdAt: "asc" }, select: { decider: { select: { name: true } } } } },
  });
  if (!round) return null;
  return { decidedAt: round.decidedAt ?? round.createdAt, deciders: round.decisions.flatMap((decision) => (decision.decider ? [decision.decider.name] : [])) };
}

/** "approved by the steering group on 12 Oct 2026 (Erik Andersson, Li Wei)" in the language. */
export function approvedBy(round: { decidedAt: Date; deciders: string[] }, lang: Lang, timeZone: string) {
  return tFor(lang)("export:document.approvedBy", {
    date: formatDate(round.decidedAt, lang, timeZone),
    names: round.deciders.join(lang === "zh" ? "、" : ", "),
  });
}
