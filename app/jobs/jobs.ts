import type { SearchKind } from "~/search/search.server";

/** The background work there is, and what each job carries. */
export type JobData = {
  /** E-mail notifications just recorded to those who want each event by e-mail. */
  "deliver-notifications": { notificationIds: string[] };
  /** Due-date reminders, daily digests and e-mail retries (every ten minutes). */
  "scheduled-work": Record<string, never>;
  /** A text just stored by the collaboration server, brought into the search index. */
  reindex: { kind: SearchKind; entityId: string };
};

export type JobName = keyof JobData;
export type Job = { [Name in JobName]: { name: Name; data: JobData[Name] } }[JobName];
export type JobHandlers = { [Name in JobName]: (data: JobData[Name]) => Promise<void> };

export const jobNames = ["deliver-notifications", "scheduled-work", "reindex"] as const satisfies readonly JobName[];
