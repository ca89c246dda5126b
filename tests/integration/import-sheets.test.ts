// The project workbook's further sheets and the 产业链环节 column (issue 21 item 6, issue 22 item 2, decision 029):
// the export holds a 审批事项 sheet and each project's chain links; the same workbook imported again changes nothing;
// an edited one updates the checklist and the links in the import's one transaction, all or nothing; hostile sheets
// (a sheet or a header named __proto__, a huge cell, a NUL) are refused with a reason.
import ExcelJS from "exceljs";
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, chainLinks, industryChains, projectApprovals, projectChainLinks, projects } from "../../db/schema";
import { addDays, todayInZone } from "../../app/lib/dates";
import { translator } from "../../app/lib/i18n";
import type { Viewer } from "../../app/modules/auth/policy";
import { createChecklist } from "../../app/modules/approvals/approvals.server";
import { importTarget, runImport, startImportRun, templateTable } from "../../app/modules/imports/import.server";
import { exportProjects } from "../../app/modules/imports/list-exports.server";
import { toXlsx } from "../../app/modules/export/table-export.server";
import { parseProjectListParams } from "../../app/modules/projects/projects.schema";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createTwoCompanies } from "../support/factories";
import { row, workbookOfSheets } from "../support/hostile-xlsx";

const t = translator("zh");
const today = todayInZone();

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

describe.each(databaseKinds())("the workbook's approvals sheet and chain links (%s)", (kind) => {
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
    const clusterId = a.company.clusterId!;
    // In chain order: upstream first, then by the links' order.
    const rank = { upstream: 0, midstream: 1, downstream: 2 } as Record<string, number>;
    const links = (
      await db.db
        .select({ id: chainLinks.id, name: chainLinks.name, segment: chainLinks.segment, sortOrder: chainLinks.sortOrder })
        .from(chainLinks)
        .innerJoin(industryChains, eq(industryChains.id, chainLinks.chainId))
        .where(and(eq(industryChains.clusterId, clusterId), eq(industryChains.zoneId, ref.zoneId)))
    ).sort((x, y) => rank[x.segment] - rank[y.segment] || x.sortOrder - y.sortOrder || x.id - y.id);
    const otherLinks = await db.db
      .select({ id: chainLinks.id, name: chainLinks.name })
      .from(chainLinks)
      .innerJoin(industryChains, eq(industryChains.id, chainLinks.chainId))
      .where(and(eq(industryChains.clusterId, b.company.clusterId!), eq(industryChains.zoneId, ref.zoneId)));

    // A signed project with its checklist, partly worked, and two links of its cluster's chain.
    const project = await createProject(db.db, {
      zoneId: ref.zoneId,
      companyId: a.company.id,
      clusterId,
      ownerId: a.staff1.id,
      stage: "signed",
      signedOn: addDays(today, -40),
      plannedInvestmentWan: "52000.00",
      contractedInvestmentWan: "52000.00",
    });
    await db.db.transaction((tx) => createChecklist(tx, project.id));
    const items = await db.db
      .select()
      .from(projectApprovals)
      .where(eq(projectApprovals.projectId, project.id))
      .orderBy(asc(projectApprovals.sortOrder));
    await db.db
      .update(projectApprovals)
      .set({ agentId: a.staff2.id, submittedOn: addDays(today, -20), acceptedOn: addDays(today, -19), plannedApproveOn: addDays(today, 5) })
      .where(eq(projectApprovals.id, items[0].id));
    await db.db.update(projectApprovals).set({ notApplicable: true, notApplicableReason: "无新增用地" }).where(eq(projectApprovals.id, items[1].id));
    await db.db.insert(projectChainLinks).values([links[2], links[0]].map((l) => ({ projectId: project.id, linkId: l.id, zoneId: ref.zoneId })));
    return { ref, a, b, managerA: viewer(a.manager), managerB: viewer(b.manager), project, items, links, otherLinks };
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

  const itemsNow = () =>
    db.db
      .select()
      .from(projectApprovals)
      .where(eq(projectApprovals.projectId, w.project.id))
      .orderBy(asc(projectApprovals.sortOrder), asc(projectApprovals.id));
  const projectNow = async () => (await db.db.select().from(projects).where(eq(projects.id, w.project.id)))[0];
  const linksNow = async () =>
    (await db.db.select({ id: projectChainLinks.linkId }).from(projectChainLinks).where(eq(projectChainLinks.projectId, w.project.id)))
      .map((r) => r.id)
      .sort((x, y) => x - y);

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  beforeEach(async () => {
    await db.reset();
    w = await buildWorld();
  });
  afterAll(() => db?.dispose());

  it("exports the checklist as a sheet of its own and the links in chain order, and imports back changing nothing", async () => {
    const bytes = await exported(w.managerA);
    const workbook = await openXlsx(bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["项目", "审批事项", "政策兑现"]);
    const [projectSheet, approvals] = workbook.worksheets;
    expect(cellOf(projectSheet, "产业链环节").value).toBe(`${w.links[0].name}、${w.links[2].name}`);
    expect(approvals.rowCount).toBe(1 + w.items.length);
    expect(cellOf(approvals, "项目编号").value).toBe(w.project.code);
    expect(cellOf(approvals, "事项名称").value).toBe(w.items[0].name);
    expect(cellOf(approvals, "代办员").value).toBe(w.a.staff2.displayName);
    expect(cellOf(approvals, "提交日期").value).toEqual(new Date(`${addDays(today, -20)}T00:00:00Z`));
    expect(cellOf(approvals, "时限(天)").value).toBe(w.items[0].allowedDays);
    expect(cellOf(approvals, "状态").value).toBe("已受理");
    expect(cellOf(approvals, "状态", 3).value).toBe("不适用");
    expect(cellOf(approvals, "不适用原因", 3).value).toBe("无新增用地");
    expect(cellOf(approvals, "亮灯", 3).value).toBe("不适用");

    const itemsBefore = await itemsNow();
    const versionBefore = (await projectNow()).version;
    const auditBefore = await db.db.select().from(auditLog).where(eq(auditLog.zoneId, w.ref.zoneId));
    const again = await importAs(w.managerA, bytes);
    expect(again).toMatchObject({ status: "done", created: 0, updated: 0, sheets: {} });
    expect(await itemsNow()).toEqual(itemsBefore);
    expect((await projectNow()).version).toBe(versionBefore);
    expect(await linksNow()).toEqual([w.links[0].id, w.links[2].id].sort((x, y) => x - y));
    expect(await db.db.select().from(auditLog).where(eq(auditLog.zoneId, w.ref.zoneId))).toHaveLength(auditBefore.length);
  });

  it("an edited workbook updates and adds items and replaces the links, with versions and audit rows", async () => {
    const workbook = await openXlsx(await exported(w.managerA));
    const [projectSheet, approvals] = workbook.worksheets;
    cellOf(projectSheet, "产业链环节").value = w.links[1].name;
    cellOf(approvals, "批复日期").value = new Date(`${addDays(today, -2)}T00:00:00Z`);
    cellOf(approvals, "状态").value = "已批复";
    const added = approvals.addRow([]);
    const set = (header: string, value: ExcelJS.CellValue) => (cellOf(approvals, header, added.number).value = value);
    set("项目编号", w.project.code);
    set("事项名称", "水土保持方案审批");
    set("审批部门", "水务局");
    set("时限(天)", 20);
    set("代办员", w.a.staff1.login);

    const outcome = await importAs(w.managerA, await saveXlsx(workbook));
    expect(outcome).toMatchObject({ status: "done", created: 0, updated: 1, sheets: { approvals: { created: 1, updated: 1 } } });
    const items = await itemsNow();
    expect(items[0]).toMatchObject({ approvedOn: addDays(today, -2), version: w.items[0].version + 1, updatedById: w.a.manager.id });
    expect(items.at(-1)).toMatchObject({
      name: "水土保持方案审批",
      authority: "水务局",
      allowedDays: 20,
      agentId: w.a.staff1.id,
      requiredForConstruction: false,
    });
    expect(items.slice(1, -1).map((i) => i.version)).toEqual(w.items.slice(1).map((i) => i.version));
    expect(await linksNow()).toEqual([w.links[1].id]);
    expect((await projectNow()).version).toBe(w.project.version + 1);
    const audit = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "project_approval"), inArray(auditLog.entityId, [items[0].id, items.at(-1)!.id])));
    expect(audit.map((a) => a.action)).toEqual(["import", "import"]);
    const projectAudit = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, w.project.id)));
    expect(projectAudit.at(-1)!.after).toMatchObject({ chainLinkIds: [w.links[1].id] });
  });

  it("a bad approval row refuses the whole workbook, its project's change too, naming the sheet and cell", async () => {
    const workbook = await openXlsx(await exported(w.managerA));
    const [projectSheet, approvals] = workbook.worksheets;
    cellOf(projectSheet, "备注").value = "改了备注";
    cellOf(approvals, "提交日期", 3).value = new Date(`${addDays(today, 3)}T00:00:00Z`);
    cellOf(approvals, "代办员", 4).value = w.b.staff1.displayName;
    const outcome = await importAs(w.managerA, await saveXlsx(workbook));
    expect(outcome.status).toBe("refused");
    if (outcome.status !== "refused") return;
    expect(outcome.errors).toEqual([
      { row: 3, column: "审批事项 › 提交日期", message: "不能晚于今天" },
      { row: 4, column: "审批事项 › 代办员", message: expect.stringContaining(`没有姓名或登录名为“${w.b.staff1.displayName}”的在用招商人员`) },
    ]);
    expect((await projectNow()).note).toBeNull();
    expect(await itemsNow()).toHaveLength(w.items.length);
  });

  it("refuses approval rows of another company's project and an unknown chain link with the valid ones", async () => {
    const workbook = await openXlsx(await exported(w.managerA));
    const [projectSheet] = workbook.worksheets;
    cellOf(projectSheet, "产业链环节").value = `${w.links[0].name}、${w.otherLinks[0].name}`;
    const outcome = await importAs(w.managerB, await saveXlsx(workbook));
    expect(outcome.status).toBe("refused");
    if (outcome.status !== "refused") return;
    const approvalErrors = outcome.errors.filter((e) => e.column.startsWith("审批事项"));
    expect(approvalErrors).toHaveLength(w.items.length);
    expect(approvalErrors[0]).toEqual({ row: 2, column: "审批事项 › 项目编号", message: expect.stringContaining(`编号为“${w.project.code}”的项目`) });

    const mine = await importAs(w.managerA, await saveXlsx(workbook));
    expect(mine.status).toBe("refused");
    if (mine.status !== "refused") return;
    expect(mine.errors).toEqual([
      { row: 2, column: "产业链环节", message: expect.stringContaining(`产业链没有环节“${w.otherLinks[0].name}”，可选：${w.links[0].name}、`) },
    ]);
    expect(await linksNow()).toEqual([w.links[0].id, w.links[2].id].sort((x, y) => x - y));
  });

  it("refuses hostile sheets cleanly: a sheet or a header named __proto__, a huge cell, a NUL", async () => {
    const base = await exported(w.managerA);
    const refusedWith = async (edit: (wb: ExcelJS.Workbook) => void) => {
      const workbook = await openXlsx(base);
      edit(workbook);
      const outcome = await importAs(w.managerA, await saveXlsx(workbook));
      expect(outcome.status).toBe("refused");
      return outcome.status === "refused" ? outcome.errors : [];
    };
    expect(await refusedWith((wb) => wb.addWorksheet("__proto__").addRow(["x"]))).toEqual([
      {
        row: 0,
        column: "工作表",
        message: "无法识别的工作表“__proto__”，可导入的工作表：项目（第一张工作表）、审批事项、政策兑现。请删除该工作表或改用模板中的名称后再导入",
      },
    ]);
    expect(
      await refusedWith((wb) => {
        wb.worksheets[1].getCell(1, 1).value = "__proto__";
      }),
    ).toEqual([
      { row: 1, column: "审批事项 › __proto__", message: "无法识别的列“__proto__”，请使用导入模板的列名" },
      { row: 1, column: "审批事项 › 项目编号", message: "缺少此列" },
    ]);
    expect(
      await refusedWith((wb) => {
        cellOf(wb.worksheets[1], "备注", 3).value = "长".repeat(10_001);
      }),
    ).toEqual([{ row: 0, column: "文件", message: expect.stringContaining("（工作表“审批事项”）（第 3 行）") }]);
    // Excel and ExcelJS never write a NUL; a hand-made file can, raw in the sheet's XML.
    const projectsSheet = row(1, ["项目名称", "投资方", "产业集群"]) + row(2, ["甲", "乙", w.ref.clusters[0].name]);
    const withNul = workbookOfSheets([
      { name: "项目", body: projectsSheet },
      { name: "审批事项", body: row(1, ["项目编号", "事项名称", "备注"]) + row(2, [w.project.code, w.items[0].name, "a\u0000b"]) },
    ]);
    const nul = await importAs(w.managerA, withNul);
    expect(nul).toMatchObject({ status: "refused", errors: [{ row: 0, column: "文件", message: t("import.file.unreadable") }] });
    // A sheet named __proto__ in the workbook's own XML, as no spreadsheet program would check it.
    const proto = workbookOfSheets([
      { name: "项目", body: projectsSheet },
      { name: "__proto__", body: row(1, ["__proto__", "constructor"]) + row(2, ["x", "y"]) },
    ]);
    expect(await importAs(w.managerA, proto)).toMatchObject({
      status: "refused",
      errors: [{ row: 0, column: "工作表", message: expect.stringContaining("“__proto__”") }],
    });
    expect(await db.db.select().from(projects).where(eq(projects.zoneId, w.ref.zoneId))).toHaveLength(1);
  });

  it("the template carries an empty approvals sheet and still imports as it is", async () => {
    const bytes = await toXlsx(await templateTable(w.managerA, t));
    const workbook = await openXlsx(bytes);
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ["导入模板", "visible"],
      ["审批事项", "visible"],
      ["政策兑现", "visible"],
      ["选项", "hidden"],
    ]);
    expect(cellOf(workbook.worksheets[0], "产业链环节").value).toBe(w.links[0].name);
    expect(await importAs(w.managerA, bytes)).toMatchObject({ status: "done", created: 1, sheets: {} });
  });
});
