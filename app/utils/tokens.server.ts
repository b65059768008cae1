import { createHash, randomBytes } from "node:crypto";

// One-time links (invitations, password resets): the token is only ever in the link; the database
// keeps its SHA-256, so a copy of the database opens no account.
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
