import { useTranslation } from "~/i18n/use-translation";
import { Link, useLocation } from "react-router";
import type { Route } from "./+types/project.audit";
import { listActors, listEvents, throughEndOfDay } from "~/audit/activity.server";
import { EventFilterSchema } from "~/audit/schemas";
import { requireProjectRole } from "~/auth/project-access.server";
import { EventFilters } from "~/components/event-filters";
import { EventList } from "~/components/event-list";
import { href } from "~/utils/links";
import { listRemovedAttachments } from "~/files/attachments.server";
import { FileDetails } from "~/components/attachments";
import { REMOVED_FILE_RETENTION_DAYS, type RemovedAttachmentView } from "~/files/limits";
import { useFormat } from "~/i18n/use-format";
import { parseQuery } from "~/utils/forms";
import "~/i18n/pages/activity";
import "~/i18n/pages/files";

export async function loader({ request, params }: Route.LoaderArgs) {
  const access = await requireProjectRole(request, params.projectId, "audit:read");
  const filter = parseQuery(EventFilterSchema, request);
  const range = throughEndOfDay(filter);
  const [events, actors, removedFiles] = await Promise.all([
    listEvents(params.projectId, range, { limit: 500, withData: true }),
    listActors(params.projectId),
    listRemovedAttachments(access),
  ]);
  return {
    events,
    actors,
    removedFiles,
    projectId: params.projectId,
    values: { kind: filter.kind, actorId: filter.actorId, from: filter.from?.toISOString().slice(0, 10), to: filter.to?.toISOString().slice(0, 10) },
  };
}

export default function Audit({ loaderData, params }: Route.ComponentProps) {
  const { projectId } = params;
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <>
      <div className="page-heading">
        <h1>{t("activity:audit")}</h1>
        {/* Files, not pages: plain links that download, with the page's filters. */}
        <div className="row-actions">
          <a href={`${href("/projects/:projectId/audit/xlsx", { projectId })}${location.search}`} download className="button">
            {t("activity:xlsx")}
          </a>
          <a href={`${href("/projects/:projectId/audit/csv", { projectId })}${location.search}`} download className="button">
            {t("activity:csv")}
          </a>
        </div>
      </div>
      <RemovedFiles files={loaderData.removedFiles} projectId={loaderData.projectId} redirectTo={`${location.pathname}${location.search}`} />
      <EventFilters actors={loaderData.actors} values={loaderData.values} withDates />
      <EventList events={loaderData.events} withData />
    </>
  );
}

/** Removed files an owner may still restore (a plain form post to the files address). */
function RemovedFiles({ files, projectId, redirectTo }: { files: RemovedAttachmentView[]; projectId: string; redirectTo: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="removed-files" aria-labelledby="removed-files">
      <h2 id="removed-files">{t("files:removed.title")}</h2>
      <p className="muted">{t("files:removed.intro", { days: REMOVED_FILE_RETENTION_DAYS })}</p>
      {files.length === 0 ? (
        <p className="muted">{t("files:removed.none")}</p>
      ) : (
        <ul className="attachment-list">
          {files.map((file) => (
            <li key={file.id} className="attachment">
              <div className="attachment-meta">
                <strong>{file.fileName}</strong>
                <span className="muted">
                  {t("files:removed.attachedTo")}: <Link to={file.targetUrl}>{t(`files:removed.targets.${file.target}`)}</Link>
                </span>
                <span className="muted">
                  {file.removedBy ? t("files:removed.removedBy", { name: file.removedBy, date: format.dateTime(file.removedAt) }) : t("files:removed.removedAt", { date: format.dateTime(file.removedAt) })}
                  {" · "}
                  {t("files:removed.purgeAt", { date: format.dateTime(file.purgeAt) })}
                </span>
                <FileDetails file={file} />
              </div>
              <form method="post" action={href("/projects/:projectId/files", { projectId })}>
                <input type="hidden" name="intent" value="restore" />
                <input type="hidden" name="attachmentId" value={file.id} />
                <input type="hidden" name="redirectTo" value={redirectTo} />
                <button type="submit" aria-label={t("files:removed.restoreLabel", { name: file.fileName })}>
                  {t("files:removed.restore")}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
