// Shared by the server and the upload form in the browser (which checks the size before sending).

/** At most 20 MB a file. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** An upload request carries the file plus the form around it; beyond this Express answers 413. */
export const MAX_UPLOAD_REQUEST_BYTES = 21 * 1024 * 1024;
export const MAX_FILES_PER_UPLOAD = 10;
export const MAX_NAME_LENGTH = 200;
/** A removed file stays restorable by an owner this long, then its bytes are purged. */
export const REMOVED_FILE_RETENTION_DAYS = 30;

export const targetKinds = ["visit", "agenda_item", "finding", "expense"] as const;
export type TargetKind = (typeof targetKinds)[number];
export type AttachmentTarget = { kind: TargetKind; id: string };

/** An attachment as a page receives it: never its bytes. */
export type AttachmentView = {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  hasThumbnail: boolean;
  createdAt: string;
  uploadedBy: string | null;
  /** Whether the reader may remove this file (a delegate: only their own). */
  removable: boolean;
  url: string;
  thumbnailUrl: string | null;
};

/** A removed file, as its project's owners see it until it is purged. */
export type RemovedAttachmentView = {
  id: string;
  fileName: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  removedAt: string;
  removedBy: string | null;
  purgeAt: string;
  target: TargetKind;
  /** The page of the thing it was attached to. */
  targetUrl: string;
};

/** The refusals an upload may answer; a plain form post carries one back in the address. */
export const uploadErrorKeys = [
  "errors:fileRequired",
  "errors:fileEmpty",
  "errors:fileTooLarge",
  "errors:fileType",
  "errors:fileName",
  "errors:tooManyFiles",
  "errors:forbidden",
  "errors:notFound",
  "errors:badRequest",
] as const;

/** What the page's `accept` attribute offers; the server decides from the content all the same. */
export const acceptedFiles =
  "image/jpeg,image/png,image/gif,image/webp,image/heic,image/heif,.heic,.heif,application/pdf,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp";
