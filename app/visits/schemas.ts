import { z } from "zod";
import { localizedText } from "~/i18n/localized-schema";
import { isoDate } from "~/projects/schemas";

const id = z.string("errors:required").min(1, "errors:required").max(64, "errors:invalid");
const shortText = (max: number) => z.string().trim().max(max, "errors:tooLong").default("");
const clockTime = z.string("errors:required").regex(/^([01]\d|2[0-3]):[0-5]\d$/, "errors:time");

const visitFields = {
  title: localizedText({ max: 200, required: true }),
  purpose: localizedText({ max: 5000 }),
  travellerOrgId: id,
  hostOrgId: id,
  startDate: isoDate,
  endDate: isoDate,
  status: z.enum(["planned", "confirmed", "under_way", "done", "cancelled"], "errors:invalid").default("planned"),
  accommodation: shortText(2000),
  siteContact: shortText(1000),
  visaLettersNeeded: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
};

const agendaFields = {
  date: isoDate,
  start: clockTime,
  end: clockTime,
  title: localizedText({ max: 300, required: true }),
  place: shortText(300),
  leader: shortText(200),
};

export const VisitCreateSchema = z.object(visitFields);

export const VisitActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("update"), ...visitFields }),
    z.object({
      intent: z.literal("addParticipant"),
      role: z.enum(["delegate", "host", "interpreter"], "errors:invalid"),
      userId: z.preprocess((value) => (value === "" ? null : value), id.nullable().default(null)),
      name: shortText(200),
      organisation: shortText(200),
      title: shortText(200),
    }),
    z.object({ intent: z.literal("removeParticipant"), participantId: id }),
    z.object({ intent: z.literal("addItem"), ...agendaFields }),
    z.object({ intent: z.literal("closeMinutes") }),
    z.object({ intent: z.literal("reopenMinutes") }),
  ],
  "errors:badRequest",
);

export const AgendaItemActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("update"), ...agendaFields }),
    z.object({ intent: z.literal("remove") }),
    z.object({ intent: z.literal("confirm"), lang: z.enum(["sv", "zh", "en"], "errors:invalid") }),
  ],
  "errors:badRequest",
);

/** The visit list's filters and order (?status=&traveller=&sort=): a value that makes no sense is the default. */
export const VisitListSchema = z.object({
  status: z.enum(["planned", "confirmed", "under_way", "done", "cancelled"]).optional().catch(undefined),
  traveller: id.optional().catch(undefined),
  sort: z.enum(["near", "start"]).catch("near"),
});
