import type { HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { useEffect, useState } from "react";

export type Connection = "online" | "connecting" | "offline";

/** One websocket for all the live editors of a page, opened in the browser only. */
export function useCollabSocket() {
  const [websocket, setWebsocket] = useState<HocuspocusProviderWebsocket | null>(null);
  const [connection, setConnection] = useState<Connection>("connecting");
  useEffect(() => {
    let socket: HocuspocusProviderWebsocket | undefined;
    let cancelled = false;
    void import("@hocuspocus/provider").then(({ HocuspocusProviderWebsocket }) => {
      if (cancelled) return;
      socket = new HocuspocusProviderWebsocket({
        url: `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/collab`,
        maxDelay: 10_000,
      });
      socket.on("status", ({ status }: { status: string }) =>
        setConnection(status === "connected" ? "online" : status === "connecting" ? "connecting" : "offline"),
      );
      setWebsocket(socket);
    });
    const goneOffline = () => setConnection("offline");
    window.addEventListener("offline", goneOffline);
    return () => {
      cancelled = true;
      window.removeEventListener("offline", goneOffline);
      socket?.destroy();
    };
  }, []);
  return { websocket, connection };
}
