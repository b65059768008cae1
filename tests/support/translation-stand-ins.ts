import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// Local stand-ins for the three machine-translation providers: real HTTP servers on 127.0.0.1 that
// check what a provider checks (key, request shape) and answer as its published API does, errors
// included. Their "translation" is a fake one (fakeTranslate), but what the provider does with a
// glossary, its dynamic dictionary or tags is done as the documentation describes, so a test sees
// a glossary term kept or lost as it would be.

export type Recorded = { method: string; path: string; headers: IncomingMessage["headers"]; body: unknown };
/** A one-off answer to the next translate request: a status with the provider's own error body, or no answer at all. */
export type Scripted = { status: number; body?: unknown; headers?: Record<string, string> } | "hang";

export type StandIn = {
  url: string;
  /** Every request, in order (translate requests and others). */
  requests: Recorded[];
  /** Requests the real provider would have refused as malformed; a test expects none. */
  violations: string[];
  /** Answers for the next translate requests, used once each, in order. */
  script: Scripted[];
  close(): Promise<void>;
};

const KNOWN: Record<string, Record<string, string>> = {
  "Västerås och Jinan samarbetar om medborgardialog.": {
    zh: "韦斯特罗斯和济南在公民对话方面开展合作。",
    en: "Västerås and Jinan cooperate on citizen dialogue.",
  },
};

/** The stand-ins' translation: the check sentence from a phrase table, anything else marked with the target language. */
export function fakeTranslate(text: string, to: "sv" | "zh" | "en", format: "text" | "html"): string {
  const one = (segment: string) => {
    if (segment.trim() === "") return segment;
    return KNOWN[segment.trim()]?.[to] ?? `〈${to}〉${segment}`;
  };
  if (format === "text") return one(text);
  return text
    .split(/(<[^>]*>)/)
    .map((segment) => (segment.startsWith("<") ? segment : one(segment)))
    .join("");
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

type Handler = (req: IncomingMessage, url: URL, body: string, res: ServerResponse, standIn: StandIn) => void | Promise<void>;

async function serve(handler: Handler): Promise<StandIn> {
  const server = createServer();
  const standIn: StandIn = {
    url: "",
    requests: [],
    violations: [],
    script: [],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on("request", (req, res) => {
    void (async () => {
      const text = await readBody(req);
      const url = new URL(req.url ?? "/", "http://stand-in");
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      standIn.requests.push({ method: req.method ?? "", path: url.pathname + url.search, headers: req.headers, body });
      await handler(req, url, text, res, standIn);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return standIn;
}

function json(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(body));
}

/** The next scripted answer, if any; true when it was given (or deliberately withheld). */
function scripted(standIn: StandIn, res: ServerResponse): boolean {
  const next = standIn.script.shift();
  if (next === undefined) return false;
  if (next === "hang") return true; // never answers: the socket stays open until the client gives up
  json(res, next.status, next.body, next.headers);
  return true;
}

// ---------------------------------------------------------------------------------------------
// DeepL: https://developers.deepl.com/api-reference/translate, .../multilingual-glossaries,
// .../languages and DeepL's OpenAPI file. Errors are {"message": …}; 403 for a wrong key,
// 456 when the character quota is used up, 429 with Retry-After when too many requests.

const DEEPL_TARGETS: Record<string, "sv" | "zh" | "en"> = { SV: "sv", ZH: "zh", "ZH-HANS": "zh", "EN-GB": "en", "EN-US": "en", EN: "en" };
const DEEPL_SOURCES = new Set(["SV", "ZH", "EN", "DE", "FR"]);

export const deeplErrors = {
  tooManyRequests: (retryAfterSeconds: number): Scripted => ({ status: 429, body: { message: "Too many requests" }, headers: { "retry-after": String(retryAfterSeconds) } }),
  quotaExceeded: (): Scripted => ({ status: 456, body: { message: "Quota Exceeded" } }),
};

type DeepLGlossary = { glossary_id: string; name: string; source_lang: string; target_lang: string; entries: Map<string, string>; creation_time: string };

export async function startDeepLStandIn(options: { key: string; glossaryLanguages?: string[] }): Promise<StandIn & { glossaries: DeepLGlossary[] }> {
  const glossaryLanguages = options.glossaryLanguages ?? ["de", "en", "fr", "ja", "sv", "zh"];
  const glossaries: DeepLGlossary[] = [];
  const standIn = await serve(async (req, url, text, res, self) => {
    if (req.headers.authorization !== `DeepL-Auth-Key ${options.key}`) return json(res, 403, { message: "Forbidden" });
    const body = self.requests.at(-1)!.body as Record<string, unknown> | undefined;
    const refuse = (why: string) => {
      self.violations.push(why);
      json(res, 400, { message: why });
    };
    if (req.method === "GET" && url.pathname === "/v3/languages") {
      if (url.searchParams.get("resource") !== "glossary") return refuse("resource must be glossary here");
      return json(
        res,
        200,
        glossaryLanguages.map((lang) => ({ lang, name: lang, usable_as_source: true, usable_as_target: true, status: "stable", features: {} })),
      );
    }
    if (url.pathname === "/v3/glossaries" && req.method === "GET") {
      return json(res, 200, {
        glossaries: glossaries.map((glossary) => ({
          glossary_id: glossary.glossary_id,
          name: glossary.name,
          dictionaries: [{ source_lang: glossary.source_lang, target_lang: glossary.target_lang, entry_count: glossary.entries.size }],
          creation_time: glossary.creation_time,
        })),
      });
    }
    if (url.pathname === "/v3/glossaries" && req.method === "POST") {
      if (!req.headers["content-type"]?.startsWith("application/json")) return refuse("content-type must be JSON");
      const dictionaries = body?.dictionaries as Array<Record<string, unknown>> | undefined;
      if (typeof body?.name !== "string" || !Array.isArray(dictionaries) || dictionaries.length !== 1) return refuse("name and dictionaries required");
      const [dictionary] = dictionaries as [Record<string, unknown>];
      const { source_lang, target_lang, entries, entries_format } = dictionary as Record<string, string>;
      if (!glossaryLanguages.includes(source_lang!) || !glossaryLanguages.includes(target_lang!)) return refuse("Unsupported glossary language");
      if (entries_format !== "tsv" || typeof entries !== "string") return refuse("entries must be TSV");
      const map = new Map<string, string>();
      for (const line of entries.split("\n")) {
        const [source, target, ...rest] = line.split("\t");
        if (!source || !target || rest.length > 0 || source !== source.trim() || map.has(source)) return refuse(`Invalid glossary entries provided: ${line}`);
        map.set(source, target);
      }
      const glossary = { glossary_id: randomUUID(), name: body.name, source_lang: source_lang!, target_lang: target_lang!, entries: map, creation_time: new Date().toISOString() };
      glossaries.push(glossary);
      return json(res, 201, {
        glossary_id: glossary.glossary_id,
        name: glossary.name,
        dictionaries: [{ source_lang: glossary.source_lang, target_lang: glossary.target_lang, entry_count: map.size }],
        creation_time: glossary.creation_time,
      });
    }
    const deleteMatch = /^\/v3\/glossaries\/([^/]+)$/.exec(url.pathname);
    if (deleteMatch && req.method === "DELETE") {
      const index = glossaries.findIndex((glossary) => glossary.glossary_id === deleteMatch[1]);
      if (index < 0) return json(res, 404, { message: "Glossary not found" });
      glossaries.splice(index, 1);
      return json(res, 204);
    }
    if (url.pathname === "/v2/translate" && req.method === "POST") {
      if (url.search !== "") return refuse("parameters belong in the body");
      if (!req.headers["content-type"]?.startsWith("application/json")) return refuse("content-type must be JSON");
      if (Buffer.byteLength(text) > 128 * 1024) return json(res, 413, { message: "Request Entity Too Large" });
      if (scripted(self, res)) return;
      const texts = body?.text;
      const target = DEEPL_TARGETS[String(body?.target_lang)];
      if (!Array.isArray(texts) || texts.length === 0 || texts.length > 50 || texts.some((item) => typeof item !== "string")) return refuse("text must be 1 to 50 strings");
      if (!target) return refuse("Value for 'target_lang' not supported.");
      if (body?.source_lang !== undefined && !DEEPL_SOURCES.has(String(body.source_lang))) return refuse("Value for 'source_lang' not supported.");
      if (body?.tag_handling !== undefined && body.tag_handling !== "html" && body.tag_handling !== "xml") return refuse("Invalid tag_handling");
      let glossary: DeepLGlossary | undefined;
      if (body?.glossary_id !== undefined) {
        if (body.source_lang === undefined) return refuse("Use of a glossary requires the source_lang parameter to be set.");
        glossary = glossaries.find((candidate) => candidate.glossary_id === body.glossary_id);
        if (!glossary) return json(res, 404, { message: "Glossary not found" });
        const targetRoot = String(body.target_lang).split("-")[0]!.toLowerCase();
        if (glossary.source_lang !== String(body.source_lang).toLowerCase() || glossary.target_lang !== targetRoot) return refuse("Glossary does not match the language pair");
      }
      const format = body?.tag_handling === "html" ? "html" : "text";
      const translations = (texts as string[]).map((source) => {
        let applied = source;
        for (const [term, wording] of glossary?.entries ?? []) applied = applied.split(term).join(wording);
        return { detected_source_language: String(body?.source_lang ?? "SV"), text: fakeTranslate(applied, target, format) };
      });
      return json(res, 200, { translations });
    }
    json(res, 404, { message: "Not found" });
  });
  return Object.assign(standIn, { glossaries });
}

// ---------------------------------------------------------------------------------------------
// Azure AI Translator v3.0: https://learn.microsoft.com/azure/ai-services/translator/text-translation/reference/v3/translate,
// its error codes (body {"error": {"code", "message"}}) and the dynamic dictionary, which it applies
// only when English is one of the pair and `from` is given.

const AZURE_LANGUAGES: Record<string, "sv" | "zh" | "en"> = { sv: "sv", "zh-Hans": "zh", en: "en" };

export const azureErrors = {
  tooManyRequests: (retryAfterSeconds: number): Scripted => ({
    status: 429,
    body: { error: { code: 429001, message: "The server rejected the request because the client has exceeded request limits." } },
    headers: { "retry-after": String(retryAfterSeconds) },
  }),
  freeQuotaUsed: (): Scripted => ({ status: 403, body: { error: { code: 403001, message: "The operation isn't allowed because the subscription has exceeded its free quota." } } }),
};

export async function startAzureStandIn(options: { key: string; region?: string }): Promise<StandIn> {
  return serve((req, url, text, res, self) => {
    const body = self.requests.at(-1)!.body as unknown;
    const refuse = (code: number, why: string) => {
      self.violations.push(why);
      json(res, 400, { error: { code, message: why } });
    };
    if (req.headers["ocp-apim-subscription-key"] !== options.key) {
      return json(res, 401, { error: { code: 401000, message: "The request is not authorized because credentials are missing or invalid." } });
    }
    if (options.region && req.headers["ocp-apim-subscription-region"] !== options.region) {
      return json(res, 401, { error: { code: 401000, message: "The request is not authorized because credentials are missing or invalid." } });
    }
    if (url.pathname !== "/translate" || req.method !== "POST") return json(res, 404, { error: { code: 404001, message: "The requested resource was not found." } });
    if (url.searchParams.get("api-version") !== "3.0") return refuse(400021, "The API version parameter is missing or invalid.");
    if (!req.headers["content-type"]?.startsWith("application/json")) return refuse(400074, "The body of the request isn't valid JSON.");
    if (scripted(self, res)) return;
    const from = url.searchParams.get("from");
    const to = url.searchParams.getAll("to");
    const textType = url.searchParams.get("textType") ?? "plain";
    if (to.length !== 1 || !AZURE_LANGUAGES[to[0]!]) return refuse(400036, "The target language (\"To\" field) is missing or invalid.");
    if (from !== null && !AZURE_LANGUAGES[from]) return refuse(400035, "The source language (\"From\" field) isn't valid.");
    if (textType !== "plain" && textType !== "html") return refuse(400071, "The value isn't valid for TextType.");
    if (!Array.isArray(body) || body.length === 0 || body.some((item) => typeof (item as { Text?: unknown })?.Text !== "string")) {
      return refuse(400074, "The body of the request isn't valid JSON.");
    }
    if (body.length > 1000) return refuse(400072, "The array of input text has too many elements.");
    if ((body as Array<{ Text: string }>).reduce((sum, item) => sum + item.Text.length, 0) > 50_000) return refuse(400077, "The maximum request size has been exceeded.");
    const target = AZURE_LANGUAGES[to[0]!]!;
    const dictionary = from !== null && (from === "en" || to[0] === "en");
    return json(
      res,
      200,
      (body as Array<{ Text: string }>).map(({ Text }) => {
        // With the dictionary, the marked phrase becomes its given translation; without it, the markup is text like any other.
        const protectedTerms: string[] = [];
        const marked = Text.replace(/<mstrans:dictionary translation="([^"]*)">([\s\S]*?)<\/mstrans:dictionary>/g, (_whole, translation: string, phrase: string) => {
          if (!dictionary) return phrase;
          protectedTerms.push(translation);
          return `\u0000${protectedTerms.length - 1}\u0000`;
        });
        const translated = fakeTranslate(marked, target, textType === "html" ? "html" : "text").replace(/\u0000(\d+)\u0000/g, (_whole, index: string) => protectedTerms[Number(index)]!);
        return { translations: [{ text: translated, to: to[0] }] };
      }),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// LibreTranslate: https://docs.libretranslate.com/guides/api_usage/ and libretranslate/app.py.
// Errors are {"error": …}: 403 "Invalid API key", 429 "Slowdown: …", 400 for a language it lacks.

export const libreTranslateErrors = {
  slowDown: (): Scripted => ({ status: 429, body: { error: "Slowdown: 10 per 1 minute" } }),
};

export async function startLibreTranslateStandIn(options: { key?: string; chineseCode?: "zh" | "zh-Hans"; languages?: string[] } = {}): Promise<StandIn> {
  const chinese = options.chineseCode ?? "zh-Hans";
  const codes = options.languages ?? ["en", "sv", chinese];
  const ours: Record<string, "sv" | "zh" | "en"> = { en: "en", sv: "sv", [chinese]: "zh" };
  return serve((req, url, _text, res, self) => {
    const body = self.requests.at(-1)!.body as Record<string, unknown> | undefined;
    const refuse = (why: string) => {
      self.violations.push(why);
      json(res, 400, { error: why });
    };
    if (req.method === "GET" && url.pathname === "/languages") {
      return json(
        res,
        200,
        codes.map((code) => ({ code, name: code, targets: codes })),
      );
    }
    if (req.method !== "POST" || url.pathname !== "/translate") return json(res, 404, { error: "Not Found" });
    if (options.key !== undefined && body?.api_key !== options.key) {
      return body?.api_key ? json(res, 403, { error: "Invalid API key" }) : json(res, 400, { error: "Please contact the server operator to get an API key" });
    }
    if (!req.headers["content-type"]?.startsWith("application/json")) return refuse("requests are sent as JSON");
    if (scripted(self, res)) return;
    const q = body?.q;
    if (!q) return refuse("Invalid request: missing q parameter");
    if (!body?.source) return refuse("Invalid request: missing source parameter");
    if (!body?.target) return refuse("Invalid request: missing target parameter");
    if (!codes.includes(String(body.source))) return json(res, 400, { error: `${String(body.source)} is not supported` });
    if (!codes.includes(String(body.target))) return json(res, 400, { error: `${String(body.target)} is not supported` });
    const format = body.format ?? "text";
    if (format !== "text" && format !== "html") return refuse(`${String(format)} format is not supported`);
    const target = ours[String(body.target)]!;
    // No glossary; and like a real engine it does not always keep a placeholder's spacing.
    const one = (text: string) => fakeTranslate(text, target, format).replace(/\[T(\d+)\]/g, "[ T$1 ]");
    if (Array.isArray(q)) return json(res, 200, { translatedText: q.map((text) => one(String(text))) });
    return json(res, 200, { translatedText: one(String(q)) });
  });
}
