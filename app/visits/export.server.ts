import type { JSONContent } from "@tiptap/core";
import { HeadingLevel, Paragraph, TextRun, type ParagraphChild } from "docx";
import { z } from "zod";
import { db } from "~/db/db.server";
import type { OrganisationName } from "~/projects/organisation-name";
import { documentFrame } from "~/editor/document-frame.server";
import { DocxConverter, isDocument, missingParagraph, packDocx, runLanguage, sideBySide, sideBySideTexts, type Block } from "~/editor/docx.server";
import { printCell, printColumns, type PrintCell, type PrintColumn } from "~/editor/print.server";
import { tFor } from "~/i18n/i18n.server";
import { dayIn, formatCalendarDate, formatDate, formatZonedTime, languageName } from "~/i18n/format";
import { dateTimeFormat } from "~/i18n/intl-cache";
import { htmlLang, intlLocale, langFromHtmlLang, languages, type Lang } from "~/i18n/languages";
import { pickLocalized, type Localized } from "~/i18n/localized";
import { getVisit, type VisitView } from "./visits.server";

// A visit's programme with its minutes, as a Word document and as a print page: one language, or
// two side by side. Minutes come from the stored ProseMirror JSON only (never from a client's HTML).

// ---------------------------------------------------------------------------------------------
// The query of /visits/:id/export and /print: ?langs=sv or ?langs=sv,zh

const langsSchema = z
  .string("errors:required")
  .max(20, "errors:invalid")
  .transform((value) => value.split(","))
  .pipe(z.array(z.enum(languages, "errors:invalid")).min(1, "errors:required").max(2, "errors:invalid"))
  .refine((langs) => new Set(langs).size === langs.length, "errors:invalid");

export const VisitExportQuerySchema = z.object({ langs: langsSchema });

export function parseVisitExportQuery(url: URL) {
  return VisitExportQuerySchema.safeParse({ langs: url.searchParams.get("langs") ?? undefined });
}

// ---------------------------------------------------------------------------------------------
// What is exported: every text already in its language(s), so both renderings only lay it out.

/** A short text in one of the chosen languages; `note` says (in `lang`) when it is shown in its original language instead. */
export type Line = { lang: Lang; htmlLang: string; text: string; note?: string; noteLang?: string };
export type Minutes = { lang: Lang; json: JSONContent | null; missing: string };
type Fact = { label: Line[]; value: Line[] };

export type VisitExport<Cell = Minutes> = {
  fileTitle: string;
  langs: Lang[];
  columns: PrintColumn[];
  title: Line[];
  subtitle: Line[];
  facts: Fact[];
  purpose: { label: Line[]; texts: Line[] } | null;
  delegation: { label: Line[]; groups: { role: string; label: Line[]; people: string[] }[] };
  programme: {
    label: Line[];
    hostClock: Line[];
    empty: Line[] | null;
    minutesLabel: Line[];
    days: {
      day: string;
      label: Line[];
      items: { id: string; time: string; titles: Line[]; facts: Fact[]; minutes: Cell[] | null; noMinutes: Line[] }[];
    }[];
  };
};

const roles = ["delegate", "host", "interpreter"] as const;

/** One line per language, once when two languages come to the same text. */
function lines(langs: Lang[], text: (lang: Lang) => Omit<Line, "lang" | "htmlLang" | "noteLang"> & { textLang?: Lang }): Line[] {
  const all = langs.map((lang) => {
    const { textLang, ...line } = text(lang);
    return { ...line, lang, htmlLang: htmlLang[textLang ?? lang], ...(line.note ? { noteLang: htmlLang[lang] } : {}) };
  });
  return all.filter((line, index) => all.findIndex((other) => other.text === line.text) === index);
}

/** A message in each language; its values may depend on the language (an organisation's name). */
const label = (langs: Lang[], key: string, options?: Record<string, unknown> | ((lang: Lang) => Record<string, unknown>)) =>
  lines(langs, (lang) => ({ text: tFor(lang)(key, typeof options === "function" ? options(lang) : options) as string }));

const nameIn = (organisation: OrganisationName, lang: Lang) => pickLocalized(organisation.names, organisation.originalLang, lang).text;

/** A title or purpose in the reader's language, else in its original language with a note saying so. */
function localized(langs: Lang[], texts: Localized, originalLang: Lang | null) {
  return lines(langs, (lang) => {
    const picked = pickLocalized(texts, originalLang, lang);
    return {
      text: picked.text,
      textLang: picked.fallback,
      note: picked.fallback ? (tFor(lang)("visits:fallback", { language: languageName(picked.fallback, lang) }) as string) : undefined,
    };
  });
}

function dayLabel(instant: string, lang: Lang, timeZone: string) {
  return dateTimeFormat(intlLocale[lang], { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone }).format(new Date(instant));
}

/** Start–end on the host city's clock; the end with its day when it falls on another one. */
function timeRange(item: VisitView["agendaItems"][number], lang: Lang, timeZone: string) {
  const nextDay = dayIn(item.endsAt, timeZone) !== dayIn(item.startsAt, timeZone);
  return `${formatZonedTime(item.startsAt, lang, timeZone, false)}–${formatZonedTime(item.endsAt, lang, timeZone, nextDay)}`;
}

/** The visit of this project with its minutes in the chosen languages, or null (404). */
export async function loadVisitExport(projectId: string, visitId: string, langs: Lang[]): Promise<VisitExport | null> {
  const visit = await getVisit(projectId, visitId);
  if (!visit) return null;
  const texts = await db.richText.findMany({
    where: { agendaItemId: { in: visit.agendaItems.map((item) => item.id) }, lang: { in: langs } },
    select: { agendaItemId: true, lang: true, json: true, text: true },
  });
  const minutesOf = (itemId: string, lang: Lang) => {
    const found = texts.find((text) => text.agendaItemId === itemId && text.lang === lang);
    // An empty text counts as missing, as in the plan export.
    return found && found.text.trim() !== "" && isDocument(found.json) ? found.json : null;
  };
  const zone = visit.host.timeZone;
  const first = langs[0]!;

  const days = new Map<string, VisitView["agendaItems"]>();
  for (const item of visit.agendaItems) {
    const day = dayIn(item.startsAt, zone);
    days.set(day, [...(days.get(day) ?? []), item]);
  }

  const title = localized(langs, visit.titles, visit.originalLang);
  const purpose = localized(langs, visit.purposes, visit.originalLang);
  return {
    fileTitle: pickLocalized(visit.titles, visit.originalLang, first).text,
    langs,
    columns: printColumns(langs),
    title,
    subtitle: label(langs, "visits:export.document"),
    facts: [
      { label: label(langs, "visits:fields.direction"), value: label(langs, "visits:direction", (lang) => ({ from: nameIn(visit.traveller, lang), to: nameIn(visit.host, lang) })) },
      {
        label: label(langs, "visits:fields.dates"),
        value: lines(langs, (lang) => ({ text: `${formatCalendarDate(visit.startDate, lang)}–${formatCalendarDate(visit.endDate, lang)}` })),
      },
      {
        label: label(langs, "visits:minutes.label"),
        value: visit.minutesClosedAt
          ? lines(langs, (lang) => ({ text: tFor(lang)("visits:minutes.closedOn", { date: formatDate(visit.minutesClosedAt!, lang, zone) }) }))
          : label(langs, "visits:minutes.open"),
      },
    ],
    purpose: purpose.some((line) => line.text) ? { label: label(langs, "visits:fields.purpose"), texts: langs.map((lang) => localized([lang], visit.purposes, visit.originalLang)[0]!) } : null,
    delegation: {
      label: label(langs, "visits:delegation"),
      groups: roles
        .map((role) => ({
          role,
          label: label(langs, `visits:roles.${role}`),
          people: visit.participants
            .filter((participant) => participant.role === role)
            .map((participant) => [participant.name, participant.title, participant.memberOrganisation ? nameIn(participant.memberOrganisation, first) : participant.organisation].filter(Boolean).join(", ")),
        }))
        .filter((group) => group.people.length > 0),
    },
    programme: {
      label: label(langs, "visits:programme"),
      hostClock: label(langs, "visits:export.hostClock", (lang) => ({ city: nameIn(visit.host, lang) })),
      empty: visit.agendaItems.length === 0 ? label(langs, "visits:noItems") : null,
      minutesLabel: label(langs, "visits:minutes.title"),
      days: [...days].map(([day, items]) => ({
        day,
        label: lines(langs, (lang) => ({ text: dayLabel(items[0]!.startsAt, lang, zone) })),
        items: items.map((item) => {
          const minutes = langs.map((lang) => ({ lang, json: minutesOf(item.id, lang), missing: tFor(lang)("export:noText") }));
          return {
            id: item.id,
            time: timeRange(item, first, zone),
            titles: localized(langs, item.titles, item.originalLang),
            // Place and leader are typed once, presumably in the item's original language.
            facts: [
              ...(item.place ? [{ label: label(langs, "visits:fields.place"), value: [{ lang: first, htmlLang: htmlLang[item.originalLang ?? first], text: item.place }] }] : []),
              ...(item.leader ? [{ label: label(langs, "visits:fields.leader"), value: [{ lang: first, htmlLang: htmlLang[item.originalLang ?? first], text: item.leader }] }] : []),
            ],
            // An item without minutes in any chosen language says so once rather than per column.
            minutes: minutes.some((text) => text.json) ? minutes : null,
            noMinutes: label(langs, "visits:export.noMinutes"),
          };
        }),
      })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The print page: the same document, the minutes rendered to HTML by the schema's renderer.

export type VisitPrint = VisitExport<PrintCell>;

export async function visitPrint(projectId: string, visitId: string, langs: Lang[]): Promise<VisitPrint | null> {
  const visit = await loadVisitExport(projectId, visitId, langs);
  if (!visit) return null;
  return {
    ...visit,
    programme: {
      ...visit.programme,
      days: visit.programme.days.map((day) => ({
        ...day,
        items: day.items.map((item) => ({ ...item, minutes: item.minutes?.map((text) => printCell(text.lang, text.json, text.missing)) ?? null })),
      })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The Word document

/** Lines joined with " / ", each note in italics after its text; each run in its text's language. */
function runs(values: Line[], options: { bold?: boolean; italics?: boolean } = {}): ParagraphChild[] {
  return values.flatMap((line, index) => [
    ...(index > 0 ? [new TextRun({ text: " / ", ...options })] : []),
    new TextRun({ text: line.text, language: runLanguage(langFromHtmlLang(line.htmlLang)), ...options }),
    ...(line.note ? [new TextRun({ text: ` ${line.note}`, italics: true, bold: false, language: runLanguage(line.lang) })] : []),
  ]);
}

const joined = (values: Line[]) => values.map((line) => line.text).join(" / ");

function factParagraphs(facts: Fact[]) {
  return facts.map((fact) => new Paragraph({ children: [...runs(fact.label, { bold: true }), new TextRun({ text: ": ", bold: true }), ...runs(fact.value)] }));
}

/** The programme and minutes as a .docx; `timeZone` is the exporter's, for the export's date. */
export async function visitDocx(projectId: string, visitId: string, langs: Lang[], timeZone: string): Promise<{ docx: Buffer; fileTitle: string } | null> {
  const visit = await loadVisitExport(projectId, visitId, langs);
  if (!visit) return null;
  const first = visit.langs[0]!;
  const frame = await documentFrame(projectId, visit.langs, timeZone);
  const converter = new DocxConverter();
  const paragraph = (text: string): JSONContent => ({ type: "paragraph", content: text ? [{ type: "text", text }] : [] });
  const children: Block[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(visit.title) }),
    new Paragraph({ style: "Subtitle", children: runs(visit.subtitle) }),
    ...factParagraphs(visit.facts),
  ];
  const twoColumns = visit.langs.length > 1;

  if (visit.purpose) {
    const purpose = visit.purpose;
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(purpose.label) }));
    const text = (lang: Lang) => {
      const line = purpose.texts.find((entry) => entry.lang === lang)!;
      return [new Paragraph({ children: runs([line]) })];
    };
    children.push(...(twoColumns ? sideBySide(visit.langs, [text]) : text(first)));
  }

  if (visit.delegation.groups.length > 0) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(visit.delegation.label) }));
    for (const group of visit.delegation.groups) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: runs(group.label) }));
      // Through the converter, so the people are a bulleted list like a list in a text.
      children.push(...converter.blocks([{ type: "bulletList", content: group.people.map((person) => ({ type: "listItem", content: [paragraph(person)] })) }], first));
    }
  }

  const programme = visit.programme;
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(programme.label) }));
  children.push(new Paragraph({ children: runs(programme.hostClock, { italics: true }) }));
  if (programme.empty) children.push(new Paragraph({ children: runs(programme.empty) }));
  for (const day of programme.days) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(day.label) }));
    for (const item of day.items) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun({ text: `${item.time}  ` }), ...runs(item.titles)] }));
      children.push(...factParagraphs(item.facts));
      if (!item.minutes) {
        children.push(missingParagraph(joined(item.noMinutes), first));
        continue;
      }
      const minutes = item.minutes;
      const minutesOf = (lang: Lang) => minutes.find((entry) => entry.lang === lang)!;
      children.push(new Paragraph({ keepNext: true, children: runs(programme.minutesLabel, { bold: true }) }));
      if (twoColumns) {
        children.push(...sideBySideTexts(converter, visit.langs, (lang) => minutesOf(lang).json ?? undefined, (lang) => minutesOf(lang).missing));
      } else {
        const text = minutesOf(first);
        children.push(...(text.json ? converter.blocks(text.json.content, first) : [missingParagraph(text.missing, first)]));
      }
    }
  }
  return { docx: await packDocx({ title: joined(visit.title), creator: tFor(first)("appName"), frame, children }), fileTitle: visit.fileTitle };
}
