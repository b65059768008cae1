import { z } from "zod";
import { languages } from "~/i18n/languages";
import { localizedText } from "~/i18n/localized-schema";
import { isoDate } from "~/projects/schemas";
import { partnerTimeZone, wallTime } from "~/utils/time-zones";

const id = z.string("errors:required").min(1, "errors:required").max(64, "errors:invalid");
const repeated = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]), z.array(item).max(100, "errors:invalid"));

const milestoneFields = {
  title: localizedText({ max: 200, required: true }),
  description: localizedText({ max: 5000 }),
  dueDate: isoDate,
  meetingTime: z.preprocess((value) => (value === "" ? null : value), wallTime.nullable().default(null)),
  meetingZone: partnerTimeZone.default("Europe/Stockholm"),
  ownerId: z.preprocess((value) => (value === "" ? null : value), id.nullable().default(null)),
  sectionIds: repeated(id),
};

const submit = z.object({
  intent: z.literal("submit"),
  summary: localizedText({ max: 5000, required: true, requiredMessage: "errors:summaryRequired" }),
  // "Request translations and submit": what the approvers read and the submission lacks is requested first (decision 020).
  requestTranslations: z.literal("yes", "errors:invalid").optional(),
});
const decide = z.object({
  intent: z.literal("decide"),
  requestId: id,
  kind: z.enum(["approve", "request_changes", "reject"], "errors:invalid"),
  comment: localizedText({ max: 5000 }),
});

export const MilestoneActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("create"), ...milestoneFields }),
    z.object({ intent: z.literal("update"), ...milestoneFields }),
    // Only the texts' languages: a translation, also of a submitted milestone (decision 020).
    z.object({ intent: z.literal("translate"), title: localizedText({ max: 200 }), description: localizedText({ max: 5000 }) }),
    submit,
    decide,
  ],
  "errors:badRequest",
);

/** Submitting and deciding, the same for whatever is submitted (a milestone, a plan version, a budget). */
export const ApprovalIntents = [submit, decide] as const;

/** A named version of the plan is only submitted and decided on: it never changes. */
export const ApprovalActionSchema = z.discriminatedUnion("intent", [submit, decide], "errors:badRequest");

export const ApprovalRuleSchema = z.object({ approvalRule: z.enum(["any_one", "majority", "each_organisation"], "errors:invalid") });

export const ViewLanguageSchema = z.object({ lang: z.enum(languages).optional().catch(undefined) });

/**
 * The milestone list's sorting and filters (?status=&owner=me&sort=). A value that makes no sense
 * (a hand-typed or stale address) is the default, never an error.
 */
export const MilestoneListSchema = z.object({
  status: z.enum(["planned", "submitted", "changes_requested", "approved", "rejected", "overdue"]).optional().catch(undefined),
  owner: z.literal("me").optional().catch(undefined),
  sort: z.enum(["due", "latest"]).catch("due"),
});
export type MilestoneListOptions = z.infer<typeof MilestoneListSchema>;
