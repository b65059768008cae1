import { describe, expect, it } from "vitest";
import { normaliseAmount } from "~/utils/amount";

describe("amounts as people type them", () => {
  it("reads Swedish amounts", () => {
    expect(normaliseAmount("275 000", "sv")).toBe("275000.00");
    expect(normaliseAmount("1 234,50", "sv")).toBe("1234.50");
    expect(normaliseAmount("1\u00a0234,5", "sv")).toBe("1234.50");
    expect(normaliseAmount("1234.50", "sv")).toBe("1234.50");
  });

  it("reads English and Chinese amounts", () => {
    expect(normaliseAmount("275,000", "en")).toBe("275000.00");
    expect(normaliseAmount("1,234.50", "zh")).toBe("1234.50");
    expect(normaliseAmount("2400000", "zh")).toBe("2400000.00");
  });

  it("refuses what is not an amount", () => {
    for (const [text, lang] of [
      ["12,34,56", "en"],
      ["1,23", "en"],
      ["1.234,50", "en"],
      ["abc", "sv"],
      ["1,2,3", "sv"],
      ["-5", "sv"],
      ["1.234", "zh"],
      ["", "en"],
      // A decimal comma with three decimals, not a thousand (it was booked as 1.00).
      ["0,001", "en"],
      ["0,001", "zh"],
      ["0,001", "sv"],
      ["00,001", "en"],
      ["0.001", "en"],
    ] as const) {
      expect(normaliseAmount(text, lang), `${text} (${lang})`).toBeNull();
    }
  });
});
