import { redirect } from "react-router";
import type { Route } from "./+types/project.files";
import { requireProjectRole, type ProjectAccess } from "~/auth/project-access.server";
import { safeRedirect } from "~/auth/session.server";
import { attachFiles, removeAttachment, restoreAttachment } from "~/files/attachments.server";
import { refusalResponse, thrownStatus, wantsJson } from "~/files/http.server";
import { RemoveSchema, RestoreSchema, UploadSchema } from "~/files/schemas";
import { receiveUpload, UploadParseError, type ReceivedUpload } from "~/files/upload.server";
import { DomainError } from "~/utils/domain-error";
import { parseForm } from "~/utils/forms";
import { href } from "~/utils/links";

// Uploads (multipart, up to 20 MB a file: server/app.ts lets this address have the larger body),
// removals and restores. The body is streamed: files go to disk as they arrive, never whole into
// memory. Scripts asking for JSON get JSON; a plain form post goes back to its page, with a
// refusal in the address for the page to show.
export async function action({ request, params }: Route.ActionArgs) {
  let upload: ReceivedUpload | undefined;
  try {
    const access = await requireProjectRole(request, params.projectId);
    try {
      upload = await receiveUpload(request);
    } catch (error) {
      if (error instanceof UploadParseError) return await refusalResponse(request, 400, "errors:badRequest");
      throw error;
    }
    return await handle(request, access, upload);
  } catch (error) {
    // Not a member: 404 as for any other address of the project (a redirect to sign in passes through).
    const status = thrownStatus(error);
    if (status === 404 || status === 403) return refusalResponse(request, status, status === 404 ? "errors:notFound" : "errors:forbidden");
    throw error;
  } finally {
    await upload?.discard();
  }
}

async function handle(request: Request, access: ProjectAccess, { fields, files, tooManyFiles }: ReceivedUpload): Promise<Response> {
  const back = backTo(fields.get("redirectTo"), access.projectId);
  const targetId = String(fields.get("targetId") ?? "");
  const refuse = (status: number, key: `errors:${string}`, field = "form") =>
    wantsJson(request) || status === 403 || status === 404 ? refusalResponse(request, status, key, field) : redirect(withError(back, key, targetId), 303);
  const done = (json: unknown, status = 200) => (wantsJson(request) ? Response.json(json, { status }) : redirect(withError(back, null, targetId), 303));

  try {
    const intent = fields.get("intent");
    if (intent === "delete" || intent === "restore") {
      const form = intent === "delete" ? parseForm(RemoveSchema, fields) : parseForm(RestoreSchema, fields);
      if (!form.ok) return await refuse(400, "errors:badRequest");
      await (intent === "delete" ? removeAttachment : restoreAttachment)(access, form.data.attachmentId);
      return done({ ok: true });
    }
    const form = parseForm(UploadSchema, fields);
    if (!form.ok) {
      const [field, key] = Object.entries(form.errors)[0] ?? ["form", "errors:badRequest"];
      return await refuse(400, key as `errors:${string}`, field);
    }
    if (tooManyFiles) return await refuse(400, "errors:tooManyFiles", "file");
    const attachments = await attachFiles(access, { kind: form.data.target, id: form.data.targetId }, files);
    return done({ attachments }, 201);
  } catch (error) {
    if (error instanceof DomainError) return await refuse(error.status, error.key, error.field);
    throw error;
  }
}

export function loader({ params }: Route.LoaderArgs) {
  return redirect(href("/projects/:projectId", { projectId: params.projectId }));
}

/** Back to a page of this project only. */
function backTo(value: FormDataEntryValue | null, projectId: string): string {
  const home = href("/projects/:projectId", { projectId });
  const to = safeRedirect(value, home);
  return to === home || (to.startsWith(home) && /^[/?#]/.test(to.slice(home.length))) ? to : home;
}

/** The page's address with this upload's refusal (or none: an earlier one is cleared). */
function withError(back: string, key: string | null, targetId: string): string {
  const url = new URL(back, "http://localhost");
  url.searchParams.delete("fileError");
  url.searchParams.delete("fileFor");
  if (key) {
    url.searchParams.set("fileError", key.replace(/^errors:/, ""));
    url.searchParams.set("fileFor", targetId);
  }
  return `${url.pathname}${url.search}${url.hash}`;
}
