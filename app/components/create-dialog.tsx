import { useEffect, useRef, useState, type ReactNode } from "react";
import { Link, useLocation, useNavigation, useSearchParams } from "react-router";
import { Plus } from "lucide-react";
import { Dialog } from "~/components/dialog";
import { announce } from "~/components/announcer";
import { withQuery } from "~/utils/links";

/**
 * A list's "New …" button and its form in a dialog (decision 027). The button is a link to the
 * list with ?new=1, where the server renders the dialog open: without scripts it is a form on the
 * page. With them the link opens the dialog in place. A refused form (errors) keeps the dialog open
 * with what was typed; a created item's page says so (announce).
 */
export function CreateDialog({
  id,
  label,
  created,
  errors,
  createdHere,
  children,
}: {
  id: string;
  /** "New milestone": the button and the dialog's title. */
  label: string;
  /** What is said once the new item is shown. */
  created: string;
  /** The action's field errors: while there are any, the dialog stays open. */
  errors: Record<string, string> | undefined;
  /** Set by an action that creates and stays on the page (a plan section): the dialog closes and says so. */
  createdHere?: unknown;
  children: ReactNode;
}) {
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const refused = errors !== undefined && Object.keys(errors).length > 0;
  const [open, setOpen] = useState(searchParams.get("new") === "1" || refused);
  useEffect(() => {
    if (refused) setOpen(true);
  }, [errors, refused]);
  useEffect(() => {
    if (!createdHere) return;
    setOpen(false);
    announce(created, location.pathname);
    // Said once per answer of the action, not on every render.
  }, [createdHere]);

  // Sent from this dialog and answered with another page (the new item's): it is created.
  const navigation = useNavigation();
  const sent = useRef(false);
  useEffect(() => {
    if (!sent.current) return;
    if (navigation.state === "loading" && navigation.location.pathname !== location.pathname) {
      announce(created, navigation.location.pathname);
      sent.current = false;
    } else if (navigation.state === "idle") {
      sent.current = false;
    }
  }, [navigation, location.pathname, created]);

  return (
    <>
      <Link
        to={withQuery(location.pathname, { new: "1" })}
        className="button primary new-button"
        aria-haspopup="dialog"
        preventScrollReset
        onClick={(event) => {
          event.preventDefault();
          setOpen(true);
        }}
      >
        <Plus aria-hidden="true" size={18} /> {label}
      </Link>
      <Dialog id={id} title={label} open={open} onClose={() => setOpen(false)} closeHref={location.pathname}>
        <div
          onSubmit={() => {
            sent.current = true;
          }}
        >
          {children}
        </div>
      </Dialog>
    </>
  );
}
