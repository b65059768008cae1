import type { JSONContent } from "@tiptap/core";
import { hashPassword } from "~/auth/password.server";
import { jsonToText, jsonToYdocUpdate } from "~/editor/content.server";
import { hashText } from "~/editor/rich-text.server";
import { defaultSectionKinds } from "~/plan/plan.server";
import type { PrismaClient } from "~/generated/prisma/client";
import type { Language, ProjectRole } from "~/generated/prisma/enums";
import { seedDemoAttachments, seedDemoVisits } from "./demo-visits.server";
import { seedDemoLedger } from "./demo-ledger.server";
import { seedDemoResults } from "./demo-results.server";
import { seedDemoTranslationRequests } from "./demo-translation-requests.server";
import { reindexAll } from "~/search/search.server";
import { currentDatabase } from "~/db/db.server";
import { seedDemoMemory } from "./demo-memory.server";

// The demo workspace: fictional people, the partnership's real context. Seeded only into an empty
// embedded database, with dates relative to the day it is seeded.
export const DEMO_PASSWORD = "demo-partnership";

export const demoAccounts: {
  email: string;
  name: string;
  org: "vasteras" | "jinan";
  role: ProjectRole;
  language: Language;
  isAdmin?: boolean;
}[] = [
  { email: "owner@vasteras.example", name: "Anna Lindqvist", org: "vasteras", role: "owner", language: "sv", isAdmin: true },
  { email: "karin@vasteras.example", name: "Karin Berg", org: "vasteras", role: "project_group", language: "sv" },
  { email: "wang.fang@jinan.example", name: "王芳 Wang Fang", org: "jinan", role: "project_group", language: "zh" },
  { email: "erik@vasteras.example", name: "Erik Johansson", org: "vasteras", role: "steering_group", language: "sv" },
  { email: "li.wei@jinan.example", name: "李伟 Li Wei", org: "jinan", role: "steering_group", language: "zh" },
  { email: "zhang.min@jinan.example", name: "张敏 Zhang Min", org: "jinan", role: "delegate", language: "zh" },
  { email: "viewer@vasteras.example", name: "Olof Viewer", org: "vasteras", role: "viewer", language: "en" },
];

export const PRE_STUDY_TITLE = "Invånardialog via kontaktcenter – förstudie";
export const EARLIER_PROJECT_TITLE = "Invånardialog Västerås–Jinan 2015–2018";

// The projects' titles and the cities' names as each language writes them (the Swedish titles
// above are the originals, and what tests look the projects up by).
export const PRE_STUDY_TITLES = { sv: PRE_STUDY_TITLE, zh: "通过联络中心开展居民对话——预研究", en: "Citizen dialogue through contact centres – pre-study" };
export const EARLIER_PROJECT_TITLES = { sv: EARLIER_PROJECT_TITLE, zh: "韦斯特罗斯—济南居民对话 2015–2018", en: "Citizen dialogue Västerås–Jinan 2015–2018" };
export const VASTERAS_NAMES = { sv: "Västerås stad", zh: "韦斯特罗斯市", en: "City of Västerås" };
export const JINAN_NAMES = { zh: "济南市人民政府", sv: "Jinans stad", en: "Jinan Municipal People's Government" };

function addMonths(date: Date, months: number): Date {
  const result = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));
  return result;
}

const paragraph = (text: string): JSONContent => ({ type: "paragraph", content: [{ type: "text", text }] });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

const demoPlanTexts: Partial<Record<string, Partial<Record<Language, JSONContent>>>> = {
  background: {
    sv: doc(
      paragraph("Västerås stad och Jinan har samarbetat sedan 2015 om invånardialog. Västerås kontaktcenter med 40 medarbetare tar emot invånarnas frågor och synpunkter och lotsar vidare det som det inte kan besvara självt."),
      paragraph("Jinans Hotline 12345 betjänar nästan sju miljoner invånare med flera hundra medarbetare. Förstudien undersöker vad städerna kan lära av varandra."),
    ),
    zh: doc(
      paragraph("韦斯特罗斯市与济南市自2015年起在居民对话领域开展合作。韦斯特罗斯联络中心有40名工作人员，负责受理居民的咨询和意见，并转交其无法直接答复的事项。"),
      paragraph("济南12345热线以数百名工作人员服务近七百万居民。本预研究探讨两市可以相互借鉴的经验。"),
    ),
  },
  problemAndGoals: {
    sv: doc(paragraph("Målet är att invånarnas synpunkter via kontaktcenter ska nå beslutsfattarna och påverka den kommunala verksamheten.")),
    zh: doc(paragraph("目标是使居民通过联络中心提出的意见能够传达给决策者，并影响市政工作。")),
  },
  activities: {
    sv: doc(
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Utbytesbesök" }] },
      { type: "bulletList", content: [
        { type: "listItem", content: [paragraph("Åtta tjänstepersoner från Jinan besöker Västerås i en vecka.")] },
        { type: "listItem", content: [paragraph("Åtta personer från Västerås besöker Jinan i slutet av oktober.")] },
      ] },
    ),
  },
};

export async function seedDemo(prisma: PrismaClient, today = new Date()): Promise<void> {
  // Files, the ledger and the search index are written as the app writes them, through the
  // process's current database: it must be this one.
  if (currentDatabase().prisma !== prisma) throw new Error("seedDemo: call useDatabase() with this database first");
  const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const passwordHashes = await Promise.all(demoAccounts.map(() => hashPassword(DEMO_PASSWORD)));
  const demoVisits = await prisma.$transaction(async (tx) => {
    const vasteras = await tx.organisation.create({
      data: { key: VASTERAS_NAMES.sv, names: VASTERAS_NAMES, originalLang: "sv", country: "SE", timeZone: "Europe/Stockholm" },
    });
    const jinan = await tx.organisation.create({
      data: { key: JINAN_NAMES.zh, names: JINAN_NAMES, originalLang: "zh", country: "CN", timeZone: "Asia/Shanghai" },
    });
    const organisations = { vasteras, jinan };

    const users = [];
    for (const [index, account] of demoAccounts.entries()) {
      const organisation = organisations[account.org];
      users.push(
        await tx.user.create({
          data: {
            email: account.email,
            name: account.name,
            passwordHash: passwordHashes[index] as string,
            language: account.language,
            timeZone: organisation.timeZone,
            organisationId: organisation.id,
            isAdmin: account.isAdmin ?? false,
          },
        }),
      );
    }

    const preStudyStart = addMonths(day, -2);
    const preStudy = await tx.project.create({
      data: {
        titles: PRE_STUDY_TITLES,
        originalLang: "sv",
        funder: "ICLD",
        grantAmount: "275000",
        currency: "SEK",
        startDate: preStudyStart,
        endDate: addMonths(preStudyStart, 6),
        status: "active",
        organisations: { create: [{ organisationId: vasteras.id }, { organisationId: jinan.id }] },
        memberships: { create: users.map((user, index) => ({ userId: user.id, role: demoAccounts[index]!.role })) },
      },
    });

    // The plan, written in Swedish first: background translated and confirmed, goals translated
    // but not yet confirmed, the rest still to write.
    const karin = users[1]!;
    for (const [position, kind] of defaultSectionKinds.entries()) {
      const section = await tx.planSection.create({ data: { projectId: preStudy.id, kind, position, sourceLang: "sv" } });
      const texts = demoPlanTexts[kind] ?? {};
      const sourceHash = texts.sv ? hashText(jsonToText(texts.sv)) : null;
      for (const [lang, json] of Object.entries(texts) as [Language, JSONContent][]) {
        const text = jsonToText(json);
        const confirmed = lang !== "sv" && kind === "background";
        await tx.richText.create({
          data: {
            sectionId: section.id,
            lang,
            ydoc: jsonToYdocUpdate(json) as Uint8Array<ArrayBuffer>,
            json: json as object,
            text,
            textHash: hashText(text),
            confirmedSourceHash: confirmed ? sourceHash : null,
            confirmedAt: confirmed ? day : null,
            confirmedById: confirmed ? karin.id : null,
          },
        });
      }
    }

    await tx.glossaryTerm.createMany({
      data: [
        { projectId: preStudy.id, sv: "kontaktcenter", zh: "联络中心", en: "contact centre", note: "Västerås: 40 medarbetare" },
        { projectId: preStudy.id, sv: "invånardialog", zh: "居民对话", en: "citizen dialogue", note: "" },
        { projectId: preStudy.id, sv: "Hotline 12345", zh: "12345热线", en: "Hotline 12345", note: "Jinan" },
      ],
    });

    // Milestones in every state: one awaiting Li Wei's decision, one overdue.
    const [wang, erikUser, liWei] = [users[2]!, users[3]!, users[4]!];
    const addDays = (days: number) => new Date(day.getTime() + days * 86_400_000);
    const milestone = async (
      titles: Record<string, string>,
      dueInDays: number,
      status: "planned" | "submitted" | "changes_requested" | "approved" | "rejected",
      round?: { by: string; summary: Partial<Record<Language, string>>; decisions: { by: { id: string; organisationId: string | null }; kind: "approve" | "request_changes" | "reject"; comment: string; lang: Language }[]; status: "pending" | "approved" | "changes_requested" | "rejected" },
    ) => {
      const created = await tx.milestone.create({
        data: { projectId: preStudy.id, titles, descriptions: {}, originalLang: "sv", dueDate: addDays(dueInDays), ownerId: karin.id, status,
          // What awaits a decision has a steering-group meeting: 08:00 UTC, morning in Västerås, afternoon in Jinan.
          meetingAt: status === "submitted" ? new Date(addDays(dueInDays).getTime() + 8 * 3_600_000) : null },
      });
      if (!round) return;
      await tx.approvalRequest.create({
        data: {
          projectId: preStudy.id,
          milestoneId: created.id,
          round: 1,
          summary: round.summary,
          summaryLang: "sv",
          rule: "each_organisation",
          submittedById: round.by,
          status: round.status,
          decidedAt: round.status === "pending" ? null : day,
          decisions: {
            create: round.decisions.map((decision) => ({
              deciderId: decision.by.id,
              organisationId: decision.by.organisationId,
              kind: decision.kind,
              comment: decision.comment ? { [decision.lang]: decision.comment } : {},
              commentLang: decision.lang,
            })),
          },
        },
      });
    };
    await milestone({ sv: "Kartläggning av kontaktcentren klar", zh: "联络中心调研完成", en: "Survey of the contact centres done" }, -30, "approved", {
      by: karin.id,
      summary: { sv: "Kartläggningen av båda kontaktcentren är klar." },
      status: "approved",
      decisions: [
        { by: erikUser, kind: "approve", comment: "", lang: "sv" },
        { by: liWei, kind: "approve", comment: "同意。", lang: "zh" },
      ],
    });
    await milestone({ sv: "Utkast till framtida projektplan", zh: "未来项目计划草案", en: "Draft of the future project plan" }, 21, "submitted", {
      by: karin.id,
      summary: { sv: "Utkastet från Jinan-delegationens besök i Västerås.", zh: "济南代表团访问韦斯特罗斯期间形成的草案。" },
      status: "pending",
      decisions: [{ by: erikUser, kind: "approve", comment: "Bra underlag.", lang: "sv" }],
    });
    await milestone({ sv: "Program för besöket i Jinan", zh: "济南访问日程" }, 35, "changes_requested", {
      by: wang.id,
      summary: { sv: "Förslag till program för besöket i slutet av oktober." },
      status: "changes_requested",
      decisions: [{ by: liWei, kind: "request_changes", comment: "请增加参观12345热线的安排。", lang: "zh" }],
    });
    await milestone({ sv: "Gemensam webbenkät till invånare" }, -10, "rejected", {
      by: karin.id,
      summary: { sv: "En gemensam enkät i båda städerna." },
      status: "rejected",
      decisions: [{ by: erikUser, kind: "reject", comment: "Ryms inte i förstudiens budget.", lang: "sv" }],
    });
    await milestone({ sv: "Rapport om Hotline 12345", en: "Report on Hotline 12345" }, -14, "planned");
    await milestone({ sv: "Slutrapport till ICLD", en: "Final report to ICLD" }, 120, "planned");

    const owner = users[0]!;
    const erik = users[3]!;
    const visits = await seedDemoVisits(tx, {
      projectId: preStudy.id,
      day,
      vasteras,
      jinan,
      people: { owner, karin, wang, erik, liWei: users[4]!, zhangMin: users[5]! },
    });
    await tx.project.create({
      data: {
        titles: EARLIER_PROJECT_TITLES,
        originalLang: "sv",
        funder: "ICLD",
        grantAmount: "2400000",
        currency: "SEK",
        startDate: new Date("2015-09-01T00:00:00Z"),
        endDate: new Date("2018-08-31T00:00:00Z"),
        status: "finished",
        organisations: { create: [{ organisationId: vasteras.id }, { organisationId: jinan.id }] },
        memberships: {
          create: [
            { userId: owner.id, role: "owner" },
            { userId: erik.id, role: "steering_group" },
          ],
        },
        planSections: { create: defaultSectionKinds.map((kind, position) => ({ kind, position, sourceLang: "sv" as const })) },
      },
    });
    await tx.auditEvent.create({ data: { actorId: null, action: "demo.seed", entityType: "Workspace" } });
    return { ...visits, projectId: preStudy.id };
    // One transaction for the whole demo: a slow or busy machine (a test run beside others) takes
    // longer than Prisma's default five seconds, and half a demo is no demo.
  }, { timeout: 120_000, maxWait: 60_000 });
  // Files go in as every upload does: type from the content, checksum, preview.
  await seedDemoAttachments(prisma, demoVisits);
  await seedDemoLedger(prisma, demoVisits, day);
  await seedDemoResults(prisma, { projectId: demoVisits.projectId });
  await seedDemoMemory(prisma, demoVisits.projectId);
  await seedDemoTranslationRequests(prisma, { projectId: demoVisits.projectId });
  // The search index follows the demo (the current database is the one just seeded).
  await reindexAll();
}

/** Seeds only an empty database (no people yet); says whether it did. */
export async function seedDemoIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.user.count()) > 0) return false;
  await seedDemo(prisma);
  return true;
}
