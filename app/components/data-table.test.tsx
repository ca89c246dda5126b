import { createColumnHelper } from "@tanstack/react-table";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import type { ColumnMeta } from "./data-table";
import { DataTable, clientOrder } from "./data-table";

type Project = { id: number; code: string; name: string; owner: string | null; amount: string | null; count: number };
const column = createColumnHelper<Project>();
const columns = [
  column.accessor("code", { id: "code", header: "Code", meta: { cardHidden: true } satisfies ColumnMeta }),
  column.accessor("name", {
    id: "name",
    header: "Name",
    meta: { cardTitle: true, sortKey: "name" } satisfies ColumnMeta,
    cell: (c) => <a href={`/projects/${c.row.original.id}`}>{c.getValue()}</a>,
  }),
  column.accessor("owner", { id: "owner", header: "Owner" }),
  column.accessor("amount", { id: "amount", header: "Amount", meta: { numeric: true } satisfies ColumnMeta }),
  column.accessor("count", { id: "count", header: "Count", meta: { numeric: true } satisfies ColumnMeta }),
];
const rows: Project[] = [
  { id: 1, code: "P-001", name: "Wafer fab", owner: "Zhang", amount: "12345.50", count: 12345 },
  { id: 2, code: "P-002", name: "Battery plant", owner: null, amount: null, count: 0 },
];

function render(props: Partial<React.ComponentProps<typeof DataTable<Project>>> = {}) {
  return renderToStaticMarkup(
    <MemoryRouter>
      <DataTable<Project> data={rows} columns={columns} emptyText="Nothing here" getRowId={(r) => String(r.id)} {...props} />
    </MemoryRouter>,
  );
}

describe("DataTable", () => {
  it("keeps table semantics: column headers with scope=col, one row per record", () => {
    const html = render();
    expect(html.match(/<th (class="num" )?scope="col"/g)).toHaveLength(5);
    expect(html.match(/<tr>/g)).toHaveLength(3);
  });

  it("has a sticky header unless asked not to", () => {
    expect(render()).toMatch(/<table class="data cards sticky"/);
    expect(render({ sticky: false })).toMatch(/<table class="data cards"/);
  });

  it("labels every cell with its column for the phone card, and marks the card's title and left-out cells", () => {
    const html = render();
    expect(html).toContain('<td data-label="Owner">Zhang</td>');
    expect(html).toContain('<td data-label="Name" data-card="title"><a href="/projects/1">Wafer fab</a></td>');
    expect(html).toContain('<td data-label="Code" data-card="hide">P-001</td>');
  });

  it("shows missing values as missing, never as 0, and right-aligns numbers with thousands separators", () => {
    const html = render();
    expect(html).toContain('<td data-label="Owner">—</td>');
    expect(html).toContain('<td class="num" data-label="Amount">—</td>');
    expect(html).toContain('<td class="num" data-label="Count">12,345</td>');
    expect(html).toContain('<td class="num" data-label="Count">0</td>');
    expect(html).toContain('<th class="num" scope="col">Amount</th>');
  });

  it("leaves hidden columns out of the header and the rows", () => {
    const html = render({ hidden: ["owner", "code"] });
    expect(html).not.toContain("Owner");
    expect(html).not.toContain("P-001");
    expect(html.match(/<th scope="col"|<th class="num" scope="col"/g)).toHaveLength(3);
  });

  it("links sortable headers to the URL that sorts, and marks the active sort", () => {
    const html = render({ sort: "name", dir: "desc", sortHref: (key, dir) => `?sort=${key}&dir=${dir}` });
    expect(html).toContain('aria-sort="descending"');
    expect(html).toContain('href="/?sort=name&amp;dir=asc"');
    // Without a sortHref the same column is a plain header.
    expect(render()).not.toContain('<a href="/?sort');
  });

  it("offers sort buttons only for client sorting", () => {
    expect(render({ clientSort: true }).match(/class="sort-button"/g)).toHaveLength(5);
    expect(render()).not.toContain("sort-button");
  });

  it("shows one empty-state row across every visible column", () => {
    const html = render({ data: [], hidden: ["code"] });
    expect(html).toContain('<td colSpan="4" class="empty">Nothing here</td>');
  });

  it("renders a caption, a footer, row classes and row headers when asked", () => {
    const html = render({
      caption: "Signed this year",
      footer: (
        <tr>
          <td>Total</td>
        </tr>
      ),
      rowClassName: (r) => (r.owner ? undefined : "unowned"),
      columns: [column.accessor("name", { header: "Name", meta: { rowHeader: true } satisfies ColumnMeta }), ...columns.slice(2)],
    });
    expect(html).toContain("<caption>Signed this year</caption>");
    expect(html).toContain("<tfoot><tr><td>Total</td></tr></tfoot>");
    expect(html).toContain('<tr class="unowned">');
    expect(html).toContain('<th scope="row" data-label="Name">Wafer fab</th>');
  });

  it("can turn the card view off for a table that must keep its grid", () => {
    expect(render({ cards: false })).toMatch(/<table class="data sticky"/);
  });
});

describe("clientOrder", () => {
  const data = [{ v: "10" }, { v: null }, { v: "9" }, { v: "乙" }, { v: "" }, { v: "9" }, { v: "甲" }];
  const accessor = (r: { v: string | null }) => r.v;

  it("sorts numbers by value, then text in Chinese collation, missing values last, ties in server order", () => {
    expect(clientOrder(data, accessor, false)).toEqual([2, 5, 0, 6, 3, 1, 4]);
  });

  it("reverses the order descending, ties still in server order", () => {
    expect(clientOrder(data, accessor, true)).toEqual([1, 4, 3, 6, 0, 2, 5]);
  });

  it("keeps the server order for a column without a value", () => {
    expect(clientOrder(data, undefined, true)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
