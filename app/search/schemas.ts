import { z } from "zod";
import { languages } from "~/i18n/languages";

/**
 * The search address (?q=…&lang=…). Whatever arrives is answered, never refused: a value that
 * makes no sense is dropped, a very long query cut (app/search/segment.ts keeps fewer characters still).
 */
export const SearchParamsSchema = z.object({
  q: z
    .string()
    .catch("")
    .default("")
    .transform((value) => value.slice(0, 500).trim()),
  lang: z.preprocess((value) => (value === "" ? undefined : value), z.enum(languages).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});
