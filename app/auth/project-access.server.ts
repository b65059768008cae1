import { data } from "react-router";
import { db } from "~/db/db.server";
import type { Language, ProjectRole } from "~/generated/prisma/enums";
import { readLocalized, type Localized } from "~/i18n/localized";
import { can, type Permission } from "./permissions";
import { requireUser, type SessionUser } from "./session.server";

// A project page's layout and page loaders both ask for one request; the database is asked once.
// The project's title comes along: every project page's heading shows it (one query, not two).
type Membership = { role: ProjectRole; project: { titles: unknown; originalLang: Language } };
const membershipsOfRequest = new WeakMap<Request, Map<string, Promise<Membership | null>>>();

function findMembership(request: Request, projectId: string, userId: string) {
  let byProject = membershipsOfRequest.get(request);
  if (!byProject) membershipsOfRequest.set(request, (byProject = new Map()));
  let membership = byProject.get(projectId);
  if (!membership) {
    membership = db.membership.findUnique({
      where: { projectId_userId: { projectId, userId } },
      select: { role: true, project: { select: { titles: true, originalLang: true } } },
    });
    byProject.set(projectId, membership);
  }
  return membership;
}

export type ProjectAccess = { user: SessionUser; projectId: string; role: ProjectRole };

/**
 * The one authorization guard for project addresses. Not a member (or no such project): 404, so a
 * member of one project learns nothing of another. A member without the permission: 403.
 */
export async function requireProjectRole(
  request: Request,
  projectId: string | undefined,
  permission: Permission = "project:read",
): Promise<ProjectAccess & { projectTitle: { titles: Localized; originalLang: Language } }> {
  const user = await requireUser(request);
  const membership = projectId ? await findMembership(request, projectId, user.id) : null;
  if (!membership || !projectId) throw data({ message: "errors:notFound" }, { status: 404 });
  if (!can(membership.role, permission)) throw data({ message: "errors:forbidden" }, { status: 403 });
  return { user, projectId, role: membership.role, projectTitle: { titles: readLocalized(membership.project.titles), originalLang: membership.project.originalLang } };
}

/** Workspace administrators create projects (and become their owners). */
export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!user.isAdmin) throw data({ message: "errors:forbidden" }, { status: 403 });
  return user;
}
