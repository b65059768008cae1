import { randomUUID } from "node:crypto";
import { can } from "~/auth/permissions";
import { currentDatabase, db } from "~/db/db.server";
import { enqueue } from "~/jobs/queue.server";
import { Prisma } from "~/generated/prisma/client";
import type { ProjectRole } from "~/generated/prisma/enums";
import { tFor } from "~/i18n/i18n.server";
import { isLang, languages, type Lang } from "~/i18n/languages";
import { pickLocalized, type Localized } from "~/i18n/localized";
import { swedishCompounds } from "./compounds.server";
import { isEmptyQuery, parseQuery, prepareForIndexInSlices, snippetHtml, type ParsedQuery } from "./segment";
import { href, withQuery } from "~/utils/links";

// Project search on PostgreSQL full-text search (PGlite and PostgreSQL alike): one SearchEntry per
// searchable thing and language, its tsvector written with that language's configuration (Chinese
// split into words and pairs first, Swedish compounds given their parts: app/search/segment.ts),
// the title weighted above the body.

export const searchKinds = ["plan_section", "milestone", "comment", "visit", "agenda_item", "minutes", "finding"] as const;
export type SearchKind = (typeof searchKinds)[number];

export type SearchHit = {
  kind: SearchKind;
  entityId: string;
  lang: Lang;
  title: string;
  /** HTML-escaped text with <mark> around the matches. */
  snippetHtml: string;
  link: string;
  rank: number;
  /** The title itself matches (such hits come first). */
  inTitle: boolean;
};

/** At most this many results; a person narrows the query rather than reading further. */
export const SEARCH_LIMIT = 50;

// Far beyond any real plan text; keeps a pasted book under PostgreSQL's 1 MB tsvector limit.
const MAX_INDEXED_CHARS = 200_000;

const configs: Record<Lang, Prisma.Sql> = {
  sv: Prisma.sql`'swedish'::regconfig`,
  en: Prisma.sql`'english'::regconfig`,
  // Chinese has no stemming; it arrives split into words and pairs, indexed as they are.
  zh: Prisma.sql`'simple'::regconfig`,
};

type Entry = {
  lang: Lang;
  /** Shown in results: the entry's own title, else the original's. */
  title: string;
  /** Indexed with weight A: only a title written in this language ("" when there is none). */
  indexTitle: string;
  body: string;
  link: string;
};

type Indexed = { projectId: string; entries: Entry[]; draft?: { authorId: string | null } };

/**
 * A comment: an entry for each language it was given in (indexed as that language is), shown
 * under its section's or finding's title in that language; the link opens the column it is on.
 */
function commentEntries(body: Prisma.JsonValue, titleIn: (lang: Lang) => string, link: string): Entry[] {
  const texts = localized(body);
  return languages.flatMap((lang) => (own(texts, lang) ? [{ lang, title: titleIn(lang), indexTitle: "", body: own(texts, lang), link }] : []));
}

const localized = (value: Prisma.JsonValue | null) => (value ?? {}) as Localized;
const own = (texts: Localized, lang: Lang) => texts[lang]?.trim() ?? "";

/** Shorter texts per language ({ "sv": "…" }): an entry for each language with a title or a body of its own. */
function shortTextEntries(titles: Localized, bodies: Localized, originalLang: Lang, link: string): Entry[] {
  return languages.flatMap((lang) => {
    const title = own(titles, lang);
    const body = own(bodies, lang);
    if (!title && !body) return [];
    return [{ lang, title: title || pickLocalized(titles, originalLang, lang).text, indexTitle: title, body, link }];
  });
}

function sectionTitle(section: { kind: string | null; titles: Prisma.JsonValue | null; titleLang: Lang | null }, lang: Lang) {
  if (section.kind) {
    const title = tFor(lang)(`plan:sections.${section.kind}`);
    return { title, own: title };
  }
  const titles = localized(section.titles);
  return { title: own(titles, lang) || pickLocalized(titles, section.titleLang, lang).text, own: own(titles, lang) };
}

// The plan page shows the entry's language first (left column).
const sectionLink = (projectId: string, sectionId: string, lang: Lang) => withQuery(href("/projects/:projectId/plan/:sectionId", { projectId, sectionId }), { left: lang });

/** What each kind of thing puts in the index; null when it is gone (or removed) and must leave it. */
const loaders: Record<SearchKind, (id: string) => Promise<Indexed | null>> = {
  async plan_section(id) {
    const section = await db.planSection.findUnique({ where: { id }, include: { texts: { select: { lang: true, text: true } } } });
    if (!section || section.removedAt) return null;
    const entries = languages.flatMap((lang) => {
      const { title, own: indexTitle } = sectionTitle(section, lang);
      const body = section.texts.find((text) => text.lang === lang)?.text ?? "";
      if (!indexTitle && !body.trim()) return [];
      return [{ lang, title, indexTitle, body, link: sectionLink(section.projectId, section.id, lang) }];
    });
    return { projectId: section.projectId, entries };
  },

  async milestone(id) {
    const milestone = await db.milestone.findUnique({ where: { id } });
    if (!milestone) return null;
    const link = href("/projects/:projectId/milestones/:milestoneId", { projectId: milestone.projectId, milestoneId: milestone.id });
    return { projectId: milestone.projectId, entries: shortTextEntries(localized(milestone.titles), localized(milestone.descriptions), milestone.originalLang, link) };
  },

  async comment(id) {
    const comment = await db.comment.findUnique({ where: { id } });
    if (!comment) return null;
    if (comment.findingId) {
      // On a finding: shown under the finding's title, and as private as the finding is.
      const finding = await db.finding.findUnique({ where: { id: comment.findingId } });
      if (!finding) return null;
      const link = href("/projects/:projectId/findings/:findingId", { projectId: finding.projectId, findingId: finding.id });
      return {
        projectId: comment.projectId,
        draft: finding.state === "draft" ? { authorId: finding.authorId } : undefined,
        entries: commentEntries(comment.body, (lang) => pickLocalized(localized(finding.titles), finding.originalLang, lang).text, link),
      };
    }
    const section = await db.planSection.findFirst({ where: { id: comment.sectionId ?? "", removedAt: null } });
    if (!section) return null;
    // Found by its words, shown under its section's title: the title is not the comment's own.
    return {
      projectId: comment.projectId,
      entries: commentEntries(comment.body, (lang) => sectionTitle(section, lang).title, sectionLink(comment.projectId, section.id, comment.lang)),
    };
  },

  async visit(id) {
    const visit = await db.visit.findUnique({ where: { id } });
    if (!visit) return null;
    const link = href("/projects/:projectId/visits/:visitId", { projectId: visit.projectId, visitId: visit.id });
    return { projectId: visit.projectId, entries: shortTextEntries(localized(visit.titles), localized(visit.purposes), visit.originalLang, link) };
  },

  async agenda_item(id) {
    const item = await db.agendaItem.findUnique({ where: { id }, include: { visit: { select: { projectId: true } } } });
    if (!item) return null;
    const link = href("/projects/:projectId/visits/:visitId/items/:itemId", { projectId: item.visit.projectId, visitId: item.visitId, itemId: item.id });
    const details = [item.place, item.leader].filter((text) => text.trim()).join(" · ");
    const titles = localized(item.titles);
    const entries = languages
      .filter((lang) => own(titles, lang))
      .map((lang) => ({ lang, title: own(titles, lang), indexTitle: own(titles, lang), body: details, link }));
    return { projectId: item.visit.projectId, entries };
  },

  // The minutes of an agenda item (entityId = the agenda item's id), one entry per language written.
  async minutes(id) {
    const item = await db.agendaItem.findUnique({
      where: { id },
      include: { visit: { select: { projectId: true } }, texts: { select: { lang: true, text: true } } },
    });
    if (!item) return null;
    const link = href("/projects/:projectId/visits/:visitId/items/:itemId", { projectId: item.visit.projectId, visitId: item.visitId, itemId: item.id });
    const titles = localized(item.titles);
    const entries = item.texts
      .filter((text) => text.text.trim())
      .map((text) => ({ lang: text.lang, title: pickLocalized(titles, item.originalLang, text.lang).text, indexTitle: "", body: text.text, link }));
    return { projectId: item.visit.projectId, entries };
  },

  async finding(id) {
    const finding = await db.finding.findUnique({ where: { id }, include: { texts: { select: { lang: true, text: true } } } });
    if (!finding) return null;
    const link = href("/projects/:projectId/findings/:findingId", { projectId: finding.projectId, findingId: finding.id });
    const bodies = Object.fromEntries(finding.texts.map((text) => [text.lang, text.text])) as Localized;
    return {
      projectId: finding.projectId,
      entries: shortTextEntries(localized(finding.titles), bodies, finding.originalLang, link),
      draft: finding.state === "draft" ? { authorId: finding.authorId } : undefined,
    };
  },
};

async function entryValues(kind: SearchKind, entityId: string, indexed: Indexed, entry: Entry) {
  const config = configs[entry.lang];
  // A long Chinese text takes a while to split: other requests get their turns meanwhile.
  const options = { compounds: entry.lang === "sv" ? await swedishCompounds() : undefined };
  const title = await prepareForIndexInSlices(entry.indexTitle, options);
  const body = await prepareForIndexInSlices(entry.body.slice(0, MAX_INDEXED_CHARS), options);
  const isDraft = indexed.draft !== undefined;
  const draftAuthorId = indexed.draft?.authorId ?? null;
  return Prisma.sql`(${randomUUID()}, ${indexed.projectId}, ${kind}, ${entityId}, ${entry.lang}::"Language", ${entry.title}, ${entry.body}, ${entry.link},
    ${draftAuthorId}, ${isDraft}, setweight(to_tsvector(${config}, ${title}), 'A') || setweight(to_tsvector(${config}, ${body}), 'B'), now())`;
}

/** One statement (one round trip, atomic): languages without text leave, the others are written. */
async function writeEntries(kind: SearchKind, entityId: string, indexed: Indexed) {
  const langs = indexed.entries.map((entry) => entry.lang);
  const removeOthers = Prisma.sql`DELETE FROM "SearchEntry" WHERE "kind" = ${kind} AND "entityId" = ${entityId} AND NOT ("lang"::text = ANY(${langs}::text[]))`;
  if (indexed.entries.length === 0) return db.$executeRaw`${removeOthers}`;
  const values = [];
  for (const entry of indexed.entries) values.push(await entryValues(kind, entityId, indexed, entry));
  return db.$executeRaw`
    WITH "removed" AS (${removeOthers})
    INSERT INTO "SearchEntry" ("id", "projectId", "kind", "entityId", "lang", "title", "body", "link", "draftAuthorId", "isDraft", "document", "updatedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("kind", "entityId", "lang") DO UPDATE SET
      "projectId" = EXCLUDED."projectId", "title" = EXCLUDED."title", "body" = EXCLUDED."body", "link" = EXCLUDED."link",
      "draftAuthorId" = EXCLUDED."draftAuthorId", "isDraft" = EXCLUDED."isDraft", "document" = EXCLUDED."document", "updatedAt" = now()`;
}

/** Entries whose thing is gone: a deleted visit takes its agenda items along, a removed section its comments. */
function pruneOrphans(projectId: string) {
  return db.$executeRaw`
    DELETE FROM "SearchEntry" e WHERE e."projectId" = ${projectId} AND CASE e."kind"
      WHEN 'plan_section' THEN NOT EXISTS (SELECT 1 FROM "PlanSection" s WHERE s."id" = e."entityId" AND s."removedAt" IS NULL)
      WHEN 'milestone' THEN NOT EXISTS (SELECT 1 FROM "Milestone" m WHERE m."id" = e."entityId")
      WHEN 'comment' THEN NOT EXISTS (SELECT 1 FROM "Comment" c LEFT JOIN "PlanSection" s ON s."id" = c."sectionId" AND s."removedAt" IS NULL
        WHERE c."id" = e."entityId" AND (s."id" IS NOT NULL OR c."findingId" IS NOT NULL))
      WHEN 'visit' THEN NOT EXISTS (SELECT 1 FROM "Visit" v WHERE v."id" = e."entityId")
      WHEN 'agenda_item' THEN NOT EXISTS (SELECT 1 FROM "AgendaItem" a WHERE a."id" = e."entityId")
      WHEN 'minutes' THEN NOT EXISTS (SELECT 1 FROM "AgendaItem" a WHERE a."id" = e."entityId")
      WHEN 'finding' THEN NOT EXISTS (SELECT 1 FROM "Finding" f WHERE f."id" = e."entityId")
      ELSE TRUE END`;
}

// PGlite runs no autovacuum, so nothing else does its work: without statistics the planner takes
// the table for a tiny one and reads all of a project's entries, and the GIN index's pending list
// (where fast inserts wait) grows to 4 MB, read through by every search. Measured at 10 000
// entries: 11-20 ms a search without, 3-9 ms with. Done as autovacuum would, after enough writes;
// on PostgreSQL autovacuum does it.
const VACUUM_AFTER_WRITES = 500;
let writesSinceVacuum = 0;

async function vacuumNowAndThen(force = false) {
  if (currentDatabase().kind !== "pglite") return;
  if (!force && ++writesSinceVacuum < VACUUM_AFTER_WRITES) return;
  writesSinceVacuum = 0;
  await db.$executeRaw`VACUUM (ANALYZE) "SearchEntry"`;
}

async function reindexOrThrow(kind: SearchKind, entityId: string) {
  const indexed = await loaders[kind](entityId);
  if (!indexed) {
    const removed = await db.$queryRaw<{ projectId: string }[]>`
      DELETE FROM "SearchEntry" WHERE "kind" = ${kind} AND "entityId" = ${entityId} RETURNING "projectId"`;
    // What hung on it (agenda items of a visit, comments of a section) leaves with it.
    const projectId = removed[0]?.projectId;
    if (projectId && (kind === "visit" || kind === "agenda_item" || kind === "plan_section")) await pruneOrphans(projectId);
    return;
  }
  await writeEntries(kind, entityId, indexed);
  await vacuumNowAndThen();
  // A comment is listed under its section's title, which may just have been renamed.
  if (kind === "plan_section" && indexed.entries.length > 0) {
    const titles = Prisma.join(indexed.entries.map((entry) => Prisma.sql`(${entry.lang}::text, ${entry.title}::text)`));
    await db.$executeRaw`
      UPDATE "SearchEntry" e SET "title" = renamed."title" FROM (VALUES ${titles}) AS renamed("lang", "title")
      WHERE e."kind" = 'comment' AND e."lang"::text = renamed."lang" AND e."title" <> renamed."title"
        AND e."entityId" IN (SELECT "id" FROM "Comment" WHERE "sectionId" = ${entityId})`;
  }
}

/**
 * Brings one thing's entries up to date with the database: written for each language that has
 * text, deleted for languages without and when the thing is gone. Called after the change is
 * committed; never throws, because a search index that lags must not undo or refuse a save.
 */
export async function reindex(kind: SearchKind, entityId: string): Promise<void> {
  try {
    await reindexOrThrow(kind, entityId);
  } catch (error) {
    console.error(`Search index: ${kind} ${entityId} not updated:`, error);
  }
}

/**
 * reindex off the editing path: queued, done by the job runner after the text is stored. The
 * collaboration server stores a text every few seconds while people type, and a long Chinese
 * text takes a second to index: neither the store nor its writers wait for it. Queued in the
 * database, so a restart in between does not leave the index behind.
 */
export async function reindexLater(kind: SearchKind, entityId: string): Promise<void> {
  try {
    await enqueue({ name: "reindex", data: { kind, entityId } });
  } catch (error) {
    console.error(`Search index: ${kind} ${entityId} not queued:`, error);
  }
}

/** Every searchable thing of a project, and nothing that is gone (after seeding, import, repair). */
export async function reindexProject(projectId: string): Promise<void> {
  const [sections, milestones, comments, visits, items, findings] = await Promise.all([
    db.planSection.findMany({ where: { projectId, removedAt: null }, select: { id: true } }),
    db.milestone.findMany({ where: { projectId }, select: { id: true } }),
    db.comment.findMany({ where: { projectId }, select: { id: true } }),
    db.visit.findMany({ where: { projectId }, select: { id: true } }),
    db.agendaItem.findMany({ where: { visit: { projectId } }, select: { id: true } }),
    db.finding.findMany({ where: { projectId }, select: { id: true } }),
  ]);
  const work: [SearchKind, { id: string }[]][] = [
    ["plan_section", sections],
    ["milestone", milestones],
    ["comment", comments],
    ["visit", visits],
    ["agenda_item", items],
    ["minutes", items],
    ["finding", findings],
  ];
  for (const [kind, rows] of work) for (const { id } of rows) await reindexOrThrow(kind, id);
  await pruneOrphans(projectId);
  await vacuumNowAndThen(true);
}

/** Every project: for a database whose things were written before search existed. */
export async function reindexAll(): Promise<void> {
  const projects = await db.project.findMany({ select: { id: true } });
  for (const project of projects) await reindexProject(project.id);
}

/**
 * The query as one tsquery: its words under each language's configuration (Swedish and English
 * stems, and as written), any of them, and its Chinese pairs, all of them. One condition the GIN
 * index answers; an entry may so match a word by another language's stem, which only widens
 * what is found a little (dialogen also finds an English "dialog").
 */
function tsquery(query: ParsedQuery): Prisma.Sql {
  const words = query.words
    ? Prisma.sql`(plainto_tsquery(${configs.sv}, ${query.words}) || plainto_tsquery(${configs.en}, ${query.words}) || plainto_tsquery(${configs.zh}, ${query.words}))`
    : null;
  const han = query.han ? Prisma.sql`to_tsquery('simple'::regconfig, ${query.han})` : null;
  if (words && han) return Prisma.sql`(${words} && ${han})`;
  return (words ?? han)!;
}

type Row = { kind: string; entityId: string; lang: string; title: string; body: string; link: string; rank: number; inTitle: boolean };

export type SearchInput = { projectId: string; userId: string; role: ProjectRole; query: string; lang?: Lang; limit?: number; offset?: number };

/**
 * What a person finds in a project, in every language (a query carries none): title matches
 * first, then by rank. A draft finding only for its author and those who may read drafts (docs/product.md).
 */
export async function search({ projectId, userId, role, query, lang, limit = SEARCH_LIMIT, offset = 0 }: SearchInput): Promise<SearchHit[]> {
  const parsed = parseQuery(query);
  if (isEmptyQuery(parsed)) return [];
  const q = tsquery(parsed);
  const readDrafts = can(role, "finding:readDrafts");
  const [, rows, stems] = await db.$transaction([
    // The planner prices a tsvector match far below what reading every row's tsvector costs, and
    // picks a full scan once a word is common (100 ms at 100 000 entries, against 30 ms through
    // the GIN index). Without full scans it takes the GIN index, or the project's index for a
    // small project. LOCAL: for this transaction only.
    db.$executeRaw`SET LOCAL enable_seqscan = off`,
    db.$queryRaw<Row[]>`
      SELECT e."kind", e."entityId", e."lang"::text AS "lang", e."title", e."body", e."link",
        ts_rank(e."document", ${q}) AS "rank", ts_filter(e."document", '{a}') @@ ${q} AS "inTitle"
      FROM "SearchEntry" e
      WHERE e."projectId" = ${projectId} AND e."document" @@ ${q}
        AND (e."isDraft" = false OR ${readDrafts} OR e."draftAuthorId" = ${userId})
        ${lang ? Prisma.sql`AND e."lang" = ${lang}::"Language"` : Prisma.empty}
      ORDER BY "inTitle" DESC, "rank" DESC, e."updatedAt" DESC, e."id"
      LIMIT ${limit} OFFSET ${offset}`,
    // The query's words as the configurations stem them, to mark inflected forms in snippets (dialog → dialogen).
    db.$queryRaw<{ stems: string[] }[]>`
      SELECT tsvector_to_array(to_tsvector(${configs.sv}, ${parsed.words}) || to_tsvector(${configs.en}, ${parsed.words})) AS "stems"`,
  ]);
  const match = { prefixes: [...parsed.highlight.words, ...(stems[0]?.stems ?? [])], runs: parsed.highlight.runs };
  // In a Swedish text, the part of a compound that matched is marked (invånar<mark>dialog</mark>).
  const compounds = rows.some((row) => row.lang === "sv") ? await swedishCompounds() : undefined;
  return rows.map((row) => ({
    kind: row.kind as SearchKind,
    entityId: row.entityId,
    lang: isLang(row.lang) ? row.lang : "en",
    title: row.title,
    snippetHtml: snippetHtml(row.body.trim() ? row.body : row.title, row.lang === "sv" ? { ...match, compounds } : match),
    link: row.link,
    rank: Number(row.rank),
    inTitle: Boolean(row.inTitle),
  }));
}
