import { useId } from "react";
import { useTranslation } from "~/i18n/use-translation";

type FieldProps = {
  label: string;
  name: string;
  error?: string;
  hint?: string;
} & React.InputHTMLAttributes<HTMLInputElement>;

/** A labelled input whose error (an i18n key) is announced to screen readers. */
export function Field({ label, name, error, hint, ...input }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      <FieldError id={id} error={error} />
    </div>
  );
}

type SelectFieldProps = {
  label: string;
  name: string;
  error?: string;
  children: React.ReactNode;
} & React.SelectHTMLAttributes<HTMLSelectElement>;

/** A labelled select whose error (an i18n key) is announced, as `Field` does for inputs. */
export function SelectField({ label, name, error, children, ...select }: SelectFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...select}>
        {children}
      </select>
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A field's error (an i18n key), announced; the control names `${id}-error` in aria-describedby. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="field-error" role="alert">
      {t(error)}
    </p>
  );
}

export function FormError({ error, values }: { error?: string; values?: Record<string, unknown> }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {t(error, values)}
    </p>
  );
}
