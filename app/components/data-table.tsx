import { Link } from "@remix-run/react";
import type { ColumnDef, VisibilityState } from "@tanstack/react-table";
import { flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";

export type ColumnMeta = { numeric?: boolean; sortKey?: string };

type DataTableProps<T> = {
  data: T[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- column value types differ per column
  columns: ColumnDef<T, any>[];
  sort: string;
  dir: "asc" | "desc";
  /** The URL that sorts by a column; sorting, like every table state, lives in the URL. */
  sortHref: (sortKey: string, dir: "asc" | "desc") => string;
  hidden?: string[];
  emptyText: string;
  getRowId?: (row: T) => string;
  footer?: React.ReactNode;
};

/** A server-driven table: TanStack Table renders, the server sorts, filters and pages (manual mode). */
export function DataTable<T>({ data, columns, sort, dir, sortHref, hidden = [], emptyText, getRowId, footer }: DataTableProps<T>) {
  const columnVisibility: VisibilityState = Object.fromEntries(hidden.map((id) => [id, false]));
  const table = useReactTable({
    data,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId,
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    state: { columnVisibility },
  });

  return (
    <table className="data">
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const meta = header.column.columnDef.meta as ColumnMeta | undefined;
              const label = flexRender(header.column.columnDef.header, header.getContext());
              const sortKey = meta?.sortKey;
              const active = sortKey === sort;
              const nextDir = active && dir === "desc" ? "asc" : "desc";
              return (
                <th
                  key={header.id}
                  className={meta?.numeric ? "num" : undefined}
                  aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
                  scope="col"
                >
                  {sortKey ? (
                    <Link to={sortHref(sortKey, nextDir)} preventScrollReset>
                      {label}
                      {active ? <span className="sort">{dir === "asc" ? "↑" : "↓"}</span> : null}
                    </Link>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.length === 0 ? (
          <tr>
            <td colSpan={table.getVisibleLeafColumns().length} className="empty">
              {emptyText}
            </td>
          </tr>
        ) : (
          table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell) => {
                const meta = cell.column.columnDef.meta as ColumnMeta | undefined;
                return (
                  <td key={cell.id} className={meta?.numeric ? "num" : undefined}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                );
              })}
            </tr>
          ))
        )}
      </tbody>
      {footer ? <tfoot>{footer}</tfoot> : null}
    </table>
  );
}
