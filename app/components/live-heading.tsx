import { useTranslation } from "~/i18n/use-translation";
import type { Connection } from "~/editor/use-collab-socket";
import "~/i18n/pages/plan";

/**
 * The heading of a page with live texts (a plan section, minutes, a finding): the title and, beside
 * it, the state of the connection to the collaboration server, announced when it changes.
 */
export function LiveHeading({ connection, children }: { connection: Connection; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="page-heading">
      <h1>{children}</h1>
      <p className={`connection connection-${connection}`} role="status" aria-live="polite">
        {t(`plan:editor.${connection}`)}
      </p>
    </div>
  );
}
