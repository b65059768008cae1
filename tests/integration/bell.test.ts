import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig, setConfig } from "~/config.server";
import { createSession, getBellCounts } from "~/auth/session.server";
import { useDatabase, type Database } from "~/db/db.server";
import { decide, submitForApproval } from "~/milestones/approvals.server";
import { listAwaitingDecision } from "~/milestones/rounds.server";
import { unreadCount } from "~/notifications/notifications.server";
import { createSnapshot } from "~/plan/versions.server";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { createTestDatabase } from "../support/database";

// The bell: every decision a steering-group member owes is in it (the demo's pending round too),
// and acting on one takes it out.

let database: Database;
let projectId: string;
const people: Record<string, { id: string; organisationId: string | null }> = {};

beforeAll(async () => {
  setConfig(parseConfig({ NODE_ENV: "test", SESSION_SECRET: "x".repeat(40), DATA_DIR: "/tmp" }));
  database = await createTestDatabase({ demo: true });
  useDatabase(database);
  projectId = (await database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  for (const [key, email] of [["karin", "karin@vasteras.example"], ["erik", "erik@vasteras.example"], ["liWei", "li.wei@jinan.example"]] as const) {
    people[key] = await database.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, organisationId: true } });
  }
});
afterAll(async () => {
  await database?.close();
});

const titlesAwaiting = async (who: string) => (await listAwaitingDecision(people[who]!.id, "zh")).map((request) => request.title);

describe("the bell and pending decisions", () => {
  it("shows Li Wei every round awaiting him, and drops each one he decides", async () => {
    const { karin, erik, liWei } = people as Record<string, { id: string; organisationId: string | null }>;
    // The demo's draft of the future plan waits for Li Wei (Erik has approved it).
    expect(await unreadCount(liWei!.id)).toBe(1);
    expect(await titlesAwaiting("liWei")).toEqual(["未来项目计划草案"]);
    expect(await unreadCount(erik!.id)).toBe(0);

    // Karin submits a named version of the plan: both wait for Li Wei.
    const snapshot = await createSnapshot(karin!.id, projectId, "Planutkast 1");
    const round = await submitForApproval(karin!.id, projectId, { snapshotId: snapshot.id }, { summary: { sv: "Första utkastet." }, lang: "sv" });
    expect(await unreadCount(liWei!.id)).toBe(2);
    expect(await titlesAwaiting("liWei")).toEqual(["Planutkast 1", "未来项目计划草案"]);
    expect(await unreadCount(erik!.id)).toBe(1);

    // Li Wei approves the version: his notice is done, his bell shows the one left.
    await decide(liWei!, projectId, round.id, { kind: "approve", comment: {}, lang: "zh" });
    expect(await unreadCount(liWei!.id)).toBe(1);
    expect(await titlesAwaiting("liWei")).toEqual(["未来项目计划草案"]);
    const liWeiNotices = await database.prisma.notification.findMany({ where: { userId: liWei!.id, kind: "awaiting_decision" } });
    expect(liWeiNotices.map((notice) => notice.readAt !== null)).toEqual([true]);
    // Erik still owes his (each organisation must approve).
    expect(await unreadCount(erik!.id)).toBe(1);

    // The demo's round: Li Wei's approval decides it; nothing is left for him.
    const demoRound = await database.prisma.approvalRequest.findFirstOrThrow({ where: { projectId, status: "pending", milestoneId: { not: null } } });
    await decide(liWei!, projectId, demoRound.id, { kind: "approve", comment: { zh: "同意。" }, lang: "zh" });
    expect(await unreadCount(liWei!.id)).toBe(0);
    expect(await titlesAwaiting("liWei")).toEqual([]);
  });

  it("a round decided by someone else leaves no decision owed, and its notice is done", async () => {
    const { karin, erik, liWei } = people as Record<string, { id: string; organisationId: string | null }>;
    const before = await unreadCount(liWei!.id);
    const snapshot = await createSnapshot(karin!.id, projectId, "Planutkast 2");
    const round = await submitForApproval(karin!.id, projectId, { snapshotId: snapshot.id }, { summary: { sv: "Andra utkastet." }, lang: "sv" });
    expect(await unreadCount(liWei!.id)).toBe(before + 1);
    // Erik sends it back: the round is over for Li Wei too.
    await decide(erik!, projectId, round.id, { kind: "request_changes", comment: { sv: "Kortare, tack." }, lang: "sv" });
    expect(await unreadCount(liWei!.id)).toBe(before);
    const notice = await database.prisma.notification.findFirstOrThrow({
      where: { userId: liWei!.id, kind: "awaiting_decision", link: { contains: snapshot.id } },
    });
    expect(notice.readAt).not.toBeNull();
  });
});

describe("the bell read with the session", () => {
  it("counts what it counts on its own, for a steering-group member and for a project-group member", async () => {
    for (const who of ["liWei", "karin", "erik"]) {
      const setCookie = await createSession(new Request("http://localhost/login"), people[who]!.id);
      const request = new Request("http://localhost/projects", { headers: { cookie: setCookie.split(";")[0]! } });
      const counts = await getBellCounts(request);
      expect(counts, who).not.toBeNull();
      expect(await unreadCount(people[who]!.id, counts!), who).toBe(await unreadCount(people[who]!.id));
    }
    // Li Wei owes a decision in the demo; Karin, in no steering group, owes none.
    const liWeiCounts = await getBellCounts(new Request("http://localhost/projects", { headers: { cookie: (await createSession(new Request("http://localhost/login"), people.liWei!.id)).split(";")[0]! } }));
    expect(liWeiCounts!.memberships).toBeGreaterThan(0);
    expect(await getBellCounts(new Request("http://localhost/projects"))).toBeNull();
  });
});
