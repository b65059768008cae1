import type { PrismaClient } from "~/generated/prisma/client";
import type { Language } from "~/generated/prisma/enums";
import { recordTranslationRequest } from "~/translation/requests.server";

// The demo's translation requests (decision 020): who writes which language, and one open request —
// Karin asks for the plan's activities in Chinese, which reaches Wang Fang. Made as the app makes
// them (audit, notification), through the current database.

const writes: Record<string, Language[]> = {
  "owner@vasteras.example": ["sv", "en"],
  "karin@vasteras.example": ["sv", "en"],
  "erik@vasteras.example": ["sv", "en"],
  "viewer@vasteras.example": ["sv", "en"],
  "wang.fang@jinan.example": ["zh", "en"],
  "li.wei@jinan.example": ["zh"],
  "zhang.min@jinan.example": ["zh"],
};

export async function seedDemoTranslationRequests(prisma: PrismaClient, { projectId }: { projectId: string }) {
  for (const [email, writesLanguages] of Object.entries(writes)) await prisma.user.update({ where: { email }, data: { writesLanguages } });
  const karin = await prisma.user.findUniqueOrThrow({ where: { email: "karin@vasteras.example" } });
  const activities = await prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "activities" } });
  // Recorded, not e-mailed: the demo is seeded before anyone could want its mail.
  await recordTranslationRequest({ id: karin.id, role: "project_group" }, projectId, { kind: "plan_section", id: activities.id }, "zh", "Inför besöket i Jinan i oktober.");
}
