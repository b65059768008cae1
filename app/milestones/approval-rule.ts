import type { ApprovalRule } from "~/generated/prisma/enums";

// When is a round decided? Only the steering group's current members count: a member removed
// mid-round no longer counts, and a submitter's own approval cannot exist (deciding is theirs alone).

export type SteeringMember = { userId: string; organisationId: string | null };
export type Approval = { deciderId: string };

export function ruleIsMet(
  rule: ApprovalRule,
  approvals: Approval[],
  steeringGroup: SteeringMember[],
  projectOrganisationIds: string[],
): boolean {
  const counting = steeringGroup.filter((member) => approvals.some((approval) => approval.deciderId === member.userId));
  switch (rule) {
    case "any_one":
      return counting.length >= 1;
    case "majority":
      return steeringGroup.length > 0 && counting.length * 2 > steeringGroup.length;
    case "each_organisation":
      // Both cities must agree: one approval from a current steering member of every organisation.
      return (
        projectOrganisationIds.length > 0 &&
        projectOrganisationIds.every((organisationId) => counting.some((member) => member.organisationId === organisationId))
      );
  }
}

/** Organisations of the project without a steering-group member: "each organisation" can never be met. */
export function organisationsWithoutDeciders(steeringGroup: SteeringMember[], projectOrganisationIds: string[]) {
  return projectOrganisationIds.filter((organisationId) => !steeringGroup.some((member) => member.organisationId === organisationId));
}
