import type { Lang } from "~/i18n/languages";
import { TranslationError } from "./errors";
import { protectTerms } from "./glossary-protection";
import { batches, request, retryAfterMs, unexpected, type ProviderAnswer } from "./http.server";
import type { TranslateInput, Translator } from "./translator";

// LibreTranslate, as documented at https://docs.libretranslate.com/guides/api_usage/ and in its
// OpenAPI description (/spec, from libretranslate/app.py): POST /translate with JSON
// {"q": [texts], "source", "target", "format": "text" | "html", "api_key"} answers
// {"translatedText": [texts]}; errors are {"error": "…"} with 400, 403 (invalid key, banned), 429
// (slow down) or 500. GET /languages lists [{"code", "name", "targets"}]. It has no glossary: terms
// are protected by placeholders.

/** Older servers call simplified Chinese "zh", newer ones "zh-Hans": the server's own list decides. */
const CHINESE_CODES = ["zh-Hans", "zh"];
/**
 * LibreTranslate translates a request's texts one after another; smaller requests keep each well
 * inside the draft's time. Its own limit is the server's setting (char_limit, none by default): a
 * longer text is sent alone, and the server's refusal, if any, is reported as too long.
 */
const LIMITS = { count: 50, size: 10_000, soft: true };

export type LibreTranslateSettings = { url: string; apiKey?: string };
type Language = { code: string; targets?: string[] };

export function libreTranslateTranslator(settings: LibreTranslateSettings): Translator {
  const base = settings.url.replace(/\/+$/, "");
  // Error messages in English, which is what failure() reads.
  const headers = { "content-type": "application/json", "accept-language": "en" };
  let languages: Promise<Language[]> | undefined;

  async function codes(from: Lang, to: Lang, signal: AbortSignal): Promise<{ source: string; target: string }> {
    languages ??= request("LibreTranslate", `${base}/languages`, { method: "GET", headers }, signal).then((answer) => {
      if (answer.status !== 200 || !Array.isArray(answer.json)) throw failure(answer);
      return answer.json as Language[];
    });
    let list: Language[];
    try {
      list = await languages;
    } catch (error) {
      languages = undefined;
      throw error;
    }
    const code = (lang: Lang) => (lang === "zh" ? CHINESE_CODES.find((candidate) => list.some((language) => language.code === candidate)) : list.find((language) => language.code === lang)?.code);
    const source = code(from);
    const target = code(to);
    const sourceLanguage = list.find((language) => language.code === source);
    if (!source || !target || (sourceLanguage?.targets && !sourceLanguage.targets.includes(target))) {
      throw new TranslationError("errors:translationPairUnsupported");
    }
    return { source, target };
  }

  return {
    name: "LibreTranslate",
    async translate(input: TranslateInput, signal: AbortSignal) {
      const { source, target } = await codes(input.from, input.to, signal);
      const shielded = protectTerms(input.texts, input.glossary, input.format, input.to);
      const out: string[] = [];
      for (const batch of batches(shielded.texts, LIMITS, (text) => text.length)) {
        const answer = await request(
          "LibreTranslate",
          `${base}/translate`,
          {
            method: "POST",
            headers,
            body: JSON.stringify({
              q: batch.map((index) => shielded.texts[index]),
              source,
              target,
              format: input.format,
              ...(settings.apiKey ? { api_key: settings.apiKey } : {}),
            }),
          },
          signal,
        );
        if (answer.status !== 200) throw failure(answer);
        const translated = (answer.json as { translatedText?: unknown } | undefined)?.translatedText;
        if (!Array.isArray(translated) || translated.length !== batch.length || translated.some((text) => typeof text !== "string")) {
          throw unexpected("LibreTranslate", answer.status, answer.json);
        }
        out.push(...(translated as string[]));
      }
      return shielded.restore(out);
    },
  };
}

function failure(answer: ProviderAnswer): TranslationError {
  const message = String((answer.json as { error?: unknown } | undefined)?.error ?? "");
  if (answer.status === 429 || /limits violations/i.test(message)) return new TranslationError("errors:translationRateLimited", retryAfterMs(answer.headers));
  // 403 "Invalid API key"; 400 "Please contact the server operator to get an API key" or "Visit … to get an API key" when a key is required.
  if (answer.status === 403 || (answer.status === 400 && /api key/i.test(message))) return new TranslationError("errors:translationBadKey");
  if (answer.status === 400 && /exceeds text limit/i.test(message)) return new TranslationError("errors:translationTooLong");
  if (answer.status === 400 && /is not supported|not available as a target language/i.test(message)) return new TranslationError("errors:translationPairUnsupported");
  return unexpected("LibreTranslate", answer.status, answer.json);
}
