import { useEffect, useRef, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "~/i18n/use-translation";

// One dialog for the whole workspace, on the native <dialog> element (decision 027): showModal()
// gives the focus trap, Esc and the inert page behind for free. Rendered by the server with `open`
// when it must show without scripts (a "New …" link followed, a form refused); once the page's
// script runs, the same element is shown as a modal instead.

type DialogProps = {
  id: string;
  title: string;
  open: boolean;
  /** Called when the dialog closes itself (Esc, the close button). */
  onClose: () => void;
  /** Where the close button leads without scripts (a create dialog: the list without ?new=1). */
  closeHref?: string;
  className?: string;
  children: ReactNode;
};

/**
 * lucide's X, drawn here: the dialog sits on pages at the edge of their script budget (the visit and
 * milestone pages), and lucide's icon runtime is 1.5 KB of compressed script there.
 */
function CloseIcon() {
  return (
    <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M18 6 6 18" />
      <path d="m6 6 12 12" />
    </svg>
  );
}

const focusable = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])";

export function Dialog({ id, title, open, onClose, closeHref, className, children }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !hydrated) return;
    if (open && !dialog.matches(":modal")) {
      if (dialog.open) dialog.close();
      opener.current = document.activeElement;
      dialog.showModal();
      // The first field rather than the close button; in a confirmation, "Cancel" comes first.
      dialog.querySelector<HTMLElement>(`.dialog-body :is(${focusable})`)?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, hydrated]);
  const closed = () => {
    // Focus goes back to what opened the dialog, when it is still on the page.
    const back = opener.current;
    opener.current = null;
    if (back instanceof HTMLElement && back.isConnected) back.focus();
    onClose();
  };
  const close = (event: React.MouseEvent) => {
    event.preventDefault();
    ref.current?.close();
  };
  return (
    <dialog ref={ref} id={id} aria-labelledby={`${id}-title`} className={className ? `dialog ${className}` : "dialog"} open={!hydrated && open ? true : undefined} onClose={closed}>
      <div className="dialog-header">
        <h2 id={`${id}-title`}>{title}</h2>
        {closeHref ? (
          <Link to={closeHref} className="icon-button" aria-label={t("ui:close")} onClick={close} replace>
            <CloseIcon />
          </Link>
        ) : (
          <button type="button" className="icon-button" aria-label={t("ui:close")} onClick={close}>
            <CloseIcon />
          </button>
        )}
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
