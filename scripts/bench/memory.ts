// Translation-memory benchmark (a script, not a test; decision 019): a project whose memory holds
// 10 000 confirmed Swedish→Chinese segments and 10 000 Chinese→Swedish ones, fed through
// rememberTranslations() as confirmations feed it, then suggestTranslations() timed for one
// paragraph at a time: a third exact hits, a third close variants (a word or two changed), a
// third new paragraphs. Goal: p95 under 50 ms on both databases.
// Run: npm run bench:memory                  (PGlite, then PostgreSQL)
//      npm run bench:memory -- --only pglite  (or postgres); --segments N overrides the count
//      BENCH_POSTGRES_URL=postgresql://user@host:5432  (default postgresql://postgres@127.0.0.1:5432)
// On PostgreSQL it creates a database of its own and drops it afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase, useDatabase, type Database } from "~/db/db.server";
import { applyMigrations } from "~/db/migrations.server";
import type { Lang } from "~/i18n/languages";
import { segmentSketch } from "~/translation/memory";
import { rememberTranslations, suggestTranslations, type TranslationPair } from "~/translation/memory.server";
import { machine, percentile, seededRandom, withScratchPostgres } from "./support";

const { values: args } = parseArgs({
  options: { only: { type: "string" }, segments: { type: "string", default: "10000" }, queries: { type: "string", default: "300" } },
});

const random = seededRandom(19); // the same memory on every run
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;

// Words of the partnership's texts, the common ones first: a word of rank r is drawn in proportion
// to 1/r (Zipf), as in natural text; made-up words fill the vocabulary to 1 500 per language.
const words: Record<"sv" | "zh", string[]> = {
  sv: (
    "och att i på som en för med är av till det de om ska har kan inte vid från " +
    "invånare invånarnas kontaktcenter kommunen förvaltningen synpunkter ärenden dialog medarbetare beslutsfattare " +
    "telefon chatt e-post svar frågor uppföljning rapport budget besök delegation styrgruppen projektgruppen " +
    "förstudien partnerskapet demokrati öppenhet väntetid kvalitet utbildning statistik enkät tolk programmet " +
    "stadsdelar bibliotek snöröjning kollektivtrafik äldreomsorg skolor resultat indikatorer mål aktiviteter risker"
  ).split(" "),
  zh: (
    "的 和 在 是 对 了 与 将 及 为 " +
    "市民 居民 联络中心 热线 政府 部门 意见 诉求 工单 对话 工作人员 决策者 电话 在线 邮件 答复 咨询 回访 " +
    "报告 预算 访问 代表团 指导小组 项目组 预研究 伙伴关系 民主 公开 等待时间 质量 培训 统计 问卷 翻译 日程 " +
    "社区 街道 图书馆 扫雪 公共交通 养老 学校 成果 指标 目标 活动 风险 满意度 督办 转办 城市治理"
  ).split(" "),
};
const syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vi", "bo", "da", "fe", "gu", "sto", "tra", "ber", "lin"];
const han = "东西南北上下大小多少高低新旧长短明春夏秋冬山水河海天地风雨花草木林金银石光声色心意情思想行动生活工作学习研究发展建设管理组织计划制度方法技术".split("");
const vocabulary = (lang: "sv" | "zh") => {
  const list = [...words[lang]];
  while (list.length < 1500) list.push(lang === "zh" ? pick(han) + pick(han) : Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(syllables)).join(""));
  return list;
};
const lists = { sv: vocabulary("sv"), zh: vocabulary("zh") };
const weights = Array.from({ length: 1500 }, (_, rank) => 1 / (rank + 1));
const total = weights.reduce((sum, weight) => sum + weight, 0);
function zipfWord(lang: "sv" | "zh") {
  let target = random() * total;
  for (let rank = 0; rank < weights.length; rank++) if ((target -= weights[rank]!) <= 0) return lists[lang][rank]!;
  return lists[lang][0]!;
}

/** A paragraph as the plan, minutes and titles have them: one to three sentences. */
function paragraph(lang: "sv" | "zh") {
  const sentences = 1 + Math.floor(random() * 3);
  return Array.from({ length: sentences }, () => {
    const picked = Array.from({ length: 6 + Math.floor(random() * 12) }, () => zipfWord(lang));
    return lang === "zh" ? `${picked.join("")}。` : `${picked.join(" ").replace(/^./, (c) => c.toUpperCase())}.`;
  }).join(lang === "zh" ? "" : " ");
}

/** A word or two of a paragraph changed: what a close match looks like. */
function variant(lang: "sv" | "zh", text: string) {
  if (lang === "zh") {
    const at = Math.floor(random() * (text.length - 3));
    return text.slice(0, at) + zipfWord("zh") + text.slice(at + 2);
  }
  const parts = text.split(" ");
  parts[Math.floor(random() * parts.length)] = zipfWord("sv");
  return parts.join(" ");
}

async function run(label: string, database: Database, count: number) {
  useDatabase(database);
  await applyMigrations(database.adapterFactory);
  const prisma = database.prisma;
  const project = await prisma.project.create({ data: { titles: { en: "Memory benchmark" }, originalLang: "en", grantAmount: "1", startDate: new Date("2026-01-01"), endDate: new Date("2026-12-31") } });
  console.log(`\n${label}: remembering ${count} segments in each direction…`);
  const sources: Record<"sv" | "zh", string[]> = { sv: [], zh: [] };
  const feedStart = performance.now();
  for (const [from, to] of [["sv", "zh"], ["zh", "sv"]] as ["sv" | "zh", "sv" | "zh"][]) {
    for (let start = 0; start < count; start += 500) {
      const pairs: TranslationPair[] = [];
      for (let i = start; i < Math.min(count, start + 500); i++) {
        const source = paragraph(from);
        sources[from].push(source);
        pairs.push({ from, to, source, target: paragraph(to) });
      }
      await prisma.$transaction((tx) => rememberTranslations(tx, project.id, pairs, null, "rich_text"), { timeout: 120_000 });
    }
  }
  const feedMs = performance.now() - feedStart;
  const rows = await prisma.translationSegment.count({ where: { projectId: project.id } });
  // Statistics as autovacuum (PostgreSQL) would have them by now; the GIN index has no pending
  // entries to merge (fastupdate is off, see the migration), so no vacuum is needed on either.
  await prisma.$executeRawUnsafe(`ANALYZE "TranslationSegment"`);
  console.log(`  ${rows} segments remembered, ${(feedMs / rows).toFixed(2)} ms each`);

  const rounds = Number(args.queries);
  for (const [from, to] of [["sv", "zh"], ["zh", "sv"]] as ["sv" | "zh", Lang][]) {
    const asked = Array.from({ length: rounds }, (_, i) => (i % 3 === 0 ? pick(sources[from]) : i % 3 === 1 ? variant(from, pick(sources[from])) : paragraph(from)));
    for (const text of asked.slice(0, 20)) await suggestTranslations(project.id, from, to, [text]); // warm-up
    const times: number[] = [];
    const found = { exact: 0, close: 0, none: 0 };
    for (const text of asked) {
      const start = performance.now();
      const [suggestions] = await suggestTranslations(project.id, from, to, [text]);
      times.push(performance.now() - start);
      if (suggestions![0]?.exact) found.exact++;
      else if (suggestions!.length > 0) found.close++;
      else found.none++;
    }
    if (process.env.BENCH_DEBUG) {
      const slow = asked.map((text, i) => ({ text, ms: times[i]! })).sort((a, b) => b.ms - a.ms).slice(0, 5);
      for (const { text, ms } of slow) {
        const [{ n }] = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "TranslationSegment" WHERE "projectId" = ${project.id} AND "sourceLang" = ${from}::"Language" AND "sketch" && ${segmentSketch(text)}::text[]`;
        console.log(`    ${ms.toFixed(0)} ms, ${n} sharing a key: ${text.slice(0, 80)}`);
      }
    }
    times.sort((a, b) => a - b);
    console.log(
      `  ${from}→${to}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms ` +
        `(${rounds} paragraphs: ${found.exact} exact, ${found.close} close, ${found.none} nothing offered)`,
    );
  }
  useDatabase(undefined);
}

console.log(`Machine: ${machine()}`);
const count = Number(args.segments);

if (args.only !== "postgres") {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "partnership-bench-memory-"));
  const database = await openDatabase({ dataDir });
  try {
    await run("PGlite", database, count);
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (args.only !== "pglite") {
  await withScratchPostgres("memory", async (databaseUrl) => {
    const database = await openDatabase({ databaseUrl });
    try {
      await run("PostgreSQL", database, count);
    } finally {
      await database.close();
    }
  });
}
