import type { PrismaClient } from "~/generated/prisma/client";
import type { Lang } from "~/i18n/languages";
import { readLocalized } from "~/i18n/localized";
import { pairBlocks } from "~/translation/memory";
import { rememberShortText, rememberTerm, rememberTranslations } from "~/translation/memory.server";

/**
 * The demo's translation memory (decision 019): what the demo already holds as confirmed — rich
 * texts whose translation is up to date, short texts with their translations, the glossary — fed
 * in as the app feeds it when people confirm and save.
 */
export async function seedDemoMemory(prisma: PrismaClient, projectId: string) {
  await prisma.$transaction(
    async (tx) => {
      const confirmed = await tx.richText.findMany({
        where: {
          confirmedSourceHash: { not: null },
          OR: [{ section: { projectId } }, { agendaItem: { visit: { projectId } } }, { finding: { projectId, state: "shared" } }],
        },
        select: { sectionId: true, agendaItemId: true, findingId: true, lang: true, json: true, confirmedSourceHash: true, confirmedById: true },
      });
      for (const text of confirmed) {
        // Up to date: its source still has the text it was confirmed against.
        const source = await tx.richText.findFirst({
          where: { sectionId: text.sectionId, agendaItemId: text.agendaItemId, findingId: text.findingId, textHash: text.confirmedSourceHash!, NOT: { lang: text.lang } },
          select: { lang: true, json: true },
        });
        if (!source) continue;
        const pairs = pairBlocks(source.json, text.json).map((pair) => ({ from: source.lang as Lang, to: text.lang as Lang, ...pair }));
        await rememberTranslations(tx, projectId, pairs, text.confirmedById, "rich_text");
      }

      const shortTexts: { texts: unknown; original: Lang | null }[] = [];
      for (const milestone of await tx.milestone.findMany({ where: { projectId } })) {
        shortTexts.push({ texts: milestone.titles, original: milestone.originalLang }, { texts: milestone.descriptions, original: milestone.originalLang });
      }
      for (const visit of await tx.visit.findMany({ where: { projectId }, include: { agendaItems: true } })) {
        shortTexts.push({ texts: visit.titles, original: visit.originalLang }, { texts: visit.purposes, original: visit.originalLang });
        for (const item of visit.agendaItems) shortTexts.push({ texts: item.titles, original: item.originalLang });
      }
      for (const finding of await tx.finding.findMany({ where: { projectId, state: "shared" } })) shortTexts.push({ texts: finding.titles, original: finding.originalLang });
      for (const section of await tx.planSection.findMany({ where: { projectId, removedAt: null } })) shortTexts.push({ texts: section.titles, original: section.titleLang });
      for (const text of shortTexts) await rememberShortText(tx, projectId, null, null, { texts: readLocalized(text.texts), original: text.original });

      for (const term of await tx.glossaryTerm.findMany({ where: { projectId } })) await rememberTerm(tx, projectId, null, term);
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}
