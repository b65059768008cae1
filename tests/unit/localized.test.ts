import { describe, expect, it } from "vitest";
import { z } from "zod";
import { editLocalized, givenTexts, languagesFor, mergeLocalized, originalOf, pickLocalized, readLocalized } from "~/i18n/localized";
import { localizedText } from "~/i18n/localized-schema";
import { parseForm } from "~/utils/forms";

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(key, one);
  return data;
};
const schema = z.object({ title: localizedText({ max: 20, required: true }), note: localizedText({ max: 20 }) });

describe("a short text in three languages", () => {
  it("is read from a form's `<name>.<lang>` fields, trimmed, with languages left out undefined", () => {
    const parsed = parseForm(schema, form({ "title.sv": " Workshop ", "title.zh": "研讨会", "title.en": "" }));
    expect(parsed).toEqual({ ok: true, data: { title: { sv: "Workshop", zh: "研讨会", en: "" }, note: {} } });
  });

  it("is refused when required and no language is given, or too long, or sent twice", () => {
    expect(parseForm(schema, form({ "title.sv": "", "title.zh": " " }))).toMatchObject({ ok: false, errors: { title: "errors:required" } });
    expect(parseForm(schema, form({}))).toMatchObject({ ok: false, errors: { title: "errors:required" } });
    expect(parseForm(schema, form({ "title.zh": "长".repeat(21) }))).toMatchObject({ ok: false, errors: { title: "errors:tooLong" } });
    expect(parseForm(schema, form({ "title.sv": ["a", "b"] }))).toMatchObject({ ok: false, errors: { title: "errors:invalid" } });
    // A plain field of the same name does not stand in for the languages.
    expect(parseForm(schema, form({ title: "Workshop" }))).toMatchObject({ ok: false, errors: { title: "errors:invalid" } });
    // Only the three languages are gathered; any other suffix is an unknown field, ignored.
    expect(parseForm(schema, form({ "title.sv": "Ja", "title.fr": "Oui" }))).toEqual({ ok: true, data: { title: { sv: "Ja" }, note: {} } });
  });

  it("keeps languages not sent, replaces those sent, and removes those sent empty", () => {
    expect(mergeLocalized({ sv: "Workshop", zh: "研讨会" }, { en: "Workshop in Västerås", zh: "" })).toEqual({ sv: "Workshop", en: "Workshop in Västerås" });
    expect(givenTexts({ sv: "Möte", zh: "", en: undefined })).toEqual({ sv: "Möte" });
  });

  it("keeps its original language while that text exists, else takes the writer's, else the first given", () => {
    expect(originalOf({ sv: "Möte", zh: "会议" }, "sv", "zh")).toBe("sv");
    expect(originalOf({ zh: "会议", en: "Meeting" }, "sv", "en")).toBe("en");
    expect(originalOf({ zh: "会议", en: "Meeting" }, null, "sv")).toBe("zh");
    expect(originalOf({}, "sv", "sv")).toBeNull();
  });

  it("after a form: the stored languages with those sent applied, and the original; none left, no original", () => {
    expect(editLocalized({ sv: "Möte", fr: "x" }, "sv", { zh: "会议" }, "zh")).toEqual({ texts: { sv: "Möte", zh: "会议" }, original: "sv" });
    expect(editLocalized(null, null, { en: "Meeting", zh: "" }, "sv")).toEqual({ texts: { en: "Meeting" }, original: "en" });
    expect(editLocalized({ sv: "Möte" }, "sv", { sv: "" }, "sv")).toEqual({ texts: {}, original: null });
  });

  it("is shown in the reader's language, else in the original, marked as such", () => {
    expect(pickLocalized({ sv: "Möte", zh: "会议" }, "sv", "zh")).toEqual({ text: "会议", fallback: undefined });
    expect(pickLocalized({ sv: "Möte" }, "sv", "en")).toEqual({ text: "Möte", fallback: "sv" });
  });

  it("reads only known languages with text from whatever a stored column holds", () => {
    expect(readLocalized({ sv: "Möte", zh: "", fr: "Réunion", en: 3 })).toEqual({ sv: "Möte" });
    expect(readLocalized(null)).toEqual({});
    expect(readLocalized(["sv"])).toEqual({});
  });

  it("lists the reader's language first", () => {
    expect(languagesFor("zh")).toEqual(["zh", "sv", "en"]);
    expect(languagesFor("en")).toEqual(["en", "sv", "zh"]);
  });
});
