import type { Lang } from "~/i18n/languages";
import { readLocalized, type Localized } from "~/i18n/localized";

// An organisation is shown by its name per language (济南市人民政府 / Jinans stad / Jinan Municipal
// People's Government) and the language it was first given in; never by its `key`, the handle
// scripts look it up by.

export const organisationNameSelect = { id: true, names: true, originalLang: true } as const;
export type OrganisationName = { id: string; names: Localized; originalLang: Lang };

export function organisationName(row: { id: string; names: unknown; originalLang: Lang }): OrganisationName {
  return { id: row.id, names: readLocalized(row.names), originalLang: row.originalLang };
}
