import { z } from "zod";
import { email } from "~/accounts/schemas";
import { projectRoles } from "~/auth/permissions";

const id = z.string("errors:required").min(1, "errors:required").max(64, "errors:invalid");
const role = z.enum(projectRoles, "errors:invalid");

export const MemberActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("invite"),
      email,
      role,
      organisationId: z.preprocess((value) => (value === "" ? null : value), id.nullable()),
    }),
    z.object({ intent: z.literal("changeRole"), membershipId: id, role }),
    z.object({ intent: z.literal("remove"), membershipId: id }),
    z.object({ intent: z.literal("revoke"), invitationId: id }),
    z.object({ intent: z.literal("resetLink"), membershipId: id }),
  ],
  "errors:badRequest",
);
