import type { MessageKey, Translate } from "~/lib/i18n";
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
 * Field errors are dictionary keys, optionally with parameters coded as "key|name=value|…" (so a zod message
 * can say which character of a code is wrong); anything else is shown as it is.
 */
export function translateError(t: Translate, error: string): string {
  const [key, ...pairs] = error.split("|");
  if (!/^[a-zA-Z]+(\.[a-zA-Z_]+)+$/.test(key)) return error;
  const params = Object.fromEntries(pairs.map((p) => p.split("=") as [string, string]));
  return t(key as MessageKey, params);
}
