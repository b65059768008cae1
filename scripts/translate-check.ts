// `npm run translate:check`: sends one sentence, Swedish into Chinese and into English, to the
// machine-translation provider the environment configures (TRANSLATION_PROVIDER and the rest, as
// `npm start` reads them), and prints the drafts or what went wrong. Exits non-zero unless both
// drafts came back; with no provider configured it says so (and exits 1: nothing was checked).
import { ConfigError, parseConfig } from "~/config.server";
import type { Lang } from "~/i18n/languages";
import { callTranslator } from "~/translation/call.server";
import { TranslationError } from "~/translation/errors";
import { translatorFromConfig } from "~/translation/providers.server";
import englishErrors from "../locales/en/errors.json" with { type: "json" };

const SENTENCE = "Västerås och Jinan samarbetar om medborgardialog.";

async function main(): Promise<number> {
  let translator;
  try {
    // The session secret plays no part here; a stand-in keeps parseConfig from writing one into DATA_DIR.
    translator = translatorFromConfig(parseConfig({ ...process.env, SESSION_SECRET: process.env.SESSION_SECRET || "unused-by-translate-check-".padEnd(32, "x") }));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  if (!translator) {
    console.log("No provider configured: TRANSLATION_PROVIDER is not set (deepl, azure or libretranslate). Machine-translation drafts are off.");
    return 1;
  }
  console.log(`${translator.name}, sv: ${SENTENCE}`);
  for (const to of ["zh", "en"] as Lang[]) {
    try {
      const [draft] = await callTranslator(translator, { texts: [SENTENCE], from: "sv", to, glossary: [], format: "text" });
      console.log(`${translator.name}, ${to}: ${draft}`);
    } catch (error) {
      if (!(error instanceof TranslationError)) throw error;
      console.error(`${translator.name}, ${to}: ${englishErrors[error.reason.replace(/^errors:/, "") as keyof typeof englishErrors]}`);
      return 1;
    }
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
