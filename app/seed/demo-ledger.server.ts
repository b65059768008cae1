import { addRate, ensureCategories, recordExpense } from "~/budget/ledger.server";
import { attachFiles } from "~/files/attachments.server";
import { receiveBytes } from "~/files/upload.server";
import type { PrismaClient } from "~/generated/prisma/client";
import { textPdf } from "./text-pdf";

// The pre-study's ledger: costs of both visits, paid in SEK and CNY, one per diem that ICLD does
// not pay, one receipt still missing.

export async function seedDemoLedger(prisma: PrismaClient, ids: { projectId: string; toVasteras: string; toJinan: string }, day: Date) {
  const karin = await prisma.user.findUniqueOrThrow({ where: { email: "karin@vasteras.example" } });
  const owner = await prisma.user.findUniqueOrThrow({ where: { email: "owner@vasteras.example" } });
  const vasteras = await prisma.organisation.findFirstOrThrow({ where: { timeZone: "Europe/Stockholm" } });
  const categories = Object.fromEntries((await ensureCategories(ids.projectId)).map((category) => [category.key, category.id]));
  const daysAgo = (days: number) => new Date(day.getTime() - days * 86_400_000);

  // The approved budget: 275 000 SEK, approved by both cities' steering-group members.
  const lines: [string, number, string, string][] = [
    ["international_travel", 96_000, "Flyg Västerås–Jinan t/r, åtta personer", "韦斯特罗斯—济南往返机票，八人"],
    ["accommodation", 48_000, "Hotell i Jinan, åtta personer, fem nätter", "济南住宿，八人五晚"],
    ["local_transport", 12_000, "Resor på plats i båda städerna", "两市当地交通"],
    ["interpretation", 45_000, "Tolkning och översättning av projektplanen", "口译及项目计划翻译"],
    ["venue", 18_000, "Lokaler för workshoppar", "研讨会场地"],
    ["visas", 9_000, "Visum för delegationen till Jinan", "赴济南代表团签证"],
    ["climate_compensation", 6_000, "Klimatkompensation för flygresorna", "航空旅行气候补偿"],
    ["other_eligible", 41_000, "Invånardialoger och material", "居民对话活动及材料"],
  ];
  const [erik, liWei] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { email: "erik@vasteras.example" } }),
    prisma.user.findUniqueOrThrow({ where: { email: "li.wei@jinan.example" } }),
  ]);
  await prisma.budgetVersion.create({
    data: {
      projectId: ids.projectId,
      number: 1,
      status: "approved",
      createdById: karin.id,
      createdAt: daysAgo(60),
      approvedAt: daysAgo(50),
      lines: {
        create: lines.map(([key, sek, sv, zh], position) => ({
          projectYear: 1,
          categoryId: categories[key]!,
          descriptions: { sv, zh },
          originalLang: "sv" as const,
          amount: `${sek}.00`,
          position,
        })),
      },
      requests: {
        create: {
          projectId: ids.projectId,
          round: 1,
          summary: { sv: "Förstudiens budget enligt ansökan till ICLD: 275 000 kronor." },
          summaryLang: "sv",
          rule: "each_organisation",
          submittedById: karin.id,
          status: "approved",
          createdAt: daysAgo(58),
          decidedAt: daysAgo(50),
          decisions: {
            create: [
              { deciderId: erik.id, organisationId: erik.organisationId, kind: "approve", comment: {}, commentLang: "sv", createdAt: daysAgo(55) },
              { deciderId: liWei.id, organisationId: liWei.organisationId, kind: "approve", comment: { zh: "同意。" }, commentLang: "zh", createdAt: daysAgo(50) },
            ],
          },
        },
      },
    },
  });
  await addRate(owner.id, ids.projectId, { currency: "CNY", validFrom: daysAgo(90), rate: "1.4567" });
  await addRate(owner.id, ids.projectId, { currency: "EUR", validFrom: daysAgo(90), rate: "11.2300" });
  const access = { user: karin, projectId: ids.projectId, role: "project_group" as const };
  const expenses = [
    { date: daysAgo(40), payee: "Västerås Tolkförmedling AB", description: "Tolkning kinesiska–svenska, fem dagar", category: "interpretation", currency: "SEK" as const, amount: 3_250_000n, visitId: ids.toVasteras, receipt: true },
    { date: daysAgo(41), payee: "Hotell Stora torget", description: "Konferensrum under workshopen", category: "venue", currency: "SEK" as const, amount: 840_000n, visitId: ids.toVasteras, receipt: true },
    { date: daysAgo(20), payee: "SAS / Air China", description: "Flyg Stockholm–Jinan t/r, åtta personer", category: "international_travel", currency: "SEK" as const, amount: 7_440_000n, visitId: ids.toJinan, receipt: true },
    { date: daysAgo(10), payee: "济南舜耕山庄", description: "Hotell i Jinan, förskottsbetalning åtta rum", category: "accommodation", currency: "CNY" as const, amount: 1_234_550n, visitId: ids.toJinan, receipt: true },
    { date: daysAgo(9), payee: "Klimatkompensation Sverige", description: "Klimatkompensation för flygresorna", category: "climate_compensation", currency: "SEK" as const, amount: 312_000n, visitId: ids.toJinan, receipt: false },
    { date: daysAgo(8), payee: "Västerås stad, lönekontoret", description: "Traktamente för resan till Jinan", category: "other_eligible", currency: "SEK" as const, amount: 1_920_000n, visitId: ids.toJinan, receipt: true, perDiem: true },
  ];
  for (const expense of expenses) {
    const recorded = await recordExpense(karin.id, ids.projectId, {
      date: expense.date,
      payee: expense.payee,
      description: expense.description,
      lang: "sv",
      projectYear: 1,
      categoryId: categories[expense.category]!,
      payingOrgId: vasteras.id,
      currency: expense.currency,
      amount: expense.amount,
      rate: null,
      perDiem: expense.perDiem ?? false,
      salary: false,
      visitId: expense.visitId,
      submissionKey: null,
    });
    if (expense.receipt) {
      const pdf = textPdf([`Kvitto / Receipt: ${expense.payee.replace(/[^\x20-\x7e]/g, "")}`, expense.description.replace(/[^\x20-\x7e]/g, "")]);
      await attachFiles(access, { kind: "expense", id: recorded.id }, [await receiveBytes("kvitto.pdf", pdf)]);
    }
  }
}
