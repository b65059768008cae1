import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { singleton } from "~/utils/singleton.server";

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalUrl = (protocols: string[]) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .url()
      .refine((value) => protocols.includes(new URL(value).protocol), {
        message: `must start with ${protocols.join(" or ")}//`,
      })
      .optional(),
  );

// Which peer's X-Forwarded-* headers to believe: nobody by default, else a hop count or a list of
// Express's names (loopback, linklocal, uniquelocal), addresses and CIDR ranges. "true" (everyone)
// is refused: it would let any client choose the address that sign-in limits count.
const proxyNames = new Set(["loopback", "linklocal", "uniquelocal"]);
const isProxyEntry = (entry: string) => {
  if (proxyNames.has(entry)) return true;
  const [address = "", bits, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
};
const trustProxy = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .optional()
    .transform((value, ctx): false | number | string[] => {
      if (value === undefined) return false;
      if (/^\d+$/.test(value.trim())) return Number(value.trim());
      const entries = value.split(",").map((entry) => entry.trim());
      if (entries.every(isProxyEntry)) return entries;
      ctx.addIssue({ code: "custom", message: "must be a number of proxies, or a comma-separated list of loopback, linklocal, uniquelocal, IP addresses and CIDR ranges" });
      return z.NEVER;
    }),
);

export const translationProviders = ["deepl", "azure", "libretranslate"] as const;
export type TranslationProvider = (typeof translationProviders)[number];

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: optionalUrl(["postgres:", "postgresql:"]),
    REDIS_URL: optionalUrl(["redis:", "rediss:"]),
    SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, "must be at least 32 characters").optional()),
    PUBLIC_URL: optionalUrl(["http:", "https:"]),
    SMTP_URL: optionalUrl(["smtp:", "smtps:"]),
    MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default("Partnership workspace <no-reply@localhost>")),
    UPLOAD_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
    TRUST_PROXY: trustProxy,
    // Machine-translation drafts (decision 016): off unless a provider is named.
    TRANSLATION_PROVIDER: z.preprocess(emptyToUndefined, z.enum(translationProviders).optional()),
    TRANSLATION_API_KEY: z.preprocess(emptyToUndefined, z.string().trim().min(1).optional()),
    TRANSLATION_URL: optionalUrl(["http:", "https:"]),
    TRANSLATION_REGION: z.preprocess(
      emptyToUndefined,
      z.string().regex(/^[a-z0-9]+$/, "must be an Azure region name such as swedencentral").optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required when DATABASE_URL is set" });
    }
    // Every link an e-mail carries is on PUBLIC_URL, never on the host a request names.
    if (env.SMTP_URL && !env.PUBLIC_URL) {
      ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "is required when SMTP_URL is set (the address of the workspace in every link an e-mail carries)" });
    }
    const provider = env.TRANSLATION_PROVIDER;
    if ((provider === "deepl" || provider === "azure") && !env.TRANSLATION_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["TRANSLATION_API_KEY"], message: `is required when TRANSLATION_PROVIDER is ${provider}` });
    }
    if (provider === "libretranslate" && !env.TRANSLATION_URL) {
      ctx.addIssue({ code: "custom", path: ["TRANSLATION_URL"], message: "is required when TRANSLATION_PROVIDER is libretranslate (the address of its server)" });
    }
    if (env.TRANSLATION_REGION && provider !== "azure") {
      ctx.addIssue({ code: "custom", path: ["TRANSLATION_REGION"], message: "is only used with TRANSLATION_PROVIDER=azure" });
    }
    if (!provider) {
      for (const name of ["TRANSLATION_API_KEY", "TRANSLATION_URL"] as const) {
        if (env[name]) ctx.addIssue({ code: "custom", path: [name], message: "is set but TRANSLATION_PROVIDER is not (deepl, azure or libretranslate)" });
      }
    }
  });

export type Config = z.infer<typeof EnvSchema> & { sessionSecrets: string[] };

export class ConfigError extends Error {}

/** Parses the environment once; a wrong value stops the start with a message naming it. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const parsed = result.data;
  return { ...parsed, sessionSecrets: [parsed.SESSION_SECRET ?? embeddedSessionSecret(parsed.DATA_DIR)] };
}

/** On one machine without SESSION_SECRET, a random secret kept beside the embedded database. */
function embeddedSessionSecret(dataDir: string): string {
  const file = path.resolve(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const holder = singleton("config", () => ({ current: undefined as Config | undefined }));

export function setConfig(config: Config) {
  holder.current = config;
}

export function config(): Config {
  holder.current ??= parseConfig();
  return holder.current;
}
