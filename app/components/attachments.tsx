import { useId, useRef, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { useLocation, useRevalidator, useSearchParams } from "react-router";
import { acceptedFiles, MAX_FILE_BYTES, REMOVED_FILE_RETENTION_DAYS, uploadErrorKeys, type AttachmentTarget, type AttachmentView } from "~/files/limits";
import { useFormat } from "~/i18n/use-format";
import { href } from "~/utils/links";
import "~/i18n/pages/files";

export type AttachmentsProps = {
  projectId: string;
  target: AttachmentTarget;
  attachments: AttachmentView[];
  /** Whether the reader may attach files here (`mayAttach` on the server); each file says whether it may be removed. */
  canAttach: boolean;
  /** The heading's level where the list sits on the page. */
  headingLevel?: 2 | 3;
};

const knownError = (key: unknown): key is (typeof uploadErrorKeys)[number] => typeof key === "string" && (uploadErrorKeys as readonly string[]).includes(key);

/** "4.2 MB" in the reader's language (MB of 1024 × 1024 bytes, as the 20 MB limit counts). */
function useFileSize() {
  const { t } = useTranslation();
  const format = useFormat();
  return (bytes: number) => {
    if (bytes < 1024) return t("files:size.bytes", { size: format.number(bytes) });
    if (bytes < 1024 * 1024) return t("files:size.kilobytes", { size: format.number(Math.round((bytes / 1024) * 10) / 10) });
    return t("files:size.megabytes", { size: format.number(Math.round((bytes / 1024 / 1024) * 10) / 10) });
  };
}

/** The type people know a file by: its name's extension, else the last part of its media type. */
function fileKind(fileName: string, contentType: string) {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1];
  return (extension ?? contentType.split("/").pop() ?? contentType).toUpperCase();
}

/**
 * A file's details under a disclosure, folded by default: size to the byte, type, who uploaded it
 * and when, and its SHA-256 checksum, which an auditor compares with the exported report's
 * (decision 031: the checksum leaves the list, where it was noise to everyone else).
 */
export function FileDetails({
  file,
}: {
  file: { fileName: string; size: number; sha256: string; contentType?: string; uploadedBy: string | null; createdAt?: string };
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const fileSize = useFileSize();
  return (
    <details className="file-details">
      <summary>
        {t("files:details.title")}
        <span className="visually-hidden">: {file.fileName}</span>
      </summary>
      <dl className="facts">
        <dt>{t("files:details.size")}</dt>
        <dd>
          {fileSize(file.size)} <span className="muted">({t("files:size.bytes", { size: format.number(file.size) })})</span>
        </dd>
        {file.contentType ? (
          <>
            <dt>{t("files:details.type")}</dt>
            <dd>
              {fileKind(file.fileName, file.contentType)} <span className="muted">({file.contentType})</span>
            </dd>
          </>
        ) : null}
        {file.uploadedBy || file.createdAt ? (
          <>
            <dt>{t("files:details.uploaded")}</dt>
            <dd>{[file.uploadedBy, file.createdAt ? format.dateTime(file.createdAt) : null].filter(Boolean).join(", ")}</dd>
          </>
        ) : null}
        <dt>{t("files:details.checksum")}</dt>
        <dd>
          <code className="checksum">{file.sha256}</code>
          <span className="hint">{t("files:details.checksumHint")}</span>
        </dd>
      </dl>
    </details>
  );
}

/**
 * The files of a visit, an agenda item or a finding, and for those who may, a form to add more.
 * The form is an ordinary multipart post (it works before or without scripts); with scripts it
 * sends one file at a time with a progress bar and refreshes the page's data afterwards.
 */
export function Attachments({ projectId, target, attachments, canAttach, headingLevel = 2 }: AttachmentsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const fileSize = useFileSize();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const revalidator = useRevalidator();
  const headingId = useId();
  const Heading = headingLevel === 3 ? "h3" : "h2";
  const action = href("/projects/:projectId/files", { projectId });
  const sectionId = `files-${target.id}`;
  const redirectTo = `${location.pathname}${location.search}#${sectionId}`;
  // A plain form post comes back with its refusal in the address.
  const returned = searchParams.get("fileFor") === target.id ? `errors:${searchParams.get("fileError") ?? ""}` : null;
  const [removeError, setRemoveError] = useState<string | null>(null);

  async function remove(event: React.FormEvent<HTMLFormElement>, attachment: AttachmentView) {
    event.preventDefault();
    if (!window.confirm(t("files:confirmRemove", { name: attachment.fileName, days: REMOVED_FILE_RETENTION_DAYS }))) return;
    setRemoveError(null);
    try {
      const response = await fetch(action, { method: "POST", body: new FormData(event.currentTarget), headers: { Accept: "application/json" } });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { errors?: Record<string, unknown> } | null;
        const key = Object.values(body?.errors ?? {})[0];
        setRemoveError(knownError(key) ? key : "errors:unexpected");
      }
    } catch {
      setRemoveError("files:networkError");
    }
    await revalidator.revalidate();
  }

  return (
    <section className="attachments" id={sectionId} aria-labelledby={headingId}>
      <Heading id={headingId}>{t("files:title")}</Heading>
      {attachments.length === 0 ? (
        <p className="muted">{t("files:none")}</p>
      ) : (
        <ul className="attachment-list">
          {attachments.map((attachment) => (
            <li key={attachment.id} className="attachment">
              {attachment.thumbnailUrl ? (
                // The name beside it is the link for the keyboard; the picture is one for the pointer.
                <a href={attachment.url} className="attachment-thumb" tabIndex={-1}>
                  <img src={attachment.thumbnailUrl} alt={attachment.fileName} loading="lazy" decoding="async" />
                </a>
              ) : null}
              <div className="attachment-meta">
                <a href={attachment.url} className="attachment-name">
                  {attachment.fileName}
                </a>
                <span className="muted">
                  {fileSize(attachment.size)}
                  {" · "}
                  {attachment.uploadedBy
                    ? t("files:addedBy", { name: attachment.uploadedBy, date: format.dateTime(attachment.createdAt) })
                    : format.dateTime(attachment.createdAt)}
                </span>
                <FileDetails file={attachment} />
              </div>
              {attachment.removable ? (
                <form method="post" action={action} className="attachment-remove" onSubmit={(event) => void remove(event, attachment)}>
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="attachmentId" value={attachment.id} />
                  <input type="hidden" name="redirectTo" value={redirectTo} />
                  <button type="submit" className="danger" aria-label={t("files:removeLabel", { name: attachment.fileName })}>
                    {t("files:remove")}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {removeError ? (
        <p className="form-error" role="alert">
          {t(removeError)}
        </p>
      ) : null}
      {canAttach ? <UploadForm action={action} target={target} redirectTo={redirectTo} returnedError={knownError(returned) ? returned : null} /> : null}
    </section>
  );
}

type Failure = { name: string; key: string };
type Progress = { name: string; index: number; count: number; loaded: number; total: number };

/** One file by XMLHttpRequest, for its upload progress (fetch has none). */
function send(url: string, body: FormData, onProgress: (loaded: number, total: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    request.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(request.responseText);
      } catch {
        // not JSON (a proxy's error page): the status says enough
      }
      resolve({ status: request.status, body: parsed });
    };
    request.onerror = () => resolve({ status: 0, body: null });
    request.send(body);
  });
}

function UploadForm({ action, target, redirectTo, returnedError }: { action: string; target: AttachmentTarget; redirectTo: string; returnedError: string | null }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failures, setFailures] = useState<Failure[]>([]);
  const [done, setDone] = useState<number | null>(null);
  const [missing, setMissing] = useState(false);

  async function upload(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const files = [...(input.current?.files ?? [])];
    setFailures([]);
    setDone(null);
    setMissing(files.length === 0);
    if (files.length === 0) return;
    const failed: Failure[] = [];
    let stored = 0;
    for (const [index, file] of files.entries()) {
      // Refused here already, so a phone on a slow link does not send 30 MB to be told no.
      if (file.size > MAX_FILE_BYTES) {
        failed.push({ name: file.name, key: "errors:fileTooLarge" });
        continue;
      }
      setProgress({ name: file.name, index: index + 1, count: files.length, loaded: 0, total: file.size });
      const body = new FormData();
      body.set("target", target.kind);
      body.set("targetId", target.id);
      body.append("file", file);
      const answer = await send(action, body, (loaded, total) => setProgress((current) => (current ? { ...current, loaded, total } : current)));
      if (answer.status >= 200 && answer.status < 300) {
        stored++;
      } else {
        const key = Object.values((answer.body as { errors?: Record<string, unknown> } | null)?.errors ?? {})[0];
        failed.push({
          name: file.name,
          key: knownError(key) ? key : answer.status === 413 ? "errors:fileTooLarge" : answer.status === 0 ? "files:networkError" : "errors:unexpected",
        });
      }
    }
    setProgress(null);
    setFailures(failed);
    setDone(stored);
    if (failed.length === 0 && input.current) input.current.value = "";
    if (stored > 0) await revalidator.revalidate();
  }

  const described = [hintId, returnedError || failures.length > 0 || missing ? `${hintId}-error` : null].filter(Boolean).join(" ");
  return (
    <form method="post" action={action} encType="multipart/form-data" className="upload-form" onSubmit={(event) => void upload(event)}>
      <input type="hidden" name="target" value={target.kind} />
      <input type="hidden" name="targetId" value={target.id} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <div className="field">
        <label htmlFor={inputId}>{t("files:choose")}</label>
        <p id={hintId} className="hint">
          {t("files:hint")}
        </p>
        <input
          ref={input}
          id={inputId}
          type="file"
          name="file"
          multiple
          accept={acceptedFiles}
          aria-describedby={described}
          aria-invalid={returnedError || failures.length > 0 || missing ? true : undefined}
        />
      </div>
      <div id={`${hintId}-error`} role="alert">
        {missing ? <p className="form-error">{t("errors:fileRequired")}</p> : null}
        {returnedError && failures.length === 0 && !missing && done === null ? <p className="form-error">{t(returnedError)}</p> : null}
        {failures.length > 0 ? (
          <ul className="form-error upload-failures">
            {failures.map((failure, index) => (
              <li key={index}>{t("files:failed", { name: failure.name, message: t(failure.key) })}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="upload-actions">
        <button type="submit" className="primary" disabled={progress !== null}>
          {t("files:upload")}
        </button>
        {progress ? (
          <progress max={progress.total || 1} value={progress.loaded} aria-label={t("files:progress", { name: progress.name })} />
        ) : null}
      </div>
      <p role="status" aria-live="polite" className="upload-status">
        {progress
          ? t("files:uploading", { name: progress.name, index: progress.index, count: progress.count })
          : done !== null && done > 0
            ? t("files:uploaded", { count: done })
            : ""}
      </p>
    </form>
  );
}
