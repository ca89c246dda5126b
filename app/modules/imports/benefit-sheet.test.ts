// The 政策兑现 sheet's row checks rule by rule (decisions 028, 029): the header, each column's cell, the project and
// the policy a row names, the benefit it finds by project, policy and promise date, the dates and amounts together.
import { describe, expect, it } from "vitest";
import type { MessageKey } from "~/lib/i18n";
import { translator } from "~/lib/i18n";
import type { BenefitKey, BenefitSheetContext, StoredBenefit } from "./benefit-sheet";
import { BENEFIT_KEYS, checkBenefitSheet, findPolicy, mapBenefitCodes, sameWan } from "./benefit-sheet";
import { extraSheetNames, sheetsByKind } from "./import-sheets";
import type { SheetCell } from "./read-sheet";

const t = translator("zh");
const msg = (key: string, params?: Record<string, string | number>) => t(key as MessageKey, params);
const SHEET = "政策兑现";

const benefit = (over: Partial<StoredBenefit>): StoredBenefit => ({
  id: 1,
  policyId: 7,
  promisedWan: "100.00",
  promisedOn: "2026-06-01",
  deliveredWan: null,
  deliveredOn: null,
  note: null,
  version: 4,
  ...over,
});

const ctx: BenefitSheetContext = {
  projects: new Map([
    [
      "XM-1",
      {
        id: 10,
        benefits: [
          benefit({ id: 1 }),
          benefit({ id: 2, promisedOn: "2026-07-01", deliveredWan: "50.00", deliveredOn: "2026-08-01", note: "首期" }),
          benefit({ id: 3, policyId: 8, promisedOn: "2026-09-01" }),
          benefit({ id: 4, policyId: 8, promisedOn: "2026-09-01" }),
        ],
      },
    ],
    ["XM-2", { id: 20, benefits: [] }],
  ]),
  policies: [
    { id: 7, title: "电价补贴", code: "power-price-sei" },
    { id: 8, title: "租金减免", code: null },
    { id: 9, title: "同名政策", code: null },
    { id: 10, title: "同名政策", code: "twin-b" },
  ],
  today: "2026-12-07",
};

type Cells = Partial<Record<BenefitKey, SheetCell>>;

/** One row (row 2) under the given columns; returns [column key, message] pairs and the checked row. */
function checkOne(cells: Cells, keys: readonly BenefitKey[] = BENEFIT_KEYS) {
  const all: Cells = { code: "XM-1", policy: "电价补贴", promised_on: "2026-06-01", promised_wan: "100", ...cells };
  const result = checkBenefitSheet({ format: "xlsx", header: [...keys], rows: [{ row: 2, cells: keys.map((k) => all[k] ?? null) }] }, ctx, SHEET, t);
  const byLabel = new Map(BENEFIT_KEYS.map((k) => [`${SHEET} › ${t(`importSheets.benefits.col.${k}` as MessageKey)}`, k]));
  expect(result.errors.every((e) => e.row === 2)).toBe(true);
  return { errors: result.errors.map((e) => [byLabel.get(e.column) ?? e.column, e.message]), row: result.rows[0], rows: result.rows };
}

describe("the benefits sheet's header", () => {
  it("takes the Chinese headers and the English keys; the key columns are required", () => {
    const sheet = (header: string[]) => checkBenefitSheet({ format: "xlsx", header, rows: [] }, ctx, SHEET, t);
    expect(sheet(["项目编号", "政策", "承诺日期", "承诺金额（万元）", "delivered_wan"]).errors).toEqual([]);
    expect(sheet(["code", "policy", "promised_on"]).errors).toEqual([]);
    expect(sheet(["项目编号", "政策"]).errors).toEqual([{ row: 1, column: `${SHEET} › 承诺日期`, message: msg("import.error.missingColumn") }]);
    expect(sheet(["项目编号", "承诺日期"]).errors).toEqual([{ row: 1, column: `${SHEET} › 政策`, message: msg("import.error.missingColumn") }]);
    expect(sheet(["政策", "承诺日期"]).errors).toEqual([{ row: 1, column: `${SHEET} › 项目编号`, message: msg("import.error.missingColumn") }]);
    expect(sheet(["项目编号", "政策", "承诺日期", "__proto__"]).errors).toEqual([
      { row: 1, column: `${SHEET} › __proto__`, message: msg("import.error.unknownColumn", { name: "__proto__" }) },
    ]);
  });

  it("is found by its Chinese or English name", () => {
    expect(extraSheetNames()).toEqual(expect.arrayContaining(["政策兑现", "benefits"]));
    const found = sheetsByKind([{ name: "benefits", sheet: { format: "xlsx", header: [], rows: [] } }]).found;
    expect([...found.keys()]).toEqual(["benefits"]);
  });

  it("lists the codes its 项目编号 column holds, once each", () => {
    const rows = ["XM-1", " XM-2 ", "XM-1", null].map((code, i) => ({ row: i + 2, cells: ["x", code] }));
    expect(mapBenefitCodes({ format: "xlsx", header: ["政策", "项目 编号"], rows })).toEqual(["XM-1", "XM-2"]);
    expect(mapBenefitCodes({ format: "xlsx", header: ["policy", "Code"], rows })).toEqual(["XM-1", "XM-2"]);
    expect(mapBenefitCodes({ format: "xlsx", header: ["政策"], rows })).toEqual([]);
  });
});

describe("the policy a row names", () => {
  it.each([
    ["电价补贴", { ok: true, id: 7 }],
    ["power-price-sei", { ok: true, id: 7 }],
    ["POWER-PRICE-SEI", { ok: true, id: 7 }],
    ["租金减免", { ok: true, id: 8 }],
    ["twin-b", { ok: true, id: 10 }],
    ["同名政策", { ok: false, key: "importSheets.benefits.error.policyAmbiguous", params: { name: "同名政策", count: 2 } }],
    [
      "无此政策",
      { ok: false, key: "importSheets.benefits.error.policy", params: { name: "无此政策", allowed: "电价补贴、租金减免、同名政策、同名政策" } },
    ],
  ])("%s", (input, expected) => {
    expect(findPolicy(input, ctx.policies, t)).toEqual(expected);
  });
});

describe("amounts compared exactly", () => {
  it.each([
    ["100", "100.00", true],
    ["100.5", "100.50", true],
    ["100.01", "100.00", false],
    ["0", "0.00", true],
    [null, null, true],
    [null, "0.00", false],
    ["0.00", null, false],
  ] as const)("%s = %s: %s", (a, b, same) => {
    expect(sameWan(a, b)).toBe(same);
  });
});

describe("a benefits row", () => {
  const required = msg("import.error.required");
  it.each<[string, Cells, [BenefitKey | string, string][]]>([
    ["no code", { code: null }, [["code", required]]],
    ["a project not the importer's", { code: "XM-9" }, [["code", msg("importSheets.benefits.error.project", { code: "XM-9" })]]],
    ["no policy", { policy: "" }, [["policy", required]]],
    [
      "an unknown policy",
      { policy: "无此政策" },
      [["policy", msg("importSheets.benefits.error.policy", { name: "无此政策", allowed: "电价补贴、租金减免、同名政策、同名政策" })]],
    ],
    ["no promise date", { promised_on: null }, [["promised_on", required]]],
    ["a promise date that is no date", { promised_on: "明年" }, [["promised_on", msg("import.error.date", { value: "明年" })]]],
    ["a promise in the future", { code: "XM-2", promised_on: "2026-12-08" }, [["promised_on", msg("policies.error.future")]]],
    ["no promised amount", { promised_wan: "" }, [["promised_wan", required]]],
    ["a promised amount that is no number", { promised_wan: "一百" }, [["promised_wan", msg("import.error.money", { value: "一百" })]]],
    ["a negative promise", { promised_wan: "-1" }, [["promised_wan", msg("import.error.moneyNegative")]]],
    ["three decimals", { promised_wan: "1.005" }, [["promised_wan", msg("import.error.moneyDecimals", { value: "1.005" })]]],
    [
      "a delivered amount that is no number",
      { delivered_wan: "x", delivered_on: "2026-07-01" },
      [["delivered_wan", msg("import.error.money", { value: "x" })]],
    ],
    [
      "a delivery date that is no date",
      { delivered_wan: "1", delivered_on: "2026-13-01" },
      [["delivered_on", msg("import.error.date", { value: "2026-13-01" })]],
    ],
    ["delivered without a date", { delivered_wan: "100" }, [["delivered_on", msg("policies.error.deliveredPair")]]],
    ["a delivery date without the amount", { delivered_on: "2026-07-01" }, [["delivered_wan", msg("policies.error.deliveredPair")]]],
    [
      "delivered before the promise",
      { delivered_wan: "100", delivered_on: "2026-05-31" },
      [["delivered_on", msg("policies.error.deliveredBeforePromise")]],
    ],
    ["delivered in the future", { delivered_wan: "100", delivered_on: "2026-12-08" }, [["delivered_on", msg("policies.error.future")]]],
    ["a note too long", { note: "长".repeat(501) }, [["note", msg("import.error.tooLong", { max: 500 })]]],
    [
      "two stored benefits of that policy and day",
      { policy: "租金减免", promised_on: "2026-09-01" },
      [["promised_on", msg("importSheets.benefits.error.ambiguous", { code: "XM-1", count: 2 })]],
    ],
  ])("%s is refused in its cell", (_name, cells, expected) => {
    const { errors, row } = checkOne(cells);
    expect(errors).toEqual(expected);
    expect(row).toBeUndefined();
  });

  it.each<[string, Cells]>([
    ["delivered the day of the promise", { delivered_wan: "100", delivered_on: "2026-06-01" }],
    ["delivered today", { delivered_wan: "80", delivered_on: "2026-12-07" }],
    ["delivered more than promised (the model allows it)", { delivered_wan: "120", delivered_on: "2026-07-01" }],
    ["promised today", { code: "XM-2", promised_on: "2026-12-07" }],
    ["a note of 500", { note: "长".repeat(500) }],
    ["an amount with separators", { promised_wan: "1,234.50", code: "XM-2" }],
  ])("%s is taken", (_name, cells) => {
    expect(checkOne(cells).errors).toEqual([]);
  });

  it("updates the benefit of that project, policy and day with only what changes", () => {
    expect(checkOne({ promised_wan: "100.00" }).rows).toEqual([]);
    expect(checkOne({ promised_wan: 100 }).rows).toEqual([]);
    expect(checkOne({ promised_wan: "120", delivered_wan: "90", delivered_on: "2026-07-01", note: "到账" }).row).toEqual({
      row: 2,
      projectId: 10,
      kind: "update",
      benefit: ctx.projects.get("XM-1")!.benefits[0],
      changes: { promisedWan: "120.00", deliveredWan: "90.00", deliveredOn: "2026-07-01", note: "到账" },
    });
    // By the policy's code, and an Excel date cell, the same benefit.
    expect(checkOne({ policy: "power-price-sei", promised_on: new Date("2026-07-01T00:00:00Z"), promised_wan: "100", note: "首期" }).rows).toEqual([
      {
        row: 2,
        projectId: 10,
        kind: "update",
        benefit: ctx.projects.get("XM-1")!.benefits[1],
        changes: { deliveredWan: null, deliveredOn: null },
      },
    ]);
  });

  it("keeps the stored fields whose columns the file lacks, and checks the benefit as it will be", () => {
    const keys: BenefitKey[] = ["code", "policy", "promised_on", "delivered_wan"];
    // Benefit 2 was delivered on 2026-08-01: a new amount alone is a complete delivery.
    expect(checkOne({ promised_on: "2026-07-01", delivered_wan: "60" }, keys).row).toStrictEqual({
      row: 2,
      projectId: 10,
      kind: "update",
      benefit: ctx.projects.get("XM-1")!.benefits[1],
      changes: { deliveredWan: "60.00" },
    });
    // Only the note: the amounts and dates stay as stored (no field of a missing column is written).
    expect(
      checkOne({ promised_on: "2026-07-01", note: new Date("2026-07-02T00:00:00Z") }, ["code", "policy", "promised_on", "note"]).row,
    ).toStrictEqual({
      row: 2,
      projectId: 10,
      kind: "update",
      benefit: ctx.projects.get("XM-1")!.benefits[1],
      changes: { note: "2026-07-02" },
    });
    // Benefit 1 has no delivery date: an amount alone is half a delivery, told in the column the file has.
    expect(checkOne({ delivered_wan: "60" }, keys).errors).toEqual([["delivered_wan", msg("policies.error.deliveredPair")]]);
    // Clearing the amount of a delivery whose date is stored.
    expect(checkOne({ promised_on: "2026-07-01", delivered_wan: "" }, keys).errors).toEqual([["delivered_wan", msg("policies.error.deliveredPair")]]);
  });

  it("creates a benefit no stored one matches, and needs its amount for that", () => {
    expect(checkOne({ promised_on: "2026-06-02", delivered_wan: "10", delivered_on: "2026-06-03", note: "" }).row).toEqual({
      row: 2,
      projectId: 10,
      kind: "create",
      policyId: 7,
      promisedOn: "2026-06-02",
      fields: { promisedWan: "100.00", deliveredWan: "10.00", deliveredOn: "2026-06-03", note: null },
    });
    expect(checkOne({ code: "XM-2", policy: "租金减免" }, ["code", "policy", "promised_on"]).errors).toEqual([
      ["promised_wan", msg("importSheets.benefits.error.newBenefit")],
    ]);
    // The same row when the benefit exists needs no amount.
    expect(checkOne({}, ["code", "policy", "promised_on"]).errors).toEqual([]);
  });

  it("refuses a second row for the same project, policy and day", () => {
    const row = (n: number, promisedOn: string): { row: number; cells: SheetCell[] } => ({ row: n, cells: ["XM-2", "电价补贴", promisedOn, "5"] });
    const result = checkBenefitSheet(
      {
        format: "xlsx",
        header: ["项目编号", "政策", "承诺日期", "承诺金额(万元)"],
        rows: [row(2, "2026-01-01"), row(3, "2026-01-02"), row(4, "2026/1/1")],
      },
      ctx,
      SHEET,
      t,
    );
    expect(result.errors).toEqual([{ row: 4, column: `${SHEET} › 承诺日期`, message: msg("importSheets.benefits.error.duplicate", { first: 2 }) }]);
    expect(result.rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it("does not read 项目名称", () => {
    expect(checkOne({ project: "随便写" }).rows).toEqual([]);
  });
});
