import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lang } from "~/i18n/languages";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { errorMessages, formRows, loadFixture, roles, type Fields, type Fixture, type FormRow, type Role } from "../support/forms";
import { startLibreTranslateStandIn, type StandIn } from "../support/translation-stand-ins";

// Every action of the table in tests/support/forms.ts, each field in turn given what no form
// sends: control characters, 100 kB, a repeated field, impossible dates, times and amounts. The
// answer is never a 500, it is a refusal with a message in the reader's language, and nothing is
// written. Then harmless oddities (emoji, 中文, right-to-left overrides, blanks): never a 500, and
// nothing written when refused. Seeded: a failure names its seed and path to replay it.

const SEED = 1212;
const RUNS_BAD = 6;
const RUNS_ODD = 3;

let app: TestApp;
let provider: StandIn;
let fixture: Fixture;
const clients = new Map<Role, TestClient>();

const auditCount = () => app.database.prisma.auditEvent.count({ where: { NOT: { action: "auth.sign_in" } } });

async function snapshot(row: FormRow) {
  return JSON.stringify([await auditCount(), row.effect ? await row.effect(app.database.prisma, fixture) : null]);
}

/** Who sends the row's form, and in which language they read. Signed-out senders read Chinese. */
function sender(row: FormRow): { client: TestClient; lang: Lang; headers: Record<string, string> } {
  if (row.allowed === "anonymous") return { client: new TestClient(app.url), lang: "zh", headers: { "accept-language": "zh-CN,zh;q=0.9" } };
  return { client: clients.get(row.allowed)!, lang: roles[row.allowed].lang, headers: {} };
}

const C0 = [...Array(32).keys()].filter((code) => ![9, 10, 13].includes(code)).map((code) => String.fromCharCode(code)).concat("\u007f");

/** Text with a control character somewhere in it. */
const withControl = fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...C0), fc.string({ maxLength: 20 })).map(([a, c, b]) => `${a}${c}${b}`);
const huge = fc.constantFrom("x", "中", "å").map((unit) => unit.repeat(100 * 1024));
const impossibleDates = fc.constantFrom("2026-02-30", "2026-13-01", "1900-01-01", "9999-12-31", "0000-00-00", "yesterday", "2026-6-1", "");
const impossibleTimes = fc.constantFrom("25:00", "24:00", "12:60", "9", "noon", "");
const impossibleAmounts = fc.constantFrom("0,001", "1.005", "-5", "0", "1e9", "NaN", "12,34,56", "99999999999999", "");

/** A value the field must refuse, given what a valid value of it looks like. */
function badValue(valid: string): fc.Arbitrary<{ value: string | string[]; label: string }> {
  const options: fc.Arbitrary<{ value: string | string[]; label: string }>[] = [
    withControl.map((value) => ({ value, label: "control character" })),
    huge.map((value) => ({ value, label: "100 kB" })),
    fc.string({ maxLength: 5 }).map((value) => ({ value: [valid, `${value}\u0000`], label: "repeated field" })),
  ];
  if (/^\d{4}-\d{2}-\d{2}$/.test(valid)) options.push(impossibleDates.map((value) => ({ value, label: "impossible date" })));
  if (/^\d{2}:\d{2}$/.test(valid)) options.push(impossibleTimes.map((value) => ({ value, label: "impossible time" })));
  if (/^[\d\s]+(,\d+)?$/.test(valid) && /\s|,/.test(valid)) options.push(impossibleAmounts.map((value) => ({ value, label: "impossible amount" })));
  return fc.oneof(...options);
}

/** Odd but harmless text: may be accepted, must never break anything. */
const oddText = fc.oneof(
  fc.constantFrom("", " ", "\u202eevil.exe\u202c", "\u200f\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "😀👩‍👩‍👧‍👦🇸🇪🇨🇳", "中文 人民政府 12345热线", "\u3000", "å ä ö Å Ä Ö", "<script>alert(1)</script>", "' OR 1=1 --"),
  fc.string({ unit: "grapheme", maxLength: 40 }),
);

function textFields(row: FormRow, fields: Fields) {
  // Where a page sends people back to is another matter (tests of safeRedirect).
  const leftAlone = new Set(["intent", "redirectTo", ...(row.flags ?? [])]);
  return Object.keys(fields).filter((name) => !leftAlone.has(name) && typeof fields[name] === "string");
}

function inReadersLanguage(text: string, lang: Lang) {
  return errorMessages(lang).some((message) => text.includes(message));
}

beforeAll(async () => {
  // Forms that ask a machine-translation provider reach a local stand-in of LibreTranslate.
  provider = await startLibreTranslateStandIn();
  app = await startTestApp({ env: { TRANSLATION_PROVIDER: "libretranslate", TRANSLATION_URL: provider.url } });
  fixture = await loadFixture(app.database.prisma);
  // Everyone signs in once, before the sign-in form is fuzzed.
  for (const role of Object.keys(roles) as Role[]) {
    const client = new TestClient(app.url);
    await client.signIn(roles[role].email);
    clients.set(role, client);
  }
});
afterAll(async () => {
  await app?.close();
  await provider?.close();
});

describe("input fuzzing", () => {
  // In the table's order: each row's valid form is sent after its fuzzing, for the rows after it.
  for (const row of formRows.filter((candidate) => !candidate.noFuzz)) {
    it(`${row.route.replace(/^routes\//, "")} ${row.intent}`, async () => {
      const prisma = app.database.prisma;
      const post = async (role: Role, path: string, body: Fields | FormData) => clients.get(role)!.post(path, body);
      const fields = await row.fields(fixture, prisma, post);
      const path = await row.path(fixture, prisma);
      const { client, lang, headers } = sender(row);
      const names = textFields(row, fields);

      const refusedCleanly = async (response: Response, label: string) => {
        const text = await response.text();
        expect(response.status, `${label}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(response.status, label).toBeLessThan(500);
        expect(inReadersLanguage(text, lang), `${label}: no message in ${lang}: ${text.slice(0, 300)}`).toBe(true);
      };

      if (names.length > 0) {
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...names).chain((name) => badValue(String(fields[name])).map((bad) => ({ name, ...bad }))),
            async ({ name, value, label }) => {
              const before = await snapshot(row);
              const response = await client.post(path, { ...fields, [name]: value }, headers);
              await refusedCleanly(response, `${name}: ${label}`);
              expect(await snapshot(row), `${name}: ${label} wrote something`).toBe(before);
            },
          ),
          { numRuns: RUNS_BAD, seed: SEED, includeErrorInReport: true },
        );
      }

      // What is no form at all.
      const malformed = [
        { label: "multipart with a wrong boundary", body: "--x\r\nContent-Disposition: form-data; name=\"intent\"\r\n\r\nx\r\n--x--\r\n", type: "multipart/form-data; boundary=y" },
        { label: "truncated multipart", body: "--x\r\nContent-Disposition: form-data; name=\"intent\"\r\n\r\nadd", type: "multipart/form-data; boundary=x" },
        { label: "JSON", body: JSON.stringify(fields), type: "application/json" },
      ];
      // A form without fields (signing out) reads no body at all.
      for (const { label, body, type } of Object.keys(fields).length > 0 ? malformed : []) {
        const before = await snapshot(row);
        const response = await client.request(path, { method: "POST", body, headers: { ...headers, "content-type": type } });
        expect(response.status, label).toBeGreaterThanOrEqual(400);
        expect(response.status, label).toBeLessThan(500);
        const text = await response.text();
        // The JSON refusal is made before any route, in all three languages at once.
        if (type !== "application/json") expect(inReadersLanguage(text, lang), `${label}: no message in ${lang}`).toBe(true);
        expect(await snapshot(row), `${label} wrote something`).toBe(before);
      }

      const oddNames = names.filter((name) => !/password/i.test(name));
      if (oddNames.length > 0) {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...oddNames), oddText, async (name, value) => {
            const before = await snapshot(row);
            const response = await client.post(path, { ...fields, [name]: value }, headers);
            expect(response.status, `${name} = ${JSON.stringify(value)}`).toBeLessThan(500);
            if (response.status >= 400) expect(await snapshot(row), `${name} = ${JSON.stringify(value)} refused but wrote`).toBe(before);
          }),
          { numRuns: RUNS_ODD, seed: SEED, includeErrorInReport: true },
        );
      }

      // The form as it should be: for the rows after this one (a term added, then removed).
      const valid = await client.post(path, fields, headers);
      expect(valid.status, "the valid form").toBeLessThan(500);
    });
  }
});
