import type { Route } from "./+types/project.file";
import { requireProjectRole } from "~/auth/project-access.server";
import { openAttachment } from "~/files/attachments.server";
import { fileResponse, refusalResponse, thrownStatus } from "~/files/http.server";

// An attachment's bytes (or `?thumbnail=1`, its preview), to members of its project only.
export async function loader({ request, params }: Route.LoaderArgs) {
  try {
    const access = await requireProjectRole(request, params.projectId);
    const thumbnail = new URL(request.url).searchParams.get("thumbnail") === "1";
    const file = await openAttachment(access, params.fileId, thumbnail);
    if (!file) return await refusalResponse(request, 404, "errors:notFound");
    return fileResponse(request, file);
  } catch (error) {
    // Not a member: the same 404 as a file that does not exist (a redirect to sign in passes through).
    const status = thrownStatus(error);
    if (status === 404 || status === 403) return refusalResponse(request, status, status === 404 ? "errors:notFound" : "errors:forbidden");
    throw error;
  }
}
