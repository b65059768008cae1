import { describe, expect, it } from "vitest";
import { jsonToText } from "~/editor/content.server";
import { hashText } from "~/editor/rich-text.server";
import { BLANK_TEXT_HASH, translationStatus } from "~/plan/translation-status";

// A translation's status from the hashes alone (the plan's list no longer reads the texts).
describe("translation status", () => {
  const state = (lang: "sv" | "zh" | "en", text: string, confirmedAgainst?: string) => ({ lang, textHash: hashText(text), confirmedSourceHash: confirmedAgainst === undefined ? null : hashText(confirmedAgainst) });

  it("knows a blank text by its hash: what the editor stores for an empty or blank document", () => {
    expect(hashText("")).toBe(BLANK_TEXT_HASH);
    const blank = jsonToText({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "   " }] }, { type: "paragraph" }] });
    expect(hashText(blank)).toBe(BLANK_TEXT_HASH);
  });

  it("missing, source, needs update and up to date, as the reader sees them", () => {
    const texts = [state("sv", "Invånardialog via kontaktcenter"), state("zh", "通过联络中心开展市民对话", "Invånardialog via kontaktcenter"), state("en", "")];
    expect(translationStatus("sv", "sv", texts)).toBe("source");
    expect(translationStatus("zh", "sv", texts)).toBe("up_to_date");
    expect(translationStatus("en", "sv", texts)).toBe("missing");
    const changed = [state("sv", "Invånardialog via kontaktcenter och 12345"), texts[1]!, texts[2]!];
    expect(translationStatus("zh", "sv", changed)).toBe("needs_update");
    // A translation of a source that was emptied needs updating.
    expect(translationStatus("zh", "sv", [state("sv", ""), texts[1]!])).toBe("needs_update");
  });
});
