import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRE_STUDY_TITLE } from "~/seed/demo.server";
import { startTestApp, type TestApp } from "../support/app";
import { TestClient } from "../support/client";
import { visibleText } from "../support/html";

// The lists' sorting and filters are plain GET parameters read on the server (decision 027): they
// sort and filter what a person sees, and a value that makes no sense is the default, never a 500.

let app: TestApp;
let karin: TestClient;
let viewer: TestClient;
let projectId: string;

beforeAll(async () => {
  app = await startTestApp();
  projectId = (await app.database.prisma.project.findFirstOrThrow({ where: { titles: { path: ["sv"], equals: PRE_STUDY_TITLE } } })).id;
  karin = new TestClient(app.url);
  await karin.signIn("karin@vasteras.example");
  viewer = new TestClient(app.url);
  await viewer.signIn("viewer@vasteras.example");
});
afterAll(async () => {
  await app?.close();
});

async function text(client: TestClient, path: string) {
  const response = await client.get(`/projects/${projectId}${path}`);
  expect(response.status, path).toBe(200);
  return visibleText(await response.text());
}

/** Where each of the texts appears on the page, in the order given; -1 when missing. */
const positions = (page: string, texts: string[]) => texts.map((item) => page.indexOf(item));

describe("sorting and filtering the lists", () => {
  it("milestones: by status, the reader's own, and latest first", async () => {
    const all = await text(karin, "/milestones");
    expect(all).toContain("Utkast till framtida projektplan");
    expect(all).toContain("Rapport om Hotline 12345");
    const submitted = await text(karin, "/milestones?status=submitted");
    expect(submitted).toContain("Utkast till framtida projektplan");
    expect(submitted).not.toContain("Rapport om Hotline 12345");
    const overdue = await text(karin, "/milestones?status=overdue");
    expect(overdue).toContain("Rapport om Hotline 12345");
    expect(overdue).not.toContain("Utkast till framtida projektplan");
    // The soonest first by default, the latest first when asked.
    const [early, late] = positions(all, ["Rapport om Hotline 12345", "Utkast till framtida projektplan"]);
    expect(early).toBeGreaterThan(-1);
    expect(early).toBeLessThan(late!);
    const [earlyLast, lateFirst] = positions(await text(karin, "/milestones?sort=latest"), ["Rapport om Hotline 12345", "Utkast till framtida projektplan"]);
    expect(lateFirst).toBeLessThan(earlyLast!);
  });

  it("visits: by travelling delegation and in date order", async () => {
    const jinan = await app.database.prisma.visit.findFirstOrThrow({ where: { projectId, titles: { path: ["sv"], equals: "Jinans delegation i Västerås" } } });
    const fromJinan = await text(karin, `/visits?traveller=${jinan.travellerOrgId}`);
    expect(fromJinan).toContain("Jinans delegation i Västerås");
    expect(fromJinan).not.toContain("Västerås delegation i Jinan");
    const cancelled = await text(karin, "/visits?status=cancelled");
    expect(cancelled).toContain("Inget matchar dina val.");
    expect(cancelled).toContain("Visa alla");
  });

  it("the ledger: the largest amounts first", async () => {
    const [flights, climate] = positions(await text(karin, "/budget/expenses?sort=amount"), ["SAS / Air China", "Klimatkompensation Sverige"]);
    expect(flights).toBeGreaterThan(-1);
    expect(flights).toBeLessThan(climate!);
    const [climateNewer, flightsOlder] = positions(await text(karin, "/budget/expenses"), ["Klimatkompensation Sverige", "SAS / Air China"]);
    expect(climateNewer).toBeLessThan(flightsOlder!);
  });

  it("an empty list says what to do, with the button only for those who may create", async () => {
    // The viewer owns no milestone: the filtered list says so and leads back to the whole list.
    const none = await text(viewer, "/milestones?owner=me");
    expect(none).toContain("Nothing matches your choices.");
    expect(none).toContain("Show all");
    // The viewer may not create: no "New …" button on any list.
    for (const path of ["/milestones", "/visits", "/findings", "/budget/expenses"]) {
      const html = await (await viewer.get(`/projects/${projectId}${path}`)).text();
      expect(html, path).not.toContain("new=1");
    }
    const html = await (await karin.get(`/projects/${projectId}/milestones`)).text();
    expect(html).toContain("?new=1");
  });

  it("nonsense in the parameters is the default list, never an error", async () => {
    const bad = ["sort=%F0%9F%99%82", "sort=", "sort=latest&sort=%00", "status=deleted", "status[]=x", "owner=someone", "owner=%00", "traveller=" + "x".repeat(5000), "year=abc", "year=-1", "page=0", "page=1e99", "new=yes"];
    const lists = ["/milestones", "/visits", "/findings", "/budget/expenses"];
    for (const list of lists) {
      const normal = await text(karin, list);
      for (const query of bad) {
        const response = await karin.get(`/projects/${projectId}${list}?${query}`);
        expect(response.status, `${list}?${query}`).toBe(200);
        // The same entries as without the parameter (the defaults).
        const page = visibleText(await response.text());
        for (const entry of list === "/milestones" ? ["Utkast till framtida projektplan", "Rapport om Hotline 12345"] : list === "/visits" ? ["Jinans delegation i Västerås"] : list === "/budget/expenses" ? ["Klimatkompensation Sverige"] : []) {
          expect(page, `${list}?${query}`).toContain(entry);
        }
        expect(page.length, `${list}?${query}`).toBeGreaterThan(normal.length / 2);
      }
    }
    // An id that names nothing filters to nothing, and says so.
    for (const query of ["traveller='%20or%201=1", "traveller=%E2%80%AE"]) {
      const page = await text(karin, `/visits?${query}`);
      expect(page, query).toContain("Inget matchar dina val.");
    }
  });
});
