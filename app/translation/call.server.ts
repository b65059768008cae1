import { setTimeout as sleep } from "node:timers/promises";
import { TranslationError } from "./errors";
import type { TranslateInput, Translator } from "./translator";

export type CallOptions = {
  /** How long one attempt may take before the provider counts as unavailable. */
  timeoutMs?: number;
  /** The longest Retry-After waited for before the one retry; a longer one is reported as "rate limited" at once. */
  maxRetryWaitMs?: number;
};

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_RETRY_WAIT_MS = 10_000;
/** A 429 without Retry-After: wait this long before the retry. */
const RETRY_WAIT_WITHOUT_HEADER_MS = 1_000;

/**
 * Calls the provider with a time limit, and once more after a 429 when its Retry-After is short
 * enough (bounded: a reader waits for the answer). Every other failure is final: a second try
 * with a bad key or an exhausted quota only costs time.
 */
export async function callTranslator(translator: Translator, input: TranslateInput, options: CallOptions = {}): Promise<string[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxWait = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
  const attempt = async () => {
    const translated = await translator.translate(input, AbortSignal.timeout(timeoutMs));
    if (translated.length !== input.texts.length) throw new TranslationError("errors:translationUnavailable");
    return translated;
  };
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof TranslationError) || error.reason !== "errors:translationRateLimited") throw error;
    const wait = error.retryAfterMs ?? RETRY_WAIT_WITHOUT_HEADER_MS;
    if (wait > maxWait) throw error;
    await sleep(wait);
    return attempt();
  }
}
