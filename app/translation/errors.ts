import { DomainError } from "~/utils/domain-error";

export type TranslationErrorKey =
  | "errors:translationNotConfigured"
  | "errors:translationBadKey"
  | "errors:translationQuota"
  | "errors:translationRateLimited"
  | "errors:translationUnavailable"
  | "errors:translationTooLong"
  | "errors:translationPairUnsupported";

/**
 * A draft could not be made. The key is shown in the reader's language; `retryAfterMs` is the
 * provider's Retry-After on a 429, for the one retry (draft.server.ts).
 */
export class TranslationError extends DomainError {
  constructor(
    readonly reason: TranslationErrorKey,
    readonly retryAfterMs?: number,
  ) {
    super(reason);
  }

  override get status(): number {
    if (this.reason === "errors:translationRateLimited") return 429;
    if (this.reason === "errors:translationUnavailable" || this.reason === "errors:translationBadKey" || this.reason === "errors:translationQuota") return 503;
    return 400;
  }
}
