import { createHash } from "node:crypto";
import type { Lang } from "~/i18n/languages";
import { TranslationError } from "./errors";
import { protectTerms } from "./glossary-protection";
import { batches, request, retryAfterMs, unexpected, type ProviderAnswer } from "./http.server";
import type { GlossaryEntry, TranslateInput, Translator } from "./translator";

// DeepL API, as documented at https://developers.deepl.com/api-reference/translate (POST
// /v2/translate), https://developers.deepl.com/api-reference/multilingual-glossaries (v3 glossaries)
// and https://developers.deepl.com/api-reference/languages (GET /v3/languages?resource=glossary);
// the request and answer shapes follow DeepL's OpenAPI file (github.com/DeepLcom/openapi).
// Authentication is the `Authorization: DeepL-Auth-Key …` header, never a parameter.

/** Source languages are the bare codes; Chinese as a target is asked for in simplified script, English as British English. */
const sourceCode: Record<Lang, string> = { sv: "SV", zh: "ZH", en: "EN" };
const targetCode: Record<Lang, string> = { sv: "SV", zh: "ZH-HANS", en: "EN-GB" };
/** Glossaries take the root code, and a ZH glossary serves ZH-HANS, an EN glossary EN-GB. */
const glossaryCode: Record<Lang, string> = { sv: "sv", zh: "zh", en: "en" };

/** DeepL: at most 50 texts and 128 KiB of request body; a little is kept for the other parameters. */
const LIMITS = { count: 50, size: 120 * 1024 };
/** A glossary is named for its content, so the same terms reuse it and changed terms make a new one. */
const GLOSSARY_PREFIX = "partnership-workspace ";
/** DeepL keeps at most 1000 glossaries per account; ours beyond the newest this many are deleted. */
const GLOSSARIES_KEPT = 100;

export type DeepLSettings = { apiKey: string; url: string };

export function deeplTranslator(settings: DeepLSettings): Translator {
  const base = settings.url.replace(/\/+$/, "");
  const headers = { authorization: `DeepL-Auth-Key ${settings.apiKey}`, "content-type": "application/json" };
  let glossaryLanguages: Promise<Array<{ lang: string; usable_as_source: boolean; usable_as_target: boolean }>> | undefined;
  const glossaryIds = new Map<string, Promise<string>>();

  const call = (path: string, init: RequestInit, signal: AbortSignal) => request("DeepL", `${base}${path}`, { ...init, headers }, signal);

  /** Which languages glossaries take, asked once per process: the answer changes only when DeepL adds languages. */
  async function supportsGlossary(from: Lang, to: Lang, signal: AbortSignal): Promise<boolean> {
    glossaryLanguages ??= call("/v3/languages?resource=glossary", { method: "GET" }, signal).then((answer) => {
      if (answer.status !== 200 || !Array.isArray(answer.json)) throw failure(answer, "glossary");
      return answer.json as Array<{ lang: string; usable_as_source: boolean; usable_as_target: boolean }>;
    });
    let languages;
    try {
      languages = await glossaryLanguages;
    } catch (error) {
      glossaryLanguages = undefined;
      throw error;
    }
    const find = (code: string) => languages.find((language) => language.lang.toLowerCase() === code);
    return Boolean(find(glossaryCode[from])?.usable_as_source && find(glossaryCode[to])?.usable_as_target);
  }

  async function createOrFindGlossary(name: string, from: Lang, to: Lang, entries: string, signal: AbortSignal): Promise<string> {
    const listed = await call("/v3/glossaries", { method: "GET" }, signal);
    if (listed.status !== 200) throw failure(listed, "glossary");
    const ours = ((listed.json as { glossaries?: DeepLGlossary[] })?.glossaries ?? []).filter((glossary) => glossary.name.startsWith(GLOSSARY_PREFIX));
    const existing = ours.find((glossary) => glossary.name === name);
    if (existing) return existing.glossary_id;
    const created = await call(
      "/v3/glossaries",
      {
        method: "POST",
        body: JSON.stringify({
          name,
          dictionaries: [{ source_lang: glossaryCode[from], target_lang: glossaryCode[to], entries, entries_format: "tsv" }],
        }),
      },
      signal,
    );
    if (created.status !== 201 && created.status !== 200) throw failure(created, "glossary");
    const id = (created.json as DeepLGlossary | undefined)?.glossary_id;
    if (typeof id !== "string") throw unexpected("DeepL", created.status, created.json);
    // Old versions of our glossaries go, oldest first; someone else's glossaries on the account stay.
    const surplus = ours.sort((a, b) => b.creation_time.localeCompare(a.creation_time)).slice(GLOSSARIES_KEPT - 1);
    for (const old of surplus) {
      const removed = await call(`/v3/glossaries/${encodeURIComponent(old.glossary_id)}`, { method: "DELETE" }, signal);
      if (removed.status !== 204 && removed.status !== 404) console.error(`translation: DeepL did not delete glossary ${old.glossary_id} (${removed.status})`);
    }
    return id;
  }

  function glossaryFor(entries: GlossaryEntry[], from: Lang, to: Lang, signal: AbortSignal): Promise<string> {
    const tsv = entries.map((entry) => `${entry.source}\t${entry.target}`).join("\n");
    const name = `${GLOSSARY_PREFIX}${from}-${to} ${createHash("sha256").update(tsv).digest("hex").slice(0, 16)}`;
    let id = glossaryIds.get(name);
    if (!id) {
      id = createOrFindGlossary(name, from, to, tsv, signal);
      glossaryIds.set(name, id);
      id.catch(() => glossaryIds.delete(name));
    }
    return id;
  }

  return {
    name: "DeepL",
    async translate(input: TranslateInput, signal: AbortSignal) {
      const entries = glossaryEntries(input.glossary);
      let texts = input.texts;
      let restore = (translated: string[]) => translated;
      let glossaryId: string | undefined;
      if (entries.length > 0) {
        if (await supportsGlossary(input.from, input.to, signal)) {
          glossaryId = await glossaryFor(entries, input.from, input.to, signal);
        } else {
          const shielded = protectTerms(texts, entries, input.format, input.to);
          texts = shielded.texts;
          restore = shielded.restore;
        }
      }
      const out: string[] = [];
      for (const batch of batches(texts, LIMITS, (text) => Buffer.byteLength(JSON.stringify(text)) + 1)) {
        const body = (glossary: string | undefined) =>
          JSON.stringify({
            text: batch.map((index) => texts[index]),
            source_lang: sourceCode[input.from],
            target_lang: targetCode[input.to],
            ...(input.format === "html" ? { tag_handling: "html" } : {}),
            ...(glossary ? { glossary_id: glossary } : {}),
          });
        let answer = await call("/v2/translate", { method: "POST", body: body(glossaryId) }, signal);
        if (answer.status === 404 && glossaryId) {
          // The glossary was deleted meanwhile (by hand, or as surplus by another process): make it again, once.
          glossaryIds.clear();
          glossaryId = await glossaryFor(entries, input.from, input.to, signal);
          answer = await call("/v2/translate", { method: "POST", body: body(glossaryId) }, signal);
        }
        if (answer.status !== 200) throw failure(answer, "translate");
        const translations = (answer.json as { translations?: Array<{ text?: unknown }> } | undefined)?.translations;
        if (!Array.isArray(translations) || translations.length !== batch.length || translations.some((item) => typeof item?.text !== "string")) {
          throw unexpected("DeepL", answer.status, answer.json);
        }
        out.push(...translations.map((item) => item.text as string));
      }
      return restore(out);
    },
  };
}

type DeepLGlossary = { glossary_id: string; name: string; creation_time: string };

/**
 * DeepL's TSV glossary refuses tabs and line breaks in a term, a source term twice, and terms over
 * 1024 bytes (the glossary documentation's limits); such a term is left out rather than failing the draft.
 */
function glossaryEntries(glossary: GlossaryEntry[]): GlossaryEntry[] {
  const seen = new Set<string>();
  const out: GlossaryEntry[] = [];
  for (const { source, target } of glossary) {
    const entry = { source: source.trim(), target: target.trim() };
    if (!entry.source || !entry.target || seen.has(entry.source)) continue;
    if (/[\p{Cc}\p{Zl}\p{Zp}]/u.test(entry.source + entry.target)) continue;
    if (Buffer.byteLength(entry.source) > 1024 || Buffer.byteLength(entry.target) > 1024) continue;
    seen.add(entry.source);
    out.push(entry);
  }
  return out;
}

/** DeepL's status codes (https://developers.deepl.com/docs/best-practices/error-handling). */
function failure(answer: ProviderAnswer, endpoint: "translate" | "glossary"): TranslationError {
  const message = String((answer.json as { message?: unknown } | undefined)?.message ?? "");
  switch (answer.status) {
    case 401:
    case 403:
      return new TranslationError("errors:translationBadKey");
    case 456:
      // On the glossary endpoints 456 means too many glossary requests lately, not the character quota.
      return endpoint === "translate" ? new TranslationError("errors:translationQuota") : new TranslationError("errors:translationRateLimited", retryAfterMs(answer.headers));
    case 429:
    case 529:
      return new TranslationError("errors:translationRateLimited", retryAfterMs(answer.headers));
    case 413:
      return new TranslationError("errors:translationTooLong");
    case 400:
      if (/\b(source_lang|target_lang)\b|language/i.test(message)) return new TranslationError("errors:translationPairUnsupported");
      return unexpected("DeepL", answer.status, answer.json);
    default:
      return unexpected("DeepL", answer.status, answer.json);
  }
}
