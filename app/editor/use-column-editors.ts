import type { Editor } from "@tiptap/core";
import { useMemo, useState } from "react";
import type { Lang } from "~/i18n/languages";

/**
 * The live editor of each language column on a page of rich texts (a plan section, minutes, a
 * finding), for what works beside a column: machine drafts, the translation memory. `onEditor(lang)`
 * is the column's callback (LanguageColumn's onEditor), one per language for the page's lifetime.
 */
export function useColumnEditors() {
  const [editors, setEditors] = useState<Partial<Record<Lang, Editor>>>({});
  const callbacks = useMemo(() => {
    const make = (lang: Lang) => (editor: Editor | null) =>
      setEditors((current) => (current[lang] === (editor ?? undefined) ? current : { ...current, [lang]: editor ?? undefined }));
    return { sv: make("sv"), zh: make("zh"), en: make("en") } satisfies Record<Lang, (editor: Editor | null) => void>;
  }, []);
  return { editors, onEditor: (lang: Lang) => callbacks[lang] };
}

export type ColumnEditors = Partial<Record<Lang, Editor>>;
