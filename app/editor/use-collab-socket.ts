import type { HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { useEffect, useMemo, useState } from "react";
import type { Lang } from "~/i18n/languages";
import type { TranslationStatus } from "~/plan/translation-status";

export type Connection = "online" | "connecting" | "offline";

// The socket, and the texts asked for on it, come from early-texts.ts: on a page's first load it
// has run already, as a script of its own (decision 034).
const takeSocket = () => import("./early-texts").then((module) => module.takeSocket());

/** One websocket for all the live editors of a page, opened in the browser only. */
export function useCollabSocket() {
  const [websocket, setWebsocket] = useState<HocuspocusProviderWebsocket | null>(null);
  const [connection, setConnection] = useState<Connection>("connecting");
  useEffect(() => {
    let socket: HocuspocusProviderWebsocket | undefined;
    let cancelled = false;
    const pending = takeSocket();
    void pending.then((created) => {
      if (cancelled) return created.destroy();
      socket = created;
      // Once the connection is lost, the page says "offline" through every retry until it is back,
      // rather than flickering between offline and connecting.
      const onStatus = ({ status }: { status: string }) =>
        setConnection((previous) => (status === "connected" ? "online" : status === "connecting" && previous !== "offline" ? "connecting" : "offline"));
      socket.on("status", onStatus);
      // It may have connected before the page hydrated.
      if (socket.status === "connected") onStatus({ status: "connected" });
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
 * Translation statuses change when texts are stored (about two seconds after the last change): the
 * collaboration server tells the open editors then, and the badges follow. No page data is fetched
 * again in the background, so a lost connection never replaces the page with an error. The page's
 * own data (after a reload or an action) starts again from what the server rendered.
 */
export function useLiveStatus(loaded: Record<Lang, TranslationStatus>) {
  const [live, setLive] = useState<{ from: Record<Lang, TranslationStatus>; status: Record<Lang, TranslationStatus> } | null>(null);
  const status = live && live.from === loaded ? live.status : loaded;
  const onStatus = useMemo(() => (next: Record<Lang, TranslationStatus>) => setLive({ from: loaded, status: next }), [loaded]);
  return [status, onStatus] as const;
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
