import type { JSONContent } from "@tiptap/core";
import { can } from "~/auth/permissions";
import type { Prisma } from "~/generated/prisma/client";
import type { Lang } from "~/i18n/languages";
import { notify } from "~/notifications/notifications.server";
import { describe, thingInclude } from "~/translation/requests.server";
import { canReadFinding } from "~/visits/access.server";
import type { RichTextOwner } from "./rich-text.server";

// @mentions in rich texts (decision 029). The collaboration server stores a text a few seconds
// after typing pauses; each store compares the people mentioned in it with those the text has
// already told (RichText.mentions). Only someone newly mentioned is notified, once, and only a
// member who may read the text: a mention of anyone else is dropped (kept as text, told nothing).

/** Who typed since the last store, as the collaboration server saw their connections. */
export type TextWriter = { id: string; name: string };

/** The ids of the people mentioned in a text, each once, in order. */
export function mentionedIds(json: unknown): string[] {
  const found = new Set<string>();
  const walk = (node: JSONContent) => {
    if (node.type === "mention" && typeof node.attrs?.id === "string" && node.attrs.id !== "") found.add(node.attrs.id);
    for (const child of Array.isArray(node.content) ? node.content : []) walk(child);
  };
  if (json && typeof json === "object") walk(json as JSONContent);
  return [...found];
}

/** The project, and who of its members may read the text. */
async function readersOf(tx: Prisma.TransactionClient, owner: RichTextOwner) {
  const members = (projectId: string) => tx.membership.findMany({ where: { projectId }, select: { userId: true, role: true, user: { select: { language: true } } } });
  if ("sectionId" in owner) {
    const section = await tx.planSection.findUnique({ where: { id: owner.sectionId }, select: { projectId: true } });
    return section ? { projectId: section.projectId, readers: (await members(section.projectId)).filter((member) => can(member.role, "project:read")) } : null;
  }
  if ("agendaItemId" in owner) {
    const item = await tx.agendaItem.findUnique({ where: { id: owner.agendaItemId }, select: { visit: { select: { projectId: true } } } });
    return item ? { projectId: item.visit.projectId, readers: (await members(item.visit.projectId)).filter((member) => can(member.role, "project:read")) } : null;
  }
  const finding = await tx.finding.findUnique({ where: { id: owner.findingId }, select: { projectId: true, state: true, authorId: true, visitId: true } });
  if (!finding) return null;
  // A draft finding is read by its author, the owner and the project group only.
  const readers = (await members(finding.projectId)).filter((member) => can(member.role, "project:read") && canReadFinding(member.role, member.userId, finding));
  return { projectId: finding.projectId, readers };
}

/**
 * Notifies those newly mentioned in a text just stored (inside the store's transaction), and
 * returns what the text keeps as told: the mentioned readers now in it. `told` is what it kept
 * before. Returns null when nothing changed.
 */
export async function notifyNewMentions(
  tx: Prisma.TransactionClient,
  owner: RichTextOwner,
  lang: Lang,
  told: string[],
  json: unknown,
  writers: TextWriter[],
): Promise<{ mentions: string[]; notified: string[] } | null> {
  const mentioned = mentionedIds(json);
  if (mentioned.length === 0 && told.length === 0) return null;
  const found = await readersOf(tx, owner);
  if (!found) return null;
  const readers = new Map(found.readers.map((reader) => [reader.userId, reader]));
  const mentions = mentioned.filter((id) => readers.has(id));
  if (mentions.length === told.length && mentions.every((id) => told.includes(id))) return null;
  // Someone mentioning themselves (the only one who wrote since the last store) is not told.
  const selfOnly = (id: string) => writers.length > 0 && writers.every((writer) => writer.id === id);
  const fresh = mentions.filter((id) => !told.includes(id) && !selfOnly(id));
  const notified: string[] = [];
  if (fresh.length > 0) {
    const thing = await tx.richText.findFirst({
      where: owner,
      select: { section: thingInclude.section, agendaItem: thingInclude.agendaItem, finding: thingInclude.finding },
    });
    if (thing) {
      const about = describe({ ...thing, milestone: null, visit: null, projectId: found.projectId, lang });
      for (const userId of fresh) {
        const reader = readers.get(userId)!;
        // Named by those who wrote since the last store; unknown (a change relayed from another process): unnamed.
        const name = writers
          .filter((writer) => writer.id !== userId)
          .map((writer) => writer.name)
          .join(", ");
        notified.push(...(await notify(tx, [userId], { kind: "text_mention", projectId: found.projectId, params: { name, title: about.title(reader.user.language) }, link: about.link })));
      }
    }
  }
  return { mentions, notified };
}
