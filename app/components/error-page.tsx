import { useTranslation } from "~/i18n/use-translation";
import { isRouteErrorResponse } from "react-router";
import { href } from "~/utils/links";

/** What went wrong, in the reader's language: a refusal's own message key, else one for its status. */
export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  let status = 500;
  let message = "errors:unexpected";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const key = (error.data as { message?: unknown } | undefined)?.message;
    message =
      typeof key === "string" && key.startsWith("errors:")
        ? key
        : status === 404
          ? "errors:notFound"
          : status === 403
            ? "errors:forbidden"
            : status === 405
              ? "errors:methodNotAllowed"
              : status === 400
                ? "errors:badRequest"
                : "errors:unexpected";
  } else if (import.meta.env.DEV && error instanceof Error) {
    console.error(error);
  }
  return (
    <div className="page narrow">
      <title>{t(message)}</title>
      <h1>{t(message)}</h1>
      <p className="muted">{t("errors:statusCode", { status })}</p>
      <p>
        <a href={href("/projects")}>{t("nav.backToProjects")}</a>
      </p>
    </div>
  );
}
