import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ProjectStage, ProjectStatus, SourceChannel } from "~/lib/domain-values";
import { PROJECT_STAGES, PROJECT_STATUSES, SOURCE_CHANNELS } from "~/lib/domain-values";
import { translator } from "~/lib/i18n";
import { completeUscc } from "~/lib/uscc";
import { toCsv, toXlsx } from "~/modules/export/table-export.server";
import type { ImportContext, ImportRow } from "./import-rows";
import { checkSheet, checkSheetSteps, parseDate, parseMoney } from "./import-rows";
import type { ProjectSheetRecord } from "./import-template";
import { projectSheetTable, sourceLabel, stageLabel, statusLabel, TEMPLATE_KEYS } from "./import-template";
import { readImportFile } from "./read-file";
import { decodeText, readSheet } from "./read-sheet";

const t = translator("zh");

const ctx: ImportContext = {
  clusters: [
    { id: 1, name: "半导体" },
    { id: 2, name: "光伏" },
    { id: 3, name: "节能环保" },
  ],
  companies: [
    { id: 10, name: "半导体产业招商服务公司", shortName: "半导体", kind: "attraction", clusterId: 1 },
    { id: 20, name: "光伏产业招商服务公司", shortName: "光伏", kind: "attraction", clusterId: 2 },
    { id: 30, name: "综合招商服务公司", shortName: "综合招商", kind: "service", clusterId: null },
    { id: 40, name: "管委会", shortName: "管委会", kind: "committee", clusterId: null },
  ],
  users: [
    { id: 100, login: "bdt_s1", displayName: "李明", companyId: 10, role: "staff", disabled: false },
    { id: 101, login: "bdt_mgr", displayName: "张伟", companyId: 10, role: "manager", disabled: false },
    { id: 200, login: "gf_s1", displayName: "王芳", companyId: 20, role: "staff", disabled: false },
    { id: 300, login: "zh_s1", displayName: "陈静", companyId: 30, role: "staff", disabled: false },
    { id: 301, login: "gone", displayName: "杨帆", companyId: 30, role: "staff", disabled: true },
    { id: 400, login: "leader", displayName: "刘洋", companyId: 40, role: "leader", disabled: false },
  ],
  chainLinks: [],
  targetCompanyId: null,
};

const enc = (s: string) => new TextEncoder().encode(s);

// The reader itself, in this thread (the server runs it in a worker: read-file.ts, tested below).
async function check(bytes: Uint8Array, context: ImportContext = ctx) {
  const read = await readSheet(bytes);
  if (!read.ok) throw new Error(`unreadable: ${read.problem}`);
  return checkSheet(read.sheet, context, t);
}

const HEADER =
  "项目编号,项目名称,投资方,统一社会信用代码,产业集群,招商公司,负责人,来源渠道,总投资(万元),阶段,状态,首次接洽日期,签约日期,开工日期,投产日期,备注";
const USCC = completeUscc("91140100MA0000001");

describe("money cells", () => {
  it("reads 万元 exactly, with thousands separators, and rounds XLSX numbers to two places by their digits", () => {
    expect(parseMoney("1,234.50")).toEqual({ ok: true, value: "1234.50" });
    expect(parseMoney("1234.5")).toEqual({ ok: true, value: "1234.50" });
    expect(parseMoney(" 0 ")).toEqual({ ok: true, value: "0.00" });
    expect(parseMoney("")).toEqual({ ok: true, value: null });
    expect(parseMoney(0.1 + 0.2)).toEqual({ ok: true, value: "0.30" });
    expect(parseMoney(9999999999999.99)).toEqual({ ok: true, value: "9999999999999.99" });
    expect(parseMoney(1234.565)).toEqual({ ok: true, value: "1234.57" });
  });

  it("refuses what is not an amount", () => {
    expect(parseMoney("12a").ok).toBe(false);
    expect(parseMoney("1,23.00").ok).toBe(false);
    expect(parseMoney("1.234").ok).toBe(false);
    expect(parseMoney("-5").ok).toBe(false);
    expect(parseMoney("123456789012345").ok).toBe(false);
    expect(parseMoney(1e22).ok).toBe(false);
  });
});

describe("date cells", () => {
  it("reads the forms people type and Excel's date cells as the date typed", () => {
    expect(parseDate("2024-03-05")).toEqual({ ok: true, value: "2024-03-05" });
    expect(parseDate("2024/3/5")).toEqual({ ok: true, value: "2024-03-05" });
    expect(parseDate("2024年3月5日")).toEqual({ ok: true, value: "2024-03-05" });
    // ExcelJS hands a date cell over at UTC midnight; late evening in Shanghai must not slip a day.
    expect(parseDate(new Date(Date.UTC(2024, 2, 5)))).toEqual({ ok: true, value: "2024-03-05" });
    expect(parseDate(new Date(Date.UTC(2024, 2, 5, 23, 30)))).toEqual({ ok: true, value: "2024-03-05" });
    expect(parseDate(45356)).toEqual({ ok: true, value: "2024-03-05" });
  });

  it("refuses dates that do not exist", () => {
    expect(parseDate("2024-02-30").ok).toBe(false);
    expect(parseDate("05/03/2024").ok).toBe(false);
    expect(parseDate("明天").ok).toBe(false);
    expect(parseDate(1.5).ok).toBe(false);
  });
});

describe("reading files", () => {
  const row = `,晶圆封测项目,山西晶芯科技有限公司,${USCC},半导体,,bdt_s1,展会招商,"1,200.00",签约,推进中,2024-01-10,2024-06-01,,,`;

  it("takes off the apostrophe the CSV export puts before formula-like text, and only that one", async () => {
    const defused = row.replace(/,$/, ",'=1+1");
    const quoted = row.replace(/,$/, ",''@x");
    expect((await check(enc(`${HEADER}\n${defused}\n`))).rows[0].note).toBe("=1+1");
    expect((await check(enc(`${HEADER}\n${quoted}\n`))).rows[0].note).toBe("'@x");
  });

  it("reads UTF-8 with and without a BOM alike", async () => {
    const plain = await check(enc(`${HEADER}\n${row}\n`));
    const bom = await check(new Uint8Array([0xef, 0xbb, 0xbf, ...enc(`${HEADER}\n${row}\n`)]));
    expect(plain.errors).toEqual([]);
    expect(bom.rows).toEqual(plain.rows);
    expect(plain.rows[0]).toMatchObject({ name: "晶圆封测项目", companyId: 10, ownerId: 100, totalInvestmentWan: "1200.00", stage: "signed" });
  });

  it("reads GB18030, as Chinese Excel saves CSV", async () => {
    // "项目名称,投资方,产业集群\n光伏组件,晋能,光伏\n" encoded in GB18030 (GBK range).
    const gb = Buffer.from("cfeec4bfc3fbb3c62ccdb6d7cab7bd2cb2fad2b5bcafc8ba0ab9e2b7fcd7e9bcfe2cbdfac4dc2cb9e2b7fc0a", "hex");
    expect(decodeText(gb)).toBe("项目名称,投资方,产业集群\n光伏组件,晋能,光伏\n");
    const result = await check(gb);
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({ name: "光伏组件", investorName: "晋能", clusterId: 2, companyId: 20 });
  });

  it("reads XLSX date and number cells", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("项目");
    sheet.addRow(["项目名称", "投资方", "产业集群", "阶段", "签约日期", "开工日期", "总投资(万元)"]);
    sheet.addRow(["光伏电池片", "晋能清洁能源", "光伏", "开工", new Date(Date.UTC(2024, 4, 20)), new Date(Date.UTC(2024, 8, 1)), 52000.1]);
    sheet.getCell("E2").numFmt = "yyyy-mm-dd";
    sheet.getCell("F2").numFmt = "yyyy/m/d";
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await check(bytes);
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({
      signedOn: "2024-05-20",
      constructionOn: "2024-09-01",
      totalInvestmentWan: "52000.10",
      stage: "construction",
    });
  });

  it("accepts the English header names and labels", async () => {
    const result = await check(enc("name,investor,cluster,stage,status,total_investment_wan\nPV cells,Jinneng,光伏,Negotiating,On hold,10\n"));
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({ stage: "negotiating", status: "on_hold", totalInvestmentWan: "10.00" });
  });

  it("refuses unknown, doubled and missing columns at the header", async () => {
    const result = await check(enc("项目名称,投资方,签约时间,投资方\n光伏,晋能,2024-01-01,晋能\n"));
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [1, "签约时间"],
      [1, "投资方"],
      [1, "产业集群"],
    ]);
  });

  it("refuses an old .xls file and an empty one with a reason", async () => {
    expect(await readImportFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toEqual({ ok: false, problem: "xls" });
    expect(await readImportFile(enc(`${HEADER}\n`))).toEqual({ ok: false, problem: "empty" });
  });
});

describe("checking rows", () => {
  it("lists every bad row with its number, column and reason", async () => {
    const lines = [
      HEADER,
      `,好项目,投资方甲,,半导体,,,,100,线索,,,,,,`,
      `,,投资方乙,,钢铁,,,,abc,,,,,,,`,
      `,开工项目,投资方丙,91140100MA0000001X,半导体,,gf_s1,,,开工,,,2024-05-01,2024-04-01,,`,
      `,投产项目,投资方丁,,光伏,综合招商,zh_s1,,,投产,,,2024-01-01,2024-02-01,,`,
    ];
    const result = await check(enc(lines.join("\n")));
    const found = result.errors.map((e) => `${e.row}|${e.column}|${e.message}`);
    expect(found).toEqual([
      "3|项目名称|必填",
      "3|产业集群|本区没有名为“钢铁”的产业集群，可选：半导体、光伏、节能环保",
      "3|总投资(万元)|“abc”不是金额，请填写万元数，如 1234.50 或 1,234.50",
      expect.stringMatching(/^4\|统一社会信用代码\|统一社会信用代码校验位/),
      "4|负责人|“gf_s1”不属于半导体产业招商服务公司",
      "4|开工日期|2024-04-01 早于签约日期（2024-05-01）",
      "5|投产日期|阶段为“投产”的项目须填写此日期",
    ]);
    expect(result.rows.map((r) => r.row)).toEqual([2]);
  });

  it("puts a row without a company at its cluster's attraction company and holds rows to the import's company", async () => {
    const csv = enc(`项目名称,投资方,产业集群,招商公司\n甲,乙,半导体,\n丙,丁,光伏,综合招商服务公司\n`);
    const free = await check(csv);
    expect(free.rows.map((r) => r.companyId)).toEqual([10, 30]);
    const held = await check(csv, { ...ctx, targetCompanyId: 30 });
    expect(held.errors).toEqual([{ row: 2, column: "招商公司", message: "“半导体产业招商服务公司”不是本次导入的公司" }]);
  });

  it("refuses a code twice in one file, disabled owners, and dates beyond the stage", async () => {
    const result = await check(
      enc(`项目编号,项目名称,投资方,产业集群,负责人,阶段,签约日期\nZS-1,甲,乙,半导体,,洽谈,2024-01-01\nZS-1,丙,丁,综合招商,gone,,\n`),
    );
    expect(result.errors.map((e) => `${e.row}|${e.column}`)).toEqual(["2|签约日期", "3|产业集群", "3|负责人", "3|项目编号"]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties: whatever valid row is exported is read back unchanged; whatever is broken is refused with a reason.

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const textArb = (max: number) =>
  fc
    .stringMatching(new RegExp(`^[\\u4e00-\\u4e80A-Za-z0-9（）()·,;"'=+@ \\n-]{1,${max}}$`))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const dateArb = fc
  .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2030, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
// Up to fifteen significant digits: what an XLSX number cell (a double) holds exactly; a zone's largest project is far below.
const moneyArb = fc.bigInt({ min: 0n, max: 9_999_999_999_999_99n }).map((cents) => {
  const s = cents.toString().padStart(3, "0");
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
});

type Generated = { record: ProjectSheetRecord; expected: Omit<ImportRow, "row"> };

const validRow: fc.Arbitrary<Generated> = fc
  .record({
    code: fc.option(fc.stringMatching(/^ZS-20\d\d-\d{5}$/), { nil: null }),
    name: textArb(40),
    investor: textArb(40)
      .map((s) => s.replace(/\n/g, ""))
      .filter((s) => s.trim() === s && s.length > 0),
    uscc: fc.option(
      fc.array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 }).map((a) => completeUscc(a.join(""))),
      { nil: null },
    ),
    clusterIndex: fc.nat(2),
    namedCompany: fc.boolean(),
    withOwner: fc.boolean(),
    ownerByLogin: fc.boolean(),
    source: fc.option(fc.constantFrom(...SOURCE_CHANNELS), { nil: null }),
    money: fc.option(moneyArb, { nil: null }),
    stage: fc.constantFrom(...PROJECT_STAGES),
    status: fc.constantFrom(...PROJECT_STATUSES),
    dates: fc.array(dateArb, { minLength: 4, maxLength: 4 }).map((d) => [...d].sort()),
    withContacted: fc.boolean(),
    note: fc.option(textArb(80), { nil: null }),
  })
  .map((g): Generated => {
    const cluster = ctx.clusters[g.clusterIndex];
    const company = ctx.companies.find((c) => c.clusterId === cluster.id) ?? ctx.companies.find((c) => c.id === 30)!;
    const owner = ctx.users.find((u) => u.companyId === company.id && !u.disabled);
    const reached = (s: ProjectStage) => PROJECT_STAGES.indexOf(g.stage) >= PROJECT_STAGES.indexOf(s);
    const contactedOn = reached("contacted") && g.withContacted ? g.dates[0] : null;
    const signedOn = reached("signed") ? g.dates[1] : null;
    const constructionOn = reached("construction") ? g.dates[2] : null;
    const productionOn = reached("production") ? g.dates[3] : null;
    const named = g.namedCompany || company.kind !== "attraction";
    const record: ProjectSheetRecord = {
      code: g.code,
      name: g.name,
      investor: g.investor,
      uscc: g.uscc,
      cluster: cluster.name,
      chain_links: null,
      company: named ? company.name : null,
      // The export writes the owner's name; a sheet typed by hand may hold the login.
      owner: g.withOwner && owner ? (g.ownerByLogin ? owner.login : owner.displayName) : null,
      source: g.source ? sourceLabel(g.source) : null,
      total_investment_wan: g.money,
      stage: stageLabel(g.stage),
      status: statusLabel(g.status),
      contacted_on: contactedOn,
      signed_on: signedOn,
      construction_on: constructionOn,
      production_on: productionOn,
      note: g.note,
    };
    return {
      record,
      expected: {
        code: g.code,
        name: g.name,
        investorName: g.investor,
        uscc: g.uscc,
        clusterId: cluster.id,
        chainLinkIds: [],
        companyId: company.id,
        ownerId: g.withOwner && owner ? owner.id : null,
        sourceChannel: (g.source ?? null) as SourceChannel | null,
        totalInvestmentWan: g.money,
        stage: g.stage as ProjectStage,
        status: g.status as ProjectStatus,
        contactedOn,
        signedOn,
        constructionOn,
        productionOn,
        note: g.note,
      },
    };
  });

const strip = ({ row: _row, ...rest }: ImportRow) => rest;

describe("properties", () => {
  it("any valid row exported to CSV is imported unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(validRow, { minLength: 1, maxLength: 5 }), async (rows) => {
        const unique = rows.filter((r, i) => !r.record.code || rows.findIndex((o) => o.record.code === r.record.code) === i);
        const csv = toCsv(
          projectSheetTable(
            unique.map((r) => r.record),
            "x",
            "x",
          ),
        );
        const result = await check(enc(csv));
        expect(result.errors).toEqual([]);
        expect(result.rows.map(strip)).toEqual(unique.map((r) => r.expected));
      }),
      { numRuns: 150 },
    );
  });

  it("any valid row exported to XLSX is imported unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(validRow, async (row) => {
        const bytes = await toXlsx(projectSheetTable([row.record], "x", "x"));
        const result = await check(bytes);
        expect(result.errors).toEqual([]);
        expect(result.rows.map(strip)).toEqual([row.expected]);
      }),
      { numRuns: 40 },
    );
  });

  type Mutation = { column: (typeof TEMPLATE_KEYS)[number]; apply: (r: ProjectSheetRecord) => ProjectSheetRecord | null };
  const MUTATIONS: Mutation[] = [
    { column: "signed_on", apply: (r) => (r.signed_on ? { ...r, signed_on: `${r.signed_on.slice(0, 4)}-02-30` } : null) },
    { column: "uscc", apply: (r) => (r.uscc ? { ...r, uscc: r.uscc.slice(0, 17) + (r.uscc[17] === "0" ? "1" : "0") } : { ...r, uscc: "12345" }) },
    { column: "cluster", apply: (r) => ({ ...r, cluster: `${r.cluster}不存在` }) },
    { column: "total_investment_wan", apply: (r) => ({ ...r, total_investment_wan: "12,34.5x" }) },
    { column: "total_investment_wan", apply: (r) => ({ ...r, total_investment_wan: "1.005" }) },
    {
      column: "construction_on",
      apply: (r) =>
        r.signed_on && r.construction_on && r.signed_on < r.construction_on
          ? { ...r, construction_on: r.signed_on, signed_on: r.construction_on }
          : null,
    },
    { column: "stage", apply: (r) => ({ ...r, stage: "已完成" }) },
    { column: "status", apply: (r) => ({ ...r, status: "作废" }) },
    { column: "name", apply: (r) => ({ ...r, name: null }) },
    { column: "owner", apply: (r) => ({ ...r, owner: "nobody_here" }) },
    {
      column: "production_on",
      apply: (r) => (r.stage === stageLabel("production") ? { ...r, production_on: null } : { ...r, production_on: "2030-01-01" }),
    },
  ];

  it("any mutated row is refused with a reason in its column, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(validRow, fc.nat(MUTATIONS.length - 1), async (row, which) => {
        const mutation = MUTATIONS[which];
        const broken = mutation.apply(row.record);
        fc.pre(broken !== null);
        const result = await check(enc(toCsv(projectSheetTable([broken!], "x", "x"))));
        expect(result.rows).toEqual([]);
        expect(result.errors.length).toBeGreaterThan(0);
        for (const e of result.errors) {
          expect(e.row).toBe(2);
          expect(e.message.length).toBeGreaterThan(0);
        }
        expect(result.errors.map((e) => e.column)).toContain(t(`import.col.${mutation.column}`));
      }),
      { numRuns: 200 },
    );
  });
});

describe("checking a large sheet in steps (the server gives other requests a turn between them)", () => {
  const sheetOf = async (lines: string[]) => {
    const read = await readSheet(enc([HEADER, ...lines].join("\n")));
    if (!read.ok) throw new Error(`unreadable: ${read.problem}`);
    return read.sheet;
  };
  const run = (steps: Generator<void, ReturnType<typeof checkSheet>>) => {
    let pauses = 0;
    for (;;) {
      const step = steps.next();
      if (step.done) return { pauses, result: step.value };
      pauses++;
    }
  };

  it("pauses after every `slice` rows and answers what checkSheet answers, a code repeated across steps included", async () => {
    const sheet = await sheetOf([
      ",一号项目,甲投资有限公司,,半导体,,,,100,线索,,,,,,",
      "XM-1,二号项目,乙投资有限公司,,半导体,,,,100,线索,,,,,,",
      ",三号项目,丙投资有限公司,,不存在,,,,100,线索,,,,,,",
      ",四号项目,丁投资有限公司,,光伏,,,,100,线索,,,,,,",
      "XM-1,五号项目,戊投资有限公司,,光伏,,,,100,线索,,,,,,",
      ",六号项目,己投资有限公司,,光伏,,,,100,线索,,,,,,",
      ",七号项目,庚投资有限公司,,光伏,,,,100,线索,,,,,,",
    ]);
    const whole = checkSheet(sheet, ctx, t);
    expect(whole.errors.map((e) => e.row)).toEqual([4, 6]);
    expect(whole.rows).toHaveLength(5);
    expect(run(checkSheetSteps(sheet, ctx, t, 2))).toEqual({ pauses: 3, result: whole });
    expect(run(checkSheetSteps(sheet, ctx, t, 3))).toEqual({ pauses: 2, result: whole });
    expect(run(checkSheetSteps(sheet, ctx, t, 7))).toEqual({ pauses: 0, result: whole });
    expect(run(checkSheetSteps(sheet, ctx, t, 1))).toEqual({ pauses: 6, result: whole });
  });
});
