// Setting up a real deployment (no demo data there):
//   npm run add-organisation -- "<name>" <country code> <time zone> [sv="<name>"] [zh="<name>"] [en="<name>"]
//       e.g. npm run add-organisation -- "Västerås stad" SE Europe/Stockholm zh="韦斯特罗斯市" en="City of Västerås"
//       the first name is the original (in Swedish for SE, Chinese for CN, else English) and the
//       handle create-owner takes; the others are its names in those languages
//   npm run create-owner -- <email> "<full name>" ["<organisation name>"]
//       the first workspace administrator; prints a one-time password to change at /profile
// Uses DATABASE_URL when set, else the embedded database in DATA_DIR (./data); migrates first.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { email as emailSchema, personName, timeZone as timeZoneSchema } from "~/accounts/schemas";
import { audit } from "~/audit/audit.server";
import { hashPassword } from "~/auth/password.server";
import { openDatabase, useDatabase } from "~/db/db.server";
import { applyMigrations } from "~/db/migrations.server";
import type { Lang } from "~/i18n/languages";
import { givenTexts } from "~/i18n/localized";
import { localizedText } from "~/i18n/localized-schema";
import englishErrors from "../locales/en/errors.json" with { type: "json" };

const [command, ...args] = process.argv.slice(2);
const usage = `usage:
  npm run add-organisation -- "<name>" <country code> <time zone> [sv="<name>"] [zh="<name>"] [en="<name>"]
  npm run create-owner -- <email> "<full name>" ["<organisation name>"]`;

async function main() {
  const database = process.env.DATABASE_URL
    ? await openDatabase({ databaseUrl: process.env.DATABASE_URL })
    : await openDatabase({ dataDir: path.resolve(process.env.DATA_DIR || "./data") });
  useDatabase(database);
  const prisma = database.prisma;
  try {
    await applyMigrations(database.adapterFactory);
    if (command === "add-organisation") {
      const [name, country, zone, ...translations] = z
        .tuple([z.string().trim().min(1).max(200), z.string().regex(/^[A-Z]{2}$/, "country: two capital letters, e.g. SE or CN"), timeZoneSchema], z.string().regex(/^(sv|zh|en)=.+$/, 'a name in another language: sv="…", zh="…" or en="…"'))
        .parse(args);
      const originalLang: Lang = country === "SE" ? "sv" : country === "CN" ? "zh" : "en";
      const given = localizedText({ max: 200 }).parse(Object.fromEntries(translations.map((pair) => [pair.slice(0, 2), pair.slice(3)])));
      const names = givenTexts({ ...given, [originalLang]: name });
      const organisation = await prisma.organisation.create({ data: { key: name, names, originalLang, country, timeZone: zone } });
      await audit({ actorId: null, action: "organisation.create", entityType: "Organisation", entityId: organisation.id, data: { names } });
      console.log(`Added ${Object.values(names).join(" / ")} (${country}, ${zone}).`);
    } else if (command === "create-owner") {
      const [email, name, organisationName] = z.tuple([emailSchema, personName, z.string().optional()]).parse(args);
      const organisation = organisationName
        ? await prisma.organisation.findUnique({ where: { key: organisationName } })
        : null;
      if (organisationName && !organisation) throw new Error(`No organisation named "${organisationName}": add it first.`);
      const password = randomBytes(12).toString("base64url");
      const language = organisation?.country === "CN" ? "zh" : organisation?.country === "SE" ? "sv" : "en";
      const user = await prisma.user.create({
        data: {
          email,
          name,
          passwordHash: await hashPassword(password),
          isAdmin: true,
          organisationId: organisation?.id ?? null,
          timeZone: organisation?.timeZone ?? "Europe/Stockholm",
          language,
          writesLanguages: [language],
        },
      });
      await audit({ actorId: null, action: "user.create_admin", entityType: "User", entityId: user.id });
      console.log(`Created the workspace administrator ${email}.\nOne-time password: ${password}\nSign in and change it at /profile.`);
    } else {
      throw new Error(usage);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  // The schemas' messages are i18n keys; the command line speaks English.
  const explain = (message: string) => englishErrors[message.replace(/^errors:/, "") as keyof typeof englishErrors] ?? message;
  if (error instanceof z.ZodError) console.error(`${error.issues.map((issue) => explain(issue.message)).join("; ")}\n${usage}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
