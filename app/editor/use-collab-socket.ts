import type { HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useRevalidator } from "react-router";
import type { Lang } from "~/i18n/languages";

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

/**
 * Translation statuses change when texts are stored (about two seconds after the last change):
 * the page's data is looked at again then, once, however many changes came before.
 */
export function useRefreshAfterStore() {
  const revalidator = useRevalidator();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void revalidator.revalidate(), 3000);
  }, [revalidator]);
}

/** Open and resolved comment threads of each language, where the editor highlights them. */
export function useCommentAnchors(threads: { id: string; lang: Lang; anchorStart: string | null; anchorEnd: string | null; resolved: boolean }[]) {
  return useMemo(() => {
    const byLang = { sv: [], zh: [], en: [] } as Record<Lang, { id: string; start: string; end: string; resolved: boolean }[]>;
    for (const thread of threads) {
      if (thread.anchorStart && thread.anchorEnd) byLang[thread.lang].push({ id: thread.id, start: thread.anchorStart, end: thread.anchorEnd, resolved: thread.resolved });
    }
    return byLang;
  }, [threads]);
}
