import { describe, expect, it } from "vitest";
import { ruleIsMet, type SteeringMember } from "~/milestones/approval-rule";

const VASTERAS = "org-vasteras";
const JINAN = "org-jinan";
const orgs = [VASTERAS, JINAN];
const erik: SteeringMember = { userId: "erik", organisationId: VASTERAS };
const anna: SteeringMember = { userId: "anna", organisationId: VASTERAS };
const liWei: SteeringMember = { userId: "li.wei", organisationId: JINAN };
const approvals = (...ids: string[]) => ids.map((deciderId) => ({ deciderId }));

describe("approval rules", () => {
  it("any one member: a single approval decides", () => {
    expect(ruleIsMet("any_one", [], [erik, liWei], orgs)).toBe(false);
    expect(ruleIsMet("any_one", approvals("li.wei"), [erik, liWei], orgs)).toBe(true);
  });

  it("majority: more than half of the current steering group", () => {
    const group = [erik, anna, liWei];
    expect(ruleIsMet("majority", approvals("erik"), group, orgs)).toBe(false);
    expect(ruleIsMet("majority", approvals("erik", "anna"), group, orgs)).toBe(true);
    // Two of four is not a majority.
    expect(ruleIsMet("majority", approvals("erik", "anna"), [...group, { userId: "wang", organisationId: JINAN }], orgs)).toBe(false);
  });

  it("each organisation: two approvals from the same city do not do", () => {
    const group = [erik, anna, liWei];
    expect(ruleIsMet("each_organisation", approvals("erik", "anna"), group, orgs)).toBe(false);
    expect(ruleIsMet("each_organisation", approvals("erik", "li.wei"), group, orgs)).toBe(true);
  });

  it("a member removed from the steering group mid-round no longer counts", () => {
    // Li Wei approved, then left the steering group: Jinan's approval is gone.
    expect(ruleIsMet("each_organisation", approvals("erik", "li.wei"), [erik, anna], orgs)).toBe(false);
    expect(ruleIsMet("any_one", approvals("li.wei"), [erik], orgs)).toBe(false);
    expect(ruleIsMet("majority", approvals("li.wei", "erik"), [erik, anna], orgs)).toBe(false);
  });

  it("only steering-group members count, whoever else approved", () => {
    expect(ruleIsMet("any_one", approvals("karin"), [erik, liWei], orgs)).toBe(false);
  });
});
