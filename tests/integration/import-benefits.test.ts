// The project workbook's 政策兑现 sheet (issue 21 item 6, decisions 028 and 029): the export holds the projects'
// benefits; the same workbook imported again changes nothing; an edited one updates and adds benefits in the import's
// one transaction, with versions and audit rows; a bad row refuses the whole file; another company's project is
// refused; the template carries the sheet empty.
import ExcelJS from "exceljs";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, importRuns, policies, policyBenefits, projects } from "../../db/schema";
import { addDays, todayInZone } from "../../app/lib/dates";
import { translator } from "../../app/lib/i18n";
import type { Viewer } from "../../app/modules/auth/policy";
import { checkBenefitSheet } from "../../app/modules/imports/benefit-sheet";
import { BenefitChangedMeanwhile, loadBenefitSheetContext, writeBenefitRows } from "../../app/modules/imports/benefit-sheet.server";
import { importTarget, runImport, startImportRun, templateTable } from "../../app/modules/imports/import.server";
import { exportProjects } from "../../app/modules/imports/list-exports.server";
import { toXlsx } from "../../app/modules/export/table-export.server";
import { parseProjectListParams } from "../../app/modules/projects/projects.schema";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createTwoCompanies } from "../support/factories";

const t = translator("zh");
const today = todayInZone();
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function openXlsx(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer as ExcelJS.Buffer);
  return workbook;
}
const saveXlsx = async (workbook: ExcelJS.Workbook) => new Uint8Array(await workbook.xlsx.writeBuffer());

/** A sheet's cell by its header and data row (row 2 is the first under the header). */
function cellOf(sheet: ExcelJS.Worksheet, header: string, row = 2) {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  const col = headers.indexOf(header) + 1;
  if (col === 0) throw new Error(`no column ${header}`);
  return sheet.getCell(row, col);
}
const benefitsOf = (workbook: ExcelJS.Workbook) => workbook.getWorksheet("政策兑现")!;

describe.each(databaseKinds())("the workbook's policy benefits sheet (%s)", (kind) => {
  let db: TestDatabase;
  let w: Awaited<ReturnType<typeof buildWorld>>;

  async function buildWorld() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const viewer = (u: { id: number; companyId: number | null; role: Viewer["role"] }): Viewer => ({
      id: u.id,
      zoneId: ref.zoneId,
      companyId: u.companyId,
      role: u.role,
    });
    const [power] = await db.db.select().from(policies).where(eq(policies.zoneId, ref.zoneId)).orderBy(asc(policies.id));
    const [rent] = await db.db
      .insert(policies)
      .values({ zoneId: ref.zoneId, title: "厂房租金减免", issuer: "管委会", benefit: "前三年租金减半" })
      .returning();
    const project = await createProject(db.db, {
      zoneId: ref.zoneId,
      companyId: a.company.id,
      clusterId: a.company.clusterId!,
      ownerId: a.staff1.id,
      stage: "signed",
      signedOn: addDays(today, -60),
      plannedInvestmentWan: "52000.00",
      contractedInvestmentWan: "52000.00",
    });
    // One benefit delivered short, one still owed.
    const stored = await db.db
      .insert(policyBenefits)
      .values([
        {
          projectId: project.id,
          policyId: power.id,
          promisedWan: "1234567.89",
          promisedOn: addDays(today, -50),
          deliveredWan: "1000000.01",
          deliveredOn: addDays(today, -10),
          note: "首期",
          createdById: a.manager.id,
        },
        { projectId: project.id, policyId: rent.id, promisedWan: "80.50", promisedOn: addDays(today, -40), createdById: a.manager.id },
      ])
      .returning();
    return { ref, a, b, managerA: viewer(a.manager), managerB: viewer(b.manager), power, rent, project, stored };
  }

  async function importAs(viewer: Viewer, bytes: Uint8Array) {
    const target = await importTarget(viewer, undefined);
    if (target.kind !== "ok") throw new Error(target.kind);
    const runId = await startImportRun(viewer, { companyId: target.value.companyId, fileName: "项目.xlsx", format: "xlsx" });
    return runImport(viewer, runId, bytes, target.value.companyId, t);
  }

  async function exported(viewer: Viewer) {
    const url = new URL("http://x/projects/export?export=xlsx");
    const response = await exportProjects(viewer, parseProjectListParams(url.searchParams), "xlsx", url, t);
    return new Uint8Array(await response.arrayBuffer());
  }

  const benefitsNow = () =>
    db.db
      .select()
      .from(policyBenefits)
      .where(eq(policyBenefits.projectId, w.project.id))
      .orderBy(asc(policyBenefits.promisedOn), asc(policyBenefits.id));
  const auditNow = () => db.db.select().from(auditLog).where(eq(auditLog.zoneId, w.ref.zoneId));

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  beforeEach(async () => {
    await db.reset();
    w = await buildWorld();
  });
  afterAll(() => db?.dispose());

  it("exports the benefits as a sheet of their own, amounts exact, and imports back changing nothing", async () => {
    const bytes = await exported(w.managerA);
    const workbook = await openXlsx(bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["项目", "审批事项", "政策兑现"]);
    const sheet = benefitsOf(workbook);
    expect(sheet.rowCount).toBe(3);
    expect(cellOf(sheet, "项目编号").value).toBe(w.project.code);
    expect(cellOf(sheet, "项目名称").value).toBe(w.project.name);
    expect(cellOf(sheet, "政策").value).toBe(w.power.title);
    expect(cellOf(sheet, "承诺金额(万元)").value).toBe(1234567.89);
    expect(cellOf(sheet, "承诺日期").value).toEqual(day(addDays(today, -50)));
    expect(cellOf(sheet, "兑现金额(万元)").value).toBe(1000000.01);
    expect(cellOf(sheet, "兑现日期").value).toEqual(day(addDays(today, -10)));
    expect(cellOf(sheet, "备注").value).toBe("首期");
    expect(cellOf(sheet, "政策", 3).value).toBe("厂房租金减免");
    // Not delivered: empty, never 0.
    expect(cellOf(sheet, "兑现金额(万元)", 3).value).toBeNull();
    expect(cellOf(sheet, "兑现日期", 3).value).toBeNull();

    const before = await benefitsNow();
    const auditBefore = await auditNow();
    const again = await importAs(w.managerA, bytes);
    expect(again).toMatchObject({ status: "done", created: 0, updated: 0, sheets: {} });
    expect(await benefitsNow()).toEqual(before);
    expect(await auditNow()).toHaveLength(auditBefore.length);
  });

  it("an edited workbook delivers, adds and amends benefits, with versions, audit rows and the run's counts", async () => {
    const workbook = await openXlsx(await exported(w.managerA));
    const sheet = benefitsOf(workbook);
    cellOf(sheet, "兑现金额(万元)", 3).value = "80.50";
    cellOf(sheet, "兑现日期", 3).value = day(addDays(today, -1));
    cellOf(sheet, "备注", 2).value = "第二期待拨付";
    const added = sheet.addRow([]);
    const set = (header: string, value: ExcelJS.CellValue) => (cellOf(sheet, header, added.number).value = value);
    set("项目编号", w.project.code);
    set("政策", w.power.code);
    set("承诺金额(万元)", "99999999999999.99");
    set("承诺日期", today);

    const outcome = await importAs(w.managerA, await saveXlsx(workbook));
    expect(outcome).toMatchObject({ status: "done", created: 0, updated: 0, sheets: { benefits: { created: 1, updated: 2 } } });
    const now = await benefitsNow();
    expect(now).toHaveLength(3);
    expect(now[0]).toMatchObject({ id: w.stored[0].id, note: "第二期待拨付", promisedWan: "1234567.89", deliveredWan: "1000000.01", version: 2 });
    expect(now[1]).toMatchObject({
      id: w.stored[1].id,
      deliveredWan: "80.50",
      deliveredOn: addDays(today, -1),
      version: 2,
      updatedById: w.a.manager.id,
    });
    expect(now[2]).toMatchObject({
      policyId: w.power.id,
      promisedWan: "99999999999999.99",
      promisedOn: today,
      deliveredWan: null,
      deliveredOn: null,
      note: null,
      createdById: w.a.manager.id,
      version: 1,
    });
    const audit = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "policy_benefit"), eq(auditLog.action, "import")));
    expect(audit.map((a) => a.entityId).sort((x, y) => x - y)).toEqual(now.map((b) => b.id).sort((x, y) => x - y));
    expect(audit.find((a) => a.entityId === w.stored[1].id)).toMatchObject({
      before: { deliveredWan: null, deliveredOn: null },
      after: { deliveredWan: "80.50", deliveredOn: addDays(today, -1) },
    });
    if (outcome.status !== "done") return;
    const [run] = await db.db.select().from(importRuns).where(eq(importRuns.id, outcome.runId));
    expect(run.sheetCounts).toEqual({ benefits: { created: 1, updated: 2 } });
  });

  it("a bad benefit row refuses the whole workbook, the project's change too, naming the sheet and cell", async () => {
    const workbook = await openXlsx(await exported(w.managerA));
    cellOf(workbook.worksheets[0], "备注").value = "改了备注";
    const sheet = benefitsOf(workbook);
    cellOf(sheet, "备注", 2).value = "好的一行";
    cellOf(sheet, "兑现日期", 2).value = day(addDays(today, -51));
    cellOf(sheet, "政策", 3).value = "没有的政策";
    const outcome = await importAs(w.managerA, await saveXlsx(workbook));
    expect(outcome.status).toBe("refused");
    if (outcome.status !== "refused") return;
    expect(outcome.errors).toEqual([
      { row: 2, column: "政策兑现 › 兑现日期", message: "兑现日期不能早于承诺日期" },
      { row: 3, column: "政策兑现 › 政策", message: expect.stringContaining("本区政策库中没有名为“没有的政策”的政策，可选：") },
    ]);
    expect((await db.db.select().from(projects).where(eq(projects.id, w.project.id)))[0].note).toBeNull();
    expect(await benefitsNow()).toEqual(expect.arrayContaining([expect.objectContaining({ id: w.stored[0].id, note: "首期", version: 1 })]));
    expect(await db.db.select().from(auditLog).where(eq(auditLog.entity, "policy_benefit"))).toHaveLength(0);
  });

  it("refuses benefit rows of another company's project", async () => {
    const workbook = await openXlsx(await exported(w.managerA));
    const added = benefitsOf(workbook).addRow([]);
    cellOf(benefitsOf(workbook), "项目编号", added.number).value = w.project.code;
    cellOf(benefitsOf(workbook), "政策", added.number).value = w.rent.title;
    cellOf(benefitsOf(workbook), "承诺金额(万元)", added.number).value = 1;
    cellOf(benefitsOf(workbook), "承诺日期", added.number).value = day(addDays(today, -3));
    const bytes = await saveXlsx(workbook);
    const outcome = await importAs(w.managerB, bytes);
    expect(outcome.status).toBe("refused");
    if (outcome.status !== "refused") return;
    const message = t("importSheets.benefits.error.project", { code: w.project.code });
    expect(outcome.errors.filter((e) => e.column.startsWith("政策兑现"))).toEqual(
      [2, 3, 4].map((r) => ({ row: r, column: "政策兑现 › 项目编号", message })),
    );
    expect(await benefitsNow()).toHaveLength(2);
    // The project's own company takes the same file: the exported rows change nothing, the added one is a new promise.
    expect(await importAs(w.managerA, bytes)).toMatchObject({ status: "done", sheets: { benefits: { created: 1, updated: 0 } } });
    expect(await benefitsNow()).toHaveLength(3);
  });

  it("a benefit saved by someone between the check and the write fails the write, nothing written", async () => {
    const sheet = {
      format: "xlsx" as const,
      header: ["项目编号", "政策", "承诺日期", "备注"],
      rows: [
        { row: 2, cells: [w.project.code, w.power.title, addDays(today, -50), "导入的备注"] },
        { row: 3, cells: [w.project.code, w.rent.title, addDays(today, -40), "另一条"] },
      ],
    };
    const checked = checkBenefitSheet(sheet, await loadBenefitSheetContext(db.db, w.managerA, sheet), "政策兑现", t);
    expect(checked.errors).toEqual([]);
    expect(checked.rows.map((r) => r.kind)).toEqual(["update", "update"]);
    await db.db.update(policyBenefits).set({ note: "页面上改的", version: 2 }).where(eq(policyBenefits.id, w.stored[1].id));
    await expect(db.db.transaction((tx) => writeBenefitRows(tx, w.managerA, checked.rows))).rejects.toBeInstanceOf(BenefitChangedMeanwhile);
    const now = await benefitsNow();
    expect(now.map((b) => [b.note, b.version])).toEqual([
      ["首期", 1],
      ["页面上改的", 2],
    ]);
    expect(await db.db.select().from(auditLog).where(eq(auditLog.entity, "policy_benefit"))).toHaveLength(0);
  });

  it("refuses hostile benefit sheets cleanly: a header named __proto__, a huge cell", async () => {
    const base = await exported(w.managerA);
    const refusedWith = async (edit: (wb: ExcelJS.Workbook) => void) => {
      const workbook = await openXlsx(base);
      edit(workbook);
      const outcome = await importAs(w.managerA, await saveXlsx(workbook));
      expect(outcome.status).toBe("refused");
      return outcome.status === "refused" ? outcome.errors : [];
    };
    expect(
      await refusedWith((wb) => {
        benefitsOf(wb).getCell(1, 1).value = "__proto__";
      }),
    ).toEqual([
      { row: 1, column: "政策兑现 › __proto__", message: "无法识别的列“__proto__”，请使用导入模板的列名" },
      { row: 1, column: "政策兑现 › 项目编号", message: "缺少此列" },
    ]);
    expect(
      await refusedWith((wb) => {
        cellOf(benefitsOf(wb), "备注", 3).value = "长".repeat(10_001);
      }),
    ).toEqual([{ row: 0, column: "文件", message: expect.stringContaining("（工作表“政策兑现”）（第 3 行）") }]);
    expect(await db.db.select().from(auditLog).where(eq(auditLog.entity, "policy_benefit"))).toHaveLength(0);
  });

  it("the template carries an empty benefits sheet and still imports as it is", async () => {
    const workbook = await openXlsx(await toXlsx(await templateTable(w.managerA, t)));
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ["导入模板", "visible"],
      ["审批事项", "visible"],
      ["政策兑现", "visible"],
      ["选项", "hidden"],
    ]);
    expect((benefitsOf(workbook).getRow(1).values as unknown[]).slice(1)).toEqual([
      "项目编号",
      "项目名称",
      "政策",
      "承诺金额(万元)",
      "承诺日期",
      "兑现金额(万元)",
      "兑现日期",
      "备注",
    ]);
    expect(await importAs(w.managerA, await saveXlsx(workbook))).toMatchObject({ status: "done", created: 1, sheets: {} });
  });
});
