import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase, type Database } from "~/db/db.server";
import { jsonToText } from "~/editor/content.server";
import { AUTO_VERSION_MINUTES } from "~/editor/rich-text.server";
import { storeText } from "~/plan/plan.server";
import { compareTexts, createSnapshot, listVersions } from "~/plan/versions.server";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { createTestDatabase } from "../support/database";

let database: Database;
let projectId: string;
let sectionId: string;

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  useDatabase(database);
  const project = await database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } });
  projectId = project.id;
  sectionId = (await database.prisma.planSection.findFirstOrThrow({ where: { projectId, kind: "risks" } })).id;
});
afterAll(async () => {
  await database?.close();
});

describe("plan versions", () => {
  it("keeps an automatic version when a text changes, at most one per interval", async () => {
    await storeText(sectionId, "en", new Uint8Array([0, 0]), doc("First risk."), jsonToText(doc("First risk.")));
    await storeText(sectionId, "en", new Uint8Array([0, 0]), doc("First risk. Second."), jsonToText(doc("First risk. Second.")));
    let versions = await listVersions(projectId, sectionId, "en");
    expect(versions.map((version) => version.kind)).toEqual(["auto"]);

    // An interval later, the next change is kept again; an unchanged text is not.
    const text = await database.prisma.richText.findUniqueOrThrow({ where: { sectionId_lang: { sectionId, lang: "en" } } });
    await database.prisma.textVersion.updateMany({
      where: { textId: text.id },
      data: { createdAt: new Date(Date.now() - (AUTO_VERSION_MINUTES + 1) * 60_000) },
    });
    await storeText(sectionId, "en", new Uint8Array([0, 0]), doc("First risk. Second."), "First risk. Second.");
    expect(await listVersions(projectId, sectionId, "en")).toHaveLength(1);
    await storeText(sectionId, "en", new Uint8Array([0, 0]), doc("First risk. Second. Third."), "First risk. Second. Third.");
    versions = await listVersions(projectId, sectionId, "en");
    expect(versions).toHaveLength(2);
    expect(versions[0]!.characters).toBe("First risk. Second. Third.".length);
  });

  it("names a version of every text of the plan at once", async () => {
    const owner = await database.prisma.user.findUniqueOrThrow({ where: { email: "owner@vasteras.example" } });
    const snapshot = await createSnapshot(owner.id, projectId, "Skickad till styrgruppen 12 okt");
    const texts = await database.prisma.richText.count({ where: { section: { projectId } } });
    expect(await database.prisma.textVersion.count({ where: { snapshotId: snapshot.id } })).toBe(texts);
    const named = (await listVersions(projectId, sectionId, "en")).find((version) => version.kind === "named");
    expect(named).toMatchObject({ name: "Skickad till styrgruppen 12 okt", createdBy: owner.name });
    expect(await database.prisma.auditEvent.count({ where: { action: "plan_snapshot.create", entityId: snapshot.id } })).toBe(1);
  });

  it("compares words in Swedish and English, characters in Chinese", () => {
    expect(compareTexts("Åtta tjänstepersoner besöker Västerås", "Tio tjänstepersoner besöker Västerås", "sv")).toEqual([
      { value: "Åtta", removed: true },
      { value: "Tio", added: true },
      { value: " tjänstepersoner besöker Västerås" },
    ]);
    const chinese = compareTexts("八名官员访问", "十名官员访问", "zh");
    expect(chinese).toEqual([{ value: "八", removed: true }, { value: "十", added: true }, { value: "名官员访问" }]);
  });
});
