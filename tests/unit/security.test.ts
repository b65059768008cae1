import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "~/auth/csrf.server";
import { can, permissions, projectRoles } from "~/auth/permissions";

const own = ["http://localhost:3000"];
const headers = (init: Record<string, string>) => new Headers(init);

describe("CSRF guard", () => {
  it("lets reads through and same-origin posts", () => {
    expect(isCrossSiteRequest("GET", headers({ origin: "https://evil.example" }), own)).toBe(false);
    expect(isCrossSiteRequest("POST", headers({ origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }), own)).toBe(false);
    expect(isCrossSiteRequest("POST", headers({ referer: "http://localhost:3000/login" }), own)).toBe(false);
  });

  it("refuses posts from other sites", () => {
    expect(isCrossSiteRequest("POST", headers({ origin: "https://evil.example" }), own)).toBe(true);
    expect(isCrossSiteRequest("POST", headers({ "sec-fetch-site": "cross-site" }), own)).toBe(true);
    expect(isCrossSiteRequest("POST", headers({ "sec-fetch-site": "same-site", origin: "http://localhost:3000" }), own)).toBe(true);
    expect(isCrossSiteRequest("DELETE", headers({ origin: "null" }), own)).toBe(true);
    expect(isCrossSiteRequest("POST", headers({ referer: "https://evil.example/form" }), own)).toBe(true);
  });
});

describe("who may do what (docs/roles.md)", () => {
  const expected: Record<string, string[]> = {
    "project:read": ["owner", "project_group", "steering_group", "delegate", "viewer"],
    "project:manage": ["owner"],
    "plan:edit": ["owner", "project_group"],
    "project:edit": ["owner", "project_group"],
    "approval:submit": ["owner", "project_group"],
    "approval:decide": ["steering_group"],
    "comment:write": ["owner", "project_group", "steering_group", "delegate"],
    // Delegates only on visits they belong to: checked in app/visits/access.server.ts (tests/integration/authorization-visits.test.ts).
    "visit:notes": ["owner", "project_group", "delegate"],
    "finding:write": ["owner", "project_group", "delegate"],
    "finding:readDrafts": ["owner", "project_group"],
    "expense:record": ["owner", "project_group"],
    "report:submit": ["owner"],
    "audit:read": ["owner"],
    // A delegate removes only what she attached to notes she writes (mayRemoveFile; tests/integration/file-removal.test.ts).
    "file:removeAny": ["owner", "project_group"],
    "file:restore": ["owner"],
    // Those who write translations are offered the translation memory (decision 019).
    "translation:memory": ["owner", "project_group", "delegate"],
  };
  it.each(permissions)("%s", (permission) => {
    expect(projectRoles.filter((role) => can(role, permission))).toEqual(expected[permission]);
    expect(can(null, permission)).toBe(false);
  });
});
