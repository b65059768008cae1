// Search benchmark (a script, not a test): generated plan sections, milestones and comments in
// Swedish, Chinese and English, indexed one by one through reindex() as the app does after each
// change, then searched with Chinese, Swedish and English queries through search() (query,
// permissions, ranking and snippets). Goal: p95 under 50 ms on both databases.
// Run: npm run bench:search                  (10 000 items on PGlite, then 100 000 on PostgreSQL)
//      npm run bench:search -- --only pglite  (or postgres); --items N overrides the count
//      --keep leaves the PostgreSQL database in place for EXPLAIN ANALYZE
//      BENCH_POSTGRES_URL=postgresql://user@host:5432  (default postgresql://postgres@127.0.0.1:5432)
// On PostgreSQL it creates a database of its own and drops it afterwards.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase, useDatabase, type Database } from "~/db/db.server";
import { applyMigrations } from "~/db/migrations.server";
import type { Language } from "~/generated/prisma/enums";
import { hashText } from "~/editor/rich-text.server";
import { reindex, search, type SearchKind } from "~/search/search.server";
import { machine, percentile, seededRandom, withScratchPostgres } from "./support";

const { values: args } = parseArgs({
  options: { only: { type: "string" }, items: { type: "string" }, queries: { type: "string", default: "200" }, keep: { type: "boolean", default: false } },
});

// Words people write about this partnership.
const domainWords: Record<Language, string[]> = {
  sv: (
    "kontaktcenter kontaktcentret invånare invånarna invånarnas dialog dialogen dialoger synpunkt synpunkter synpunkterna ärende ärendet ärenden " +
    "förvaltning förvaltningen förvaltningar medarbetare medarbetarna telefon telefonen chatt e-post beslut beslutet beslutsfattare politiken " +
    "kommun kommunen kommunala stadsdel stadsdelen stadsdelar besök besöket besöken delegation delegationen delegationer workshop programmet " +
    "protokoll protokollet lärdom lärdomar lärdomen budget budgeten kostnad kostnader resa resor resan tolk tolken tolkar översättning " +
    "utbildning utbildningen kvalitet kvaliteten uppföljning uppföljningen rapport rapporten rapporter mål målet målen aktivitet aktiviteter " +
    "risk risker risken hållbarhet samarbete samarbetet partnerskap partnerskapet förstudie förstudien styrgrupp styrgruppen projektgrupp " +
    "medborgare medborgarna demokrati demokratin öppenhet insyn digitalisering tjänst tjänster tjänsten bemötande väntetid väntetiden " +
    "klagomål klagomålen förslag förslaget förslagen enkät enkäten statistik analys analysen data mätning indikator indikatorer resultat " +
    "skola skolan skolor äldreomsorg socialtjänst kollektivtrafik bussar gator vinterväghållning snöröjning parker bibliotek biblioteket"
  ).split(" "),
  en: (
    "contact centre centres citizen citizens dialogue dialogues feedback complaint complaints case cases department departments staff " +
    "telephone chat email decision decisions decision-makers politics municipality municipal district districts visit visits delegation " +
    "delegations workshop programme minutes finding findings lesson lessons budget budgets cost costs travel interpreter interpreters " +
    "translation training quality follow-up report reports goal goals activity activities risk risks sustainability cooperation partnership " +
    "study steering group project democracy openness transparency digitalisation service services waiting time proposal proposals survey " +
    "statistics analysis data measurement indicator indicators result results school schools elderly care social transport buses streets " +
    "snow clearing parks library libraries hotline calls callers operator operators escalation response responses satisfaction"
  ).split(" "),
  zh: (
    "联络中心 居民 市民 对话 意见 诉求 工单 部门 工作人员 电话 在线 邮件 决策 决策者 政府 人民政府 市政府 济南 韦斯特罗斯 社区 街道 访问 " +
    "代表团 研讨会 日程 纪要 发现 经验 预算 费用 差旅 翻译 口译 培训 质量 跟踪 报告 目标 活动 风险 可持续 合作 伙伴关系 预研究 指导小组 " +
    "项目组 民主 公开 透明 数字化 服务 接待 等待时间 投诉 建议 问卷 统计 分析 数据 测量 指标 成果 学校 养老 社会服务 公共交通 公交 道路 " +
    "扫雪 公园 图书馆 热线 来电 话务员 办理 回访 满意度 大数据局 城市治理 政务服务 便民 咨询 答复 转办 督办 考核 改进 试点 推广 交流"
  ).split(" "),
};
const queries: Record<Language, string[]> = {
  sv: ["dialogen", "invånarnas synpunkter", "kontaktcentret", "ärenden", "uppföljningen rapport", "snöröjning", "tolkar", "styrgruppen beslut", "väntetiden", "bibliotek"],
  zh: ["热线", "市民", "对话", "政府", "市民诉求", "回访", "满意度", "城市治理", "扫雪", "民诉"],
  en: ["dialogues", "citizens feedback", "contact centre", "complaints", "interpreters", "snow clearing", "steering group decision", "waiting time", "libraries", "satisfaction"],
};

const random = seededRandom(42); // the same data on every run

// Text is drawn word by word from a vocabulary of 2 000 words per language with Zipf's law (the
// word of rank r is used in proportion to 1/r), as natural language is. The most frequent ranks
// hold function words; the partnership's words sit at ranks spread evenly on a log scale from 10
// to 2 000, so queries range from words in a fifth of all items to words in a few hundredths; the
// rest are made-up words. The output lists how many entries each query matches.
const VOCABULARY = 2000;
const functionWords: Record<Language, string[]> = {
  sv: "och att det i på som en för med är av till inte om har de den ett men".split(" "),
  en: "the of and to in a is for that with on as are be by this it not or".split(" "),
  zh: "的 了 和 是 在 有 也 对 将 与 及 等 为 中 上 下 这 并 由 把".split(" "),
};
const hanPool = "东西南北上下左右前后大小多少高低新旧长短明暗春夏秋冬山水河海天地风雨花草木林金银铜铁石土火光电声色香味文字书画诗词歌曲心意情感思想行动生活工作学习研究发展建设管理组织计划制度方法技术".split("");
function madeUpWord(lang: Language) {
  if (lang === "zh") return hanPool[Math.floor(random() * hanPool.length)]! + hanPool[Math.floor(random() * hanPool.length)]!;
  const syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vi", "bo", "da", "fe", "gu", "ha", "jo", "pe", "sto", "tra", "ber", "lin", "mar"];
  return Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join("");
}
function buildVocabulary(lang: Language): string[] {
  const words: (string | undefined)[] = new Array(VOCABULARY);
  functionWords[lang].forEach((word, rank) => (words[rank] = word));
  // The domain words in a fixed shuffled order, so that neither list order nor language decides which are common.
  const domain = [...domainWords[lang]].sort((a, b) => hashText(a).localeCompare(hashText(b)));
  domain.forEach((word, index) => {
    let rank = Math.round(10 * (VOCABULARY / 10) ** (index / domain.length));
    while (words[rank] !== undefined) rank++;
    words[rank] = word;
  });
  for (let rank = 0; rank < VOCABULARY; rank++) words[rank] ??= madeUpWord(lang);
  return words.slice(0, VOCABULARY) as string[];
}
const vocabulary: Record<Language, string[]> = { sv: buildVocabulary("sv"), en: buildVocabulary("en"), zh: buildVocabulary("zh") };
const cumulative = (() => {
  const sums: number[] = [];
  let sum = 0;
  for (let rank = 1; rank <= VOCABULARY; rank++) sums.push((sum += 1 / rank));
  return sums;
})();
function zipf<T>(list: T[]): T {
  const target = random() * cumulative.at(-1)!;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return list[low]!;
}

function sentence(lang: Language, words: number) {
  const picked = Array.from({ length: words }, () => zipf(vocabulary[lang]));
  return lang === "zh" ? `${picked.join("")}。` : `${picked.join(" ").replace(/^./, (c) => c.toUpperCase())}.`;
}
const paragraphText = (lang: Language, sentences: number, words: number) => Array.from({ length: sentences }, () => sentence(lang, words)).join(" ");
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

type Item = { kind: SearchKind; id: string };

/** A project with `count` searchable items, a third in each language: plan sections (long texts), milestones, comments. */
async function generate(database: Database, count: number): Promise<{ projectId: string; userId: string; items: Item[] }> {
  const prisma = database.prisma;
  const user = await prisma.user.create({ data: { email: `bench-${randomBytes(4).toString("hex")}@example.org`, name: "Bench", passwordHash: "x" } });
  const project = await prisma.project.create({
    data: { titles: { en: "Search benchmark" }, originalLang: "en", grantAmount: "1", startDate: new Date("2026-01-01"), endDate: new Date("2026-12-31"), memberships: { create: { userId: user.id, role: "viewer" } } },
  });
  const langs: Language[] = ["sv", "zh", "en"];
  const items: Item[] = [];
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    const sections: { id: string; projectId: string; position: number; titles: object; titleLang: Language; sourceLang: Language }[] = [];
    const texts: { sectionId: string; lang: Language; ydoc: Uint8Array<ArrayBuffer>; json: object; text: string; textHash: string }[] = [];
    const milestones: { id: string; projectId: string; titles: object; descriptions: object; originalLang: Language; dueDate: Date }[] = [];
    const comments: { id: string; projectId: string; sectionId: string; lang: Language; body: object; bodyLang: Language }[] = [];
    for (let index = start; index < start + size; index++) {
      const lang = langs[index % 3]!;
      const id = `bench${index.toString(36).padStart(8, "0")}`;
      const kind = index % 10 < 2 ? "plan_section" : index % 10 < 6 ? "milestone" : "comment";
      if (kind === "plan_section") {
        const text = paragraphText(lang, 12, 10);
        sections.push({ id, projectId: project.id, position: index, titles: { [lang]: sentence(lang, 3) }, titleLang: lang, sourceLang: lang });
        texts.push({ sectionId: id, lang, ydoc: new Uint8Array([0, 0]), json: doc(text), text, textHash: hashText(text) });
      } else if (kind === "milestone") {
        milestones.push({ id, projectId: project.id, titles: { [lang]: sentence(lang, 4) }, descriptions: { [lang]: paragraphText(lang, 2, 10) }, originalLang: lang, dueDate: new Date("2026-06-01") });
      } else {
        comments.push({ id, projectId: project.id, sectionId: sections[0]?.id ?? items.find((item) => item.kind === "plan_section")!.id, lang, body: { [lang]: paragraphText(lang, 2, 8) }, bodyLang: lang });
      }
      items.push({ kind, id });
    }
    await prisma.planSection.createMany({ data: sections });
    await prisma.richText.createMany({ data: texts });
    await prisma.milestone.createMany({ data: milestones });
    await prisma.comment.createMany({ data: comments });
  }
  return { projectId: project.id, userId: user.id, items };
}

async function run(label: string, database: Database, count: number) {
  useDatabase(database);
  await applyMigrations(database.adapterFactory);
  console.log(`\n${label}: generating ${count} items…`);
  const { projectId, userId, items } = await generate(database, count);

  // Indexing, one item at a time, as after each change in the app.
  const indexStart = performance.now();
  for (const [index, item] of items.entries()) {
    await reindex(item.kind, item.id);
    if ((index + 1) % 10_000 === 0) console.log(`  indexed ${index + 1}`);
  }
  const indexMs = performance.now() - indexStart;
  const entries = await database.prisma.searchEntry.count({ where: { projectId } });
  // The steady state: on PostgreSQL autovacuum would by now have analyzed the table and moved the
  // GIN index's pending entries into the index (PGlite gets the same from reindex() itself).
  if (database.kind === "postgres") await database.prisma.$executeRawUnsafe(`VACUUM (ANALYZE) "SearchEntry"`);

  const rounds = Number(args.queries);
  const result: Record<string, { p50: number; p95: number; max: number; matching: number[] }> = {};
  for (const lang of ["zh", "sv", "en"] as Language[]) {
    const list = queries[lang];
    // How many entries each query matches in all (not only the 50 shown), and a warm-up.
    const matching: number[] = [];
    for (const query of list) matching.push((await search({ projectId, userId, role: "viewer", query, limit: count * 3 })).length);
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const query = list[i % list.length]!;
      const start = performance.now();
      await search({ projectId, userId, role: "viewer", query });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    result[lang] = { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)!, matching: matching.sort((a, b) => a - b) };
  }
  console.log(`${label}: ${count} items, ${entries} entries; indexing ${(indexMs / count).toFixed(2)} ms per item (${(indexMs / 1000).toFixed(1)} s in all)`);
  for (const [lang, figures] of Object.entries(result)) {
    const { matching } = figures;
    console.log(
      `  ${lang} queries: p50 ${figures.p50.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms, max ${figures.max.toFixed(1)} ms (${rounds} queries; ` +
        `each matches ${matching[0]}–${matching.at(-1)} entries, median ${matching[Math.floor(matching.length / 2)]}; 50 shown)`,
    );
  }
  useDatabase(undefined);
}

console.log(`Machine: ${machine()}`);

if (args.only !== "postgres") {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "partnership-bench-search-"));
  const database = await openDatabase({ dataDir });
  try {
    await run("PGlite", database, Number(args.items ?? 10_000));
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (args.only !== "pglite") {
  await withScratchPostgres(
    "search",
    async (databaseUrl) => {
      const database = await openDatabase({ databaseUrl });
      try {
        await run("PostgreSQL", database, Number(args.items ?? 100_000));
      } finally {
        await database.close();
      }
    },
    { keep: Boolean(args.keep) },
  );
}
