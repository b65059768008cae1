import type { TFunction } from "i18next";

/**
 * A notification's sentence in the reader's language. The stored params hold names and titles as
 * they are, and the decision as its kind, translated here (for the page, the e-mail and the digest).
 */
export function notificationMessage(t: TFunction, kind: string, params: Record<string, string>): string {
  const decision = params.decision ? t(`milestones:decision.${params.decision}`) : "";
  // A translation request's language, named in the reader's language.
  const language = params.language ? t(`translationRequests:languages.${params.language}`) : "";
  // A mention in a text whose writer the server could not tell (decision 029).
  const key = kind === "text_mention" && !params.name ? "text_mention_unnamed" : kind;
  return t(`notifications:kinds.${key}`, { ...params, decision, language });
}
