// An import writes its projects, history and holdings in batches, and the derived tables follow them by statement
// triggers (project_rollups, project_day_rollups, project_stage_firsts, investor_key_zones). After a large import of
// new projects and one of updates, each derived table must equal a direct recount from the projects and their
// history — row for row, not only for a handful of projects (issue 23 item 4: the import may be made faster, never
// less exact).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_STAGES } from "../../app/lib/domain-values";
import { translator } from "../../app/lib/i18n";
import { completeUscc } from "../../app/lib/uscc";
import type { Viewer } from "../../app/modules/auth/policy";
import { runImport, startImportRun } from "../../app/modules/imports/import.server";
import { stageLabel } from "../../app/modules/imports/import-template";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createReferenceZone, createTwoCompanies } from "../support/factories";

const t = translator("zh");
const HEADER =
  "项目编号,项目名称,投资方,统一社会信用代码,产业集群,招商公司,负责人,来源渠道,总投资(万元),阶段,状态,首次接洽日期,签约日期,开工日期,投产日期,备注";
const NEXT = PROJECT_STAGES.slice(0, -1)
  .map((s, i) => `('${s}'::project_stage, '${PROJECT_STAGES[i + 1]}'::project_stage)`)
  .join(", ");
/** Rows of the sheet: more than one turn of the import's event loop (1,000 rows). */
const ROWS = 1_300;

describe.each(databaseKinds())("an import's rollups against a recount (%s)", (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db?.dispose());

  /** Every row where a derived table and the recount from projects and history disagree, named by its table. */
  const drift = async () => [
    ...(await db.query(`
      with plain as (
        select f.zone_id, f.basis, f.measure, f.grain, f.period_on, f.company_id, f.evidenced,
          count(*)::int as projects, sum(f.investment_wan)::numeric(18,2) as investment_wan
        from projects p
        cross join lateral project_day_facts(p.id, p.zone_id, p.company_id, p.first_contact_company_id, p.created_at, p.contacted_on,
          p.signed_on, p.construction_on, p.production_on, p.last_activity_on, p.status, p.total_investment_wan) f
        group by 1, 2, 3, 4, 5, 6, 7),
      kept as (select * from project_day_rollups where projects <> 0 or investment_wan <> 0)
      select 'project_day_rollups' as t, * from plain full join kept r using (zone_id, basis, measure, grain, period_on, company_id, evidenced)
      where (plain.projects, plain.investment_wan) is distinct from (r.projects, r.investment_wan)`)),
    ...(await db.query(`
      select 'project_rollups' as t, * from (
        select zone_id, company_id, stage, status, count(*)::int as n, sum(total_investment_wan)::numeric(18,2) as wan,
          count(*) filter (where total_investment_wan >= 10000)::int as big
        from projects group by 1, 2, 3, 4) x
      full join (select * from project_rollups where projects <> 0) r using (zone_id, company_id, stage, status)
      where (x.n, x.big, coalesce(x.wan, 0)) is distinct from (r.projects, r.big_projects, r.investment_wan)`)),
    ...(await db.query(`
      with firsts as (
         select project_id, to_stage as stage, min(business_on) as reached_on from project_events
         where kind in ('created', 'imported', 'stage') and to_stage is not null group by 1, 2),
       plain as (
         select f.project_id, f.stage, p.zone_id, p.company_id, p.confidential, f.reached_on, n.reached_on as next_on
         from firsts f join projects p on p.id = f.project_id
         left join (values ${NEXT}) as nx(stage, next) on nx.stage = f.stage
         left join firsts n on n.project_id = f.project_id and n.stage = nx.next)
       select 'project_stage_firsts' as t, * from plain full join project_stage_firsts r using (project_id, stage)
       where (plain.zone_id, plain.company_id, plain.confidential, plain.reached_on, plain.next_on)
         is distinct from (r.zone_id, r.company_id, r.confidential, r.reached_on, r.next_on)`)),
    ...(await db.query(`
      select 'investor_key_zones' as t, * from (
        select investor_group_key(i.uscc, i.name) as group_key, p.zone_id, count(*)::int as n
        from projects p join investors i on i.id = p.investor_id where p.status <> 'lost' group by 1, 2) x
      full join (select * from investor_key_zones where projects <> 0) r using (group_key, zone_id)
      where x.n is distinct from r.projects`)),
  ];

  it("equal the recount after an import of new projects and after one of updates", { timeout: 240_000 }, async () => {
    const ref = await createReferenceZone(db.db);
    const { a } = await createTwoCompanies(db.db, ref);
    const manager: Viewer = { id: a.manager.id, zoneId: ref.zoneId, companyId: a.company.id, role: "manager" };
    const cluster = ref.clusters.find((c) => c.id === a.company.clusterId)!.name;
    const importSheet = async (lines: string[]) => {
      const runId = await startImportRun(manager, { companyId: a.company.id, fileName: "汇总.csv", format: "csv" });
      return runImport(manager, runId, new TextEncoder().encode([HEADER, ...lines].join("\n") + "\n"), a.company.id, t);
    };
    const dates = (at: number, shift: number) => [
      at >= 1 ? `2025-0${1 + (shift % 3)}-1${shift % 10}` : "",
      at >= 4 ? `2025-0${4 + (shift % 3)}-0${1 + (shift % 9)}` : "",
      at >= 6 ? `2025-0${7 + (shift % 3)}-2${shift % 9}` : "",
      at >= 7 ? `2025-1${shift % 3}-1${shift % 10}` : "",
    ];
    // Every stage, some ended (终止) or paused; investors repeat (by name every 7th row, by code every 5th).
    const line = (i: number, code: string, stageAt: number, wan: string, shift: number) => {
      const status = i % 11 === 0 ? "终止" : i % 13 === 0 ? "暂缓" : "";
      const investor = i % 7 === 0 ? "汇总投资方甲有限公司" : `汇总投资方${i}有限公司`;
      const uscc = i % 5 === 0 ? completeUscc(`91140100MA${String(i % 50).padStart(7, "0")}`) : "";
      return [
        code,
        `汇总项目${i}`,
        investor,
        uscc,
        cluster,
        "",
        "",
        "",
        wan,
        stageLabel(PROJECT_STAGES[stageAt]),
        status,
        ...dates(stageAt, shift),
        "",
      ].join(",");
    };
    const stages = PROJECT_STAGES.length;
    const created = await importSheet(Array.from({ length: ROWS }, (_, i) => line(i, "", i % stages, `${(i * 37) % 20000}.50`, i)));
    expect(created.status === "refused" ? created.errors.slice(0, 3) : []).toEqual([]);
    expect(created).toMatchObject({ status: "done", created: ROWS });
    expect(await drift()).toEqual([]);

    // The same projects by code: stages moved on (or not), other totals, other dates for the stages they had not.
    const codes = await db.query<{ name: string; code: string }>(`select name, code from projects where zone_id = $1`, [ref.zoneId]);
    const codeOf = new Map(codes.map((c) => [c.name, c.code]));
    const updated = await importSheet(
      Array.from({ length: ROWS }, (_, i) =>
        line(i, codeOf.get(`汇总项目${i}`)!, Math.min(stages - 1, (i % stages) + (i % 3)), `${(i * 53) % 30000}.00`, i + 1),
      ),
    );
    expect(updated.status === "refused" ? updated.errors.slice(0, 3) : []).toEqual([]);
    expect(updated).toMatchObject({ status: "done", created: 0 });
    expect(await drift()).toEqual([]);
  });
});
