import type { Lang } from "~/i18n/languages";

// One small interface for every machine-translation provider (decision 016). The server calls the
// provider, never the browser: colleagues in mainland China cannot reach DeepL or Azure, and the key
// stays on the server.

/** A glossary term as the pair needs it: the source language's wording and the target's. */
export type GlossaryEntry = { source: string; target: string };

/** Plain paragraphs, or HTML (a plan section's paragraphs) whose tags must come back where they were. */
export type TextFormat = "text" | "html";

export type TranslateInput = {
  texts: string[];
  from: Lang;
  to: Lang;
  glossary: GlossaryEntry[];
  format: TextFormat;
};

export type Translator = {
  /** For logs and `npm run translate:check`. */
  name: string;
  /** One translation per text, in order. Throws a TranslationError for every failure the reader can be told about. */
  translate(input: TranslateInput, signal: AbortSignal): Promise<string[]>;
};
