import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig, setConfig } from "~/config.server";
import { useDatabase, type Database } from "~/db/db.server";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { draftsAvailable, draftTranslation, MAX_DRAFT_CHARACTERS } from "~/translation/draft.server";
import { TranslationError } from "~/translation/errors";
import { createTestDatabase } from "../support/database";
import { startDeepLStandIn, startLibreTranslateStandIn, type StandIn } from "../support/translation-stand-ins";

// draftTranslation as the pages will call it: the configured provider, the project's glossary from
// the database, the limit checked before anything is sent. And `npm run translate:check` run as an
// operator runs it.

const base = { NODE_ENV: "test", SESSION_SECRET: "x".repeat(40), DATA_DIR: "/tmp" } as const;
let database: Database;
let projectId: string;
let libre: StandIn;

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  useDatabase(database);
  projectId = (await database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  libre = await startLibreTranslateStandIn();
  setConfig(parseConfig({ ...base, TRANSLATION_PROVIDER: "libretranslate", TRANSLATION_URL: libre.url }));
});
afterAll(async () => {
  setConfig(parseConfig(base));
  await libre?.close();
  await database?.close();
});

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TranslationError);
  return (error as TranslationError).key;
};

describe("a machine-translation draft", () => {
  it("uses the project's glossary in the direction asked for, and leaves a blank text blank and unsent", async () => {
    const sent = libre.requests.length;
    const drafts = await draftTranslation({ projectId, texts: ["Vårt kontaktcenter svarar på Hotline 12345.", "  "], from: "sv", to: "en" });
    expect(drafts).toEqual(["〈en〉Vårt contact centre svarar på Hotline 12345.", ""]);
    const translate = libre.requests.slice(sent).filter((request) => request.path === "/translate");
    expect(translate.map((request) => request.body)).toEqual([{ q: ["Vårt [T2] svarar på [T0]."], source: "sv", target: "en", format: "text" }]);

    const [chinese] = await draftTranslation({ projectId, texts: ["12345热线连接联络中心。"], from: "zh", to: "sv" });
    expect(chinese).toBe("〈sv〉Hotline 12345连接kontaktcenter。");
  });

  it("sends a plan section's paragraphs as HTML and keeps their tags", async () => {
    const [draft] = await draftTranslation({ projectId, texts: ["<p>Invånardialog</p><p>Kontaktcenter i <em>Västerås</em></p>"], from: "sv", to: "zh", format: "html" });
    expect(draft).toBe("<p>〈zh〉居民对话</p><p>〈zh〉联络中心 i <em>〈zh〉Västerås</em></p>");
  });

  it("refuses a 100 000-character text before anything is sent; 50 000 characters in all go through", async () => {
    const sent = libre.requests.length;
    expect(await refusal(draftTranslation({ projectId, texts: ["a".repeat(100_000)], from: "sv", to: "zh" }))).toBe("errors:translationTooLong");
    expect(await refusal(draftTranslation({ projectId, texts: ["a".repeat(MAX_DRAFT_CHARACTERS), "b"], from: "sv", to: "zh" }))).toBe("errors:translationTooLong");
    expect(libre.requests.length).toBe(sent);
    const drafts = await draftTranslation({ projectId, texts: ["ab ".repeat(10_000), "c".repeat(MAX_DRAFT_CHARACTERS - 30_000)], from: "sv", to: "zh" });
    expect(drafts.map((draft) => draft.length)).toEqual([30_004, 20_004]);
  });

  it("says machine translation is not switched on when no provider is configured, and sends nothing", async () => {
    const sent = libre.requests.length;
    expect(draftsAvailable()).toBe(true);
    setConfig(parseConfig(base));
    try {
      expect(draftsAvailable()).toBe(false);
      expect(await refusal(draftTranslation({ projectId, texts: ["Hej"], from: "sv", to: "zh" }))).toBe("errors:translationNotConfigured");
    } finally {
      setConfig(parseConfig({ ...base, TRANSLATION_PROVIDER: "libretranslate", TRANSLATION_URL: libre.url }));
    }
    expect(libre.requests.length).toBe(sent);
  });

  it("refuses translating a text into its own language", async () => {
    expect(await refusal(draftTranslation({ projectId, texts: ["Hej"], from: "sv", to: "sv" }))).toBe("errors:translationPairUnsupported");
  });
});

function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const clean: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of ["TRANSLATION_PROVIDER", "TRANSLATION_API_KEY", "TRANSLATION_URL", "TRANSLATION_REGION"]) if (!(name in env)) delete clean[name];
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/translate-check.ts"], { env: clean, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

describe("npm run translate:check", () => {
  let deepl: Awaited<ReturnType<typeof startDeepLStandIn>>;
  beforeAll(async () => {
    deepl = await startDeepLStandIn({ key: "check-key" });
  });
  afterAll(() => deepl?.close());

  it("prints the sentence in Chinese and English from the configured provider", async () => {
    const { code, output } = await run({ TRANSLATION_PROVIDER: "deepl", TRANSLATION_API_KEY: "check-key", TRANSLATION_URL: deepl.url });
    expect(output).toContain("DeepL, zh: 韦斯特罗斯和济南在公民对话方面开展合作。");
    expect(output).toContain("DeepL, en: Västerås and Jinan cooperate on citizen dialogue.");
    expect(code).toBe(0);
    expect(deepl.violations).toEqual([]);
  }, 60_000);

  it("prints the provider's refusal and exits non-zero", async () => {
    const { code, output } = await run({ TRANSLATION_PROVIDER: "deepl", TRANSLATION_API_KEY: "wrong-key", TRANSLATION_URL: deepl.url });
    expect(output).toContain("DeepL, zh: The translation service did not accept the workspace's key.");
    expect(output).not.toContain("wrong-key");
    expect(code).toBe(1);
  }, 60_000);

  it("says no provider is configured, and names a wrong setting", async () => {
    const none = await run({});
    expect(none.output).toContain("No provider configured");
    expect(none.code).toBe(1);
    const wrong = await run({ TRANSLATION_PROVIDER: "azure" });
    expect(wrong.output).toContain("TRANSLATION_API_KEY: is required when TRANSLATION_PROVIDER is azure");
    expect(wrong.code).toBe(1);
  }, 60_000);
});
