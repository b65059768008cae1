import { describe, expect, it } from "vitest";
import { WRITER_COLORS, writerColor } from "~/editor/writer-color";

// The caret extension only accepts "#rrggbb" (anything else becomes transparent), and the label's
// text is white: every colour must be in that format and dark enough to read white text on.
function luminance(hex: string) {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe("writer colours", () => {
  it("are #rrggbb with white text readable on them (contrast at least 4.5:1)", () => {
    for (const color of WRITER_COLORS) {
      expect(color).toMatch(/^#[0-9a-f]{6}$/i);
      expect(1.05 / (luminance(color) + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("give each person the same colour every time, in that format", () => {
    for (const id of ["cmabc123", "cmxyz789", "u1"]) {
      expect(writerColor(id)).toBe(writerColor(id));
      expect(writerColor(id)).toMatch(/^#[0-9a-f]{6}$/i);
    }
  });
});
