// Which project members an @ suggests as one types (decision 029), in the editor and in a comment.
// Names are written as people give them, often in two scripts ("王芳 Wang Fang"): "wa", "Wang",
// "王" and "王芳" all find her. Case and accents do not count ("asa" finds Åsa); a name whose word
// starts with what was typed comes before one that only contains it.

export type Mentionable = { id: string; name: string };

const fold = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLocaleLowerCase();

export function matchMembers<T extends Mentionable>(members: T[], query: string, limit = 8): T[] {
  const wanted = fold(query.trim());
  if (wanted === "") return members.slice(0, limit);
  const ranked: [number, T][] = [];
  for (const member of members) {
    const name = fold(member.name);
    const words = name.split(/[\s\-_.]+/);
    const rank = name.startsWith(wanted) ? 0 : words.some((word) => word.startsWith(wanted)) ? 1 : name.includes(wanted) ? 2 : -1;
    if (rank >= 0) ranked.push([rank, member]);
  }
  return ranked
    .sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name))
    .slice(0, limit)
    .map(([, member]) => member);
}

/** One or two letters for an avatar: a Chinese name's first character, else the first and last words' initials. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0] ?? "?";
  if (/\p{Script=Han}/u.test(first[0] ?? "")) return first[0]!;
  const last = words.length > 1 ? words[words.length - 1]! : "";
  return `${[...first][0] ?? ""}${[...last][0] ?? ""}`.toLocaleUpperCase();
}
