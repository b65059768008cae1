import { z } from "zod";
import { targetKinds } from "./limits";

const id = z.string("errors:required").min(1, "errors:required").max(64, "errors:invalid");

const isFile = (value: unknown): value is File =>
  typeof value === "object" && value !== null && typeof (value as File).arrayBuffer === "function" && typeof (value as File).name === "string";

// A form sent without choosing a file still carries one nameless, empty part: that is "no file".
const files = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter((item) => !(isFile(item) && item.name === "" && item.size === 0)),
  z.array(z.custom<File>(isFile, "errors:badRequest")).min(1, "errors:fileRequired"),
);

export const UploadSchema = z.object({
  intent: z.literal("upload").optional(),
  target: z.enum(targetKinds, "errors:badRequest"),
  targetId: id,
  file: files,
  redirectTo: z.string().max(2000).optional(),
});

export const RemoveSchema = z.object({
  intent: z.literal("delete"),
  attachmentId: id,
  redirectTo: z.string().max(2000).optional(),
});
