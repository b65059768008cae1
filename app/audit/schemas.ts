import { z } from "zod";
import { isoDate } from "~/projects/schemas";
import { activityKindNames } from "./kinds";

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional()).catch(undefined);

/** Filters from the address; a value that makes no sense is ignored rather than refused. */
export const EventFilterSchema = z.object({
  kind: optional(z.enum(activityKindNames)),
  actorId: optional(z.string().max(64)),
  from: optional(isoDate),
  to: optional(isoDate),
});
