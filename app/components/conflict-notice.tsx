import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { formatDateTime } from "~/lib/dates";
import { useT } from "~/lib/use-i18n";

type ConflictRow = { key: string; label: string; theirs: string; yours: string };
const column = createColumnHelper<ConflictRow>();

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
  rows: ConflictRow[];
}) {
  const t = useT();
  const columns = useMemo(
    () => [
      column.accessor("label", { header: t("conflict.field"), meta: { rowHeader: true, cardTitle: true } satisfies ColumnMeta }),
      column.accessor("theirs", { header: t("conflict.theirs") }),
      column.accessor("yours", { header: t("conflict.yours") }),
    ],
    [t],
  );
  return (
    <div className="flash error conflict" role="alert">
      <strong>{title({ by: by ?? "—", at: formatDateTime(at) })}</strong>
      <p>{t("conflict.help")}</p>
      {rows.length ? <DataTable<ConflictRow> data={rows} columns={columns} emptyText="" getRowId={(r) => r.key} sticky={false} /> : null}
    </div>
  );
}
