import type { JSONContent } from "@tiptap/core";
import type { Prisma } from "~/generated/prisma/client";
import { languages, type Lang } from "~/i18n/languages";
import { SideBySideSchema } from "~/plan/schemas";
import { parseQuery } from "~/utils/forms";
import { jsonToHtml } from "./content.server";

/**
 * The two languages a rich text's page shows side by side (plan section, minutes, finding): those
 * the address asks for, else the reader's own first (they read and write in it) and the source
 * beside it (or the next language when the reader's is the source). With each, its text rendered
 * for the first paint, before any script arrives, from the schema only.
 */
export function sideBySide(request: Request, readerLang: Lang, sourceLang: Lang | null, content: Partial<Record<Lang, Prisma.JsonValue>>) {
  const query = parseQuery(SideBySideSchema, request);
  const left = query.left ?? readerLang;
  const right = query.right && query.right !== left ? query.right : sourceLang && sourceLang !== left ? sourceLang : languages.find((lang) => lang !== left)!;
  const html = { [left]: jsonToHtml(content[left] as JSONContent | undefined), [right]: jsonToHtml(content[right] as JSONContent | undefined) } as Record<Lang, string>;
  return { left, right, html };
}
