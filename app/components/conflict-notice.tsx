import { formatDateTime } from "~/lib/dates";
import { useT } from "~/lib/use-i18n";

/**
 * Shown when a save was refused because someone else saved first: who and when, and field by field their value
 * against the user's (whose input stays in the form below).
 */
export function ConflictNotice({
  title,
  by,
  at,
  rows,
}: {
  /** The entity's own sentence, e.g. t("projects.conflictTitle", …); filled with who and when here. */
  title: (who: { by: string; at: string }) => string;
  by: string | null;
  at: string | null;
  rows: { key: string; label: string; theirs: string; yours: string }[];
}) {
  const t = useT();
  return (
    <div className="flash error conflict" role="alert">
      <strong>{title({ by: by ?? "—", at: formatDateTime(at) })}</strong>
      <p>{t("conflict.help")}</p>
      {rows.length ? (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("conflict.field")}</th>
              <th scope="col">{t("conflict.theirs")}</th>
              <th scope="col">{t("conflict.yours")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>{r.theirs}</td>
                <td>{r.yours}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
