import type { MessageKey } from "~/lib/i18n";
import { useT } from "~/lib/use-i18n";

/** A labelled field with its error message next to it. The error is a dictionary key or a ready message. */
export function FormField({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  children: React.ReactNode;
}) {
  const t = useT();
  const message = error ? (error.includes(".") && !error.includes(" ") ? t(error as MessageKey) : error) : undefined;
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
