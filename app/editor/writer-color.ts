// Carets of other writers carry their name on a label in their colour, with white text. The caret
// extension (y-prosemirror underneath) accepts only "#rrggbb" and makes anything else transparent,
// so the colours are hex, each dark enough for white text (contrast at least 4.5:1, WCAG AA).
export const WRITER_COLORS = [
  "#1f5fbf", // blue
  "#b3261e", // red
  "#1b7a3d", // green
  "#8e24aa", // purple
  "#9a4a00", // brown-orange
  "#00695c", // teal
  "#c2185b", // pink
  "#3949ab", // indigo
  "#5d4037", // brown
  "#455a64", // slate
] as const;

/** A stable colour per person. */
export function writerColor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return WRITER_COLORS[hash % WRITER_COLORS.length]!;
}
