import { hashPassword } from "~/auth/password.server";
import type { PrismaClient } from "~/generated/prisma/client";
import type { Language, ProjectRole } from "~/generated/prisma/enums";

// The demo workspace: fictional people, the partnership's real context. Seeded only into an empty
// embedded database, with dates relative to the day it is seeded.
export const DEMO_PASSWORD = "demo-partnership";

export const demoAccounts: {
  email: string;
  name: string;
  org: "vasteras" | "jinan";
  role: ProjectRole;
  language: Language;
  isAdmin?: boolean;
}[] = [
  { email: "owner@vasteras.example", name: "Anna Lindqvist", org: "vasteras", role: "owner", language: "sv", isAdmin: true },
  { email: "karin@vasteras.example", name: "Karin Berg", org: "vasteras", role: "project_group", language: "sv" },
  { email: "wang.fang@jinan.example", name: "王芳 Wang Fang", org: "jinan", role: "project_group", language: "zh" },
  { email: "erik@vasteras.example", name: "Erik Johansson", org: "vasteras", role: "steering_group", language: "sv" },
  { email: "li.wei@jinan.example", name: "李伟 Li Wei", org: "jinan", role: "steering_group", language: "zh" },
  { email: "zhang.min@jinan.example", name: "张敏 Zhang Min", org: "jinan", role: "delegate", language: "zh" },
  { email: "viewer@vasteras.example", name: "Olof Viewer", org: "vasteras", role: "viewer", language: "en" },
];

export const PRE_STUDY_TITLE = "Invånardialog via kontaktcenter – förstudie";
export const EARLIER_PROJECT_TITLE = "Invånardialog Västerås–Jinan 2015–2018";

function addMonths(date: Date, months: number): Date {
  const result = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));
  return result;
}

export async function seedDemo(prisma: PrismaClient, today = new Date()): Promise<void> {
  const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const passwordHashes = await Promise.all(demoAccounts.map(() => hashPassword(DEMO_PASSWORD)));
  await prisma.$transaction(async (tx) => {
    const vasteras = await tx.organisation.create({
      data: { name: "Västerås stad", country: "SE", timeZone: "Europe/Stockholm" },
    });
    const jinan = await tx.organisation.create({
      data: { name: "济南市人民政府", country: "CN", timeZone: "Asia/Shanghai" },
    });
    const organisations = { vasteras, jinan };

    const users = [];
    for (const [index, account] of demoAccounts.entries()) {
      const organisation = organisations[account.org];
      users.push(
        await tx.user.create({
          data: {
            email: account.email,
            name: account.name,
            passwordHash: passwordHashes[index] as string,
            language: account.language,
            timeZone: organisation.timeZone,
            organisationId: organisation.id,
            isAdmin: account.isAdmin ?? false,
          },
        }),
      );
    }

    const preStudyStart = addMonths(day, -2);
    await tx.project.create({
      data: {
        title: PRE_STUDY_TITLE,
        funder: "ICLD",
        grantAmount: "275000",
        currency: "SEK",
        startDate: preStudyStart,
        endDate: addMonths(preStudyStart, 6),
        status: "active",
        organisations: { create: [{ organisationId: vasteras.id }, { organisationId: jinan.id }] },
        memberships: { create: users.map((user, index) => ({ userId: user.id, role: demoAccounts[index]!.role })) },
      },
    });

    const owner = users[0]!;
    const erik = users[3]!;
    await tx.project.create({
      data: {
        title: EARLIER_PROJECT_TITLE,
        funder: "ICLD",
        grantAmount: "2400000",
        currency: "SEK",
        startDate: new Date("2015-09-01T00:00:00Z"),
        endDate: new Date("2018-08-31T00:00:00Z"),
        status: "finished",
        organisations: { create: [{ organisationId: vasteras.id }, { organisationId: jinan.id }] },
        memberships: {
          create: [
            { userId: owner.id, role: "owner" },
            { userId: erik.id, role: "steering_group" },
          ],
        },
      },
    });
    await tx.auditEvent.create({ data: { actorId: null, action: "demo.seed", entityType: "Workspace" } });
  });
}

/** Seeds only an empty database (no people yet); says whether it did. */
export async function seedDemoIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.user.count()) > 0) return false;
  await seedDemo(prisma);
  return true;
}
