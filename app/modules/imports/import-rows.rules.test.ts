// The import's row checks rule by rule: each cell kind, each column's limit, each reference, each date rule.
import { describe, expect, it } from "vitest";
import type { MessageKey } from "~/lib/i18n";
import { translator } from "~/lib/i18n";
import type { ImportContext } from "./import-rows";
import { checkSheet, findSource, findStage, findStatus, parseDate, parseMoney } from "./import-rows";
import type { TemplateKey } from "./import-template";
import { TEMPLATE_KEYS } from "./import-template";
import type { SheetCell } from "./read-file";

const t = translator("zh");

const ctx: ImportContext = {
  clusters: [
    { id: 1, name: "半导体" },
    { id: 2, name: "光伏" },
    { id: 3, name: "节能环保" },
    { id: 4, name: "通用航空" },
  ],
  companies: [
    { id: 10, name: "半导体产业招商服务公司", shortName: "半导体", kind: "attraction", clusterId: 1 },
    { id: 11, name: "半导体二部", shortName: "半导体二部", kind: "attraction", clusterId: 1 },
    { id: 20, name: "光伏产业招商服务公司", shortName: "光伏", kind: "attraction", clusterId: 2 },
    { id: 30, name: "综合招商服务公司", shortName: "综合招商", kind: "service", clusterId: null },
    { id: 31, name: "节能平台公司", shortName: "节能平台", kind: "platform", clusterId: 3 },
    { id: 40, name: "管委会", shortName: "管委会", kind: "committee", clusterId: null },
  ],
  users: [
    { id: 100, login: "bdt_s1", displayName: "李明", companyId: 10, role: "staff", disabled: false },
    { id: 101, login: "bdt_mgr", displayName: "张伟", companyId: 10, role: "manager", disabled: false },
    { id: 102, login: "bdt_gone", displayName: "赵强", companyId: 10, role: "staff", disabled: true },
    { id: 400, login: "leader", displayName: "刘洋", companyId: 10, role: "leader", disabled: false },
  ],
  chainLinks: [
    { id: 500, clusterId: 1, name: "晶圆制造" },
    { id: 501, clusterId: 1, name: "封装测试" },
    { id: 502, clusterId: 2, name: "电池片" },
  ],
  targetCompanyId: null,
};

type Cells = Partial<Record<TemplateKey, SheetCell>>;
const BASE: Cells = { name: "项目甲", investor: "某投资方", cluster: "半导体" };

/** One row (row 2) with every template column; returns the problems as [column key, message] and the row. */
function checkOne(cells: Cells, context: ImportContext = ctx) {
  const all = { ...BASE, ...cells };
  const result = checkSheet(
    { format: "csv", header: [...TEMPLATE_KEYS], rows: [{ row: 2, cells: TEMPLATE_KEYS.map((k) => all[k] ?? null) }] },
    context,
    t,
  );
  const byLabel = new Map(TEMPLATE_KEYS.map((k) => [t(`import.col.${k}` as MessageKey), k]));
  const errors = result.errors.map((e) => [byLabel.get(e.column) ?? e.column, e.message]);
  expect(result.errors.every((e) => e.row === 2)).toBe(true);
  return { errors, row: result.rows[0] };
}
const msg = (key: string, params?: Record<string, string | number>) => t(key as MessageKey, params);

describe("money cells, case by case", () => {
  it.each([
    [new Date(Date.UTC(2024, 2, 5)), { ok: false, key: "import.error.money" }],
    [Number.NaN, { ok: false, key: "import.error.money" }],
    [Number.POSITIVE_INFINITY, { ok: false, key: "import.error.money" }],
    [1e-7, { ok: true, value: "0.00" }],
    [1e21, { ok: false, key: "import.error.moneyTooLarge" }],
    [-5, { ok: false, key: "import.error.moneyNegative" }],
    [0.005, { ok: true, value: "0.01" }],
    [0.004, { ok: true, value: "0.00" }],
    [12.3, { ok: true, value: "12.30" }],
    [100, { ok: true, value: "100.00" }],
    [" 1 234.5 ", { ok: true, value: "1234.50" }],
    ["\u00a01,234", { ok: true, value: "1234.00" }],
    ["-0", { ok: false, key: "import.error.moneyNegative" }],
    ["1-", { ok: false, key: "import.error.money" }],
    ["1,234,567.89", { ok: true, value: "1234567.89" }],
    ["12,345", { ok: true, value: "12345.00" }],
    ["1234,567", { ok: false, key: "import.error.money" }],
    ["1.", { ok: false, key: "import.error.money" }],
    ["1.234", { ok: false, key: "import.error.moneyDecimals" }],
    ["0012.5", { ok: true, value: "12.50" }],
    ["00000000000000012", { ok: true, value: "12.00" }],
    ["99999999999999.99", { ok: true, value: "99999999999999.99" }],
    ["100000000000000", { ok: false, key: "import.error.moneyTooLarge" }],
    [null, { ok: true, value: null }],
    ["   ", { ok: true, value: null }],
  ] as [SheetCell, unknown][])("%s → %o", (cell, expected) => {
    expect(parseMoney(cell)).toEqual(expected);
  });
});

describe("date cells, case by case", () => {
  it.each([
    [new Date(Number.NaN), null],
    [45356.5, null], // a day number is whole
    [45356, "2024-03-05"],
    [" 2024-03-05 ", "2024-03-05"],
    ["x2024-03-05", null],
    ["2024-03-05x", null],
    ["2024年12月5日", "2024-12-05"],
    ["2024年3月15日", "2024-03-15"],
    ["2024.12.31", "2024-12-31"],
    ["1899-12-31", null],
    ["1900-01-01", "1900-01-01"],
    ["2199-12-31", "2199-12-31"],
    ["2200-01-01", null],
    ["2024-02-30", null],
    ["", "blank"],
  ] as [SheetCell, string | null][])("%s → %s", (cell, expected) => {
    const result = parseDate(cell);
    if (expected === null) expect(result).toEqual({ ok: false });
    else expect(result).toEqual({ ok: true, value: expected === "blank" ? null : expected });
  });
});

describe("stage, status and source by label or name", () => {
  it("takes the Chinese label, the English label or the value, in any case and with spaces", () => {
    expect(findStage(" 签约 ")).toBe("signed");
    expect(findStage(" Signed ")).toBe("signed");
    expect(findStatus("ON_HOLD")).toBe("on_hold");
    expect(findStatus("On_Hold")).toBe("on_hold");
    expect(findStatus("on hold")).toBe("on_hold");
    expect(findSource("BUSINESS_REFERRAL")).toBe("business_referral");
    expect(findSource("以商招商")).toBe("business_referral");
    expect(findStage("已签")).toBeUndefined();
  });
});

describe("the header", () => {
  const header = (h: string[]) => checkSheet({ format: "csv", header: h, rows: [] }, ctx, t);

  it("takes full-width brackets, stray spaces, any case of the English names, and ignores blank columns", () => {
    const r = header(["项目 名称", "", "INVESTOR", "Cluster", "总投资（万元）"]);
    expect(r.errors).toEqual([]);
    expect(r.columns).toEqual(["name", "investor", "cluster", "total_investment_wan"]);
  });

  it("names the unknown and the doubled column, and each missing one, and reads no rows", () => {
    const r = checkSheet({ format: "csv", header: ["name", "颜色", "name"], rows: [{ row: 2, cells: ["甲", "红", "乙"] }] }, ctx, t);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([
      { row: 1, column: "颜色", message: msg("import.error.unknownColumn", { name: "颜色" }) },
      { row: 1, column: "name", message: msg("import.error.duplicateColumn", { name: "name" }) },
      { row: 1, column: msg("import.col.investor"), message: msg("import.error.missingColumn") },
      { row: 1, column: msg("import.col.cluster"), message: msg("import.error.missingColumn") },
    ]);
  });
});

describe("each column's rule", () => {
  it.each([
    // code: letters, digits and - _ . /, starting with a letter or digit, at most 40
    [{ code: "A".repeat(40) }, []],
    [{ code: "A".repeat(41) }, [["code", msg("import.error.code", { max: 40 })]]],
    [{ code: "-A1" }, [["code", msg("import.error.code", { max: 40 })]]],
    [{ code: "A1!" }, [["code", msg("import.error.code", { max: 40 })]]],
    [{ code: "A 1" }, [["code", msg("import.error.code", { max: 40 })]]],
    [{ code: "ZS-2026/01_a.b" }, []],
    // text limits
    [{ name: "名".repeat(200) }, []],
    [{ name: "名".repeat(201) }, [["name", msg("import.error.tooLong", { max: 200 })]]],
    [{ investor: "投".repeat(200) }, []],
    [{ investor: "投".repeat(201) }, [["investor", msg("import.error.tooLong", { max: 200 })]]],
    [{ note: "注".repeat(2000) }, []],
    [{ note: "注".repeat(2001) }, [["note", msg("import.error.tooLong", { max: 2000 })]]],
    // references
    [{ cluster: "火星" }, [["cluster", "本区没有名为“火星”的产业集群，可选：半导体、光伏、节能环保、通用航空"]]],
    [{ company: "不存在公司" }, [["company", msg("import.error.company", { name: "不存在公司" })]]],
    [{ company: "管委会" }, [["company", msg("import.error.company", { name: "管委会" })]]],
    [{ cluster: "节能环保" }, [["company", msg("import.error.noClusterCompany", { cluster: "节能环保" })]]],
    [{ cluster: "通用航空" }, [["company", msg("import.error.noClusterCompany", { cluster: "通用航空" })]]],
    [{ owner: "BDT_S1" }, []],
    [{ owner: "bdt_mgr" }, []],
    [{ owner: "李明" }, []],
    [{ owner: "李明（bdt_s1）" }, []],
    [{ owner: "bdt_gone" }, [["owner", "半导体产业招商服务公司没有姓名或登录名为“bdt_gone”的在用招商人员，可选：李明、张伟"]]],
    [{ owner: "赵强" }, [["owner", "半导体产业招商服务公司没有姓名或登录名为“赵强”的在用招商人员，可选：李明、张伟"]]],
    [{ owner: "leader" }, [["owner", "半导体产业招商服务公司没有姓名或登录名为“leader”的在用招商人员，可选：李明、张伟"]]],
    [{ owner: "nobody" }, [["owner", "半导体产业招商服务公司没有姓名或登录名为“nobody”的在用招商人员，可选：李明、张伟"]]],
    [
      { company: "不存在公司", owner: "nobody" },
      [
        ["company", msg("import.error.company", { name: "不存在公司" })],
        ["owner", msg("import.error.owner", { login: "nobody" })],
      ],
    ],
    [{ company: "光伏", owner: "bdt_s1" }, [["owner", msg("import.error.ownerCompany", { login: "bdt_s1", company: "光伏产业招商服务公司" })]]],
    [{ source: "以商招商" }, []],
    [
      { source: "朋友介绍" },
      [["source", "无法识别的来源渠道“朋友介绍”，可选：以商招商、驻点招商、展会招商、中介招商、网络招商、上门洽谈、基金招商、其他"]],
    ],
    [{ stage: "筹备" }, [["stage", "无法识别的阶段“筹备”，可选：线索、首次接洽、洽谈、会商评审、签约、注册落地、开工、投产"]]],
    [{ status: "搁置" }, [["status", "无法识别的状态“搁置”，可选：推进中、暂缓、终止"]]],
    [{ total_investment_wan: "-1" }, [["total_investment_wan", msg("import.error.moneyNegative", { value: "-1" })]]],
    [{ contacted_on: "2024-02-30", stage: "contacted" }, [["contacted_on", msg("import.error.date", { value: "2024-02-30" })]]],
    // 产业链环节: names of the row's cluster's chain, 、 , ; or a line break between them
    [{ chain_links: "晶圆制造" }, []],
    [{ chain_links: "晶圆制造、封装测试" }, []],
    [{ chain_links: "电池片" }, [["chain_links", "半导体产业链没有环节“电池片”，可选：晶圆制造、封装测试"]]],
    [{ chain_links: "晶圆制造，光刻" }, [["chain_links", "半导体产业链没有环节“光刻”，可选：晶圆制造、封装测试"]]],
    [{ cluster: "光伏", chain_links: "晶圆制造" }, [["chain_links", "光伏产业链没有环节“晶圆制造”，可选：电池片"]]],
    [{ cluster: "节能环保", company: "节能平台", chain_links: "电池片" }, [["chain_links", msg("import.error.chainNone", { cluster: "节能环保" })]]],
    [{ cluster: "火星", chain_links: "电池片" }, [["cluster", "本区没有名为“火星”的产业集群，可选：半导体、光伏、节能环保、通用航空"]]],
  ] as [Cells, [string, string][]][])("%o → %j", (cells, expected) => {
    expect(checkOne(cells).errors).toEqual(expected);
  });

  it("takes 负责人 by name, and asks for the login when two people of the company share it", () => {
    const twins: ImportContext = {
      ...ctx,
      users: [...ctx.users, { id: 103, login: "bdt_s2", displayName: "李明", companyId: 10, role: "staff", disabled: false }],
    };
    expect(checkOne({ owner: "张伟" }).row).toMatchObject({ ownerId: 101 });
    expect(checkOne({ owner: "李明" }, twins).errors).toEqual([
      ["owner", "半导体产业招商服务公司有 2 位名为“李明”的人员，请改填登录名：bdt_s1、bdt_s2"],
    ]);
    expect(checkOne({ owner: "bdt_s2" }, twins).row).toMatchObject({ ownerId: 103 });
    expect(checkOne({ owner: "李明（bdt_s2）" }, twins).row).toMatchObject({ ownerId: 103 });
    // A name tag that does not match its login is not taken as that login.
    expect(checkOne({ owner: "张伟（bdt_s2）" }, twins).errors).toHaveLength(1);
  });

  it("a row without company goes to its cluster's first attraction company, never a platform of the cluster", () => {
    expect(checkOne({}).row).toMatchObject({ companyId: 10, clusterId: 1 });
  });

  it("blank stage and status mean a lead that is active; text is trimmed; an Excel date in a text column reads as a date", () => {
    const { row } = checkOne({ name: "  项目甲  ", note: new Date(Date.UTC(2024, 2, 5)) });
    expect(row).toMatchObject({ stage: "lead", status: "active", name: "项目甲", note: "2024-03-05" });
  });

  it("an import for one company refuses rows of another, and a committee row only once", () => {
    const forTen = { ...ctx, targetCompanyId: 10 };
    expect(checkOne({ company: "光伏" }, forTen).errors).toEqual([["company", msg("import.error.otherCompany", { name: "光伏产业招商服务公司" })]]);
    expect(checkOne({ company: "管委会" }, forTen).errors).toEqual([["company", msg("import.error.company", { name: "管委会" })]]);
    expect(checkOne({ company: "不存在公司" }, forTen).errors).toEqual([["company", msg("import.error.company", { name: "不存在公司" })]]);
    expect(checkOne({}, forTen).errors).toEqual([]);
  });
});

describe("产业链环节", () => {
  it.each([
    [null, []],
    ["", []],
    ["封装测试", [501]],
    ["封装测试、晶圆制造", [501, 500]],
    [" 晶圆制造 ,封装测试;\n晶圆制造；", [500, 501]],
    ["、、", []],
  ] as [string | null, number[]][])("%j names the links %j", (cell, ids) => {
    expect(checkOne({ chain_links: cell }).row.chainLinkIds).toEqual(ids);
  });
});

describe("dates agree with the stage", () => {
  const stageName = (s: string) => t(`stage.${s}` as MessageKey);
  it.each([
    ["signed", {}, [["signed_on", "import.error.dateMissing"]]],
    ["registered", {}, [["signed_on", "import.error.dateMissing"]]],
    ["construction", { signed_on: "2024-01-01" }, [["construction_on", "import.error.dateMissing"]]],
    ["production", { signed_on: "2024-01-01", construction_on: "2024-02-01" }, [["production_on", "import.error.dateMissing"]]],
    ["contacted", {}, []], // a first-contact date may be unknown for old projects
    ["lead", { contacted_on: "2024-01-01" }, [["contacted_on", "import.error.dateBeyondStage"]]],
    ["negotiating", { signed_on: "2024-01-01" }, [["signed_on", "import.error.dateBeyondStage"]]],
  ] as [string, Cells, [string, string][]][])("%s with %o", (stage, cells, expected) => {
    const { errors } = checkOne({ stage, ...cells });
    expect(errors).toEqual(expected.map(([col, key]) => [col, msg(key, { stage: stageName(stage) })]));
  });

  it("a date that cannot be read is also a date the stage has not reached", () => {
    expect(checkOne({ signed_on: "garbage" }).errors).toEqual([
      ["signed_on", msg("import.error.date", { value: "garbage" })],
      ["signed_on", msg("import.error.dateBeyondStage", { stage: stageName("lead") })],
    ]);
  });

  it("dates run in order, also past a missing one", () => {
    const { errors } = checkOne({ stage: "construction", contacted_on: "2024-05-01", construction_on: "2024-04-01" });
    expect(errors).toEqual([
      ["signed_on", msg("import.error.dateMissing", { stage: stageName("construction") })],
      ["construction_on", msg("import.error.dateOrder", { date: "2024-04-01", other: msg("import.col.contacted_on"), otherDate: "2024-05-01" })],
    ]);
    expect(
      checkOne({
        stage: "production",
        contacted_on: "2024-01-01",
        signed_on: "2024-01-01",
        construction_on: "2024-01-01",
        production_on: "2024-01-01",
      }).errors,
    ).toEqual([]);
  });
});

describe("the file as a whole", () => {
  it("names the row where a doubled code first appeared", () => {
    const rows = [2, 3].map((row) => ({ row, cells: ["A-1", "项目", "某投资方", "半导体"] as SheetCell[] }));
    const r = checkSheet({ format: "csv", header: ["code", "name", "investor", "cluster"], rows }, ctx, t);
    expect(r.errors).toEqual([{ row: 3, column: msg("import.col.code"), message: msg("import.error.duplicateCode", { code: "A-1", first: 2 }) }]);
    expect(r.rows.map((x) => x.row)).toEqual([2]);
  });
});
