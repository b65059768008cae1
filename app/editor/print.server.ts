import type { JSONContent } from "@tiptap/core";
import { htmlLang, languageNames, type Lang } from "~/i18n/languages";
import { jsonToHtml } from "./content.server";

// The print pages' side of the exports: a stored text as HTML in its language's cell, or the note that it is missing.

export type PrintColumn = { lang: Lang; htmlLang: string; name: string };
export type PrintCell = { lang: Lang; htmlLang: string; html: string | null; missing: string };

/** The header of side-by-side columns: each language named in itself. */
export function printColumns(langs: Lang[]): PrintColumn[] {
  return langs.map((lang) => ({ lang, htmlLang: htmlLang[lang], name: languageNames[lang] }));
}

/** A text rendered by the schema's renderer (never a client's HTML), or null with the missing note. */
export function printCell(lang: Lang, json: JSONContent | undefined | null, missing: string): PrintCell {
  return { lang, htmlLang: htmlLang[lang], html: json ? jsonToHtml(json) : null, missing };
}
