/** A calendar day relative to today, as a form sends it ("2026-11-14" for -10 on 2026-11-24). */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
