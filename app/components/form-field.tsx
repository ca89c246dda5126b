import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { translateError } from "~/lib/forms";
import { useT } from "~/lib/use-i18n";

/** A labelled field with its error message next to it. The error is a dictionary key or a ready message. */
export function FormField({ id, label, error, children }: { id: string; label: string; error?: string; children: React.ReactNode }) {
  const t = useT();
  const message = error ? translateError(t, error) : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {message ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** aria attributes that tie an input to its error. */
export function invalidProps(id: string, error?: string) {
  return error ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};
}

/**
 * `form.register(name)` plus the field's value as the element's default. react-hook-form sets values through refs
 * once the page is hydrated, so without this the server-rendered form is blank: a browser without JavaScript would
 * post empty fields (and an edit form would look empty until the script runs).
 */
export function registerField<T extends FieldValues>(form: UseFormReturn<T>, name: Path<T>) {
  const value: unknown = form.getValues(name);
  return { defaultValue: value == null ? "" : String(value), ...form.register(name) };
}

/** The same for a checkbox (value "on"): checked when its value is true or "on". */
export function registerCheckbox<T extends FieldValues>(form: UseFormReturn<T>, name: Path<T>) {
  const value: unknown = form.getValues(name);
  return { defaultChecked: value === true || value === "on" || value === "true", ...form.register(name) };
}
