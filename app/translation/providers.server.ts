import type { Config } from "~/config.server";
import { azureTranslator } from "./azure.server";
import { deeplTranslator } from "./deepl.server";
import { libreTranslateTranslator } from "./libretranslate.server";
import type { Translator } from "./translator";

/** DeepL's free keys end in ":fx" and work only on the free API's host. */
export const deeplDefaultUrl = (apiKey: string) => (apiKey.endsWith(":fx") ? "https://api-free.deepl.com" : "https://api.deepl.com");
export const azureDefaultUrl = "https://api.cognitive.microsofttranslator.com";

/** The provider the operator configured, or none (the default: no text leaves the server). */
export function translatorFromConfig(config: Config): Translator | undefined {
  const { TRANSLATION_PROVIDER: provider, TRANSLATION_API_KEY: apiKey, TRANSLATION_URL: url, TRANSLATION_REGION: region } = config;
  switch (provider) {
    case "deepl":
      return deeplTranslator({ apiKey: apiKey!, url: url ?? deeplDefaultUrl(apiKey!) });
    case "azure":
      return azureTranslator({ apiKey: apiKey!, url: url ?? azureDefaultUrl, region });
    case "libretranslate":
      return libreTranslateTranslator({ url: url!, apiKey });
    default:
      return undefined;
  }
}
