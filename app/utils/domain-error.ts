import { data } from "react-router";

/**
 * A business rule refused the request (unknown id, last owner, empty translation…). The key is an
 * i18n key the page shows in the reader's language; the status follows from it.
 */
export class DomainError extends Error {
  constructor(
    readonly key: `errors:${string}`,
    readonly field = "form",
  ) {
    super(key);
  }

  get status(): number {
    return this.key === "errors:notFound" ? 404 : this.key === "errors:forbidden" ? 403 : 400;
  }
}

/** In an action's catch: a refusal becomes the form's error; anything else propagates as a fault. */
export function refusal<Extra extends object = object>(error: unknown, extra?: Extra) {
  if (!(error instanceof DomainError)) throw error;
  return data({ ...(extra as Extra), errors: { [error.field]: error.key } as Record<string, string> }, { status: error.status });
}

/** A unique constraint refused a write: the same thing was written a moment ago (a double submit). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
