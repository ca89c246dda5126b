// The 审批事项 sheet's row checks rule by rule (decision 029): the header, each column's cell, the reference to a
// project and an item, the dates against each other and today, the status against the dates.
import { describe, expect, it } from "vitest";
import type { MessageKey } from "~/lib/i18n";
import { translator } from "~/lib/i18n";
import type { ApprovalItem, ApprovalKey, ApprovalSheetContext } from "./approval-sheet";
import { APPROVAL_KEYS, approvalStatus, checkApprovalSheet, findAgent, mapApprovalCodes, parseDays } from "./approval-sheet";
import { extraSheetNames, mapSheetHeader, sheetsByKind, workbookProblems } from "./import-sheets";
import type { SheetCell } from "./read-sheet";

const t = translator("zh");
const msg = (key: string, params?: Record<string, string | number>) => t(key as MessageKey, params);
const SHEET = "审批事项";

const item = (over: Partial<ApprovalItem>): ApprovalItem => ({
  id: 1,
  name: "环评",
  authority: "生态环境局",
  allowedDays: 30,
  agentId: null,
  plannedSubmitOn: null,
  plannedApproveOn: null,
  submittedOn: null,
  acceptedOn: null,
  approvedOn: null,
  notApplicable: false,
  notApplicableReason: null,
  note: null,
  version: 3,
  ...over,
});

const ctx: ApprovalSheetContext = {
  projects: new Map([
    [
      "XM-1",
      {
        id: 10,
        companyId: 100,
        items: [
          item({ id: 1, name: "环评", submittedOn: "2026-11-01" }),
          item({ id: 2, name: "能评", authority: "发改局", allowedDays: 20 }),
          item({ id: 3, name: "消防", notApplicable: true, notApplicableReason: "无需" }),
          item({ id: 4, name: "重复" }),
          item({ id: 5, name: "重复" }),
        ],
      },
    ],
    ["XM-2", { id: 20, companyId: 200, items: [] }],
  ]),
  users: [
    { id: 1000, login: "a_s1", displayName: "李明", companyId: 100, role: "staff", disabled: false },
    { id: 1001, login: "a_s2", displayName: "王磊", companyId: 100, role: "staff", disabled: false },
    { id: 1002, login: "a_s3", displayName: "王磊", companyId: 100, role: "manager", disabled: false },
    { id: 1003, login: "a_gone", displayName: "赵强", companyId: 100, role: "staff", disabled: true },
    { id: 2000, login: "b_s1", displayName: "陈静", companyId: 200, role: "staff", disabled: false },
    { id: 3000, login: "leader", displayName: "刘洋", companyId: 100, role: "leader", disabled: false },
  ],
  catalogue: [{ id: 77, name: "施工许可", authority: "住建局", allowedDays: 7, commitment: true, requiredForConstruction: true }],
  today: "2026-12-07",
};

type Cells = Partial<Record<ApprovalKey, SheetCell>>;

/** One row (row 2) under every column; returns [column key, message] pairs and the checked row. */
function checkOne(cells: Cells, keys: readonly ApprovalKey[] = APPROVAL_KEYS) {
  const all: Cells = { code: "XM-1", item: "环评", ...cells };
  const result = checkApprovalSheet({ format: "xlsx", header: [...keys], rows: [{ row: 2, cells: keys.map((k) => all[k] ?? null) }] }, ctx, SHEET, t);
  const byLabel = new Map(APPROVAL_KEYS.map((k) => [`${SHEET} › ${t(`importSheets.approvals.col.${k}` as MessageKey)}`, k]));
  expect(result.errors.every((e) => e.row === 2)).toBe(true);
  return { errors: result.errors.map((e) => [byLabel.get(e.column) ?? e.column, e.message]), row: result.rows[0] };
}

describe("the approvals sheet's header", () => {
  it("takes the Chinese headers and the English keys; unknown, repeated and missing columns are told", () => {
    const ok = mapSheetHeader(
      ["项目编号", "事项名称", "时限（天）", "agent"],
      [
        { key: "code", labelKey: "importSheets.approvals.col.code" },
        { key: "item", labelKey: "importSheets.approvals.col.item" },
        { key: "allowed_days", labelKey: "importSheets.approvals.col.allowed_days" },
        { key: "agent", labelKey: "importSheets.approvals.col.agent" },
      ],
      ["code", "item"],
      SHEET,
      t,
    );
    expect(ok).toEqual({ columns: ["code", "item", "allowed_days", "agent"], errors: [] });
    const bad = checkApprovalSheet(
      { format: "xlsx", header: ["__proto__", "事项名称", "事项名称", "constructor"], rows: [{ row: 2, cells: ["x", "y", "z", "w"] }] },
      ctx,
      SHEET,
      t,
    );
    expect(bad.errors).toEqual([
      { row: 1, column: `${SHEET} › __proto__`, message: msg("import.error.unknownColumn", { name: "__proto__" }) },
      { row: 1, column: `${SHEET} › 事项名称`, message: msg("import.error.duplicateColumn", { name: "事项名称" }) },
      { row: 1, column: `${SHEET} › constructor`, message: msg("import.error.unknownColumn", { name: "constructor" }) },
      { row: 1, column: `${SHEET} › 项目编号`, message: msg("import.error.missingColumn") },
    ]);
    expect(bad.rows).toEqual([]);
  });

  it("reads the codes of the projects it names, once each", () => {
    expect(
      mapApprovalCodes({
        format: "xlsx",
        header: ["事项名称", " 项目编号 "],
        rows: [
          { row: 2, cells: ["a", "XM-1"] },
          { row: 3, cells: ["b", " XM-1 "] },
          { row: 4, cells: ["c", null] },
        ],
      }),
    ).toEqual(["XM-1"]);
    expect(mapApprovalCodes({ format: "xlsx", header: ["code"], rows: [{ row: 2, cells: ["XM-2"] }] })).toEqual(["XM-2"]);
    expect(mapApprovalCodes({ format: "xlsx", header: ["事项名称"], rows: [{ row: 2, cells: ["XM-2"] }] })).toEqual([]);
  });
});

describe("the approvals sheet's cells, rule by rule", () => {
  it.each<[string, Cells, [ApprovalKey | string, string][]]>([
    ["no code", { code: null }, [["code", msg("import.error.required")]]],
    ["no item", { item: " " }, [["item", msg("import.error.required")]]],
    ["an item of one character", { item: "环" }, [["item", msg("importSheets.approvals.error.length", { min: 2, max: 60 })]]],
    ["an item of 61 characters", { item: "环".repeat(61) }, [["item", msg("importSheets.approvals.error.length", { min: 2, max: 60 })]]],
    ["a code of no project the importer may update", { code: "XM-9" }, [["code", msg("importSheets.approvals.error.project", { code: "XM-9" })]]],
    [
      "an authority of 61 characters",
      { authority: "局".repeat(61) },
      [["authority", msg("importSheets.approvals.error.length", { min: 2, max: 60 })]],
    ],
    ["days as text", { allowed_days: "三十" }, [["allowed_days", msg("importSheets.approvals.error.days", { value: "三十", max: 365 })]]],
    ["days 0", { allowed_days: 0 }, [["allowed_days", msg("importSheets.approvals.error.days", { value: "0", max: 365 })]]],
    ["days 366", { allowed_days: 366 }, [["allowed_days", msg("importSheets.approvals.error.days", { value: "366", max: 365 })]]],
    ["days 1.5", { allowed_days: 1.5 }, [["allowed_days", msg("importSheets.approvals.error.days", { value: "1.5", max: 365 })]]],
    ["a date that is none", { planned_submit_on: "2026-02-30" }, [["planned_submit_on", msg("import.error.date", { value: "2026-02-30" })]]],
    ["a submission tomorrow", { submitted_on: "2026-12-08" }, [["submitted_on", msg("approvals.error.future")]]],
    ["accepted before submitted", { submitted_on: "2026-11-05", accepted_on: "2026-11-04" }, [["accepted_on", msg("approvals.error.order")]]],
    ["approved without a submission", { submitted_on: null, approved_on: "2026-11-04" }, [["approved_on", msg("approvals.error.order")]]],
    [
      "planned approval before planned submission",
      { planned_submit_on: "2026-11-05", planned_approve_on: "2026-11-04" },
      [["planned_approve_on", msg("importSheets.approvals.error.plannedOrder")]],
    ],
    [
      "an unknown status",
      { status: "办结" },
      [["status", msg("importSheets.approvals.error.status", { name: "办结", allowed: "未提交、已提交、已受理、已批复、不适用" })]],
    ],
    [
      "已批复 without an approval date",
      { submitted_on: "2026-11-01", status: "已批复" },
      [["status", msg("importSheets.approvals.error.statusDates", { status: "已批复", dates: "已提交" })]],
    ],
    ["不适用 without a reason", { status: "不适用" }, [["na_reason", msg("importSheets.approvals.error.naReason")]]],
    ["a reason of 201 characters", { status: "不适用", na_reason: "因".repeat(201) }, [["na_reason", msg("import.error.tooLong", { max: 200 })]]],
    ["a note of 501 characters", { note: "记".repeat(501) }, [["note", msg("import.error.tooLong", { max: 500 })]]],
    [
      "an agent of another company",
      { agent: "陈静" },
      [["agent", msg("importSheets.approvals.error.agent", { name: "陈静", allowed: "李明、王磊、王磊" })]],
    ],
    [
      "a disabled agent",
      { agent: "a_gone" },
      [["agent", msg("importSheets.approvals.error.agent", { name: "a_gone", allowed: "李明、王磊、王磊" })]],
    ],
    [
      "a leader as agent",
      { agent: "leader" },
      [["agent", msg("importSheets.approvals.error.agent", { name: "leader", allowed: "李明、王磊、王磊" })]],
    ],
    [
      "two agents of that name",
      { agent: "王磊" },
      [["agent", msg("importSheets.approvals.error.agentAmbiguous", { name: "王磊", count: 2, logins: "a_s2、a_s3" })]],
    ],
    [
      "an item the project has twice",
      { item: "重复" },
      [["item", msg("importSheets.approvals.error.ambiguous", { code: "XM-1", name: "重复", count: 2 })]],
    ],
    [
      "a new item without authority and days, not in the catalogue",
      { item: "水土保持", authority: null, allowed_days: null },
      [
        ["authority", msg("importSheets.approvals.error.newItem")],
        ["allowed_days", msg("importSheets.approvals.error.newItem")],
      ],
    ],
  ])("%s is refused in its column", (_, cells, expected) => {
    const { errors, row } = checkOne({ submitted_on: "2026-11-01", ...cells });
    expect(errors).toEqual(expected);
    expect(row).toBeUndefined();
  });

  it("repeats of one item in the sheet are refused from the second on", () => {
    const result = checkApprovalSheet(
      {
        format: "xlsx",
        header: ["项目编号", "事项名称", "备注"],
        rows: [
          { row: 2, cells: ["XM-1", "能评", "a"] },
          { row: 5, cells: ["XM-1", "能评", "b"] },
          { row: 6, cells: ["XM-2", "能评", null] },
        ],
      },
      ctx,
      SHEET,
      t,
    );
    expect(result.errors).toEqual([
      { row: 5, column: `${SHEET} › 事项名称`, message: msg("importSheets.approvals.error.duplicate", { code: "XM-1", name: "能评", first: 2 }) },
      // 能评 is new on XM-2 and names neither authority nor days: the row is its own, not a repeat.
      { row: 6, column: `${SHEET} › 审批部门`, message: msg("importSheets.approvals.error.newItem") },
      { row: 6, column: `${SHEET} › 时限(天)`, message: msg("importSheets.approvals.error.newItem") },
    ]);
  });
});

describe("what a checked row writes", () => {
  it("an unchanged item writes nothing, a changed one only what changes", () => {
    expect(checkOne({ submitted_on: "2026-11-01", authority: "生态环境局", allowed_days: 30, status: "已提交" }).row).toBeUndefined();
    expect(checkOne({ submitted_on: new Date(Date.UTC(2026, 10, 1)), accepted_on: "2026/11/3", agent: "李明", status: "已受理" })).toEqual({
      errors: [],
      row: { row: 2, projectId: 10, kind: "update", item: ctx.projects.get("XM-1")!.items[0], changes: { acceptedOn: "2026-11-03", agentId: 1000 } },
    });
  });

  it("takes the agent by name, by name（login） and by login", () => {
    for (const agent of ["李明", "a_s1", "A_S1"]) expect(findAgent(agent, 100, ctx.users, t)).toEqual({ ok: true, id: 1000 });
    expect(findAgent("王磊（a_s3）", 100, ctx.users, t)).toEqual({ ok: true, id: 1002 });
    expect(findAgent("王磊(a_s2)", 100, ctx.users, t)).toEqual({ ok: true, id: 1001 });
    expect(findAgent("李明（a_s2）", 100, ctx.users, t)).toMatchObject({ ok: false });
    expect(checkOne({ submitted_on: "2026-11-01", agent: "" }, ["code", "item", "agent"]).row).toBeUndefined();
  });

  it("an item marked 不适用 takes its reason; applicable again drops it", () => {
    expect(checkOne({ item: "能评", status: "不适用", na_reason: "不涉及能耗" }).row).toMatchObject({
      kind: "update",
      changes: { notApplicable: true, notApplicableReason: "不涉及能耗" },
    });
    expect(checkOne({ item: "消防", status: "未提交" }, ["code", "item", "status"]).row).toMatchObject({
      kind: "update",
      changes: { notApplicable: false, notApplicableReason: null },
    });
    // Without a 状态 column an item stays as it is, with its reason.
    expect(checkOne({ item: "消防", note: "备" }, ["code", "item", "note"]).row).toMatchObject({ changes: { note: "备" } });
  });

  it("a new item takes the catalogue's authority, days and flags when it has its name, or the row's", () => {
    expect(
      checkOne({ item: "施工许可", submitted_on: null, authority: null, allowed_days: null }, ["code", "item", "authority", "allowed_days"]).row,
    ).toEqual({
      row: 2,
      projectId: 10,
      kind: "create",
      name: "施工许可",
      catalogueId: 77,
      commitment: true,
      requiredForConstruction: true,
      fields: { authority: "住建局", allowedDays: 7 },
    });
    expect(
      checkOne({ code: "XM-2", item: "水土保持", authority: "水务局", allowed_days: "15", agent: "陈静" }, [
        "code",
        "item",
        "authority",
        "allowed_days",
        "agent",
      ]).row,
    ).toEqual({
      row: 2,
      projectId: 20,
      kind: "create",
      name: "水土保持",
      catalogueId: null,
      commitment: false,
      requiredForConstruction: false,
      fields: { authority: "水务局", allowedDays: 15, agentId: 2000 },
    });
  });

  it("dates the file leaves out are checked with the stored ones", () => {
    // 环评 was submitted 2026-11-01: an approval on 10-31 is before it, though the file has no 提交日期 column.
    expect(checkOne({ approved_on: "2026-10-31" }, ["code", "item", "approved_on"]).errors).toEqual([["approved_on", msg("approvals.error.order")]]);
    expect(checkOne({ approved_on: "2026-11-30" }, ["code", "item", "approved_on"]).row).toMatchObject({ changes: { approvedOn: "2026-11-30" } });
  });
});

describe("the cells' readers", () => {
  it.each<[SheetCell, ReturnType<typeof parseDays>]>([
    [null, { ok: true, value: null }],
    ["", { ok: true, value: null }],
    [1, { ok: true, value: 1 }],
    [365, { ok: true, value: 365 }],
    ["20", { ok: true, value: 20 }],
    ["20.0", { ok: true, value: 20 }],
    [" 7 ", { ok: true, value: 7 }],
    [0, { ok: false }],
    [366, { ok: false }],
    [-3, { ok: false }],
    ["1e2", { ok: false }],
    [new Date(0), { ok: false }],
  ])("days %s → %j", (cell, expected) => {
    expect(parseDays(cell)).toEqual(expected);
  });

  it.each([
    [{ notApplicable: true, submittedOn: "2026-01-01", acceptedOn: null, approvedOn: "2026-01-02" }, "not_applicable"],
    [{ notApplicable: false, submittedOn: "2026-01-01", acceptedOn: "2026-01-01", approvedOn: "2026-01-02" }, "approved"],
    [{ notApplicable: false, submittedOn: "2026-01-01", acceptedOn: "2026-01-01", approvedOn: null }, "accepted"],
    [{ notApplicable: false, submittedOn: "2026-01-01", acceptedOn: null, approvedOn: null }, "submitted"],
    [{ notApplicable: false, submittedOn: null, acceptedOn: null, approvedOn: null }, "not_submitted"],
  ] as const)("the status of %j is %s", (i, status) => {
    expect(approvalStatus(i)).toBe(status);
  });
});

describe("the workbook's sheets", () => {
  it("finds a sheet by its Chinese or English name; a second of one kind and unknown sheets are refused", () => {
    expect(extraSheetNames()).toEqual(["审批事项", "approvals", "政策兑现", "benefits"]);
    const a = { name: "审批事项", sheet: null };
    const b = { name: "approvals", sheet: null };
    expect(sheetsByKind([a])).toEqual({ found: new Map([["approvals", a]]), twice: [] });
    expect(sheetsByKind([b, a])).toEqual({ found: new Map([["approvals", b]]), twice: ["审批事项"] });
    expect(workbookProblems(["__proto__"], ["审批事项"], t)).toEqual([
      {
        row: 0,
        column: "工作表",
        message: msg("importSheets.unknownSheet", { name: "__proto__", known: "项目（第一张工作表）、审批事项、政策兑现" }),
      },
      { row: 0, column: "工作表", message: msg("importSheets.duplicateSheet", { name: "审批事项" }) },
    ]);
  });
});
