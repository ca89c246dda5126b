// The table's HTML, byte for byte, against what the TanStack row model rendered (issue 23). The expected files in
// `__html__/` were written by the DataTable of main before the body's rows stopped building TanStack's row model;
// a change to the markup must show up here as a diff, not pass silently.
import fs from "node:fs";
import path from "node:path";
import { createColumnHelper } from "@tanstack/react-table";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router-dom";
import { Link } from "@remix-run/react";
import { describe, expect, it } from "vitest";
import { formatWan } from "~/lib/money";
import type { ColumnMeta } from "./data-table";
import { DataTable } from "./data-table";

type Project = {
  id: number;
  code: string;
  name: string;
  investorName: string | null;
  confidential: boolean;
  clusterName: string | null;
  companyName: string;
  ownerName: string | null;
  stage: string;
  status: string;
  light: string;
  totalInvestmentWan: string | null;
  signedOn: string | null;
  nextActionOn: string | null;
  nextAction: string | null;
  nextActionOverdue: boolean;
  activities: number | string | null;
  nested: { city: string | null };
};

// 25 rows like the project list's (the list's page size), with the missing values and odd cases a real page has.
const names = ["晶圆制造基地", "动力电池项目", "Wafer fab <phase 2>", "生物医药产业园", "智能装备 & 机器人"];
const rows: Project[] = Array.from({ length: 25 }, (_, i) => ({
  id: 1000 + i,
  code: `P-${String(i + 1).padStart(4, "0")}`,
  name: `${names[i % names.length]} ${i}`,
  investorName: i % 4 === 0 ? null : `投资方 ${i}`,
  confidential: i % 7 === 3,
  clusterName: i % 3 === 0 ? null : `集群 ${i % 3}`,
  companyName: `招商公司 ${i % 2}`,
  ownerName: i % 5 === 0 ? null : `张${i}`,
  stage: ["lead", "contact", "negotiation", "signed", "construction"][i % 5],
  status: i % 6 === 5 ? "paused" : "active",
  light: ["green", "yellow", "red"][i % 3],
  totalInvestmentWan: i % 4 === 1 ? null : `${(i * 12345.67).toFixed(2)}`,
  signedOn: i % 2 ? `2026-0${(i % 9) + 1}-1${i % 10}` : null,
  nextActionOn: i % 3 === 2 ? null : `2026-12-${String((i % 28) + 1).padStart(2, "0")}`,
  nextAction: i % 3 === 2 ? null : `回访 ${i}`,
  nextActionOverdue: i % 4 === 2,
  activities: i % 8 === 0 ? null : i % 2 ? i * 1234 : String(i * 101),
  nested: { city: i % 5 === 4 ? null : `城市 ${i % 3}` },
}));

const column = createColumnHelper<Project>();
const columns = [
  column.accessor("code", {
    id: "code",
    header: "编号",
    meta: { sortKey: "code", cardHidden: true } satisfies ColumnMeta,
    cell: (c) => <span className="nowrap">{c.getValue()}</span>,
  }),
  column.accessor("name", {
    id: "name",
    header: "项目",
    meta: { sortKey: "name", cardTitle: true } satisfies ColumnMeta,
    cell: (c) => (
      <>
        <Link to={`/projects/${c.row.original.id}`}>{c.getValue()}</Link>
        {c.row.original.confidential ? <span className="badge confidential"> 保密</span> : null}
        <div className="muted">{c.row.original.investorName}</div>
      </>
    ),
  }),
  column.accessor("clusterName", { id: "cluster", header: "产业链" }),
  column.accessor("companyName", { id: "company", header: "公司", meta: { cardHidden: true } satisfies ColumnMeta }),
  column.accessor("ownerName", { id: "owner", header: "负责人", cell: (c) => c.getValue() ?? "—" }),
  column.accessor("stage", {
    id: "stage",
    header: "阶段",
    meta: { sortKey: "stage" } satisfies ColumnMeta,
    cell: (c) => (
      <>
        <span className={`badge stage-${c.getValue()}`}>{c.getValue()}</span>
        {c.row.original.status !== "active" ? (
          <>
            {" "}
            <span className={`badge status-${c.row.original.status}`}>{c.row.original.status}</span>
          </>
        ) : null}
      </>
    ),
  }),
  column.accessor("light", { id: "light", header: "灯", cell: (c) => <span className={`light ${c.getValue()}`} /> }),
  column.accessor("totalInvestmentWan", {
    id: "investment",
    header: "总投资（万元）",
    meta: { sortKey: "investment", numeric: true } satisfies ColumnMeta,
    cell: (c) => formatWan(c.getValue()),
  }),
  column.accessor("signedOn", {
    id: "signed",
    header: "签约",
    meta: { sortKey: "signed", cardHidden: true } satisfies ColumnMeta,
    cell: (c) => <span className="nowrap">{c.getValue() ?? "—"}</span>,
  }),
  column.accessor("nextActionOn", {
    id: "nextAction",
    header: "下一步",
    meta: { sortKey: "nextAction" } satisfies ColumnMeta,
    cell: (c) =>
      c.row.original.nextAction ? (
        <>
          <span className={c.row.original.nextActionOverdue ? "nowrap overdue" : "nowrap"}>{c.getValue()}</span>
          <div className="muted">{c.row.original.nextAction}</div>
        </>
      ) : (
        "—"
      ),
  }),
  // Plain cells: a count (number or SQL text), a nested accessor, a computed accessor, a display column.
  column.accessor("activities", { id: "activities", header: "活动", meta: { numeric: true } satisfies ColumnMeta }),
  column.accessor("nested.city", { id: "city", header: "城市" }),
  column.accessor((r) => (r.ownerName ? `${r.ownerName} · ${r.companyName}` : null), { id: "ownerAt", header: "归属" }),
  column.display({
    id: "actions",
    header: () => <span className="sr-only">操作</span>,
    meta: { label: "操作", className: "actions" } satisfies ColumnMeta,
    cell: (c) => <Link to={`/projects/${c.row.original.id}/edit`}>改</Link>,
  }),
];

const expected = (name: string) => fs.readFileSync(path.join(__dirname, "__html__", name), "utf8");

function html(props: Partial<React.ComponentProps<typeof DataTable<Project>>> = {}) {
  return renderToStaticMarkup(
    <MemoryRouter>
      <DataTable<Project>
        data={rows}
        columns={columns}
        emptyText="没有项目"
        getRowId={(r) => String(r.id)}
        sort="updated"
        dir="desc"
        sortHref={(key, dir) => `/projects?sort=${key}&dir=${dir}`}
        {...props}
      />
    </MemoryRouter>,
  );
}

describe("DataTable's HTML is the row model's, byte for byte", () => {
  it("a 25-row project list with rich, plain, numeric, nested, computed and display columns", () => {
    expect(html()).toBe(expected("list.txt"));
  });

  it("with hidden columns, the active sort, row classes and row headers", () => {
    const withRowHeader = [
      column.accessor("code", { id: "code", header: "编号", meta: { rowHeader: true } satisfies ColumnMeta }),
      ...columns.slice(1),
    ];
    const out = html({
      columns: withRowHeader,
      hidden: ["company", "signed", "city"],
      sort: "investment",
      dir: "asc",
      rowClassName: (r) => (r.status === "active" ? undefined : "muted-row"),
      caption: "本年签约",
      footer: (
        <tr>
          <td>合计</td>
        </tr>
      ),
    });
    expect(out).toBe(expected("hidden.txt"));
  });

  it("a client-sorted table without row ids, and an empty one", () => {
    const out = html({ clientSort: true, sortHref: undefined, getRowId: undefined, cards: false, sticky: false }) + html({ data: [] });
    expect(out).toBe(expected("client-empty.txt"));
  });
});
