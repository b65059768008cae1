import type { Lang } from "~/i18n/languages";
import type { TranslationStatus } from "~/plan/translation-status";

// What the collaboration server tells an open editor beyond Y.js, shared by server and browser.

/** Why the server closed or refused a document: the editor says which in the reader's language. */
export const refusalReasons = { signedOut: "signed-out", noAccess: "no-access" } as const;
export type RefusalReason = (typeof refusalReasons)[keyof typeof refusalReasons];

export const isRefusalReason = (reason: string): reason is RefusalReason => Object.values<string>(refusalReasons).includes(reason);

/**
 * Stateless messages: the connection's right to write changed; the texts' translation statuses
 * after a store; a change refused because the text would pass its size limit (MAX_DOCUMENT_CHARS).
 */
export type ServerNotice =
  | { type: "access"; readOnly: boolean }
  | { type: "status"; status: Record<Lang, TranslationStatus> }
  | { type: "tooLong"; maxChars: number };

export function parseServerNotice(payload: string): ServerNotice | null {
  try {
    const value = JSON.parse(payload) as Partial<ServerNotice> | null;
    if (value?.type === "access" && typeof value.readOnly === "boolean") return { type: "access", readOnly: value.readOnly };
    if (value?.type === "status" && value.status && typeof value.status === "object") return { type: "status", status: value.status };
    if (value?.type === "tooLong" && typeof value.maxChars === "number") return { type: "tooLong", maxChars: value.maxChars };
    return null;
  } catch {
    return null;
  }
}
