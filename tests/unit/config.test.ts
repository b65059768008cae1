import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "~/config.server";

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
});
