import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { tFor } from "~/i18n/i18n.server";
import { azureTranslator } from "~/translation/azure.server";
import { callTranslator, type CallOptions } from "~/translation/call.server";
import { deeplTranslator } from "~/translation/deepl.server";
import { TranslationError } from "~/translation/errors";
import { libreTranslateTranslator } from "~/translation/libretranslate.server";
import type { TranslateInput, Translator } from "~/translation/translator";
import {
  azureErrors,
  deeplErrors,
  libreTranslateErrors,
  startAzureStandIn,
  startDeepLStandIn,
  startLibreTranslateStandIn,
  type StandIn,
} from "../support/translation-stand-ins";

// Each adapter against a local stand-in that answers as the provider's published API does: the
// drafts, the glossary term kept, tags kept, one retry after a 429, and each failure as the message
// a reader sees.

const SENTENCE = "Västerås och Jinan samarbetar om medborgardialog.";
const input = (overrides: Partial<TranslateInput> = {}): TranslateInput => ({ texts: [SENTENCE], from: "sv", to: "zh", glossary: [], format: "text", ...overrides });
const translateRequests = (standIn: StandIn, path: string) => standIn.requests.filter((request) => request.path.startsWith(path));

async function failure(promise: Promise<unknown>): Promise<TranslationError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TranslationError);
  return error as TranslationError;
}

/** The message the page shows for an error, in each of the three languages. */
const shown = (error: TranslationError) => ({ sv: tFor("sv")(error.key), zh: tFor("zh")(error.key), en: tFor("en")(error.key) });

async function timesOut(translator: Translator, options: CallOptions) {
  const started = Date.now();
  const error = await failure(callTranslator(translator, input(), options));
  expect(error.key).toBe("errors:translationUnavailable");
  expect(Date.now() - started).toBeLessThan((options.timeoutMs ?? 0) + 1500);
  expect(shown(error).sv).toBe("Översättningstjänsten gick inte att nå eller svarade inte i tid. Försök igen senare eller översätt för hand.");
}

const badKeyMessages = {
  sv: "Översättningstjänsten godtog inte arbetsytans nyckel. Be administratören att kontrollera översättningsnyckeln.",
  zh: "翻译服务不接受本工作区的密钥。请联系管理员检查翻译密钥。",
  en: "The translation service did not accept the workspace's key. Ask the administrator to check the translation key.",
};

describe("DeepL", () => {
  let standIn: Awaited<ReturnType<typeof startDeepLStandIn>>;
  let deepl: Translator;
  beforeAll(async () => {
    standIn = await startDeepLStandIn({ key: "deepl-key:fx" });
    deepl = deeplTranslator({ apiKey: "deepl-key:fx", url: standIn.url });
  });
  afterEach(() => {
    expect(standIn.violations).toEqual([]);
    standIn.script.length = 0;
  });
  afterAll(() => standIn.close());

  it("translates Swedish into simplified Chinese and British English with the documented codes", async () => {
    expect(await callTranslator(deepl, input())).toEqual(["韦斯特罗斯和济南在公民对话方面开展合作。"]);
    expect(await callTranslator(deepl, input({ to: "en" }))).toEqual(["Västerås and Jinan cooperate on citizen dialogue."]);
    const [toChinese, toEnglish] = translateRequests(standIn, "/v2/translate").map((request) => request.body);
    expect(toChinese).toEqual({ text: [SENTENCE], source_lang: "SV", target_lang: "ZH-HANS" });
    expect(toEnglish).toEqual({ text: [SENTENCE], source_lang: "SV", target_lang: "EN-GB" });
  });

  it("keeps the project's term through a DeepL glossary, made once for the same terms and anew when they change", async () => {
    const glossary = [{ source: "medborgardialog", target: "市民对话" }];
    const text = "Besöket gäller medborgardialog i Jinan.";
    const [draft] = await callTranslator(deepl, input({ texts: [text], glossary }));
    expect(draft).toContain("市民对话");
    expect(draft).not.toContain("medborgardialog");
    await callTranslator(deepl, input({ texts: [text], glossary }));
    expect(standIn.glossaries).toHaveLength(1);
    expect(standIn.glossaries[0]).toMatchObject({ source_lang: "sv", target_lang: "zh" });
    const [changed] = await callTranslator(deepl, input({ texts: [text], glossary: [{ source: "medborgardialog", target: "公民对话" }] }));
    expect(changed).toContain("公民对话");
    expect(standIn.glossaries).toHaveLength(2);
  });

  it("protects the terms with placeholders where DeepL has no glossary for the pair", async () => {
    const noChinese = await startDeepLStandIn({ key: "k", glossaryLanguages: ["en", "sv", "de"] });
    try {
      const [draft] = await callTranslator(deeplTranslator({ apiKey: "k", url: noChinese.url }), input({ texts: ["Möte om medborgardialog."], glossary: [{ source: "medborgardialog", target: "市民对话" }] }));
      expect(draft).toBe("〈zh〉Möte om 市民对话.");
      expect(noChinese.glossaries).toEqual([]);
      expect(translateRequests(noChinese, "/v2/translate")[0]!.body).toMatchObject({ text: ["Möte om [T0]."] });
      expect(noChinese.violations).toEqual([]);
    } finally {
      await noChinese.close();
    }
  });

  it("sends rich text with tag_handling=html and gets the paragraphs back with their tags", async () => {
    const [draft] = await callTranslator(deepl, input({ texts: ["<p>Mål</p><p><strong>Aktiviteter</strong></p>"], to: "en", format: "html" }));
    expect(draft).toBe("<p>〈en〉Mål</p><p><strong>〈en〉Aktiviteter</strong></p>");
    expect(translateRequests(standIn, "/v2/translate").at(-1)!.body).toMatchObject({ tag_handling: "html" });
  });

  it("waits the Retry-After of a 429 and tries once more", async () => {
    standIn.script.push(deeplErrors.tooManyRequests(1));
    const before = translateRequests(standIn, "/v2/translate").length;
    const started = Date.now();
    expect(await callTranslator(deepl, input())).toEqual(["韦斯特罗斯和济南在公民对话方面开展合作。"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(translateRequests(standIn, "/v2/translate").length - before).toBe(2);
  });

  it("does not wait out a long Retry-After: the reader is told the service is busy", async () => {
    standIn.script.push(deeplErrors.tooManyRequests(120));
    const started = Date.now();
    const error = await failure(callTranslator(deepl, input()));
    expect(error.key).toBe("errors:translationRateLimited");
    expect(Date.now() - started).toBeLessThan(1000);
    expect(shown(error).zh).toBe("翻译服务当前请求过多，请一分钟后再试。");
  });

  it("reports an exhausted quota (456)", async () => {
    standIn.script.push(deeplErrors.quotaExceeded());
    const error = await failure(callTranslator(deepl, input()));
    expect(error.key).toBe("errors:translationQuota");
    expect(shown(error)).toEqual({
      sv: "Arbetsytans kvot hos översättningstjänsten är förbrukad. Be administratören att höja gränsen.",
      zh: "本工作区在翻译服务的额度已用完。请联系管理员提高额度。",
      en: "The workspace has used up its quota with the translation service. Ask the administrator to raise the limit.",
    });
  });

  it("reports a wrong key (403) as the bad-key message in Swedish, Chinese and English", async () => {
    const error = await failure(callTranslator(deeplTranslator({ apiKey: "wrong", url: standIn.url }), input()));
    expect(error.key).toBe("errors:translationBadKey");
    expect(shown(error)).toEqual(badKeyMessages);
  });

  it("gives up within the time limit when DeepL never answers", async () => {
    standIn.script.push("hang");
    await timesOut(deepl, { timeoutMs: 400 });
  });
});

describe("Azure AI Translator", () => {
  let standIn: StandIn;
  let azure: Translator;
  beforeAll(async () => {
    standIn = await startAzureStandIn({ key: "azure-key", region: "swedencentral" });
    azure = azureTranslator({ apiKey: "azure-key", url: standIn.url, region: "swedencentral" });
  });
  afterEach(() => {
    expect(standIn.violations).toEqual([]);
    standIn.script.length = 0;
  });
  afterAll(() => standIn.close());

  it("translates Swedish into zh-Hans and en with the key and region headers", async () => {
    expect(await callTranslator(azure, input())).toEqual(["韦斯特罗斯和济南在公民对话方面开展合作。"]);
    expect(await callTranslator(azure, input({ to: "en" }))).toEqual(["Västerås and Jinan cooperate on citizen dialogue."]);
    const [first] = translateRequests(standIn, "/translate");
    expect(first!.path).toBe("/translate?api-version=3.0&from=sv&to=zh-Hans&textType=plain");
    expect(first!.body).toEqual([{ Text: SENTENCE }]);
    expect(first!.headers["ocp-apim-subscription-region"]).toBe("swedencentral");
  });

  it("keeps the term with the dynamic dictionary between Swedish and English", async () => {
    const [draft] = await callTranslator(azure, input({ texts: ["Vi utvecklar kontaktcenter."], to: "en", glossary: [{ source: "kontaktcenter", target: "contact centre" }] }));
    expect(draft).toBe("〈en〉Vi utvecklar contact centre.");
    expect(translateRequests(standIn, "/translate").at(-1)!.body).toEqual([
      { Text: 'Vi utvecklar <mstrans:dictionary translation="contact centre">kontaktcenter</mstrans:dictionary>.' },
    ]);
  });

  it("keeps the term with placeholders between Swedish and Chinese, where Azure ignores the dictionary", async () => {
    const [draft] = await callTranslator(azure, input({ texts: ["Vi utvecklar kontaktcenter."], glossary: [{ source: "kontaktcenter", target: "联络中心" }] }));
    expect(draft).toBe("〈zh〉Vi utvecklar 联络中心.");
    expect(translateRequests(standIn, "/translate").at(-1)!.body).toEqual([{ Text: "Vi utvecklar [T0]." }]);
  });

  it("sends rich text as textType=html and keeps the tags", async () => {
    const [draft] = await callTranslator(azure, input({ texts: ["<p>Mål</p><ul><li>Dialog</li></ul>"], to: "en", format: "html" }));
    expect(draft).toBe("<p>〈en〉Mål</p><ul><li>〈en〉Dialog</li></ul>");
    expect(translateRequests(standIn, "/translate").at(-1)!.path).toContain("textType=html");
  });

  it("waits the Retry-After of a 429 and tries once more", async () => {
    standIn.script.push(azureErrors.tooManyRequests(1));
    const started = Date.now();
    expect(await callTranslator(azure, input())).toEqual(["韦斯特罗斯和济南在公民对话方面开展合作。"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it("reports a wrong key (401) as the bad-key message, and a used-up free tier (403001) as the quota", async () => {
    const wrongKey = await failure(callTranslator(azureTranslator({ apiKey: "wrong", url: standIn.url, region: "swedencentral" }), input()));
    expect(wrongKey.key).toBe("errors:translationBadKey");
    expect(shown(wrongKey)).toEqual(badKeyMessages);
    const noRegion = await failure(callTranslator(azureTranslator({ apiKey: "azure-key", url: standIn.url }), input()));
    expect(noRegion.key).toBe("errors:translationBadKey");
    standIn.script.push(azureErrors.freeQuotaUsed());
    expect((await failure(callTranslator(azure, input()))).key).toBe("errors:translationQuota");
  });

  it("gives up within the time limit when Azure never answers", async () => {
    standIn.script.push("hang");
    await timesOut(azure, { timeoutMs: 400 });
  });
});

describe("LibreTranslate", () => {
  let standIn: StandIn;
  let libre: Translator;
  beforeAll(async () => {
    standIn = await startLibreTranslateStandIn({ key: "libre-key" });
    libre = libreTranslateTranslator({ url: standIn.url, apiKey: "libre-key" });
  });
  afterEach(() => {
    expect(standIn.violations).toEqual([]);
    standIn.script.length = 0;
  });
  afterAll(() => standIn.close());

  it("translates with the codes the server lists (zh-Hans), the key in the body", async () => {
    expect(await callTranslator(libre, input())).toEqual(["韦斯特罗斯和济南在公民对话方面开展合作。"]);
    expect(translateRequests(standIn, "/translate").at(-1)!.body).toEqual({ q: [SENTENCE], source: "sv", target: "zh-Hans", format: "text", api_key: "libre-key" });
  });

  it("uses zh on a server that names simplified Chinese so", async () => {
    const older = await startLibreTranslateStandIn({ chineseCode: "zh" });
    try {
      expect(await callTranslator(libreTranslateTranslator({ url: older.url }), input())).toEqual(["韦斯特罗斯和济南在公民对话方面开展合作。"]);
      expect(translateRequests(older, "/translate")[0]!.body).toMatchObject({ target: "zh" });
      expect(older.violations).toEqual([]);
    } finally {
      await older.close();
    }
  });

  it("keeps glossary terms through placeholders, also when the engine re-spaces them", async () => {
    const glossary = [
      { source: "invånardialog", target: "居民对话" },
      { source: "Hotline 12345", target: "12345热线" },
    ];
    const [draft, html] = await callTranslator(libre, input({ texts: ["Invånardialog via Hotline 12345.", "<p>Om invånardialog</p>"], glossary, format: "html" }));
    expect(draft).toBe("〈zh〉居民对话 via 12345热线.");
    expect(html).toBe("<p>〈zh〉Om 居民对话</p>");
  });

  it("retries once after a 429 without Retry-After", async () => {
    standIn.script.push(libreTranslateErrors.slowDown());
    expect(await callTranslator(libre, input({ to: "en" }))).toEqual(["Västerås and Jinan cooperate on citizen dialogue."]);
  });

  it("reports an invalid key (403) and a missing one as the bad-key message", async () => {
    const wrong = await failure(callTranslator(libreTranslateTranslator({ url: standIn.url, apiKey: "wrong" }), input()));
    expect(wrong.key).toBe("errors:translationBadKey");
    expect(shown(wrong)).toEqual(badKeyMessages);
    expect((await failure(callTranslator(libreTranslateTranslator({ url: standIn.url }), input()))).key).toBe("errors:translationBadKey");
  });

  it("refuses a pair the server has no model for, before sending the text", async () => {
    const englishOnly = await startLibreTranslateStandIn({ languages: ["en", "zh-Hans"] });
    try {
      const error = await failure(callTranslator(libreTranslateTranslator({ url: englishOnly.url }), input()));
      expect(error.key).toBe("errors:translationPairUnsupported");
      expect(translateRequests(englishOnly, "/translate")).toEqual([]);
    } finally {
      await englishOnly.close();
    }
  });

  it("gives up within the time limit when the server never answers", async () => {
    standIn.script.push("hang");
    await timesOut(libre, { timeoutMs: 400 });
  });
});
