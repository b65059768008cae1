import type { Hocuspocus } from "@hocuspocus/server";
import { singleton } from "~/utils/singleton.server";

// The running collaboration server, for server-side changes to live documents (restoring a
// version): the HTTP server creates it, route actions reach it here.
const holder = singleton("collab-instance", () => ({ current: undefined as Hocuspocus | undefined }));

export function setCollabInstance(instance: Hocuspocus | undefined) {
  holder.current = instance;
}

export function collabInstance(): Hocuspocus {
  if (!holder.current) throw new Error("The collaboration server is not running");
  return holder.current;
}
