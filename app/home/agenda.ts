import type { Lang } from "~/i18n/languages";
import type { Localized } from "~/i18n/localized";

// "What needs me" (decision 026) as the pages receive it: shared by the server (agenda.server.ts)
// and the list that shows it (components/agenda.tsx).

/** The kinds of things that await a person, in the order the agenda shows them. */
export const agendaKinds = ["decision", "translation", "milestone", "minutes", "mention"] as const;
export type AgendaKind = (typeof agendaKinds)[number];

export type AgendaItem = {
  key: string;
  kind: AgendaKind;
  /** The thing's title per language with its original (a mention: the comment as given to the reader). */
  titles: Localized;
  original: Lang | null;
  project: { id: string; titles: Localized; original: Lang };
  /** A calendar date (YYYY-MM-DD) where the act has one: a milestone's due date. */
  due: string | null;
  overdue: boolean;
  /** The exact place to act. */
  link: string;
  /** Who asked: the submitter, the one who asked for the translation, the one who mentioned. */
  by: string | null;
  /** A translation request's language. */
  language: Lang | null;
  /** A request's note, or "changes_requested" for a milestone sent back. */
  detail: string | null;
  since: string;
};

/** The items grouped by kind, in the agenda's order, leaving out kinds with none. */
export function groupAgenda(items: AgendaItem[]): { kind: AgendaKind; items: AgendaItem[] }[] {
  return agendaKinds.map((kind) => ({ kind, items: items.filter((item) => item.kind === kind) })).filter((group) => group.items.length > 0);
}
