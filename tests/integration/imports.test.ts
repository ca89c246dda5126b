// Importing a project sheet: the whole file or nothing, updates by 项目编号 within the importer's rights, investors
// matched by code then name, history rows with the file's business dates, and audit rows.
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, importRuns, investors, projectEvents, projectHoldings, projectRollups, projectStageFirsts, projects } from "../../db/schema";
import { todayInZone } from "../../app/lib/dates";
import { translator } from "../../app/lib/i18n";
import { completeUscc } from "../../app/lib/uscc";
import type { Viewer } from "../../app/modules/auth/policy";
import { importTarget, runImport, startImportRun } from "../../app/modules/imports/import.server";
import { getImportRun } from "../../app/modules/imports/import-runs.server";
import { createProjectSchema } from "../../app/modules/projects/project-form.schema";
import { createProject as createProjectInApp } from "../../app/modules/projects/project-edits.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createInvestor, createProject, createReferenceZone, createTwoCompanies } from "../support/factories";

const t = translator("zh");
const HEADER =
  "项目编号,项目名称,投资方,统一社会信用代码,产业集群,招商公司,负责人,来源渠道,总投资(万元),阶段,状态,首次接洽日期,签约日期,开工日期,投产日期,备注";
const csv = (...rows: string[]) => new TextEncoder().encode([HEADER, ...rows].join("\n") + "\n");

describe.each(databaseKinds())("imports (%s)", (kind) => {
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
    return {
      ref,
      a,
      b,
      managerA: viewer(a.manager),
      managerB: viewer(b.manager),
      admin: viewer({ id: ref.adminId, companyId: null, role: "admin" }),
      clusterA: clusterOf(a.company.id).name,
      clusterB: clusterOf(b.company.id).name,
    };
  }

  async function importAs(viewer: Viewer, bytes: Uint8Array, company?: string) {
    const target = await importTarget(viewer, company);
    if (target.kind !== "ok") throw new Error(target.kind);
    const runId = await startImportRun(viewer, { companyId: target.value.companyId, fileName: "项目.csv", format: "csv" });
    return runImport(viewer, runId, bytes, target.value.companyId, t);
  }

  const countOf = async (table: typeof projects | typeof investors | typeof auditLog | typeof projectEvents) =>
    (await db.db.select({ n: count() }).from(table))[0].n;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  beforeEach(async () => {
    await db.reset();
    w = await buildWorld();
  });
  afterAll(() => db?.dispose());

  it("refuses a file with one bad row whole: nothing is written, every problem is listed", async () => {
    const before = { projects: await countOf(projects), investors: await countOf(investors), audit: await countOf(auditLog) };
    const outcome = await importAs(
      w.managerA,
      csv(
        `,晋阳光电一期,晋阳光电有限公司,,${w.clusterA},,${w.a.staff1.login},,5000,洽谈,,,,,,`,
        `,晋阳光电二期,晋阳光电有限公司,,${w.clusterA},,,,"1,200.50",签约,,,,,,`,
        `,晋阳光电三期,晋阳光电有限公司,,${w.clusterA},,,,100,线索,,,,,,`,
      ),
    );
    expect(outcome.status).toBe("refused");
    if (outcome.status !== "refused") return;
    expect(outcome.errors).toEqual([{ row: 3, column: "签约日期", message: "阶段为“签约”的项目须填写此日期" }]);
    expect({ projects: await countOf(projects), investors: await countOf(investors), audit: await countOf(auditLog) }).toEqual(before);
    const [run] = await db.db.select().from(importRuns).where(eq(importRuns.id, outcome.runId));
    expect(run).toMatchObject({ status: "refused", totalRows: 3, createdCount: 0, errors: outcome.errors });
  });

  it("creates projects with their history at the file's business dates, first contact, holding and audit rows", async () => {
    const outcome = await importAs(
      w.managerA,
      csv(
        `,晋阳光电一期,晋阳光电有限公司,,${w.clusterA},,${w.a.staff1.login},展会招商,"52,000.10",开工,推进中,2023-03-01,2023-09-15,2024-04-02,,老台账迁入`,
      ),
    );
    expect(outcome).toMatchObject({ status: "done", created: 1, updated: 0 });
    const [p] = await db.db.select().from(projects).where(eq(projects.name, "晋阳光电一期"));
    expect(p).toMatchObject({
      companyId: w.a.company.id,
      ownerId: w.a.staff1.id,
      firstContactCompanyId: w.a.company.id,
      stage: "construction",
      status: "active",
      sourceChannel: "exhibition",
      contractedInvestmentWan: "52000.10",
      totalInvestmentWan: "52000.10",
      contactedOn: "2023-03-01",
      signedOn: "2023-09-15",
      constructionOn: "2024-04-02",
      productionOn: null,
      note: "老台账迁入",
      createdById: w.managerA.id,
    });
    expect(p.code).toMatch(/^ZS-\d{4}-\d{5}$/);
    const events = await db.db.select().from(projectEvents).where(eq(projectEvents.projectId, p.id)).orderBy(asc(projectEvents.id));
    expect(events.map((e) => [e.kind, e.toStage, e.businessOn])).toEqual([
      ["stage", "contacted", "2023-03-01"],
      ["stage", "signed", "2023-09-15"],
      ["stage", "construction", "2024-04-02"],
      ["imported", "construction", expect.any(String)],
    ]);
    expect(
      await db.db
        .select({ companyId: projectHoldings.companyId, fromOn: projectHoldings.fromOn })
        .from(projectHoldings)
        .where(eq(projectHoldings.projectId, p.id)),
    ).toEqual([{ companyId: w.a.company.id, fromOn: "2023-03-01" }]);
    const audit = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, p.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "import",
      actorId: w.managerA.id,
      after: expect.objectContaining({ name: "晋阳光电一期", stage: "construction" }),
    });
    const [investorAudit] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "investor"), eq(auditLog.entityId, p.investorId)));
    expect(investorAudit).toMatchObject({ action: "create" });
    expect(await getImportRun(w.managerA, outcome.runId)).toMatchObject({ status: "done", createdCount: 1, totalRows: 1 });
  });

  it("updates a project by its code, with history and the changed fields audited", async () => {
    const existing = await createProject(db.db, {
      zoneId: w.ref.zoneId,
      clusterId: w.a.company.clusterId!,
      companyId: w.a.company.id,
      ownerId: w.a.staff1.id,
      name: "旧名称",
    });
    const [investor] = await db.db.select().from(investors).where(eq(investors.id, existing.investorId));
    const outcome = await importAs(
      w.managerA,
      csv(`${existing.code},新名称,${investor.name},${investor.uscc},${w.clusterA},,${w.a.staff2.login},,8000,签约,,,2025-10-08,,,`),
    );
    expect(outcome).toMatchObject({ status: "done", created: 0, updated: 1 });
    const [p] = await db.db.select().from(projects).where(eq(projects.id, existing.id));
    expect(p).toMatchObject({
      name: "新名称",
      stage: "signed",
      signedOn: "2025-10-08",
      ownerId: w.a.staff2.id,
      contractedInvestmentWan: "8000.00",
      version: existing.version + 1,
      investorId: investor.id,
    });
    const events = await db.db.select().from(projectEvents).where(eq(projectEvents.projectId, p.id)).orderBy(asc(projectEvents.id));
    expect(events.slice(-3).map((e) => [e.kind, e.fromStage, e.toStage, e.businessOn === "2025-10-08"])).toEqual([
      ["stage", "lead", "signed", true],
      ["imported", "lead", "signed", false],
      ["owner", null, null, false],
    ]);
    const [audit] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, p.id)));
    expect(audit.before).toMatchObject({ name: "旧名称", stage: "lead" });
    expect(audit.after).toMatchObject({ name: "新名称", stage: "signed" });
  });

  it("keeps the funnel's stage dates and the pipeline's totals exact through an import and its re-import as updates", async () => {
    // Written by the triggers the import's statements fire (planned without JIT inside the import's transaction).
    const firstsOf = async (id: number) =>
      db.db
        .select({
          stage: projectStageFirsts.stage,
          reachedOn: projectStageFirsts.reachedOn,
          nextOn: projectStageFirsts.nextOn,
          companyId: projectStageFirsts.companyId,
        })
        .from(projectStageFirsts)
        .where(eq(projectStageFirsts.projectId, id))
        .orderBy(asc(projectStageFirsts.stage));
    const rollupsOfA = async () =>
      db.db
        .select({ stage: projectRollups.stage, projects: projectRollups.projects, investmentWan: projectRollups.investmentWan })
        .from(projectRollups)
        .where(and(eq(projectRollups.companyId, w.a.company.id), sql`${projectRollups.projects} <> 0`))
        .orderBy(asc(projectRollups.stage));
    const created = await importAs(
      w.managerA,
      csv(
        `,太行签约项目,太行投资有限公司,,${w.clusterA},,,,"1,200.50",签约,,2024-01-10,2024-06-20,,,`,
        `,汾河线索项目,汾河投资有限公司,,${w.clusterA},,,,300,线索,,,,,,`,
      ),
    );
    expect(created).toMatchObject({ status: "done", created: 2 });
    const [signed] = await db.db.select().from(projects).where(eq(projects.name, "太行签约项目"));
    const [lead] = await db.db.select().from(projects).where(eq(projects.name, "汾河线索项目"));
    expect(await firstsOf(signed.id)).toEqual([
      // nextOn is the next stage of the list's (negotiating), which the sheet skipped.
      { stage: "contacted", reachedOn: "2024-01-10", nextOn: null, companyId: w.a.company.id },
      { stage: "signed", reachedOn: "2024-06-20", nextOn: null, companyId: w.a.company.id },
    ]);
    expect(await rollupsOfA()).toEqual([
      { stage: "lead", projects: 1, investmentWan: "300.00" },
      { stage: "signed", projects: 1, investmentWan: "1200.50" },
    ]);

    const updated = await importAs(
      w.managerA,
      csv(
        `${signed.code},太行签约项目,太行投资有限公司,,${w.clusterA},,,,"1,200.50",签约,,2024-01-10,2024-06-20,,,改了备注`,
        `${lead.code},汾河线索项目,汾河投资有限公司,,${w.clusterA},,,,450,首次接洽,,2025-02-03,,,,`,
      ),
    );
    expect(updated).toMatchObject({ status: "done", created: 0, updated: 2 });
    expect(await firstsOf(signed.id)).toHaveLength(2);
    expect((await firstsOf(lead.id)).find((f) => f.stage === "contacted")).toEqual({
      stage: "contacted",
      reachedOn: "2025-02-03",
      nextOn: null,
      companyId: w.a.company.id,
    });
    expect(await rollupsOfA()).toEqual([
      { stage: "contacted", projects: 1, investmentWan: "450.00" },
      { stage: "signed", projects: 1, investmentWan: "1200.50" },
    ]);
  });

  it("leaves a project whose row changes nothing untouched: same version, no history, no audit row", async () => {
    const existing = await createProject(db.db, {
      zoneId: w.ref.zoneId,
      clusterId: w.a.company.clusterId!,
      companyId: w.a.company.id,
      ownerId: w.a.staff1.id,
      name: "不变项目",
      plannedInvestmentWan: "300.00",
    });
    const [investor] = await db.db.select().from(investors).where(eq(investors.id, existing.investorId));
    const events = async () => (await db.db.select({ n: count() }).from(projectEvents).where(eq(projectEvents.projectId, existing.id)))[0].n;
    const before = await events();
    const outcome = await importAs(
      w.managerA,
      csv(`${existing.code},不变项目,${investor.name},${investor.uscc},${w.clusterA},,${w.a.staff1.login},,300,线索,推进中,,,,,`),
    );
    expect(outcome).toMatchObject({ status: "done", created: 0, updated: 0 });
    expect((await db.db.select().from(projects).where(eq(projects.id, existing.id)))[0].version).toBe(existing.version);
    expect(await events()).toBe(before);
    expect(
      await db.db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, existing.id))),
    ).toEqual([{ n: 0 }]);
  });

  it("refuses a manager's row whose code belongs to another company exactly as a code no project has; an admin updates it", async () => {
    const theirs = await createProject(db.db, {
      zoneId: w.ref.zoneId,
      clusterId: w.b.company.clusterId!,
      companyId: w.b.company.id,
      ownerId: w.b.staff1.id,
    });
    const [investor] = await db.db.select().from(investors).where(eq(investors.id, theirs.investorId));
    const row = `${theirs.code},改名,${investor.name},,${w.clusterB},,,,,洽谈,,,,,,`;
    const before = await countOf(projects);
    const refused = await importAs(w.managerA, csv(`${theirs.code},改名,${investor.name},,${w.clusterA},,,,,洽谈,,,,,,`));
    const nobody = await importAs(w.managerA, csv(`ZS-1999-99999,改名,${investor.name},,${w.clusterA},,,,,洽谈,,,,,,`));
    // The same answer, but for the code the manager typed: nothing tells that another company has that project.
    const masked = (o: typeof refused, code: string) =>
      o.status === "refused" ? o.errors.map((e) => ({ ...e, message: e.message.replace(code, "CODE") })) : o;
    expect(refused.status).toBe("refused");
    expect(masked(refused, theirs.code)).toEqual(masked(nobody, "ZS-1999-99999"));
    expect(masked(refused, theirs.code)).toEqual([
      { row: 2, column: "项目编号", message: "没有您可以更新的、编号为“CODE”的项目。新项目请将项目编号留空，由系统编号" },
    ]);
    expect((await db.db.select().from(projects).where(eq(projects.id, theirs.id)))[0].name).toBe(theirs.name);
    expect(await countOf(projects)).toBe(before);
    const done = await importAs(w.admin, csv(row));
    expect(done).toMatchObject({ status: "done", updated: 1 });
    expect((await db.db.select().from(projects).where(eq(projects.id, theirs.id)))[0]).toMatchObject({ name: "改名", stage: "negotiating" });
    // Into one chosen company only.
    expect(await importAs(w.admin, csv(row), String(w.a.company.id))).toMatchObject({ status: "refused" });
  });

  it("refuses an admin import over a confidential project as if no project had its code, and leaves it untouched", async () => {
    const secret = await createProject(db.db, {
      zoneId: w.ref.zoneId,
      clusterId: w.b.company.clusterId!,
      companyId: w.b.company.id,
      ownerId: w.b.staff1.id,
      name: "保密项目",
      confidential: true,
    });
    const [investor] = await db.db.select().from(investors).where(eq(investors.id, secret.investorId));
    const [stored] = await db.db.select().from(projects).where(eq(projects.id, secret.id));
    const over = await importAs(w.admin, csv(`${secret.code},管理员改名,${investor.name},,${w.clusterB},,,,,洽谈,,,,,,`));
    const nobody = await importAs(w.admin, csv(`ZS-1999-99998,管理员改名,${investor.name},,${w.clusterB},,,,,洽谈,,,,,,`));
    expect(over).toMatchObject({
      status: "refused",
      errors: [{ row: 2, column: "项目编号", message: `没有您可以更新的、编号为“${secret.code}”的项目。新项目请将项目编号留空，由系统编号` }],
    });
    expect(nobody).toMatchObject({
      status: "refused",
      errors: [{ row: 2, column: "项目编号", message: "没有您可以更新的、编号为“ZS-1999-99998”的项目。新项目请将项目编号留空，由系统编号" }],
    });
    // Nothing of the project changed, nor its history; the message names neither its company nor its name.
    expect((await db.db.select().from(projects).where(eq(projects.id, secret.id)))[0]).toEqual(stored);
    expect(
      await db.db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, secret.id))),
    ).toEqual([{ n: 0 }]);
    expect(JSON.stringify(over)).not.toContain(w.b.company.name);
    // Its company's manager still updates it.
    expect(await importAs(w.managerB, csv(`${secret.code},经理改名,${investor.name},,${w.clusterB},,,,,洽谈,,,,,,`))).toMatchObject({
      status: "done",
      updated: 1,
    });
  });

  it("matches investors by code, then by exact name, and creates a new one once for several rows", async () => {
    const known = await createInvestor(db.db, { zoneId: w.ref.zoneId, name: "山西已登记科技有限公司" });
    const nameOnly = await createInvestor(db.db, { zoneId: w.ref.zoneId, name: "太原只知名称有限公司" });
    await db.db.update(investors).set({ uscc: null }).where(eq(investors.id, nameOnly.id));
    const fresh = completeUscc("91140100MA9999991");
    const outcome = await importAs(
      w.managerA,
      csv(
        `,按代码匹配,另一个写法的名称,${known.uscc},${w.clusterA},,,,,,,,,,,`,
        `,按名称匹配,太原只知名称有限公司,${fresh},${w.clusterA},,,,,,,,,,,`,
        `,新投资方一,全新投资方有限公司,,${w.clusterA},,,,,,,,,,,`,
        `,新投资方二,全新投资方有限公司,,${w.clusterA},,,,,,,,,,,`,
      ),
    );
    expect(outcome).toMatchObject({ status: "done", created: 4 });
    const rows = await db.db
      .select({ name: projects.name, investorId: projects.investorId })
      .from(projects)
      .where(inArray(projects.name, ["按代码匹配", "按名称匹配", "新投资方一", "新投资方二"]))
      .orderBy(asc(projects.id));
    expect(rows[0].investorId).toBe(known.id);
    expect(rows[1].investorId).toBe(nameOnly.id);
    expect(rows[2].investorId).toBe(rows[3].investorId);
    // The name-matched investor without a code now has the file's.
    expect((await db.db.select().from(investors).where(eq(investors.id, nameOnly.id)))[0].uscc).toBe(fresh);
    expect(await db.db.select({ n: count() }).from(investors).where(eq(investors.name, "全新投资方有限公司"))).toEqual([{ n: 1 }]);
  });

  it("gives name-matched investors without a code the file's codes in one go: versions bumped, each audited", async () => {
    const first = await createInvestor(db.db, { zoneId: w.ref.zoneId, name: "太原甲有限公司" });
    const second = await createInvestor(db.db, { zoneId: w.ref.zoneId, name: "太原乙有限公司" });
    await db.db
      .update(investors)
      .set({ uscc: null })
      .where(inArray(investors.id, [first.id, second.id]));
    const [before] = await db.db.select({ version: investors.version }).from(investors).where(eq(investors.id, first.id));
    const codeA = completeUscc("91140100MA9999981");
    const codeB = completeUscc("91140100MA9999982");
    const outcome = await importAs(
      w.managerA,
      csv(
        `,甲项目,太原甲有限公司,${codeA},${w.clusterA},,,,,,,,,,,`,
        `,乙项目,太原乙有限公司,${codeB},${w.clusterA},,,,,,,,,,,`,
        `,甲二期,太原甲有限公司,${codeA},${w.clusterA},,,,,,,,,,,`,
      ),
    );
    expect(outcome).toMatchObject({ status: "done", created: 3 });
    const after = await db.db
      .select({ id: investors.id, uscc: investors.uscc, version: investors.version })
      .from(investors)
      .where(inArray(investors.id, [first.id, second.id]))
      .orderBy(asc(investors.id));
    expect(after).toEqual([
      { id: first.id, uscc: codeA, version: before.version + 1 },
      { id: second.id, uscc: codeB, version: before.version + 1 },
    ]);
    const audits = await db.db
      .select({ entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "investor"), eq(auditLog.action, "update")))
      .orderBy(asc(auditLog.id));
    expect(audits).toEqual([
      { entityId: first.id, before: { uscc: null }, after: { uscc: codeA } },
      { entityId: second.id, before: { uscc: null }, after: { uscc: codeB } },
    ]);
    expect(
      await db.db
        .select({ n: count() })
        .from(investors)
        .where(inArray(investors.name, ["太原甲有限公司", "太原乙有限公司"])),
    ).toEqual([{ n: 2 }]);
  });

  it("writes nothing when the database fails half-way through the write, and marks the run failed", async () => {
    // A failure after the projects are inserted, as a crash mid-import would leave them: the transaction holds it all.
    await db.query(`create function fail_import() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$`);
    await db.query(`create trigger fail_import before insert on project_events for each statement execute function fail_import()`);
    try {
      const before = { projects: await countOf(projects), investors: await countOf(investors), audit: await countOf(auditLog) };
      const outcome = await importAs(w.managerA, csv(`,半途失败项目,半途失败投资方,,${w.clusterA},,,,,签约,,,2025-01-02,,,`));
      expect(outcome.status).toBe("failed");
      expect({ projects: await countOf(projects), investors: await countOf(investors), audit: await countOf(auditLog) }).toEqual(before);
      expect((await db.db.select().from(importRuns).where(eq(importRuns.id, outcome.runId)))[0].status).toBe("failed");
    } finally {
      await db.query("drop trigger fail_import on project_events");
      await db.query("drop function fail_import");
    }
  });

  it("keeps a running run running while its heartbeat is fresh, declares it failed once stale, and then writes nothing of it", async () => {
    const runId = await startImportRun(w.managerA, { companyId: w.a.company.id, fileName: "慢.csv", format: "csv" });
    // Any process may be asked: the row alone decides, and a fresh heartbeat means someone is working on it.
    expect(await getImportRun(w.managerA, runId)).toMatchObject({ status: "running", phase: "checking" });
    await db.db
      .update(importRuns)
      .set({ heartbeatAt: sql`now() - interval '59 seconds'` })
      .where(eq(importRuns.id, runId));
    expect(await getImportRun(w.admin, runId)).toMatchObject({ status: "running" });
    await db.db
      .update(importRuns)
      .set({ heartbeatAt: sql`now() - interval '61 seconds'` })
      .where(eq(importRuns.id, runId));
    expect(await getImportRun(w.managerA, runId)).toMatchObject({ status: "failed" });
    // The process that was thought gone finishes after all: the run stays failed and nothing of its file is written.
    const before = await countOf(projects);
    const outcome = await runImport(w.managerA, runId, csv(`,迟到的项目,迟到的投资方,,${w.clusterA},,,,,,,,,,,`), w.a.company.id, t);
    expect(outcome.status).toBe("failed");
    expect(await countOf(projects)).toBe(before);
    expect((await db.db.select().from(importRuns).where(eq(importRuns.id, runId)))[0]).toMatchObject({ status: "failed", createdCount: 0 });
  });

  it("keeps the run's phase, counts and heartbeat in its row", async () => {
    const outcome = await importAs(
      w.managerA,
      csv(`,行内进度甲,行内投资方,,${w.clusterA},,,,,,,,,,,`, `,行内进度乙,行内投资方,,${w.clusterA},,,,,,,,,,,`),
    );
    const [run] = await db.db.select().from(importRuns).where(eq(importRuns.id, outcome.runId));
    expect(run).toMatchObject({ status: "done", phase: null, totalRows: 2, doneRows: 2, createdCount: 2 });
    expect(run.heartbeatAt).toBeInstanceOf(Date);
  });

  it("shows a run to its importer, their company's manager and the zone's admins only", async () => {
    const outcome = await importAs(w.managerA, csv(`,可见性项目,可见性投资方,,${w.clusterA},,,,,,,,,,,`));
    expect(await getImportRun(w.managerA, outcome.runId)).toMatchObject({ id: outcome.runId });
    expect(await getImportRun(w.admin, outcome.runId)).toMatchObject({ id: outcome.runId });
    expect(await getImportRun(w.managerB, outcome.runId)).toBeUndefined();
    expect(await getImportRun({ ...w.managerA, zoneId: w.ref.zoneId + 999 }, outcome.runId)).toBeUndefined();
  });

  it("refuses the staff and other zones: only managers and admins import", async () => {
    expect(await importTarget({ id: w.a.staff1.id, zoneId: w.ref.zoneId, companyId: w.a.company.id, role: "staff" }, null)).toEqual({
      kind: "forbidden",
    });
    expect(await importTarget(w.admin, "999999")).toEqual({ kind: "invalid", fieldErrors: { company: "import.companyInvalid" } });
    expect(await importTarget(w.managerA, String(w.b.company.id))).toEqual({ kind: "ok", value: { companyId: w.a.company.id } });
  });

  it("numbers projects created in the app and imported alike, and never twice when both happen at once", async () => {
    const year = todayInZone().slice(0, 4);
    const clusterId = String(w.ref.clusters.find((c) => c.name === w.clusterA)!.id);
    const investors = await Promise.all(Array.from({ length: 6 }, () => createInvestor(db.db, { zoneId: w.ref.zoneId })));
    const inApp = (n: number) =>
      createProjectInApp(w.a.manager, createProjectSchema.parse({ name: `同时编号应用项目${n}号`, investorName: investors[n].name, clusterId }));
    const sheet = (tag: string, n: number) =>
      csv(...Array.from({ length: n }, (_, i) => `,同时编号导入项目${tag}${i},同时编号导入投资方${tag}${i},,${w.clusterA},,,,,,,,,,,`));

    // One of each alone: the import goes on from the app's number.
    expect(await inApp(0)).toMatchObject({ kind: "ok", value: { code: `ZS-${year}-00001` } });
    expect(await importAs(w.managerA, sheet("甲", 2))).toMatchObject({ status: "done", created: 2 });
    expect(await inApp(1)).toMatchObject({ kind: "ok", value: { code: `ZS-${year}-00004` } });

    // Then all at once: four people creating while two sheets are imported.
    const outcomes = await Promise.all([
      inApp(2),
      importAs(w.managerA, sheet("乙", 3)),
      inApp(3),
      inApp(4),
      importAs(w.managerA, sheet("丙", 3)),
      inApp(5),
    ]);
    expect(outcomes.filter((o) => "status" in o).map((o) => ("status" in o ? o.status : ""))).toEqual(["done", "done"]);
    expect(outcomes.filter((o) => "kind" in o).every((o) => "kind" in o && o.kind === "ok")).toBe(true);

    const codes = (await db.db.select({ code: projects.code }).from(projects)).map((p) => p.code).sort();
    expect(codes).toEqual(Array.from({ length: 14 }, (_, i) => `ZS-${year}-${String(i + 1).padStart(5, "0")}`));
  });
});
