import { languages, type Lang } from "~/i18n/languages";
import type { Localized } from "~/i18n/localized";

// What a translation request can be about (decision 020): the rich texts (a plan section's text, an
// agenda item's minutes, a finding's body) and the items whose short texts are all translated at
// once (a milestone's title and description, a visit's title and purpose). Shared by the server,
// the form's schema and the request control.
export const requestKinds = ["plan_section", "agenda_item", "finding", "milestone", "visit"] as const;
export type RequestKind = (typeof requestKinds)[number];
export type RequestTarget = { kind: RequestKind; id: string };

/** Whether the thing is a rich text (done when confirmed) or short texts (done when saved in the language). */
export const isRichTextKind = (kind: RequestKind) => kind === "plan_section" || kind === "agenda_item" || kind === "finding";

/** An open request as a page shows it beside the text: its language, who asked, and whether the reader may cancel it. */
export type OpenRequest = { id: string; lang: Lang; requestedBy: string | null; note: string; createdAt: string; canCancel: boolean };

/** The languages a person writes: what their profile says, or (nothing said) their interface language. */
export function writtenLanguages(user: { writesLanguages: Lang[]; language: Lang }): Lang[] {
  return user.writesLanguages.length > 0 ? user.writesLanguages : [user.language];
}

/** The languages in which every short text an item has is written: a request for them is done. */
export function completeLanguages(texts: Localized[]): Lang[] {
  const given = texts.filter((text) => Object.keys(text).length > 0);
  return languages.filter((lang) => given.every((text) => (text[lang] ?? "") !== ""));
}
