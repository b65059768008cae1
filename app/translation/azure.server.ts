import type { Lang } from "~/i18n/languages";
import { TranslationError } from "./errors";
import { protectTerms, replaceTerms } from "./glossary-protection";
import { batches, request, retryAfterMs, unexpected, type ProviderAnswer } from "./http.server";
import type { GlossaryEntry, TranslateInput, Translator } from "./translator";

// Azure AI Translator, Text translation v3.0, as documented at
// https://learn.microsoft.com/azure/ai-services/translator/text-translation/reference/v3/translate
// (POST /translate?api-version=3.0&from=…&to=…&textType=…, body [{"Text": …}], answer
// [{"translations": [{"text": …, "to": …}]}]), its limits at
// https://learn.microsoft.com/azure/ai-services/translator/service-limits and its error codes at
// https://learn.microsoft.com/azure/ai-services/translator/text-translation/reference/status-response-codes
// (body {"error": {"code": 401000, "message": …}}).

const languageCode: Record<Lang, string> = { sv: "sv", zh: "zh-Hans", en: "en" };
/** At most 1000 texts and 50 000 characters (markup included) in one request. */
const LIMITS = { count: 1000, size: 50_000 };

export type AzureSettings = { apiKey: string; url: string; region?: string };

/**
 * The dynamic dictionary (https://learn.microsoft.com/azure/ai-services/translator/dynamic-dictionary):
 * `<mstrans:dictionary translation="…">term</mstrans:dictionary>`. Azure applies it only when one of
 * the two languages is English, and only with `from` given; between Swedish and Chinese the terms are
 * protected by placeholders instead.
 */
export const dictionaryApplies = (from: Lang, to: Lang) => from === "en" || to === "en";

function withDictionary(texts: string[], glossary: GlossaryEntry[], format: TranslateInput["format"]): string[] {
  // The translation goes in a double-quoted attribute; a term with a quote, ampersand or angle bracket is left to the provider.
  const usable = glossary.map((entry) => (/["<>&]/.test(entry.target) || entry.target.trim() === "" ? { ...entry, source: "" } : entry));
  return texts.map((text) =>
    replaceTerms(text, usable, format, (entry, found) => `<mstrans:dictionary translation="${usable[entry]!.target.trim()}">${found}</mstrans:dictionary>`),
  );
}

export function azureTranslator(settings: AzureSettings): Translator {
  const base = settings.url.replace(/\/+$/, "");
  const headers: Record<string, string> = {
    "ocp-apim-subscription-key": settings.apiKey,
    "content-type": "application/json; charset=UTF-8",
    ...(settings.region ? { "ocp-apim-subscription-region": settings.region } : {}),
  };
  return {
    name: "Azure AI Translator",
    async translate(input: TranslateInput, signal: AbortSignal) {
      let texts = input.texts;
      let restore = (translated: string[]) => translated;
      if (input.glossary.length > 0) {
        if (dictionaryApplies(input.from, input.to)) {
          texts = withDictionary(texts, input.glossary, input.format);
        } else {
          const shielded = protectTerms(texts, input.glossary, input.format, input.to);
          texts = shielded.texts;
          restore = shielded.restore;
        }
      }
      const query = new URLSearchParams({
        "api-version": "3.0",
        from: languageCode[input.from],
        to: languageCode[input.to],
        textType: input.format === "html" ? "html" : "plain",
      });
      const out: string[] = [];
      for (const batch of batches(texts, LIMITS, (text) => text.length)) {
        const answer = await request(
          "Azure",
          `${base}/translate?${query}`,
          { method: "POST", headers, body: JSON.stringify(batch.map((index) => ({ Text: texts[index] }))) },
          signal,
        );
        if (answer.status !== 200) throw failure(answer);
        const items = answer.json as Array<{ translations?: Array<{ text?: unknown }> }> | undefined;
        if (!Array.isArray(items) || items.length !== batch.length || items.some((item) => typeof item?.translations?.[0]?.text !== "string")) {
          throw unexpected("Azure", answer.status, answer.json);
        }
        out.push(...items.map((item) => item.translations![0]!.text as string));
      }
      return restore(out);
    },
  };
}

function failure(answer: ProviderAnswer): TranslationError {
  const code = Number((answer.json as { error?: { code?: unknown } } | undefined)?.error?.code);
  if (answer.status === 401) return new TranslationError("errors:translationBadKey");
  // 403001: the free tier's characters are used up; other 403s are a key without the right to translate.
  if (answer.status === 403) return new TranslationError(code === 403001 ? "errors:translationQuota" : "errors:translationBadKey");
  if (answer.status === 429) return new TranslationError("errors:translationRateLimited", retryAfterMs(answer.headers));
  // 400019 language not supported, 400023 pair, 400035 source, 400036 target; 400050 and 400077 too long.
  if (answer.status === 400 && [400019, 400023, 400035, 400036].includes(code)) return new TranslationError("errors:translationPairUnsupported");
  if (answer.status === 400 && [400050, 400077].includes(code)) return new TranslationError("errors:translationTooLong");
  return unexpected("Azure", answer.status, answer.json);
}
