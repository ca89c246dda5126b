// The import template a manager downloads (its dropdowns and a example row that imports as it is), 负责人 taken by
// name, and the project export's typed cells: people by name, dates as dates, money as numbers.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { translator } from "../../app/lib/i18n";
import type { Viewer } from "../../app/modules/auth/policy";
import { importTarget, runImport, startImportRun, templateTable } from "../../app/modules/imports/import.server";
import { exportProjects } from "../../app/modules/imports/list-exports.server";
import { toXlsx } from "../../app/modules/export/table-export.server";
import { parseProjectListParams } from "../../app/modules/projects/projects.schema";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createReferenceZone, createTwoCompanies, createUser } from "../support/factories";

const t = translator("zh");
const HEADER =
  "项目编号,项目名称,投资方,统一社会信用代码,产业集群,招商公司,负责人,来源渠道,总投资(万元),阶段,状态,首次接洽日期,签约日期,开工日期,投产日期,备注";
const csv = (...rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join("\n") + "\n");

async function openXlsx(bytes: Uint8Array | ArrayBuffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((bytes instanceof Uint8Array ? bytes.slice().buffer : bytes) as ExcelJS.Buffer);
  return workbook;
}

/** The values of a dropdown's list: the formula's range on the hidden sheet, read off that sheet. */
function listValues(workbook: ExcelJS.Workbook, formula: string): string[] {
  const m = /^'(.+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(formula);
  if (!m) throw new Error(`not a list range: ${formula}`);
  const sheet = workbook.getWorksheet(m[1])!;
  const out: string[] = [];
  for (let r = Number(m[3]); r <= Number(m[5]); r++) out.push(String(sheet.getCell(`${m[2]}${r}`).value));
  return out;
}

describe.each(databaseKinds())("import template and project export (%s)", (kind) => {
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
    const clusterOf = (companyId: number) => ref.clusters.find((c) => c.id === ref.companies.find((x) => x.id === companyId)!.clusterId)!;
    return { ref, a, b, managerA: viewer(a.manager), clusterA: clusterOf(a.company.id).name };
  }

  async function importAs(viewer: Viewer, bytes: Uint8Array, format: "csv" | "xlsx" = "csv") {
    const target = await importTarget(viewer, undefined);
    if (target.kind !== "ok") throw new Error(target.kind);
    const runId = await startImportRun(viewer, { companyId: target.value.companyId, fileName: `项目.${format}`, format });
    return runImport(viewer, runId, bytes, target.value.companyId, t);
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  beforeEach(async () => {
    await db.reset();
    w = await buildWorld();
  });
  afterAll(() => db?.dispose());

  it("the template has dropdowns for cluster, stage, status, source and the company's people by name", async () => {
    const workbook = await openXlsx(await toXlsx(await templateTable(w.managerA, t)));
    // The projects' sheet first, then the approvals' and the benefits' (decision 029), then the hidden lists.
    expect(workbook.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      ["导入模板", "visible"],
      ["审批事项", "visible"],
      ["政策兑现", "visible"],
      [expect.any(String), "hidden"],
    ]);
    const [sheet] = workbook.worksheets;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const validation = (name: string, row = 2) => sheet.getCell(row, col(name)).dataValidation;

    for (const name of ["产业集群", "阶段", "状态", "来源渠道", "负责人"]) {
      expect(validation(name), name).toMatchObject({ type: "list", allowBlank: true });
      // The dropdown reaches well below the example row.
      expect(validation(name, 500)?.type, name).toBe("list");
    }
    expect(validation("项目名称")).toBeUndefined();
    expect(listValues(workbook, validation("产业集群")!.formulae[0])).toEqual(w.ref.clusters.map((c) => c.name));
    expect(listValues(workbook, validation("阶段")!.formulae[0])).toEqual([
      "线索",
      "首次接洽",
      "洽谈",
      "会商评审",
      "签约",
      "注册落地",
      "开工",
      "投产",
    ]);
    expect(listValues(workbook, validation("状态")!.formulae[0])).toEqual(["推进中", "暂缓", "终止"]);
    expect(listValues(workbook, validation("来源渠道")!.formulae[0])).toContain("以商招商");
    const people = listValues(workbook, validation("负责人")!.formulae[0]);
    expect(people.sort()).toEqual([w.a.manager.displayName, w.a.staff1.displayName, w.a.staff2.displayName].sort());
    // A login may be typed into 负责人: Excel warns there instead of refusing.
    expect(validation("负责人")!.errorStyle).toBe("warning");
    expect(validation("阶段")!.errorStyle).toBe("stop");
  });

  it("the template's example row agrees with itself and imports as it is", async () => {
    const bytes = await toXlsx(await templateTable(w.managerA, t));
    const sheet = (await openXlsx(bytes)).worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const cell = (name: string) => sheet.getCell(2, header.indexOf(name) + 1).value;
    expect(cell("产业集群")).toBe(w.clusterA);
    expect(String(cell("项目名称"))).toContain(w.clusterA);
    expect(cell("负责人")).toBe(w.a.manager.displayName);
    expect(cell("阶段")).toBe("签约");
    const contacted = cell("首次接洽日期") as Date;
    const signed = cell("签约日期") as Date;
    expect(contacted).toBeInstanceOf(Date);
    expect(contacted.getTime()).toBeLessThan(signed.getTime());
    expect(cell("开工日期")).toBeNull();

    const outcome = await importAs(w.managerA, bytes, "xlsx");
    expect(outcome).toMatchObject({ status: "done", created: 1 });
  });

  it("takes 负责人 by name; namesakes need the login; an unknown one is told the choices", async () => {
    const twin1 = await createUser(db.db, { zoneId: w.ref.zoneId, companyId: w.a.company.id, role: "staff", displayName: "王磊" });
    const twin2 = await createUser(db.db, { zoneId: w.ref.zoneId, companyId: w.a.company.id, role: "staff", displayName: "王磊" });

    const byName = await importAs(w.managerA, csv(`,按姓名,投资方甲,,${w.clusterA},,${w.a.staff1.displayName},,,线索,,,,,,`));
    expect(byName).toMatchObject({ status: "done", created: 1 });

    const ambiguous = await importAs(w.managerA, csv(`,同名,投资方乙,,${w.clusterA},,王磊,,,线索,,,,,,`));
    expect(ambiguous.status).toBe("refused");
    if (ambiguous.status !== "refused") return;
    expect(ambiguous.errors).toEqual([
      {
        row: 2,
        column: "负责人",
        message: `${w.a.company.name}有 2 位名为“王磊”的人员，请改填登录名：${[twin1.login, twin2.login].sort().join("、")}`,
      },
    ]);

    const unknown = await importAs(w.managerA, csv(`,查无此人,投资方丙,,${w.clusterA},,${w.b.staff1.displayName},朋友介绍,,线索,,,,,,`));
    expect(unknown.status).toBe("refused");
    if (unknown.status !== "refused") return;
    const owner = unknown.errors.find((e) => e.column === "负责人")!.message;
    expect(owner).toContain(`没有姓名或登录名为“${w.b.staff1.displayName}”的在用招商人员，可选：`);
    for (const u of [w.a.manager, w.a.staff1, w.a.staff2]) expect(owner).toContain(u.displayName);
    expect(unknown.errors.find((e) => e.column === "来源渠道")!.message).toBe(
      "无法识别的来源渠道“朋友介绍”，可选：以商招商、驻点招商、展会招商、中介招商、网络招商、上门洽谈、基金招商、其他",
    );
  });

  it("exports 负责人 by name, dates as date cells and money as numbers, and imports back unchanged", async () => {
    const imported = await importAs(
      w.managerA,
      csv(`,导出检查,投资方丁,,${w.clusterA},,${w.a.staff1.login},展会招商,"12,345.5",签约,,2026-03-02,2026-09-18,,,`),
    );
    expect(imported).toMatchObject({ status: "done", created: 1 });
    const url = new URL("http://x/projects/export?export=xlsx");
    const response = await exportProjects(w.managerA, parseProjectListParams(url.searchParams), "xlsx", url, t);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const toBytes = async (_: Response) => bytes;
    const sheet = (await openXlsx(bytes)).worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const cell = (name: string) => sheet.getCell(2, header.indexOf(name) + 1);
    expect(cell("负责人").value).toBe(w.a.staff1.displayName);
    expect(cell("签约日期").value).toEqual(new Date(Date.UTC(2026, 8, 18)));
    expect(cell("签约日期").numFmt).toBe("yyyy-mm-dd");
    expect(cell("总投资(万元)").value).toBe(12345.5);
    expect(cell("总投资(万元)").numFmt).toBe("#,##0.00");

    // The file goes back in as it came out: the same project and owner, so no row changes.
    const again = await importAs(w.managerA, await toBytes(response), "xlsx");
    expect(again).toMatchObject({ status: "done", created: 0, updated: 0 });
  });
});
