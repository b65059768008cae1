import { useId, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { Dialog } from "~/components/dialog";

/**
 * A submit button for an act that cannot simply be taken back (removing, closing, rejecting,
 * restoring). With scripts it first asks, in a dialog that says what will happen, with a confirm
 * button naming the act; without them the form is sent as before (decision 027). Put it inside
 * the form it sends: the confirm button is a submit button of the same form, with the same name
 * and value as this one.
 */
export function ConfirmButton({
  label,
  accessibleName,
  title,
  message,
  confirmLabel,
  name,
  value,
  className,
  disabled,
}: {
  label: string;
  /** The button's accessible name when its label alone is too short ("Remove" → "Remove Wang Fang"). */
  accessibleName?: string;
  title: string;
  message: string;
  confirmLabel: string;
  name?: string;
  value?: string;
  className?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = `confirm-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  return (
    <>
      <button
        type="submit"
        name={name}
        value={value}
        className={className}
        disabled={disabled}
        aria-label={accessibleName}
        aria-haspopup="dialog"
        onClick={(event) => {
          event.preventDefault();
          setOpen(true);
        }}
      >
        {label}
      </button>
      <Dialog id={id} title={title} open={open} onClose={() => setOpen(false)} className="confirm-dialog">
        <p>{message}</p>
        <div className="dialog-actions">
          <button type="button" onClick={() => setOpen(false)}>
            {t("ui:cancel")}
          </button>
          <button type="submit" name={name} value={value} className="danger" onClick={() => setOpen(false)}>
            {confirmLabel}
          </button>
        </div>
      </Dialog>
    </>
  );
}
