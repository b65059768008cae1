import { deliver } from "~/notifications/notifications.server";
import { runScheduledWork } from "~/notifications/scheduled.server";
import { reindex } from "~/search/search.server";
import type { JobHandlers } from "./jobs";

export const jobHandlers: JobHandlers = {
  async "deliver-notifications"({ notificationIds }) {
    const { failed } = await deliver(notificationIds);
    // Thrown so the queue tries again later; those already sent are not sent twice (each is claimed).
    if (failed > 0) throw new Error(`${failed} notification e-mail(s) could not be sent`);
  },
  async "scheduled-work"() {
    await runScheduledWork();
  },
  async reindex({ kind, entityId }) {
    await reindex(kind, entityId);
  },
};
