import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { formRows, loadFixture, roles, routesWithActions, type Fields, type Fixture, type FormRow, type Role, type Sender } from "../support/forms";
import { file, pdf } from "../support/files";
import { startLibreTranslateStandIn, type StandIn } from "../support/translation-stand-ins";

// Every form of the app, sent by someone allowed to (it takes effect) and by someone who is not
// (403/404, nothing written), over HTTP against the built app on the demo workspace.

let app: TestApp;
let provider: StandIn;
let fixture: Fixture;
const clients = new Map<Role, TestClient>();

const auditCount = () => app.database.prisma.auditEvent.count({ where: { NOT: { action: "auth.sign_in" } } });

async function client(sender: Sender) {
  if (sender === "anonymous") return new TestClient(app.url);
  let signedIn = clients.get(sender);
  if (!signedIn) {
    signedIn = new TestClient(app.url);
    await signedIn.signIn(roles[sender].email);
    clients.set(sender, signedIn);
  }
  return signedIn;
}

function body(row: FormRow, fields: Fields): FormData | Fields {
  if (row.intent !== "upload") return fields;
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
  form.append("file", file(pdf(), "protokoll.pdf", "application/pdf"));
  return form;
}

async function effect(row: FormRow) {
  return JSON.stringify(row.effect ? await row.effect(app.database.prisma, fixture) : await auditCount());
}

beforeAll(async () => {
  // Forms that ask a machine-translation provider reach a local stand-in of LibreTranslate.
  provider = await startLibreTranslateStandIn();
  app = await startTestApp({ env: { TRANSLATION_PROVIDER: "libretranslate", TRANSLATION_URL: provider.url } });
  fixture = await loadFixture(app.database.prisma);
});
afterAll(async () => {
  await app?.close();
  await provider?.close();
});

describe("every form works", () => {
  it("has a row for every route with an action", () => {
    const covered = new Set(formRows.map((row) => row.route));
    // The catch-all answers every post with 404: it is no form.
    const missing = routesWithActions().filter((route) => route !== "routes/not-found.tsx" && !covered.has(route));
    expect(missing, "routes with an action and no row in tests/support/forms.ts").toEqual([]);
  });

  // In the table's order: later rows act on what earlier ones made (a term added, then removed).
  for (const row of formRows) {
    it(`${row.route.replace(/^routes\//, "")} ${row.intent}: ${row.allowed} may${row.refused ? `, ${row.refused} may not` : ""}`, async () => {
      const prisma = app.database.prisma;
      const fields = await row.fields(fixture, prisma, async (role, path, body) => (await client(role)).post(path, body));
      const path = await row.path(fixture, prisma);
      if (row.refused) {
        const before = await effect(row);
        const beforeAudit = await auditCount();
        const refused = await (await client(row.refused)).post(path, body(row, fields));
        expect([403, 404], `${row.refused} sending ${row.intent} to ${path}`).toContain(refused.status);
        expect(await effect(row)).toBe(before);
        expect(await auditCount()).toBe(beforeAudit);
      }
      let sender = await client(row.allowed);
      if (row.ownSession) {
        sender = new TestClient(app.url);
        await sender.signIn(roles[row.ownSession].email);
      }
      const before = await effect(row);
      const response = await sender.post(path, body(row, fields));
      const text = await response.text();
      const shown = [...text.matchAll(/class="(?:field|form)-error"[^>]*>([^<]*)</g)].map((match) => match[1]).join(" ") || /<h1>([^<]*)</.exec(text)?.[1];
      expect(response.status, `${row.allowed} sending ${row.intent} to ${path}: ${shown}`).toBeLessThan(400);
      // Refusals render the form again with a message; a success shows none of them.
      expect(text, "a field error on a valid form").not.toMatch(/class="(field|form)-error"/);
      if (!row.noEffect) expect(await effect(row), "the effect in the database").not.toBe(before);
    });
  }
});
