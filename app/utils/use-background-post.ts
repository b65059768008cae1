import { useCallback, useRef, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";

// A form a page sends in the background to a resource route (a machine draft, the translation
// memory's suggestions): its answer, or a message in the reader's language when there is none.
// Not a fetcher: a fetcher's network failure, or a refusal thrown by the route (403, 404), goes to
// the page's error boundary, and a translator on a dropping link from Jinan would lose the editor
// page over a button beside it.

export type Refusal = { message: string };

export function useBackgroundPost<T extends object>() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<T | Refusal | undefined>(undefined);
  const latest = useRef(0);

  const send = useCallback(
    async (action: string, fields: Record<string, string>, method: "GET" | "POST" = "POST"): Promise<T | Refusal> => {
      const call = ++latest.current;
      setBusy(true);
      let answer: T | Refusal;
      try {
        const body = new URLSearchParams(fields);
        const response =
          method === "GET"
            ? await fetch(`${action}?${body}`, { headers: { Accept: "application/json" } })
            : await fetch(action, { method: "POST", body, headers: { Accept: "application/json" } });
        const parsed: unknown = (response.headers.get("Content-Type") ?? "").includes("json") ? await response.json().catch(() => null) : null;
        // The route's own answers carry their data or a message; anything else is told by its status.
        answer =
          parsed && typeof parsed === "object" && (response.ok || "message" in parsed && typeof parsed.message === "string" && "errors" in parsed)
            ? (parsed as T | Refusal)
            : { message: t(response.status === 403 || response.status === 401 ? "errors:forbidden" : response.status === 404 ? "errors:notFound" : "errors:unexpected") };
      } catch {
        answer = { message: t("errors:connectionLost") };
      }
      // Only the latest call's answer is shown: an earlier one arriving late must not replace it.
      if (call === latest.current) {
        setResult(answer);
        setBusy(false);
      }
      return answer;
    },
    [t],
  );

  return { busy, result, send, reset: () => setResult(undefined) };
}

export const isRefusal = (value: unknown): value is Refusal =>
  typeof value === "object" && value !== null && "message" in value && typeof (value as Refusal).message === "string";
