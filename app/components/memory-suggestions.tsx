import type { Editor } from "@tiptap/react";
import { useCallback, useEffect, useId, useMemo, useState } from "react";
import { useParams, useRouteLoaderData } from "react-router";
import { can } from "~/auth/permissions";
import { numberFormat } from "~/i18n/intl-cache";
import { htmlLang, intlLocale, type Lang } from "~/i18n/languages";
import type { Localized } from "~/i18n/localized";
import { useFormat } from "~/i18n/use-format";
import { useTranslation } from "~/i18n/use-translation";
import type { loader as projectLoader } from "~/routes/project";
import { isRememberable, MEMORY_LOOKUP_TEXTS, splitParagraphs, textBlocks, type MemorySuggestion } from "~/translation/memory";
import type { ColumnEditors } from "~/editor/use-column-editors";
import { href } from "~/utils/links";

// What the translation memory offers a translator (decision 019): under an empty short-text field
// ("Use" puts it into the field), and beside a rich text's translation ("Insert" puts it at the
// cursor). Asked of the server with a plain POST (a fetcher's action would reload the page's data
// after every question); a failed question shows nothing, as the memory is only an aid.

type Lookup = { texts: string[]; suggestions: MemorySuggestion[][] };

/** The suggestions for each of `texts` from `from` into `to`, asked again a moment after they change. */
function useMemoryLookup(from: Lang | null | undefined, to: Lang, texts: string[], enabled: boolean): Map<string, MemorySuggestion[]> {
  const { projectId } = useParams();
  const project = useRouteLoaderData<typeof projectLoader>("routes/project");
  const allowed = enabled && !!projectId && can(project?.role, "translation:memory");
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const asked = useMemo(() => [...new Set(texts.map((text) => text.trim()).filter(isRememberable))].slice(0, MEMORY_LOOKUP_TEXTS), [texts]);
  const key = JSON.stringify([from, to, asked]);
  useEffect(() => {
    if (!allowed || !from || from === to || asked.length === 0) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const body = new FormData();
      body.set("from", from);
      body.set("to", to);
      for (const text of asked) body.append("text", text);
      try {
        const response = await fetch(href("/projects/:projectId/memory", { projectId: projectId! }), { method: "POST", body, signal: controller.signal });
        if (!response.ok) return;
        const answer = (await response.json()) as Partial<Lookup>;
        if (Array.isArray(answer.texts) && Array.isArray(answer.suggestions)) setLookup({ texts: answer.texts, suggestions: answer.suggestions });
      } catch {
        // Offline or aborted: no suggestions.
      }
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `key` stands for from, to and the texts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, allowed, projectId]);
  return useMemo(() => {
    const byText = new Map<string, MemorySuggestion[]>();
    if (!allowed || !lookup) return byText;
    lookup.texts.forEach((text, i) => {
      if (asked.includes(text) && lookup.suggestions[i]?.length) byText.set(text, lookup.suggestions[i]!);
    });
    return byText;
  }, [lookup, asked, allowed]);
}

/** A remembered source with what differs from the text being translated marked, for eyes and ears. */
function MarkedSource({ suggestion, lang }: { suggestion: MemorySuggestion; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <span lang={htmlLang[lang]} className="memory-source">
      {suggestion.diff.map((part, i) =>
        part.op === "same" ? (
          <span key={i}>{part.text}</span>
        ) : part.op === "insert" ? (
          <ins key={i}>
            <span className="visually-hidden">{t("common:memory.onlyHere")} </span>
            {part.text}
          </ins>
        ) : (
          <del key={i}>
            <span className="visually-hidden">{t("common:memory.onlyRemembered")} </span>
            {part.text}
          </del>
        ),
      )}
    </span>
  );
}

/** One remembered translation: how close, the remembered source marked, the translation and its button. */
function SuggestionItem({ suggestion, from, to, action, onUse }: { suggestion: MemorySuggestion; from: Lang; to: Lang; action: string; onUse: (text: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const score = numberFormat(intlLocale[format.lang], { style: "percent", maximumFractionDigits: 0 }).format(Math.floor(suggestion.score * 100) / 100);
  const labelId = useId();
  return (
    <li className="memory-suggestion">
      <p className="memory-match muted" id={labelId}>
        {suggestion.exact ? t("common:memory.exact") : t("common:memory.close", { score })}
        {suggestion.exact ? null : (
          <>
            {" · "}
            <MarkedSource suggestion={suggestion} lang={from} />
          </>
        )}
      </p>
      <p className="memory-target" lang={htmlLang[to]}>
        {suggestion.target}
      </p>
      <button type="button" className="link-button" aria-describedby={labelId} onClick={() => onUse(suggestion.target)}>
        {action}
      </button>
    </li>
  );
}

type Field = HTMLInputElement | HTMLTextAreaElement;

/** A field's text as it is typed (undefined until the field is found). */
function useFieldText(field: Field | null | undefined) {
  const [text, setText] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!field) return;
    const read = () => setText(field.value);
    read();
    field.addEventListener("input", read);
    return () => field.removeEventListener("input", read);
  }, [field]);
  return text;
}

/**
 * Under a short text's field in language `to` (LocalizedInput): while it is empty, or its
 * original has changed since the page was loaded, the memory's translations of the original's
 * lines, each with "Use" (added to the field as a line of its own). The fields are found from
 * where this is put, by their names within the one LocalizedInput.
 */
export function ShortTextMemory({ from, to, name, stored, multiline }: { from: Lang; to: Lang; name: string; stored: Localized | undefined; multiline: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [fields, setFields] = useState<{ source: Field | null; target: Field | null } | null>(null);
  const anchor = useCallback(
    (element: HTMLElement | null) => {
      const group = element?.closest(".localized-input");
      const field = (lang: Lang) => group?.querySelector<Field>(`[name="${name}.${lang}"]`) ?? null;
      if (group) setFields((before) => before ?? { source: field(from), target: field(to) });
    },
    [name, from, to],
  );
  const source = useFieldText(fields?.source) ?? stored?.[from] ?? "";
  const target = useFieldText(fields?.target) ?? stored?.[to] ?? "";
  const paragraphs = useMemo(() => splitParagraphs(source), [source]);
  const found = useMemoryLookup(from, to, paragraphs, !!fields?.target && (!target.trim() || source !== (stored?.[from] ?? "")));
  const headingId = useId();
  const use = (text: string) => {
    const field = fields?.target;
    if (!field) return;
    const before = field.value.trim();
    field.value = before ? `${before}${multiline ? "\n" : " "}${text}` : text;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.focus();
  };
  return (
    <div ref={anchor}>
      {found.size > 0 ? (
        <section className="memory-suggestions" aria-labelledby={headingId}>
          <p className="memory-title" id={headingId}>
            {t("common:memory.title")}
          </p>
          <ul className="plain-list">
            {[...found.values()].flat().map((suggestion) => (
              <SuggestionItem
                key={`${suggestion.source}\u0000${suggestion.target}`}
                suggestion={suggestion}
                from={from}
                to={to}
                action={t("common:memory.use", { language: format.languageName(to) })}
                onUse={use}
              />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** The paragraphs of a live rich text, followed as it changes (a moment after each change). */
function useEditorParagraphs(editor: Editor | null | undefined): string[] {
  const [paragraphs, setParagraphs] = useState<string[]>([]);
  useEffect(() => {
    if (!editor) return setParagraphs([]);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () => {
      if (editor.isDestroyed) return;
      const next = textBlocks(editor.getJSON()).map((block) => block.text);
      setParagraphs((before) => (before.length === next.length && before.every((text, i) => text === next[i]) ? before : next));
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(read, 600);
    };
    read();
    editor.on("update", later);
    return () => {
      clearTimeout(timer);
      editor.off("update", later);
    };
  }, [editor]);
  return paragraphs;
}

/**
 * The translation memory beside a rich text's translation: for each paragraph of the source
 * (followed live in its own column) that the memory knows, its translations, each with "Insert"
 * (at the cursor of this column's editor).
 */
function RichTextMemory({ from, to, source, target }: { from: Lang; to: Lang; source: Editor | null | undefined; target: Editor | null | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const paragraphs = useEditorParagraphs(source);
  const found = useMemoryLookup(from, to, paragraphs, true);
  const headingId = useId();
  if (found.size === 0) return null;
  const insert = (text: string) => {
    if (!target || target.isDestroyed || !target.isEditable) return;
    target.chain().focus().insertContent(text).run();
  };
  return (
    <section className="memory-suggestions panel" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("common:memory.title")}</h3>
      <ol className="plain-list memory-paragraphs">
        {[...found.entries()].map(([paragraph, suggestions]) => (
          <li key={paragraph}>
            <p className="memory-paragraph" lang={htmlLang[from]}>
              {paragraph}
            </p>
            <ul className="plain-list">
              {suggestions.map((suggestion) => (
                <SuggestionItem
                  key={`${suggestion.source}\u0000${suggestion.target}`}
                  suggestion={suggestion}
                  from={from}
                  to={to}
                  action={t("common:memory.insert", { language: format.languageName(to) })}
                  onUse={insert}
                />
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * The translation memory on a page of rich texts in two columns (a plan section, minutes, a
 * finding): `panel(lang)` for a translation column that may be written while its source is the
 * other column.
 */
export function useRichTextMemory(sourceLang: Lang | null, editable: boolean, editors: ColumnEditors) {
  const panel = (lang: Lang) =>
    editable && sourceLang && lang !== sourceLang && editors[sourceLang] ? <RichTextMemory from={sourceLang} to={lang} source={editors[sourceLang]} target={editors[lang]} /> : null;
  return { panel };
}
