import type { ProjectRole } from "~/generated/prisma/enums";

// "Who may do what" (docs/roles.md), as data. Loaders, actions and the collaboration server ask
// `can(role, permission)`; the UI uses the same table only to hide what would be refused.
export const projectRoles = ["owner", "project_group", "steering_group", "delegate", "viewer"] as const satisfies readonly ProjectRole[];

const table = {
  "project:read": ["owner", "project_group", "steering_group", "delegate", "viewer"],
  "project:manage": ["owner"], // members, roles, invitations, approval rule, categories, rates, settings
  "plan:edit": ["owner", "project_group"],
  "project:edit": ["owner", "project_group"], // milestones, visits, results matrix, budget proposals
  "approval:submit": ["owner", "project_group"],
  "approval:decide": ["steering_group"],
  "comment:write": ["owner", "project_group", "steering_group", "delegate"],
  // A delegate only on the visits whose delegation they belong to (app/visits/access.server.ts).
  "visit:notes": ["owner", "project_group", "delegate"],
  "finding:write": ["owner", "project_group", "delegate"],
  // The translation memory's suggestions: whoever writes translations (decision 019).
  "translation:memory": ["owner", "project_group", "delegate"],
  "finding:readDrafts": ["owner", "project_group"], // and each draft's author
  "expense:record": ["owner", "project_group"],
  // Attached files: removing any file of what one may edit; restoring a removed file.
  "file:removeAny": ["owner", "project_group"],
  "file:restore": ["owner"],
  "report:submit": ["owner"],
  "audit:read": ["owner"],
} as const satisfies Record<string, readonly ProjectRole[]>;

export type Permission = keyof typeof table;
export const permissions = Object.keys(table) as Permission[];

export function can(role: ProjectRole | null | undefined, permission: Permission): boolean {
  return role != null && (table[permission] as readonly ProjectRole[]).includes(role);
}

/**
 * Removing an attached file. Attaching is part of editing the thing attached to, so removing needs
 * that right (`mayEditTarget`, decided by the thing's own rules) and, for a delegate, the file must
 * be their own upload: a delegate never removes what the project group attached.
 */
export function mayRemoveFile(role: ProjectRole | null | undefined, userId: string, file: { uploadedById: string | null }, mayEditTarget: boolean): boolean {
  if (!mayEditTarget) return false;
  return can(role, "file:removeAny") || (file.uploadedById !== null && file.uploadedById === userId);
}
