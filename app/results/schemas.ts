import { z } from "zod";
import type { Lang } from "~/i18n/languages";
import { localizedText } from "~/i18n/localized-schema";

const id = z.string("errors:required").min(1, "errors:required").max(64, "errors:invalid");
const optionalId = z.preprocess((value) => (value === "" || value === undefined ? null : value), id.nullable());
// Every text per language (`statement.sv`, `statement.zh`…): a language not sent is kept as stored.
const required = (max: number) => localizedText({ max, required: true });
const optional = (max: number) => localizedText({ max });

const resultFields = {
  statement: required(1000),
  indicator: optional(2000),
  baseline: optional(2000),
  target: optional(2000),
  verification: optional(2000),
};

const activityFields = {
  text: required(1000),
  status: z.enum(["planned", "under_way", "done"], "errors:invalid").default("planned"),
  visitId: optionalId,
  milestoneId: optionalId,
  budgetCategoryId: optionalId,
};

const riskFields = {
  kind: z.enum(["assumption", "risk"], "errors:invalid"),
  text: required(1000),
  mitigation: optional(2000),
};

export const ResultsActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("goals"), overallGoal: optional(2000), projectGoal: optional(2000) }),
    z.object({ intent: z.literal("addResult"), ...resultFields }),
    z.object({ intent: z.literal("updateResult"), resultId: id, ...resultFields }),
    z.object({ intent: z.literal("removeResult"), resultId: id }),
    z.object({ intent: z.literal("addActivity"), resultId: id, ...activityFields }),
    z.object({ intent: z.literal("updateActivity"), activityId: id, ...activityFields }),
    z.object({ intent: z.literal("removeActivity"), activityId: id }),
    z.object({ intent: z.literal("addRisk"), ...riskFields }),
    z.object({ intent: z.literal("updateRisk"), riskId: id, ...riskFields }),
    z.object({ intent: z.literal("removeRisk"), riskId: id }),
  ],
  "errors:badRequest",
);

export type ResultsAction = z.infer<typeof ResultsActionSchema>;
type Texts = Partial<Record<Lang, string>>;
export type ResultFields = { statement: Texts; indicator: Texts; baseline: Texts; target: Texts; verification: Texts };
export type ActivityFields = z.infer<z.ZodObject<typeof activityFields>>;
export type RiskFields = z.infer<z.ZodObject<typeof riskFields>>;
