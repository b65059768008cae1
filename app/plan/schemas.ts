import { z } from "zod";
import { languages } from "~/i18n/languages";
import { localizedText } from "~/i18n/localized-schema";

const id = z.string("errors:required").min(1, "errors:required").max(64, "errors:invalid");
const title = z.string("errors:required").trim().min(1, "errors:required").max(200, "errors:tooLong");
const sectionTitle = localizedText({ max: 200, required: true });
const lang = z.enum(languages, "errors:invalid");

export const PlanActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("add"), title: sectionTitle }),
    z.object({ intent: z.literal("rename"), sectionId: id, title: sectionTitle }),
    z.object({ intent: z.literal("move"), sectionId: id, direction: z.enum(["up", "down"], "errors:invalid") }),
    z.object({ intent: z.literal("remove"), sectionId: id }),
    z.object({ intent: z.literal("snapshot"), name: title }),
  ],
  "errors:badRequest",
);

// A comment in the writer's language and any other (`body.zh`, `body.en`…): at least one.
const commentBody = localizedText({ max: 5000, required: true });
/** A Y.js relative position, base64 as the browser sends it. */
const anchor = z
  .string("errors:invalid")
  .max(2000, "errors:invalid")
  .regex(/^[A-Za-z0-9+/]+=*$/, "errors:invalid")
  .transform((value) => new Uint8Array(Buffer.from(value, "base64")));

/** Comments on a passage, the same on a plan section and on a finding. */
export const commentIntents = [
  z.object({
    intent: z.literal("comment"),
    lang,
    body: commentBody,
    quote: z.string().max(2000).default(""),
    anchorStart: anchor,
    anchorEnd: anchor,
  }),
  z.object({ intent: z.literal("reply"), threadId: id, body: commentBody }),
  z.object({ intent: z.literal("resolve"), threadId: id }),
  z.object({ intent: z.literal("reopen"), threadId: id }),
] as const;

export const SectionActionSchema = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("confirm"), lang }), z.object({ intent: z.literal("setSource"), lang }), ...commentIntents],
  "errors:badRequest",
);

/** The two languages side by side, from the address (?left=sv&right=zh). */
export const SideBySideSchema = z.object({ left: lang.optional().catch(undefined), right: lang.optional().catch(undefined) });

const term = z.string().trim().max(200, "errors:tooLong");
const termFields = {
  sv: term,
  zh: term,
  en: term,
  note: z.string().trim().max(1000, "errors:tooLong"),
};
const atLeastOneTerm = (value: { sv: string; zh: string; en: string }) => Boolean(value.sv || value.zh || value.en);

export const GlossaryActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("add"), ...termFields }).refine(atLeastOneTerm, { path: ["sv"], message: "errors:termRequired" }),
    z.object({ intent: z.literal("update"), termId: id, ...termFields }).refine(atLeastOneTerm, { path: ["sv"], message: "errors:termRequired" }),
    z.object({ intent: z.literal("remove"), termId: id }),
  ],
  "errors:badRequest",
);
