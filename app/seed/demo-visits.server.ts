import type { JSONContent } from "@tiptap/core";
import { jsonToText, jsonToYdocUpdate } from "~/editor/content.server";
import { attachFiles } from "~/files/attachments.server";
import { receiveBytes } from "~/files/upload.server";
import { textPdf } from "./text-pdf";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { Language } from "~/generated/prisma/enums";
import { hashText } from "~/editor/rich-text.server";
import { wallTimeToInstant } from "~/utils/time-zones.server";

// The partnership's two exchange visits, their programmes, some minutes, and what was learned.

type Tx = Prisma.TransactionClient;
type Person = { id: string };
export type DemoVisitContext = {
  projectId: string;
  day: Date;
  vasteras: { id: string };
  jinan: { id: string };
  people: { owner: Person; karin: Person; wang: Person; erik: Person; liWei: Person; zhangMin: Person };
};

const paragraph = (text: string): JSONContent => ({ type: "paragraph", content: [{ type: "text", text }] });
const doc = (...texts: string[]): JSONContent => ({ type: "doc", content: texts.map(paragraph) });

async function writeText(tx: Tx, owner: { agendaItemId: string } | { findingId: string }, lang: Language, json: JSONContent, confirmedAgainst?: string) {
  const text = jsonToText(json);
  await tx.richText.create({
    data: {
      ...owner,
      lang,
      ydoc: jsonToYdocUpdate(json) as Uint8Array<ArrayBuffer>,
      json: json as object,
      text,
      textHash: hashText(text),
      confirmedSourceHash: confirmedAgainst ?? null,
      confirmedAt: confirmedAgainst ? new Date() : null,
    },
  });
  // The first language minutes are written in is their source.
  if ("agendaItemId" in owner) await tx.agendaItem.updateMany({ where: { id: owner.agendaItemId, minutesLang: null }, data: { minutesLang: lang } });
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

type Item = { day: number; start: string; end: string; titles: Partial<Record<Language, string>>; lang: Language; place: string; leader: string };

async function programme(tx: Tx, visitId: string, firstDay: Date, zone: string, items: Item[]) {
  const created: string[] = [];
  for (const item of items) {
    const date = isoDay(addDays(firstDay, item.day));
    const row = await tx.agendaItem.create({
      data: {
        visitId,
        startsAt: wallTimeToInstant(`${date}T${item.start}`, zone)!,
        endsAt: wallTimeToInstant(`${date}T${item.end}`, zone)!,
        titles: item.titles,
        originalLang: item.lang,
        place: item.place,
        leader: item.leader,
      },
    });
    created.push(row.id);
  }
  return created;
}

export async function seedDemoVisits(tx: Tx, { projectId, day, vasteras, jinan, people }: DemoVisitContext) {
  // Jinan's eight officials in Västerås: a week, six weeks before the seeding day (a Monday).
  const toVasterasStart = addDays(day, -42 - ((day.getUTCDay() + 6) % 7));
  const toVasteras = await tx.visit.create({
    data: {
      projectId,
      travellerOrgId: jinan.id,
      hostOrgId: vasteras.id,
      titles: { sv: "Jinans delegation i Västerås", zh: "济南代表团访问韦斯特罗斯", en: "Jinan delegation in Västerås" },
      purposes: {
        sv: "Åtta tjänstepersoner från Jinan arbetar en vecka med kontaktcentret och skriver ett första utkast till den framtida projektplanen.",
        zh: "济南八名工作人员与联络中心共同工作一周，起草未来项目计划初稿。",
      },
      originalLang: "sv",
      startDate: toVasterasStart,
      endDate: addDays(toVasterasStart, 4),
      status: "done",
      accommodation: "Hotell vid Stora torget, Västerås",
      siteContact: "Karin Berg, kontaktcenter, +46 21 39 00 00",
      visaLettersNeeded: true,
    },
  });
  const jinanGuests = [
    ["刘洋 Liu Yang", "12345热线 副主任"],
    ["陈静 Chen Jing", "12345热线 话务组长"],
    ["赵磊 Zhao Lei", "市大数据局 科长"],
    ["孙丽 Sun Li", "市政府办公厅 干部"],
    ["周强 Zhou Qiang", "市民服务中心 主任"],
  ] as const;
  await tx.visitParticipant.createMany({
    data: [
      { visitId: toVasteras.id, role: "delegate", userId: people.zhangMin.id, title: "12345热线 科长" },
      { visitId: toVasteras.id, role: "delegate", userId: people.wang.id, title: "项目协调员" },
      { visitId: toVasteras.id, role: "delegate", userId: people.liWei.id, title: "市政府副秘书长" },
      ...jinanGuests.map(([name, title]) => ({ visitId: toVasteras.id, role: "delegate" as const, name, organisation: "济南市人民政府", title })),
      { visitId: toVasteras.id, role: "host", userId: people.karin.id, title: "Projektledare" },
      { visitId: toVasteras.id, role: "host", userId: people.erik.id, title: "Kontaktcenterchef" },
      { visitId: toVasteras.id, role: "interpreter", name: "Mei Andersson", organisation: "Tolkförmedlingen Västmanland", title: "Tolk, kinesiska–svenska" },
    ],
  });
  const [welcome, contactCentre, workshop, dialogue] = await programme(tx, toVasteras.id, toVasterasStart, "Europe/Stockholm", [
    { day: 0, start: "09:00", end: "10:30", titles: { sv: "Välkomstmöte i stadshuset", zh: "市政厅欢迎会" }, lang: "sv", place: "Stadshuset, Fiskartorget", leader: "Erik Johansson" },
    { day: 0, start: "13:00", end: "16:00", titles: { sv: "Studiebesök på kontaktcentret", zh: "参观联络中心" }, lang: "sv", place: "Kontaktcenter, Stadshuset plan 2", leader: "Karin Berg" },
    { day: 1, start: "09:00", end: "15:00", titles: { sv: "Workshop: utkast till projektplan", zh: "研讨会：项目计划草案" }, lang: "sv", place: "Konferensrum Mälaren", leader: "Karin Berg" },
    { day: 2, start: "10:00", end: "12:00", titles: { sv: "Invånardialog i stadsdelen Bäckby", zh: "贝克比社区居民对话" }, lang: "sv", place: "Bäckby centrum", leader: "Erik Johansson" },
    { day: 4, start: "09:00", end: "11:00", titles: { sv: "Sammanfattning och avslutning", zh: "总结与闭幕" }, lang: "sv", place: "Stadshuset", leader: "Anna Lindqvist" },
  ]);
  const contactCentreSv = doc(
    "Kontaktcentret har 40 medarbetare och svarar på telefon, e-post och chatt. Det som inte kan besvaras direkt lotsas vidare till förvaltningarna med ett ärende som följs upp.",
    "Delegationen frågade hur invånarnas synpunkter når politiken: i dag sammanställs de en gång i kvartalet.",
  );
  await writeText(tx, { agendaItemId: contactCentre! }, "sv", contactCentreSv);
  await writeText(
    tx,
    { agendaItemId: contactCentre! },
    "zh",
    doc("联络中心有40名工作人员，通过电话、电子邮件和在线聊天答复市民。无法直接答复的事项转交相关部门，并跟踪办理。", "代表团询问市民意见如何传达到决策层：目前每季度汇总一次。"),
    hashText(jsonToText(contactCentreSv)),
  );
  await writeText(tx, { agendaItemId: workshop! }, "zh", doc("研讨会上，双方确定了未来项目的三个重点：市民对话、热线数据分析和工作人员培训。", "济南方面建议在韦斯特罗斯试点热线式的统一受理。"));
  await writeText(tx, { agendaItemId: dialogue! }, "sv", doc("Invånare i Bäckby berättade att de sällan vet vart de ska vända sig. Dialogen visade att kontaktcentret kan bli den självklara vägen in."));
  void welcome;

  // Eight from Västerås to Jinan: coming, four weeks after the seeding day.
  const toJinanStart = addDays(day, 28 - ((day.getUTCDay() + 6) % 7));
  const toJinan = await tx.visit.create({
    data: {
      projectId,
      travellerOrgId: vasteras.id,
      hostOrgId: jinan.id,
      titles: { sv: "Västerås delegation i Jinan", zh: "韦斯特罗斯代表团访问济南" },
      purposes: {
        sv: "Åtta personer från Västerås studerar Hotline 12345 och hur Jinan använder invånarnas ärenden i stadens arbete.",
        zh: "韦斯特罗斯八人考察12345热线，了解济南如何将市民诉求用于城市工作。",
      },
      originalLang: "sv",
      startDate: toJinanStart,
      endDate: addDays(toJinanStart, 4),
      status: "confirmed",
      accommodation: "济南 舜耕山庄 Shungeng Mountain Villa",
      siteContact: "王芳 Wang Fang, +86 531 0000 0000",
      visaLettersNeeded: true,
    },
  });
  const vasterasGuests = [
    ["Lars Nilsson", "Kommunstyrelsens förvaltning, utredare"],
    ["Maria Ek", "Kontaktcenter, gruppledare"],
    ["Johan Svensson", "IT-avdelningen, systemförvaltare"],
    ["Sara Holm", "Kommunikationsavdelningen"],
    ["Peter Lund", "Kontaktcenter, handläggare"],
  ] as const;
  await tx.visitParticipant.createMany({
    data: [
      { visitId: toJinan.id, role: "delegate", userId: people.karin.id, title: "Projektledare" },
      { visitId: toJinan.id, role: "delegate", userId: people.erik.id, title: "Kontaktcenterchef" },
      { visitId: toJinan.id, role: "delegate", userId: people.owner.id, title: "Biträdande stadsdirektör" },
      ...vasterasGuests.map(([name, title]) => ({ visitId: toJinan.id, role: "delegate" as const, name, organisation: "Västerås stad", title })),
      { visitId: toJinan.id, role: "host", userId: people.wang.id, title: "项目协调员" },
      { visitId: toJinan.id, role: "interpreter", name: "何琳 He Lin", organisation: "济南市外事办公室", title: "翻译" },
    ],
  });
  const [hotline, dataCentre] = await programme(tx, toJinan.id, toJinanStart, "Asia/Shanghai", [
    { day: 0, start: "09:00", end: "11:30", titles: { zh: "参观12345热线", sv: "Studiebesök på Hotline 12345" }, lang: "zh", place: "济南12345热线服务中心", leader: "王芳 Wang Fang" },
    { day: 0, start: "14:00", end: "16:00", titles: { zh: "大数据局座谈：市民诉求分析", sv: "Samtal på stordatabyrån: analys av invånarnas ärenden" }, lang: "zh", place: "济南市大数据局", leader: "赵磊 Zhao Lei" },
    { day: 1, start: "09:30", end: "12:00", titles: { zh: "社区居民对话活动", sv: "Invånardialog i ett bostadsområde" }, lang: "zh", place: "历下区 泉城路街道", leader: "李伟 Li Wei" },
    { day: 2, start: "09:00", end: "15:00", titles: { zh: "联合研讨会：未来项目计划", sv: "Gemensam workshop: den framtida projektplanen" }, lang: "zh", place: "济南市人民政府 第三会议室", leader: "李伟 Li Wei" },
    { day: 4, start: "10:00", end: "11:00", titles: { zh: "总结会", sv: "Avslutande möte" }, lang: "zh", place: "济南市人民政府", leader: "李伟 Li Wei" },
  ]);
  await writeText(tx, { agendaItemId: hotline! }, "zh", doc("预备说明：12345热线每天受理数万件市民诉求，工作人员数百名，服务近七百万居民。"));
  void dataCentre;

  // What was learned, in both languages, tagged.
  const tags = await Promise.all(
    [
      { sv: "Kontaktcenter", zh: "联络中心", en: "Contact centre" },
      { sv: "Invånardialog", zh: "居民对话", en: "Citizen dialogue" },
      { sv: "Ärendehantering", zh: "诉求办理", en: "Case handling" },
      { sv: "Data och analys", zh: "数据分析", en: "Data and analysis" },
      { sv: "Kompetens", zh: "人员培训", en: "Staff skills" },
    ].map((names) => tx.findingTag.create({ data: { projectId, names } })),
  );
  const [centreTag, dialogueTag, casesTag, dataTag, skillsTag] = tags.map((tag) => tag.id) as [string, string, string, string, string];
  const findings: {
    titles: Partial<Record<Language, string>>;
    lang: Language;
    organisationId: string;
    visitId: string;
    agendaItemId?: string;
    authorId: string;
    state: "draft" | "shared";
    tags: string[];
    /** Kinds of the plan sections it informs. */
    informs?: string[];
    body: Partial<Record<Language, JSONContent>>;
  }[] = [
    {
      titles: { zh: "12345热线：一个号码受理全部诉求", sv: "Hotline 12345: ett nummer för alla ärenden", en: "Hotline 12345: one number for every request" },
      lang: "zh",
      organisationId: jinan.id,
      visitId: toVasteras.id,
      agendaItemId: workshop,
      authorId: people.zhangMin.id,
      state: "shared",
      tags: [centreTag, casesTag],
      informs: ["background", "activities"],
      body: {
        zh: doc("济南12345热线以数百名工作人员服务近七百万居民。市民只需拨打一个号码，热线负责分派、督办和回访。"),
        sv: doc("Jinans Hotline 12345 betjänar nästan sju miljoner invånare med flera hundra medarbetare. Invånaren ringer ett nummer; hotlinen fördelar, följer upp och ringer tillbaka."),
      },
    },
    {
      titles: { sv: "Så lotsar Västerås kontaktcenter vidare", zh: "韦斯特罗斯联络中心如何转办" },
      lang: "sv",
      organisationId: vasteras.id,
      visitId: toVasteras.id,
      agendaItemId: contactCentre,
      authorId: people.karin.id,
      state: "shared",
      tags: [centreTag, casesTag],
      body: {
        sv: doc("Kontaktcentret med 40 medarbetare besvarar det mesta direkt. Det som kräver handläggning lotsas vidare till förvaltningen som ett ärende, och invånaren får veta vem som har det."),
        zh: doc("联络中心40名工作人员直接答复大部分咨询。需要办理的事项作为案件转交相关部门，并告知市民由谁负责。"),
      },
    },
    {
      titles: { sv: "Invånardialogen når sällan politiken", zh: "居民对话很少传达到决策层" },
      lang: "sv",
      organisationId: vasteras.id,
      visitId: toVasteras.id,
      agendaItemId: dialogue,
      authorId: people.karin.id,
      state: "shared",
      tags: [dialogueTag],
      informs: ["problemAndGoals"],
      body: {
        sv: doc("Synpunkter från dialogerna sammanställs en gång i kvartalet och når sällan nämnderna. Jinans månadsrapporter till stadsledningen är en förebild."),
        zh: doc("对话中收集的意见每季度汇总一次，很少送达各委员会。济南每月向市领导报送的报告值得借鉴。"),
      },
    },
    {
      titles: { zh: "市民诉求数据用于城市治理", sv: "Invånarnas ärenden som underlag för styrningen" },
      lang: "zh",
      organisationId: jinan.id,
      visitId: toVasteras.id,
      authorId: people.wang.id,
      state: "shared",
      tags: [dataTag, dialogueTag],
      body: {
        zh: doc("大数据局每月分析热线数据，找出高频问题，报送相关部门和市领导。"),
        sv: doc("Stordatabyrån analyserar varje månad hotlinens ärenden, hittar de vanligaste frågorna och rapporterar till förvaltningarna och stadsledningen."),
      },
    },
    {
      titles: { zh: "话务人员培训与考核", sv: "Utbildning och uppföljning av handläggarna" },
      lang: "zh",
      organisationId: jinan.id,
      visitId: toVasteras.id,
      authorId: people.zhangMin.id,
      state: "shared",
      tags: [skillsTag],
      body: {
        zh: doc("新员工接受为期一个月的培训，之后每月根据市民满意度回访结果进行考核。"),
        sv: doc("Nya medarbetare utbildas i en månad och följs sedan upp varje månad utifrån invånarnas nöjdhet vid återuppringning."),
      },
    },
    {
      titles: { sv: "Utkast: chatt på kinesiska och svenska", zh: "草稿：中瑞双语在线咨询" },
      lang: "sv",
      organisationId: vasteras.id,
      visitId: toVasteras.id,
      authorId: people.karin.id,
      state: "draft",
      tags: [centreTag],
      body: { sv: doc("Idé att pröva under förstudien: en gemensam chattlösning. Inte färdigt underlag än.") },
    },
  ];
  const sections = await tx.planSection.findMany({ where: { projectId }, select: { id: true, kind: true } });
  for (const finding of findings) {
    const created = await tx.finding.create({
      data: {
        projectId,
        titles: finding.titles,
        originalLang: finding.lang,
        sourceLang: finding.lang,
        state: finding.state,
        organisationId: finding.organisationId,
        visitId: finding.visitId,
        agendaItemId: finding.agendaItemId ?? null,
        authorId: finding.authorId,
        tags: { create: finding.tags.map((tagId) => ({ tagId })) },
        sections: { create: sections.filter((section) => finding.informs?.includes(section.kind ?? "")).map((section) => ({ sectionId: section.id })) },
      },
    });
    const source = finding.body[finding.lang]!;
    await writeText(tx, { findingId: created.id }, finding.lang, source);
    for (const [lang, json] of Object.entries(finding.body) as [Language, JSONContent][]) {
      if (lang !== finding.lang) await writeText(tx, { findingId: created.id }, lang, json, hashText(jsonToText(source)));
    }
  }
  return { toVasteras: toVasteras.id, toJinan: toJinan.id, contactCentreItem: contactCentre!, hotlineItem: hotline! };
}

/** A picture for the demo: a drawn "photo" of the contact centre's board, if sharp can draw here. */
async function boardPhoto(): Promise<Uint8Array | null> {
  try {
    const { default: sharp } = await import("sharp");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="640"><rect width="960" height="640" fill="#dfe8f1"/><rect x="80" y="90" width="800" height="420" rx="16" fill="#1f4e79"/><text x="480" y="260" font-size="72" text-anchor="middle" fill="#fff" font-family="sans-serif">Hotline 12345</text><text x="480" y="360" font-size="40" text-anchor="middle" fill="#cfe0f0" font-family="sans-serif">Västerås – Jinan</text></svg>`;
    return new Uint8Array(await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer());
  } catch {
    return null;
  }
}

export async function seedDemoAttachments(prisma: PrismaClient, ids: { projectId: string; toVasteras: string; toJinan: string; contactCentreItem: string }) {
  const karin = await prisma.user.findUniqueOrThrow({ where: { email: "karin@vasteras.example" } });
  const access = { user: karin, projectId: ids.projectId, role: "project_group" as const };
  const pdf = textPdf(["Program: Jinans delegation i Vasteras", "Dag 1: Valkomstmote, studiebesok pa kontaktcentret", "Dag 2: Workshop om projektplanen", "Dag 3: Invanardialog i Backby", "Dag 5: Sammanfattning"]);
  await attachFiles(access, { kind: "visit", id: ids.toVasteras }, [await receiveBytes("Program Jinan-delegationen.pdf", pdf)]);
  const photo = await boardPhoto();
  if (photo) await attachFiles(access, { kind: "agenda_item", id: ids.contactCentreItem }, [await receiveBytes("kontaktcentret-tavla.jpg", photo)]);
}
