import { Link } from "@remix-run/react";
import type { CellContext, Column, ColumnDef, Row, Table, VisibilityState } from "@tanstack/react-table";
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
 * The rows' order for a client sort, as indexes into `data`: numbers by value, text in Chinese collation, missing
 * values after the others ascending (before them descending); equal values keep their server order.
 */
export function clientOrder<T>(data: T[], accessor: ((row: T, index: number) => unknown) | undefined, desc: boolean): number[] {
  const values = data.map((original, index) => accessor?.(original, index));
  const sign = desc ? -1 : 1;
  return data.map((_, index) => index).sort((a, b) => sign * compareValues(values[a], values[b]) || a - b);
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

  // The body's rows come straight from `data`, not from TanStack's row model: building a Row (with every feature's
  // methods) and a Cell per column for each record was the table's main cost on a list page (issue 23), and the
  // cells only read their value and `row.original`. Values come from the columns' own accessors, so the HTML is the
  // row model's byte for byte (data-table.html.test.tsx).
  const order = useMemo(() => {
    if (!clientSort || !localSort) return null;
    return clientOrder(data, table.getColumn(localSort.id)?.accessorFn, localSort.desc);
  }, [data, clientSort, localSort, table]);
  const fallback = table.options.renderFallbackValue;

  const renderRow = (original: T, index: number) => {
    const id = getRowId ? getRowId(original, index) : String(index);
    const row = anyRich ? bodyRow(table, id, index, original) : null;
    return (
      <tr key={id} className={rowClassName?.(original)}>
        {plan.map((p) => {
          const value = p.column.accessorFn?.(original, index);
          const content = p.plain
            ? plainText(value, p.meta?.numeric)
            : renderCell(p.column.columnDef.cell, cellContext(table, p.column, row!, value, fallback) as CellContext<T, unknown>);
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
        {data.length === 0 ? (
          <tr>
            <td colSpan={leafColumns.length} className="empty">
              {emptyText}
            </td>
          </tr>
        ) : (
          (order ?? data.map((_, i) => i)).map((index) => renderRow(data[index]!, index))
        )}
      </tbody>
      {footer ? <tfoot>{footer}</tfoot> : null}
    </table>
  );
}

type BodyRow<T> = Pick<Row<T>, "id" | "index" | "original" | "getValue" | "renderValue">;

/** The part of a TanStack Row the app's cells read (`row.original`, values by column id), without the row model. */
function bodyRow<T>(table: Table<T>, id: string, index: number, original: T): BodyRow<T> {
  const getValue = <V,>(columnId: string) => table.getColumn(columnId)?.accessorFn?.(original, index) as V;
  return {
    id,
    index,
    original,
    getValue,
    renderValue: <V,>(columnId: string) => (getValue<V>(columnId) ?? table.options.renderFallbackValue) as V,
  };
}

/** A cell's context as TanStack's `cell.getContext()` gives it, for the fields a cell reads. */
function cellContext<T>(table: Table<T>, column: Column<T, unknown>, row: BodyRow<T>, value: unknown, fallback: unknown) {
  const getValue = () => value;
  const renderValue = () => value ?? fallback;
  const cell = { id: `${row.id}_${column.id}`, row, column, getValue, renderValue };
  return { table, column, row, cell, getValue, renderValue };
}

/**
 * A cell's content. A function is called, not rendered as a component as flexRender would: a page that builds its
 * columns during render (a form's cells) passes a new function each time, and as a component type each new function
 * would remount the cell — an input the user typed in would come back empty before the form is sent.
 */
function renderCell<T>(cell: ColumnDef<T, unknown>["cell"], context: CellContext<T, unknown>): React.ReactNode {
  return typeof cell === "function" ? (cell(context) as React.ReactNode) : (cell as React.ReactNode);
}
