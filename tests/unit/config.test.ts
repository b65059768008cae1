import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "~/config.server";
import { configuredTranslator } from "~/translation/draft.server";
import { deeplDefaultUrl } from "~/translation/providers.server";

const base = { NODE_ENV: "test", SESSION_SECRET: "x".repeat(40), DATA_DIR: "/tmp" } as const;

describe("configuration", () => {
  it("refuses SMTP_URL without PUBLIC_URL, naming the setting: a mailed link must not come from a request's Host", () => {
    expect(() => parseConfig({ ...base, SMTP_URL: "smtp://127.0.0.1:2525" })).toThrow(ConfigError);
    expect(() => parseConfig({ ...base, SMTP_URL: "smtp://127.0.0.1:2525" })).toThrow(/PUBLIC_URL: is required when SMTP_URL is set/);
    expect(parseConfig({ ...base, SMTP_URL: "smtp://127.0.0.1:2525", PUBLIC_URL: "https://partnerskap.example" }).PUBLIC_URL).toBe("https://partnerskap.example");
  });

  it("trusts no proxy unless TRUST_PROXY names one", () => {
    expect(parseConfig(base).TRUST_PROXY).toBe(false);
    expect(parseConfig({ ...base, TRUST_PROXY: "loopback" }).TRUST_PROXY).toEqual(["loopback"]);
    expect(parseConfig({ ...base, TRUST_PROXY: "10.0.0.5, 192.168.0.0/16,fd00::/8" }).TRUST_PROXY).toEqual(["10.0.0.5", "192.168.0.0/16", "fd00::/8"]);
    expect(parseConfig({ ...base, TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    for (const wrong of ["true", "*", "everyone", "10.0.0.0/33", "-1", "loopback,"]) {
      expect(() => parseConfig({ ...base, TRUST_PROXY: wrong }), wrong).toThrow(/TRUST_PROXY/);
    }
  });

  it("has no translation provider unless one is named, and names the translation setting that is wrong", () => {
    expect(configuredTranslator(parseConfig(base))).toBeUndefined();
    expect(() => parseConfig({ ...base, TRANSLATION_PROVIDER: "google" })).toThrow(/TRANSLATION_PROVIDER: /);
    expect(() => parseConfig({ ...base, TRANSLATION_PROVIDER: "deepl" })).toThrow(/TRANSLATION_API_KEY: is required when TRANSLATION_PROVIDER is deepl/);
    expect(() => parseConfig({ ...base, TRANSLATION_PROVIDER: "azure" })).toThrow(/TRANSLATION_API_KEY: is required when TRANSLATION_PROVIDER is azure/);
    expect(() => parseConfig({ ...base, TRANSLATION_PROVIDER: "libretranslate" })).toThrow(/TRANSLATION_URL: is required when TRANSLATION_PROVIDER is libretranslate/);
    expect(() => parseConfig({ ...base, TRANSLATION_PROVIDER: "libretranslate", TRANSLATION_URL: "ftp://mt.example" })).toThrow(/TRANSLATION_URL: must start with http: or https:/);
    expect(() => parseConfig({ ...base, TRANSLATION_PROVIDER: "deepl", TRANSLATION_API_KEY: "k", TRANSLATION_REGION: "swedencentral" })).toThrow(/TRANSLATION_REGION: is only used with TRANSLATION_PROVIDER=azure/);
    expect(() => parseConfig({ ...base, TRANSLATION_API_KEY: "k" })).toThrow(/TRANSLATION_API_KEY: is set but TRANSLATION_PROVIDER is not/);
    // The key itself is never part of a message.
    expect(() => parseConfig({ ...base, TRANSLATION_PROVIDER: "deepl", TRANSLATION_API_KEY: "secret-key", TRANSLATION_REGION: "Sweden Central" })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("secret-key") }),
    );
  });

  it("accepts each provider with what it needs; LibreTranslate without a key", () => {
    expect(configuredTranslator(parseConfig({ ...base, TRANSLATION_PROVIDER: "deepl", TRANSLATION_API_KEY: "0000:fx" }))?.name).toBe("DeepL");
    // A free DeepL key (":fx") works only on the free API's host.
    expect(deeplDefaultUrl("0000:fx")).toBe("https://api-free.deepl.com");
    expect(deeplDefaultUrl("0000")).toBe("https://api.deepl.com");
    const azure = parseConfig({ ...base, TRANSLATION_PROVIDER: "azure", TRANSLATION_API_KEY: "k", TRANSLATION_REGION: "swedencentral" });
    expect(configuredTranslator(azure)?.name).toBe("Azure AI Translator");
    expect(azure.TRANSLATION_REGION).toBe("swedencentral");
    expect(configuredTranslator(parseConfig({ ...base, TRANSLATION_PROVIDER: "libretranslate", TRANSLATION_URL: "http://127.0.0.1:5000" }))?.name).toBe("LibreTranslate");
  });
});
