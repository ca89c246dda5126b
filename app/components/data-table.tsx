import { Link } from "@remix-run/react";
import type { CellContext, ColumnDef, Row, VisibilityState } from "@tanstack/react-table";
import { flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { formatCount } from "~/lib/format";

export type ColumnMeta = {
  numeric?: boolean;
  /** The server sort key: the header links to the URL that sorts by it. */
  sortKey?: string;
  /** The card's title on a phone: shown first, bold, without its label. One column per table. */
  cardTitle?: boolean;
  /** Left out of the phone card (the record's own page shows it). */
  cardHidden?: boolean;
  /** The cell is the row's header (`<th scope="row">`). */
  rowHeader?: boolean;
  /** The label a card shows when the header is not a plain string. */
  label?: string;
  className?: string;
};

type DataTableProps<T> = {
  data: T[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- column value types differ per column
  columns: ColumnDef<T, any>[];
  /** Server sorting: the sort the URL holds. Without `sortHref`, headers do not sort (or sort on the client). */
  sort?: string;
  dir?: "asc" | "desc";
  /** The URL that sorts by a column; sorting, like every table state, lives in the URL. */
  sortHref?: (sortKey: string, dir: "asc" | "desc") => string;
  /** Sort in the browser by any column's value: only for tables whose whole data is on the page. */
  clientSort?: boolean;
  hidden?: string[];
  emptyText: string;
  getRowId?: (row: T, index: number) => string;
  rowClassName?: (row: T) => string | undefined;
  footer?: React.ReactNode;
  caption?: React.ReactNode;
  /** Below 640 px each row is a card (CSS only). Off for tables that must keep their grid. */
  cards?: boolean;
  /** The header row stays in view while the page scrolls. */
  sticky?: boolean;
  className?: string;
  "data-testid"?: string;
};

/**
 * Columns without their own `cell` render their value as text; the renderer is this marker, so the table can tell
 * them apart and skip building TanStack's cell contexts for them (issue 23: the row model was a big share of CPU).
 */
const PLAIN_CELL = () => null;
const DEFAULT_COLUMN = { cell: PLAIN_CELL };

function plainText(value: unknown, numeric: boolean | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  // A count (a number, or an integer from SQL as text) gets its thousands separators; money columns format
  // themselves with their own decimals (their cell function).
  if (numeric && (typeof value === "number" || (typeof value === "string" && /^-?\d+$/.test(value)))) return formatCount(value);
  return String(value);
}

function compareValues(a: unknown, b: unknown): number {
  const missingA = a === null || a === undefined || a === "";
  const missingB = b === null || b === undefined || b === "";
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  const na = typeof a === "number" ? a : Number(a);
  const nb = typeof b === "number" ? b : Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return String(a).localeCompare(String(b), "zh-CN");
}

/**
 * The one table of the app: TanStack Table renders, the server sorts, filters and pages (manual mode); small
 * tables whose rows are all on the page may sort in the browser. Each cell carries its column's label, so below
 * 640 px the stylesheet turns rows into cards ("Tables: DataTable" in app.css).
 */
export function DataTable<T>({
  data,
  columns,
  sort,
  dir = "desc",
  sortHref,
  clientSort = false,
  hidden = [],
  emptyText,
  getRowId,
  rowClassName,
  footer,
  caption,
  cards = true,
  sticky = true,
  className,
  "data-testid": testId,
}: DataTableProps<T>) {
  const columnVisibility: VisibilityState = Object.fromEntries(hidden.map((id) => [id, false]));
  const table = useReactTable({
    data,
    columns,
    defaultColumn: DEFAULT_COLUMN,
    getCoreRowModel: getCoreRowModel(),
    getRowId,
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    state: { columnVisibility },
  });
  const [localSort, setLocalSort] = useState<{ id: string; desc: boolean } | null>(null);

  const leafColumns = table.getVisibleLeafColumns();
  const plan = leafColumns.map((column) => {
    const def = column.columnDef;
    const meta = def.meta as ColumnMeta | undefined;
    const label = typeof def.header === "string" ? def.header : (meta?.label ?? "");
    const classes = [meta?.numeric ? "num" : "", meta?.className ?? ""].filter(Boolean).join(" ") || undefined;
    const card = meta?.cardTitle ? "title" : meta?.cardHidden ? "hide" : undefined;
    return { column, id: column.id, meta, label, classes, card, plain: def.cell === PLAIN_CELL || def.cell === undefined };
  });
  const anyRich = plan.some((p) => !p.plain);

  const coreRows = table.getRowModel().rows;
  const rows = useMemo(() => {
    if (!clientSort || !localSort) return coreRows;
    const sign = localSort.desc ? -1 : 1;
    return [...coreRows].sort((a, b) => sign * compareValues(a.getValue(localSort.id), b.getValue(localSort.id)));
  }, [coreRows, clientSort, localSort]);

  const renderRow = (row: Row<T>) => {
    const rich = anyRich ? row._getAllCellsByColumnId() : null;
    return (
      <tr key={row.id} className={rowClassName?.(row.original)}>
        {plan.map((p) => {
          const content = p.plain
            ? plainText(row.getValue(p.id), p.meta?.numeric)
            : renderCell(p.column.columnDef.cell, rich![p.id]!.getContext() as CellContext<T, unknown>);
          return p.meta?.rowHeader ? (
            <th key={p.id} scope="row" className={p.classes} data-label={p.label} data-card={p.card}>
              {content}
            </th>
          ) : (
            <td key={p.id} className={p.classes} data-label={p.label} data-card={p.card}>
              {content}
            </td>
          );
        })}
      </tr>
    );
  };

  const classes = ["data", cards ? "cards" : "", sticky ? "sticky" : "", className ?? ""].filter(Boolean).join(" ");
  return (
    <table className={classes} data-testid={testId}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const meta = header.column.columnDef.meta as ColumnMeta | undefined;
              const label = flexRender(header.column.columnDef.header, header.getContext());
              const sortKey = sortHref ? meta?.sortKey : undefined;
              const serverActive = !!sortKey && sortKey === sort;
              const localActive = clientSort && localSort?.id === header.column.id;
              const activeDir = serverActive ? dir : localActive ? (localSort!.desc ? "desc" : "asc") : null;
              const nextDir = activeDir === "desc" ? "asc" : "desc";
              const arrow = activeDir ? <span className="sort">{activeDir === "asc" ? "↑" : "↓"}</span> : null;
              return (
                <th
                  key={header.id}
                  className={meta?.numeric ? "num" : undefined}
                  aria-sort={activeDir ? (activeDir === "asc" ? "ascending" : "descending") : undefined}
                  scope="col"
                >
                  {sortKey ? (
                    <Link to={sortHref!(sortKey, nextDir)} preventScrollReset>
                      {label}
                      {arrow}
                    </Link>
                  ) : clientSort ? (
                    <button type="button" className="sort-button" onClick={() => setLocalSort({ id: header.column.id, desc: nextDir === "desc" })}>
                      {label}
                      {arrow}
                    </button>
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
        {rows.length === 0 ? (
          <tr>
            <td colSpan={leafColumns.length} className="empty">
              {emptyText}
            </td>
          </tr>
        ) : (
          rows.map(renderRow)
        )}
      </tbody>
      {footer ? <tfoot>{footer}</tfoot> : null}
    </table>
  );
}

/**
 * A cell's content. A function is called, not rendered as a component as flexRender would: a page that builds its
 * columns during render (a form's cells) passes a new function each time, and as a component type each new function
 * would remount the cell — an input the user typed in would come back empty before the form is sent.
 */
function renderCell<T>(cell: ColumnDef<T, unknown>["cell"], context: CellContext<T, unknown>): React.ReactNode {
  return typeof cell === "function" ? (cell(context) as React.ReactNode) : (cell as React.ReactNode);
}
