/** One choice of a select; numbers (ids) are fine as values. */
export type SelectOption = { value: string | number; label: string };

/**
 * A labelled, uncontrolled select (the filter forms' and other plain forms'): showing `value` (e.g. the URL's), an
 * optional first choice with an empty value ("all", "the whole zone", …), then `options`.
 */
export function SelectField({
  id,
  name = id,
  label,
  value,
  emptyLabel,
  options,
}: {
  id: string;
  name?: string;
  label: string;
  value: string | number | null | undefined;
  /** The label of the empty-valued first choice; without it there is none. */
  emptyLabel?: string;
  options: readonly SelectOption[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Records with an id and a name (companies, clusters, users) as select choices. */
export function namedOptions(rows: readonly { id: number; name: string }[]): SelectOption[] {
  return rows.map((r) => ({ value: r.id, label: r.name }));
}
