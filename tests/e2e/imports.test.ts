// The import API and the list exports over HTTP against the real server: 401/403/422, the size limit, and a
// company's export imported again gives back exactly what it held.
import ExcelJS from "exceljs";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manyRowsWorkbook, sharedStringsWorkbook, xfdWorkbook, zipBombWorkbook } from "../support/hostile-xlsx";
import { createApiToken } from "../../app/modules/auth/api-token.server";
import { databaseKinds } from "../support/db";
import { TEST_PASSWORD } from "../support/factories";
import type { TestServer } from "../support/server";
import { HttpSession, startTestServer } from "../support/server";
import type { World } from "../support/world";
import { prepareWorld } from "../support/world";

type ImportWorld = World & { tokens: { staff: string; manager: string; admin: string } };

const HEADER = "项目名称,投资方,产业集群,阶段,签约日期,总投资(万元)";

/** The reference zone's clusters, as an unknown cluster's message lists them. */
const CLUSTERS =
  "信息技术应用创新、半导体、大数据融合创新、光电、光伏、碳基新材料、特种金属材料、生物基新材料、先进轨道交通装备、煤机智能制造装备、智能网联新能源汽车、通用航空、现代生物医药和大健康、节能环保";

describe.each(databaseKinds())("the import API and exports (%s)", (kind) => {
  let server: TestServer<ImportWorld>;
  let manager: HttpSession;

  beforeAll(async () => {
    server = await startTestServer(kind, async (db) => {
      const world = await prepareWorld(db, { demoProjects: 40 });
      const { projects, users } = await import("../../db/schema");
      const { eq, inArray, sql } = await import("drizzle-orm");
      // Some of the world's projects were made at a stage without its date or contract; the app's gates never allow that.
      const reached = (stages: string[]) => inArray(projects.stage, stages as never[]);
      await db
        .update(projects)
        .set({
          signedOn: sql`coalesce(${projects.signedOn}, least(${projects.constructionOn}, '2026-03-01'))`,
          contractedInvestmentWan: sql`coalesce(${projects.contractedInvestmentWan}, ${projects.plannedInvestmentWan})`,
        })
        .where(reached(["signed", "registered", "construction", "production"]));
      await db
        .update(projects)
        .set({ constructionOn: sql`coalesce(${projects.constructionOn}, greatest(${projects.signedOn}, '2026-04-01'))` })
        .where(reached(["construction", "production"]));
      await db
        .update(projects)
        .set({ productionOn: sql`coalesce(${projects.productionOn}, greatest(${projects.constructionOn}, '2026-05-01'))` })
        .where(reached(["production"]));
      const id = async (login: string) => (await db.select({ id: users.id }).from(users).where(eq(users.login, login)))[0].id;
      return {
        ...world,
        tokens: {
          staff: await createApiToken(db, await id(world.logins.staff)),
          manager: await createApiToken(db, await id(world.logins.manager)),
          admin: await createApiToken(db, await id(world.logins.admin)),
        },
      };
    });
    manager = new HttpSession(server.baseUrl);
    await manager.signIn(server.data.logins.manager, TEST_PASSWORD);
  });
  afterAll(() => server?.stop());

  const post = (token: string | null, body: BodyInit, contentType?: string) =>
    fetch(`${server.baseUrl}/api/v1/imports`, {
      method: "POST",
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(contentType ? { "Content-Type": contentType } : {}) },
      body,
    });
  const listHas = async (name: string) => (await (await manager.get(`/projects?q=${encodeURIComponent(name)}`)).text()).includes(`>${name}</a>`);

  it("answers 401 without a valid token and 403 to a staff member's token", async () => {
    const csv = `${HEADER}\n接口测试项目,接口投资方,${server.data.clusterName},,,\n`;
    expect((await post(null, csv, "text/csv")).status).toBe(401);
    expect((await post("zcrm_not-a-token", csv, "text/csv")).status).toBe(401);
    const staff = await post(server.data.tokens.staff, csv, "text/csv");
    expect(staff.status).toBe(403);
    expect(await listHas("接口测试项目")).toBe(false);
  });

  it("refuses a file with a bad row with 422 and every problem, and writes nothing", async () => {
    const csv = `${HEADER}\n接口好项目,接口投资方,${server.data.clusterName},洽谈,,100\n接口坏项目,接口投资方,不存在的集群,签约,2026-02-30,abc\n`;
    const response = await post(server.data.tokens.manager, csv, "text/csv; charset=utf-8");
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { row: number; column: string; message: string }[] };
    expect(body.errors.map((e) => `${e.row} ${e.column}`)).toEqual(["3 产业集群", "3 总投资(万元)", "3 签约日期"]);
    expect(body.errors[0].message).toBe(`本区没有名为“不存在的集群”的产业集群，可选：${CLUSTERS}`);
    expect(await listHas("接口好项目")).toBe(false);
  });

  it("gives a refused run's problems to its manager as CSV and as XLSX, every problem in it", async () => {
    const csv = `${HEADER}\n下载错误好项目,接口投资方,${server.data.clusterName},洽谈,,100\n下载错误坏项目,接口投资方,不存在的集群,签约,,\n`;
    expect((await post(server.data.tokens.manager, csv, "text/csv")).status).toBe(422);
    const list = await (await manager.get("/imports")).text();
    const runId = /href="\/imports\/(\d+)"/.exec(list)?.[1];
    expect(runId).toBeDefined();
    const page = await (await manager.get(`/imports/${runId}`)).text();
    expect(page).toContain("本区没有名为“不存在的集群”的产业集群");

    // The page's own ?export= (as links once had it) leads to the download.
    const old = await manager.get(`/imports/${runId}?export=csv`);
    expect(old.status).toBe(302);
    expect(old.headers.get("location")).toBe(`/imports/${runId}/errors?export=csv`);
    expect(page).toContain(`href="/imports/${runId}/errors?export=csv"`);
    const asCsv = await manager.get(`/imports/${runId}/errors?export=csv`);
    expect(asCsv.status).toBe(200);
    expect(asCsv.headers.get("content-type")).toContain("text/csv");
    const lines = (await asCsv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe("行号,列,原因");
    expect(lines.slice(1)).toEqual([
      `3,产业集群,本区没有名为“不存在的集群”的产业集群，可选：${CLUSTERS}`,
      "3,签约日期,阶段为“签约”的项目须填写此日期",
    ]);

    const asXlsx = await manager.get(`/imports/${runId}/errors?export=xlsx`);
    expect(asXlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await asXlsx.arrayBuffer()) as ExcelJS.Buffer);
    const rows = workbook.worksheets[0]
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows).toEqual([
      ["行号", "列", "原因"],
      [3, "产业集群", `本区没有名为“不存在的集群”的产业集群，可选：${CLUSTERS}`],
      [3, "签约日期", "阶段为“签约”的项目须填写此日期"],
    ]);
  });

  it("imports a CSV body and answers with the counts; the projects are in the company's list", async () => {
    const csv = `${HEADER}\n接口新项目甲,接口投资方甲,${server.data.clusterName},签约,2026-05-06,"1,000.50"\n接口新项目乙,接口投资方甲,${server.data.clusterName},线索,,\n`;
    const response = await post(server.data.tokens.manager, csv, "text/csv");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ created: 2, updated: 0 });
    expect(await listHas("接口新项目甲")).toBe(true);
    expect(await listHas("接口新项目乙")).toBe(true);
  });

  it("takes a multipart field `file`: the company's export, imported again, matches every project and changes nothing", async () => {
    // The manager's list also shows projects handed over from the company (read-only): those are not theirs to import.
    const companyA = server.data.companyA.name;
    const exported = await manager.get("/projects/export?export=xlsx");
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported.arrayBuffer()) as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    for (let r = sheet.actualRowCount; r >= 2; r--) if (sheet.getRow(r).getCell(6).text !== companyA) sheet.spliceRows(r, 1);
    expect(sheet.actualRowCount - 1).toBeGreaterThan(2);
    sheet.getRow(2).getCell(16).value = "接口改过的备注";

    const form = new FormData();
    form.append("file", new Blob([await workbook.xlsx.writeBuffer()]), "导出.xlsx");
    const response = await post(server.data.tokens.manager, form);
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    // Every row found its project by code (nothing created); only the changed one is updated.
    expect(body).toEqual({ created: 0, updated: 1 });
    expect(await (await manager.get("/projects/export?export=csv")).text()).toContain("接口改过的备注");

    const ours = (csv: string) =>
      csv
        .split("\n")
        .filter((line, i) => i === 0 || line.includes(`,${companyA},`))
        .join("\n");
    const before = ours(await (await manager.get("/projects/export?export=csv")).text());
    const form2 = new FormData();
    form2.append("file", new Blob([before], { type: "text/csv" }), "导出.csv");
    expect(await (await post(server.data.tokens.manager, form2)).json()).toEqual({ created: 0, updated: 0 });
    expect(ours(await (await manager.get("/projects/export?export=csv")).text())).toBe(before);
  });

  const freshConnections = new Agent({ pipelining: 0 });
  /** Posts a file while polling /livez back to back; the slowest /livez answer tells whether the import held the server up. */
  async function postWatchingLivez(body: BodyInit, contentType?: string) {
    const answer = post(server.data.tokens.manager, body, contentType).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as Record<string, unknown>,
    }));
    let finished = false;
    void answer.finally(() => (finished = true));
    let slowest = 0;
    let polls = 0;
    while (!finished || polls < 3) {
      const t0 = performance.now();
      // Each poll on a connection of its own: a kept-alive one the server closed earlier would fail on reuse.
      expect((await fetch(`${server.baseUrl}/livez`, { dispatcher: freshConnections } as RequestInit)).status).toBe(200);
      slowest = Math.max(slowest, performance.now() - t0);
      polls++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const response = await answer;
    return { ...response, slowestLivez: slowest };
  }
  const fileError = (body: Record<string, unknown>) => (body.errors as { row: number; column: string; message: string }[])[0];

  it("refuses hostile workbooks with 422 and the reason, and /livez answers promptly meanwhile", async () => {
    const cases = [
      {
        name: "the 3 KB workbook with 300 cells in column XFD",
        file: xfdWorkbook(),
        message: "文件在第 64 列之后还有内容（导入模板的项目表只有 17 列），未导入。请删去多余的列后再导入。",
      },
      { name: "a zip bomb (a sheet of 220 MB)", file: zipBombWorkbook(220), message: "XLSX 文件解压后超过 200 MB，未导入。请拆分后分批导入。" },
      { name: "a zip bomb whose directory lies", file: zipBombWorkbook(60, 4096), message: "XLSX 文件解压后超过 200 MB，未导入。请拆分后分批导入。" },
      { name: "too many rows", file: manyRowsWorkbook(100_001), message: "文件超过 100000 行，请拆分后分批导入。" },
      {
        name: "huge shared strings",
        file: sharedStringsWorkbook({ declaredCount: 50_000_000 }),
        message: "XLSX 文件中的文字条目过多或过长，未导入。请拆分后分批导入。",
      },
    ];
    for (const c of cases) {
      const result = await postWatchingLivez(new Uint8Array(c.file));
      expect(result.status, c.name).toBe(422);
      expect(fileError(result.body), c.name).toEqual({ row: 0, column: "文件", message: c.message });
      // A behaviour check, not a benchmark: the reader runs off the event loop, so the server keeps answering.
      expect(result.slowestLivez, c.name).toBeLessThan(1000);
    }
    expect(await listHas("项目2")).toBe(false);
  }, 120_000);

  it("refuses a CSV with a NUL with 422 and the reason (not 500), and one with too many rows or too long a cell", async () => {
    const nul = await postWatchingLivez(`${HEADER}\n接口空字符\u0000项目,接口投资方,${server.data.clusterName},洽谈,,100\n`, "text/csv");
    expect(nul.status).toBe(422);
    expect(fileError(nul.body).message).toBe(
      "文件含有空字符（NUL），不是导入模板的 CSV 或 XLSX 文件。请在 Excel 中另存为“CSV UTF-8”或 XLSX 后再导入。",
    );
    const rows = Array.from({ length: 100_001 }, (_, i) => `接口多行${i},接口投资方,${server.data.clusterName},线索,,`).join("\n");
    const many = await postWatchingLivez(`${HEADER}\n${rows}\n`, "text/csv");
    expect(many.status).toBe(422);
    expect(fileError(many.body).message).toBe("文件超过 100000 行，请拆分后分批导入。");
    expect(many.slowestLivez).toBeLessThan(1000);
    const long = await post(
      server.data.tokens.manager,
      `${HEADER}\n接口长项目,${"长".repeat(10_001)},${server.data.clusterName},线索,,\n`,
      "text/csv",
    );
    expect(long.status).toBe(422);
    expect(fileError(await long.json()).message).toBe("文件中有超过 10000 个字符的单元格（第 2 行），未导入。");
    expect(await listHas("接口多行1")).toBe(false);
  }, 120_000);

  it("treats __proto__ and constructor as an unknown column and as plain text, never as object keys", async () => {
    const asHeader = await post(
      server.data.tokens.manager,
      `项目名称,投资方,产业集群,__proto__,constructor\n接口原型项目,接口投资方,${server.data.clusterName},x,y\n`,
      "text/csv",
    );
    expect(asHeader.status).toBe(422);
    expect(((await asHeader.json()) as { errors: unknown[] }).errors).toEqual([
      { row: 1, column: "__proto__", message: expect.stringContaining("__proto__") },
      { row: 1, column: "constructor", message: expect.stringContaining("constructor") },
    ]);
    const asValues = await post(
      server.data.tokens.manager,
      `${HEADER}\n__proto__,接口投资方__proto__,${server.data.clusterName},线索,,\nconstructor,constructor,${server.data.clusterName},线索,,\n`,
      "text/csv",
    );
    expect(asValues.status).toBe(200);
    expect(await asValues.json()).toEqual({ created: 2, updated: 0 });
    expect(await listHas("__proto__")).toBe(true);
    expect(await listHas("constructor")).toBe(true);
    const stage = await post(server.data.tokens.manager, `${HEADER}\n接口原型阶段,接口投资方,${server.data.clusterName},__proto__,,\n`, "text/csv");
    expect(stage.status).toBe(422);
    expect(((await stage.json()) as { errors: { column: string }[] }).errors.map((e) => e.column)).toEqual(["阶段"]);
  });

  it("still imports the template workbook as downloaded, its example row filled in", async () => {
    const template = await manager.get("/imports/template.xlsx");
    const form = new FormData();
    form.append("file", new Blob([await template.arrayBuffer()]), "模板.xlsx");
    const result = await postWatchingLivez(form);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toEqual({ created: 1, updated: 0 });
  });

  it("refuses a file over the size limit with the limit in the message", async () => {
    const big = new Uint8Array(21 * 1024 * 1024).fill(0x41);
    const response = await post(server.data.tokens.manager, big, "text/csv");
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe("文件超过 20 MB，未导入。请拆分后分批导入。");
  });

  it("offers the template with the headers and an example row, and every list as a file with the list's filters", async () => {
    const template = await manager.get("/imports/template.xlsx");
    expect(template.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await template.arrayBuffer()) as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      "项目编号",
      "项目名称",
      "投资方",
      "统一社会信用代码",
      "产业集群",
      "招商公司",
      "负责人",
      "来源渠道",
      "总投资(万元)",
      "阶段",
      "状态",
      "首次接洽日期",
      "签约日期",
      "开工日期",
      "投产日期",
      "备注",
      "产业链环节",
    ]);
    expect(sheet.actualRowCount).toBe(2);

    const filtered = await (await manager.get("/projects/export?stage=signed&export=csv")).text();
    const lines = filtered.trim().split("\n").slice(1);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toContain(",签约,");
    const investors = await manager.get("/investors/export?export=csv");
    expect([...new Uint8Array(await investors.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((await manager.get("/handoffs/export?export=xlsx")).status).toBe(200);
    expect((await manager.get(`/projects/${server.data.records.own.id}/activities/export?export=csv`)).status).toBe(200);
  });
});
