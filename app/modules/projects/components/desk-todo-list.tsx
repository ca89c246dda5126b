// 我的工作台's to-do list: open next actions of the viewer's projects, overdue, due today and due this week, each
// with its 完成 form (complete-action-button.tsx).
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { useT } from "~/lib/use-i18n";
import { CompleteActionButton } from "./complete-action-button";
import { CellLink } from "~/components/cell-link";

export type TodoRow = {
  activityId: number;
  projectId: number;
  projectName: string;
  nextAction: string;
  dueOn: string;
  bucket: "overdue" | "today" | "week";
  overdueDays: number;
};

const column = createColumnHelper<TodoRow>();
const BUCKETS = ["overdue", "today", "week"] as const;
const HEADINGS = { overdue: "todo.overdue", today: "todo.today", week: "todo.thisWeek" } as const;

export function DeskTodoList({ rows }: { rows: TodoRow[] }) {
  const t = useT();
  const columns = useMemo(
    () => [
      column.accessor("dueOn", {
        header: t("activity.nextActionDue"),
        meta: { className: "nowrap" } satisfies ColumnMeta,
        cell: (c) => {
          const r = c.row.original;
          return (
            <>
              <span className={r.bucket === "overdue" ? "overdue" : undefined}>{c.getValue()}</span>
              {r.bucket === "overdue" ? <div className="muted">{t("home.overdueDays", { n: r.overdueDays })}</div> : null}
            </>
          );
        },
      }),
      column.accessor("nextAction", {
        header: t("projects.nextAction"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <span className="todo-text">{c.getValue()}</span>
            <div className="muted">
              <CellLink to={`/projects/${c.row.original.projectId}`}>{c.row.original.projectName}</CellLink>
            </div>
          </>
        ),
      }),
      column.display({
        id: "complete",
        header: t("common.actions"),
        cell: (c) => <CompleteActionButton activityId={c.row.original.activityId} action={c.row.original.nextAction} />,
      }),
    ],
    [t],
  );
  if (rows.length === 0) return <p className="muted">{t("home.none")}</p>;
  return (
    <>
      {BUCKETS.map((bucket) => {
        const data = rows.filter((r) => r.bucket === bucket);
        if (data.length === 0) return null;
        return (
          <div key={bucket} className="todo-group" data-bucket={bucket}>
            <h3>
              {t(HEADINGS[bucket])} <span className="muted">{data.length}</span>
            </h3>
            <DataTable<TodoRow> data={data} columns={columns} emptyText="" getRowId={(r) => String(r.activityId)} sticky={false} />
          </div>
        );
      })}
    </>
  );
}
