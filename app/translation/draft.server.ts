import { config, type Config } from "~/config.server";
import type { Lang } from "~/i18n/languages";
import { listGlossary } from "~/plan/glossary.server";
import { singleton } from "~/utils/singleton.server";
import { callTranslator, type CallOptions } from "./call.server";
import { TranslationError } from "./errors";
import { translatorFromConfig } from "./providers.server";
import type { GlossaryEntry, TextFormat, Translator } from "./translator";

// A machine-translation draft (decision 016): for a translator filling an empty or outdated
// translation, or a reader looking at a short text beside its original. Nothing is stored here;
// only the texts asked for leave the server, with the project's glossary terms for the pair.

/**
 * The most characters one draft sends, all texts together: a long plan section, not a whole plan.
 * The messages errors:translationTooLong name this number.
 */
export const MAX_DRAFT_CHARACTERS = 50_000;

export type DraftRequest = {
  projectId: string;
  texts: string[];
  from: Lang;
  to: Lang;
  /** "html" for a plan section's paragraphs: the tags come back where they were. */
  format?: TextFormat;
};

// One translator per configuration, so what an adapter learns once (DeepL's glossaries, the
// languages a LibreTranslate server has) is kept for the process.
const translators = singleton("translators", () => new WeakMap<Config, Translator | null>());

export function configuredTranslator(current: Config = config()): Translator | undefined {
  if (!translators.has(current)) translators.set(current, translatorFromConfig(current) ?? null);
  return translators.get(current) ?? undefined;
}

/** Whether drafts can be asked for at all (the page shows the button only then). */
export const draftsAvailable = () => configuredTranslator() !== undefined;

/** The project's glossary for one direction: terms that have a wording in both languages. */
export async function glossaryFor(projectId: string, from: Lang, to: Lang): Promise<GlossaryEntry[]> {
  const terms = await listGlossary(projectId);
  return terms.map((term) => ({ source: term[from].trim(), target: term[to].trim() })).filter((entry) => entry.source !== "" && entry.target !== "");
}

/** Drafts, one per text, in order; a blank text stays blank and is not sent. */
export async function draftTranslation(request: DraftRequest, options: CallOptions & { translator?: Translator } = {}): Promise<string[]> {
  const translator = options.translator ?? configuredTranslator();
  if (!translator) throw new TranslationError("errors:translationNotConfigured");
  const characters = request.texts.reduce((sum, text) => sum + text.length, 0);
  if (characters > MAX_DRAFT_CHARACTERS) throw new TranslationError("errors:translationTooLong");
  if (request.from === request.to) throw new TranslationError("errors:translationPairUnsupported");

  const sent = request.texts.flatMap((text, index) => (text.trim() === "" ? [] : [index]));
  const drafts = request.texts.map(() => "");
  if (sent.length === 0) return drafts;
  const glossary = await glossaryFor(request.projectId, request.from, request.to);
  const translated = await callTranslator(
    translator,
    { texts: sent.map((index) => request.texts[index]!), from: request.from, to: request.to, glossary, format: request.format ?? "text" },
    options,
  );
  sent.forEach((index, position) => (drafts[index] = translated[position]!));
  return drafts;
}
