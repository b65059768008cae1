import type { PrismaClient } from "~/generated/prisma/client";

// The pre-study's results matrix, in Swedish with Chinese translations: its goal is a project plan
// to raise citizens' trust and develop the contact centre's work for citizens. Activities link to
// the demo's visits, a milestone and budget categories, so each result shows what it cost.

type Texts = { sv: string; zh: string };

export async function seedDemoResults(prisma: PrismaClient, ids: { projectId: string }) {
  const { projectId } = ids;
  const visit = async (sv: string) => (await prisma.visit.findFirst({ where: { projectId, titles: { path: ["sv"], equals: sv } }, select: { id: true } }))?.id ?? null;
  const milestone = async (sv: string) => (await prisma.milestone.findFirst({ where: { projectId, titles: { path: ["sv"], equals: sv } }, select: { id: true } }))?.id ?? null;
  const categories = Object.fromEntries((await prisma.costCategory.findMany({ where: { projectId }, select: { id: true, key: true } })).map((category) => [category.key, category.id]));
  const toVasteras = await visit("Jinans delegation i Västerås");
  const toJinan = await visit("Västerås delegation i Jinan");
  const draftPlan = await milestone("Utkast till framtida projektplan");
  const survey = await milestone("Kartläggning av kontaktcentren klar");

  await prisma.resultsFramework.create({
    data: {
      projectId,
      originalLang: "sv",
      overallGoal: {
        sv: "Invånarnas förtroende för staden och dess kontaktcenter ökar i Västerås och Jinan.",
        zh: "韦斯特罗斯和济南居民对城市及其联络中心的信任不断提升。",
      },
      projectGoal: {
        sv: "En projektplan för att utveckla kontaktcentrets arbete för invånarna, som båda städerna står bakom.",
        zh: "一份经两市共同认可的、发展联络中心为民服务工作的项目计划。",
      },
    },
  });

  type Activity = { texts: Texts; status: "planned" | "under_way" | "done"; visitId?: string | null; milestoneId?: string | null; category?: string };
  type Result = { statement: Texts; indicator: Texts; baseline: Texts; target: Texts; verification: Texts; activities: Activity[] };
  const results: Result[] = [
    {
      statement: { sv: "Båda städerna känner till varandras sätt att ta emot och besvara invånarnas ärenden.", zh: "两市了解彼此受理和答复居民诉求的方式。" },
      indicator: { sv: "Antal dokumenterade arbetssätt som jämförts", zh: "已记录并比较的工作方式数量" },
      baseline: { sv: "0: ingen jämförelse gjord", zh: "0：尚未比较" },
      target: { sv: "Minst 5 arbetssätt jämförda och beskrivna", zh: "至少比较并描述5种工作方式" },
      verification: { sv: "Kartläggningsrapport och besöksprotokoll", zh: "调研报告和访问纪要" },
      activities: [
        { texts: { sv: "Studiebesök på kontaktcentret i Västerås", zh: "考察韦斯特罗斯联络中心" }, status: "done", visitId: toVasteras, milestoneId: survey, category: "venue" },
        { texts: { sv: "Studiebesök på Hotline 12345 i Jinan", zh: "考察济南12345热线" }, status: "planned", visitId: toJinan, category: "international_travel" },
      ],
    },
    {
      statement: { sv: "Ett utkast till projektplan är skrivet tillsammans och översatt.", zh: "双方共同编写并翻译了项目计划草案。" },
      indicator: { sv: "Utkastet finns på svenska och kinesiska", zh: "草案有瑞典语和中文版本" },
      baseline: { sv: "Inget utkast", zh: "尚无草案" },
      target: { sv: "Utkast godkänt av styrgruppen", zh: "草案经指导小组批准" },
      verification: { sv: "Styrgruppens beslut om milstolpen", zh: "指导小组对该里程碑的决定" },
      activities: [
        { texts: { sv: "Workshop om utkastet under besöket i Västerås", zh: "在韦斯特罗斯访问期间举办草案研讨会" }, status: "done", visitId: toVasteras, milestoneId: draftPlan, category: "venue" },
        { texts: { sv: "Översättning av utkastet", zh: "翻译草案" }, status: "under_way", milestoneId: draftPlan, category: "interpretation" },
      ],
    },
    {
      statement: { sv: "Invånarnas syn på kontaktcentret är känd och används i planen.", zh: "了解居民对联络中心的看法，并将其纳入计划。" },
      indicator: { sv: "Andel invånare som litar på kontaktcentrets svar", zh: "信任联络中心答复的居民比例" },
      baseline: { sv: "Mäts i invånardialogerna hösten 2026", zh: "在2026年秋季居民对话中测量" },
      target: { sv: "Mätning och mål för nästa projekt fastställda", zh: "确定下一阶段项目的测量方法和目标" },
      verification: { sv: "Sammanställning av invånardialogerna", zh: "居民对话汇总" },
      activities: [{ texts: { sv: "Invånardialog i stadsdelen Bäckby", zh: "贝克比社区居民对话" }, status: "done", visitId: toVasteras, category: "other_eligible" }],
    },
  ];
  for (const [position, result] of results.entries()) {
    await prisma.expectedResult.create({
      data: {
        projectId,
        position,
        originalLang: "sv",
        statement: result.statement,
        indicator: result.indicator,
        baseline: result.baseline,
        target: result.target,
        verification: result.verification,
        activities: {
          create: result.activities.map((activity, index) => ({
            position: index,
            texts: activity.texts,
            originalLang: "sv" as const,
            status: activity.status,
            visitId: activity.visitId ?? null,
            milestoneId: activity.milestoneId ?? null,
            budgetCategoryId: activity.category ? (categories[activity.category] ?? null) : null,
          })),
        },
      },
    });
  }

  await prisma.resultRisk.createMany({
    data: [
      {
        projectId,
        kind: "assumption",
        position: 0,
        originalLang: "sv",
        texts: { sv: "Båda städernas ledningar står bakom samarbetet under förstudien.", zh: "两市领导层在预研究期间支持合作。" },
        mitigation: { sv: "Styrgruppen följer upp vid varje milstolpe.", zh: "指导小组在每个里程碑进行跟进。" },
      },
      {
        projectId,
        kind: "risk",
        position: 1,
        originalLang: "sv",
        texts: { sv: "Resor försenas av visum eller reseregler.", zh: "签证或出行规定导致行程延误。" },
        mitigation: { sv: "Visum söks tidigt; workshoppar kan hållas på distans.", zh: "提前申请签证；研讨会可以远程举行。" },
      },
    ],
  });
}
