import { z } from "zod";
import { targetKinds } from "./limits";

const id = z.string("errors:required").min(1, "errors:required").max(64, "errors:invalid");

// The fields around an upload; its files arrive apart from them, streamed to disk (upload.server.ts).
export const UploadSchema = z.object({
  intent: z.literal("upload").optional(),
  target: z.enum(targetKinds, "errors:badRequest"),
  targetId: id,
  redirectTo: z.string().max(2000).optional(),
});

export const RemoveSchema = z.object({
  intent: z.literal("delete"),
  attachmentId: id,
  redirectTo: z.string().max(2000).optional(),
});

export const RestoreSchema = z.object({
  intent: z.literal("restore"),
  attachmentId: id,
  redirectTo: z.string().max(2000).optional(),
});
