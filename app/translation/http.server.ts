import { TranslationError } from "./errors";

export type ProviderAnswer = { status: number; headers: Headers; json: unknown };

/**
 * One request to a provider. No answer (refused connection, DNS, the draft's time running out) is
 * "provider unavailable"; any answer is returned for the adapter to read, JSON or not.
 */
export async function request(provider: string, url: string, init: RequestInit, signal: AbortSignal): Promise<ProviderAnswer> {
  let response: Response;
  let body: string;
  try {
    response = await fetch(url, { ...init, signal, redirect: "error" });
    body = await response.text();
  } catch (error) {
    const why = signal.aborted ? "no answer in time" : error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    console.error(`translation: ${provider} could not be reached (${why})`);
    throw new TranslationError("errors:translationUnavailable");
  }
  let json: unknown = undefined;
  try {
    json = body === "" ? undefined : JSON.parse(body);
  } catch {
    json = undefined; // an HTML error page from a proxy, say: the status tells enough
  }
  return { status: response.status, headers: response.headers, json };
}

/** Retry-After in milliseconds: seconds, or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The provider's answer was not what its documentation promises (logged; the reader is told the provider is unavailable). */
export function unexpected(provider: string, status: number, detail: unknown): TranslationError {
  console.error(`translation: ${provider} answered ${status}: ${typeof detail === "string" ? detail : JSON.stringify(detail)?.slice(0, 500)}`);
  return new TranslationError("errors:translationUnavailable");
}

/**
 * Splits texts into requests within a provider's limits, in order. A single text over a hard limit
 * (the provider's own) cannot be sent at all; over a soft one (ours, to keep requests short) it goes alone.
 */
export function batches(texts: string[], limits: { count: number; size: number; soft?: boolean }, sizeOf: (text: string) => number): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  let size = 0;
  texts.forEach((text, index) => {
    const own = sizeOf(text);
    if (own > limits.size && !limits.soft) throw new TranslationError("errors:translationTooLong");
    if (current.length > 0 && (current.length >= limits.count || size + own > limits.size)) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(index);
    size += own;
  });
  if (current.length > 0) out.push(current);
  return out;
}
