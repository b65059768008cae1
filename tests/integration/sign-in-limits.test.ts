import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "~/accounts/accounts.server";
import { hashPassword } from "~/auth/password.server";
import { parseConfig, setConfig } from "~/config.server";
import { useDatabase, type Database } from "~/db/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { createTestDatabase } from "../support/database";

// An office signs in from one public address. Its people's typos must never lock it out; a
// guessing script on the same address must still be slowed and stopped.

const COLLEAGUE_PASSWORD = "our-office-password";
const colleagues = Array.from({ length: 40 }, (_, index) => `colleague-${index}@vasteras.example`);
// The script's list: 25 real accounts of the workspace and 25 addresses that have none.
const targets = [
  ...Array.from({ length: 25 }, (_, index) => `target-${index}@vasteras.example`),
  ...Array.from({ length: 25 }, (_, index) => `unknown-${index}@vasteras.example`),
];
let database: Database;

beforeAll(async () => {
  setConfig(parseConfig({ NODE_ENV: "test", SESSION_SECRET: "x".repeat(40), DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "partnership-limits-")) }));
  database = await createTestDatabase({ demo: true });
  useDatabase(database);
  const passwordHash = await hashPassword(COLLEAGUE_PASSWORD);
  await database.prisma.user.createMany({
    data: [...colleagues, ...targets.slice(0, 25)].map((email) => ({ email, name: email.split("@")[0]!, passwordHash })),
  });
}, 120_000);
afterAll(async () => {
  await database?.close();
  useDatabase(undefined);
});

const attempt = (email: string, password: string, address: string) => signIn({ email, password, address });

describe("sign-in limits for an office behind one address", () => {
  it("forty people with three typos each and a guessing script: each person gets in, the script does not", async () => {
    const office = "198.51.100.20";
    // The typos and the script at the same time, as on a Monday morning.
    const typing = colleagues.map(async (email) => {
      for (let typo = 1; typo <= 3; typo++) expect(await attempt(email, `${COLLEAGUE_PASSWORD}${typo}`, office)).toEqual({ ok: false, error: "errors:wrongCredentials" });
    });
    const guessing = targets.map(async (email) => {
      const answers = [];
      for (let guess = 1; guess <= 10; guess++) answers.push(await attempt(email, `Password${guess}!`, office));
      return answers;
    });
    const [, guessed] = await Promise.all([Promise.all(typing), Promise.all(guessing)]);

    // 500 guesses over 50 accounts: none got in; after five failures an account refuses every guess.
    for (const answers of guessed) {
      expect(answers.filter((answer) => answer.ok)).toHaveLength(0);
      expect(answers.slice(5).map((answer) => (answer.ok ? "ok" : answer.error))).toEqual(Array(5).fill("errors:tooManyAttempts"));
    }
    // The holders of the real accounts are told of the lock.
    expect(await database.prisma.auditEvent.count({ where: { action: "auth.locked" } })).toBe(25);

    // Every colleague signs in with the right password, and so does the owner, who made no mistake.
    for (const email of colleagues) expect((await attempt(email, COLLEAGUE_PASSWORD, office)).ok, email).toBe(true);
    expect((await attempt("owner@vasteras.example", DEMO_PASSWORD, office)).ok).toBe(true);
    // The script is still refused on every account it tried.
    expect(await attempt(targets[0]!, "Password11!", office)).toMatchObject({ ok: false, error: "errors:tooManyAttempts" });
    expect(await attempt(targets[30]!, "Password11!", office)).toMatchObject({ ok: false, error: "errors:tooManyAttempts" });
  });

  it("slows a script's guesses on one account, then stops them", async () => {
    const address = "198.51.100.30";
    const timings: number[] = [];
    for (let guess = 1; guess <= 5; guess++) {
      const started = performance.now();
      expect(await attempt("viewer@vasteras.example", `guess-${guess}`, address)).toMatchObject({ ok: false, error: "errors:wrongCredentials" });
      timings.push(performance.now() - started);
    }
    // Slowed from the fourth failure: each answer waits a second (a lower bound only; a busy machine is slower, never faster).
    expect(timings[3]).toBeGreaterThanOrEqual(950);
    expect(timings[4]).toBeGreaterThanOrEqual(950);
    const stopped = await attempt("viewer@vasteras.example", DEMO_PASSWORD, address);
    expect(stopped).toMatchObject({ ok: false, error: "errors:tooManyAttempts", minutes: 15 });
  });

  it("stops a script spraying many accounts from one address, yet lets in whoever has made no mistake", async () => {
    const address = "198.51.100.40";
    // One guess at each of 110 addresses that have no account: no colleague does that.
    for (let batch = 0; batch < 110; batch += 22) {
      await Promise.all(Array.from({ length: 22 }, (_, index) => attempt(`sprayed-${batch + index}@vasteras.example`, "Summer2026!", address)));
    }
    // From now on an account with a recent failure from anywhere gets no further try from this address…
    expect(await attempt("sprayed-1@vasteras.example", "Autumn2026!", address)).toMatchObject({ ok: false, error: "errors:tooManyAttempts" });
    expect(await attempt("karin@vasteras.example", "typo", address)).toMatchObject({ ok: false, error: "errors:wrongCredentials" });
    expect(await attempt("karin@vasteras.example", DEMO_PASSWORD, address)).toMatchObject({ ok: false, error: "errors:tooManyAttempts" });
    // …while a person whose own account has no failures signs in.
    expect((await attempt("erik@vasteras.example", DEMO_PASSWORD, address)).ok).toBe(true);
    // Karin, elsewhere, is not locked: one typo is far from her account's limit.
    expect((await attempt("karin@vasteras.example", DEMO_PASSWORD, "198.51.100.41")).ok).toBe(true);
  });
});
