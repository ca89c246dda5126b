// project_day_rollups (migration 0012) is derived data the 三个一批 report and the scorecard read instead of every
// project that reached a milestone: after any series of writes to projects and evidence — new projects (one and
// several per statement), stages moved forward and back (dates set and cleared), investment changed, transfers,
// another first-contact company, evidence added, moved and deleted, a project moved to another zone, projects
// deleted with their evidence — the report read from it must equal the report computed from the projects, for both
// credit bases, both evidence switches and ranges of a day, a month, a quarter's edge and a year; and the rollup
// must hold exactly what the projects give, row for row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { CreditBasis } from "~/modules/handoffs/credit.server";
import { queryRows } from "~db/query-rows";
import type { Milestone } from "~/modules/reports/three-batches.server";
import { MILESTONES, currentFactsSql, threeBatchesReport } from "~/modules/reports/three-batches.server";
import { createEvidence } from "../support/evidence";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/db";
import { createOtherZone, createProject, createReferenceZone, createUser } from "../support/factories";

/** A small deterministic PRNG (mulberry32): the same seed gives the same series of writes. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)];
  return { next, int, pick };
}

/** Days around a year's and a quarter's edges, so month rows and day rows are both exercised. */
const DAYS = [
  "2025-12-31",
  "2026-01-01",
  "2026-01-15",
  "2026-02-28",
  "2026-03-01",
  "2026-03-31",
  "2026-04-01",
  "2026-04-30",
  "2026-06-30",
  "2026-07-01",
  "2026-12-31",
  "2027-01-01",
];
const RANGES: [string, string][] = [
  ["2026-03-31", "2026-03-31"], // one day
  ["2026-03-01", "2026-03-31"], // a month
  ["2026-03-31", "2026-04-01"], // across a quarter's edge
  ["2026-01-01", "2026-12-31"], // a year
  ["2026-01-15", "2026-07-01"], // partial months at both ends
  ["2025-12-31", "2027-01-01"], // a year and a day either side
  ["2026-04-01", "2026-06-30"], // a quarter
  ["2026-01-01", "2026-12-07"], // the year to date: the year minus the days after
  ["2026-02-10", "2026-12-31"], // to the year's end: the year minus its first month and days
  ["2025-06-01", "2026-09-30"], // part of one year, part of the next, each read as its year minus the rest
];

describe.each(databaseKinds())("the 三个一批 rollup (%s)", (kind) => {
  let db: TestDatabase;
  let zoneId: number;
  let companyIds: number[];
  let clusterId: number;
  let userId: number;
  let other: Awaited<ReturnType<typeof createOtherZone>>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const ref = await createReferenceZone(db.db);
    zoneId = ref.zoneId;
    companyIds = ref.companies.slice(0, 4).map((c) => c.id);
    clusterId = ref.clusters[0].id;
    userId = (await createUser(db.db, { zoneId, companyId: companyIds[0], role: "manager" })).id;
    other = await createOtherZone(db.db);
  });
  afterAll(() => db.dispose());

  /** The report computed from the projects, the way it was before the rollup. */
  async function reportFromProjects(from: string, to: string, basis: CreditBasis, evidenceOnly: boolean) {
    const credit = sql.raw(basis === "owner" ? "f.owner_company_id" : "f.first_contact_company_id");
    const rows = await queryRows<{ company_id: number; milestone: Milestone; n: number; investment: string }>(sql`
      with f as (${currentFactsSql(zoneId, from, to)})
      select ${credit} as company_id, f.milestone, count(*)::int as n, sum(f.investment_wan)::numeric(18,2)::text as investment
      from f where ${evidenceOnly ? sql`f.has_evidence` : sql`true`}
      group by 1, 2`);
    const cells = new Map(rows.map((r) => [`${r.company_id}/${r.milestone}`, { count: Number(r.n), investmentWan: r.investment }]));
    return cells;
  }

  /** Checks every range, basis and switch; answers how many non-zero cells it compared, and how many evidenced. */
  async function expectReportsEqual() {
    const seen = { cells: 0, evidenced: 0 };
    for (const [from, to] of RANGES) {
      for (const basis of ["owner", "firstContact"] as const) {
        for (const evidenceOnly of [false, true]) {
          const report = await threeBatchesReport(zoneId, { from, to, basis, evidenceOnly });
          const plain = await reportFromProjects(from, to, basis, evidenceOnly);
          const got = new Map<string, { count: number; investmentWan: string }>();
          for (const row of report.rows)
            for (const m of MILESTONES) if (row[m].count !== 0 || row[m].investmentWan !== "0.00") got.set(`${row.id}/${m}`, row[m]);
          expect(Object.fromEntries(got), `${from}..${to} ${basis} evidence=${evidenceOnly}`).toEqual(Object.fromEntries(plain));
          seen.cells += got.size;
          if (evidenceOnly) seen.evidenced += got.size;
        }
      }
    }
    return seen;
  }

  /** Rows where the rollup and the projects expanded directly disagree (every measure, grain and flag). */
  const drift = () =>
    db.query(`
      with plain as (
        select f.zone_id, f.basis, f.measure, f.grain, f.period_on, f.company_id, f.evidenced,
          count(*)::int as projects, sum(f.investment_wan)::numeric(18,2) as investment_wan
        from projects p
        cross join lateral project_day_facts(p.id, p.zone_id, p.company_id, p.first_contact_company_id, p.created_at, p.contacted_on,
          p.signed_on, p.construction_on, p.production_on, p.last_activity_on, p.status, p.total_investment_wan) f
        group by 1, 2, 3, 4, 5, 6, 7),
      kept as (select * from project_day_rollups where projects <> 0 or investment_wan <> 0)
      select * from plain full join kept r using (zone_id, basis, measure, grain, period_on, company_id, evidenced)
      where (plain.projects, plain.investment_wan) is distinct from (r.projects, r.investment_wan)
      union all
      select null, null, 'project_rollups', null, null, company_id, null, null, null, null, null from (
        select zone_id, company_id, stage, status, count(*)::int as n, count(*) filter (where total_investment_wan >= 10000)::int as big
        from projects group by 1, 2, 3, 4) x
      full join (select * from project_rollups where projects <> 0) r using (zone_id, company_id, stage, status)
      where (x.n, x.big) is distinct from (r.projects, r.big_projects)`);

  it("stays equal to the projects through a random series of writes", { timeout: 240_000 }, async () => {
    const seen = { cells: 0, evidenced: 0 };
    const check = async () => {
      expect(await drift()).toEqual([]);
      const s = await expectReportsEqual();
      seen.cells += s.cells;
      seen.evidenced += s.evidenced;
    };
    for (const seed of [1, 2, 3]) {
      const rnd = random(seed);
      const day = () => rnd.pick(DAYS);
      const wan = () => `${rnd.int(30000)}.${String(rnd.int(100)).padStart(2, "0")}`;
      const projectIds = async () =>
        (await db.query<{ id: number }>(`select id from projects where zone_id = $1 order by id`, [zoneId])).map((r) => Number(r.id));
      const someProject = async () => {
        const ids = await projectIds();
        return ids.length ? rnd.pick(ids) : null;
      };
      const steps = 60;
      for (let step = 0; step < steps; step++) {
        const op = rnd.int(13);
        const id = await someProject();
        if (op <= 1 || id === null) {
          // New projects: one through the factory, or several in one statement with their dates already set.
          if (rnd.next() < 0.5) {
            await createProject(db.db, {
              zoneId,
              clusterId,
              ownerId: userId,
              companyId: rnd.pick(companyIds),
              plannedInvestmentWan: wan(),
              signedOn: rnd.next() < 0.6 ? day() : undefined,
              formerCompanyId: rnd.next() < 0.3 ? rnd.pick(companyIds) : undefined,
            });
          } else {
            const n = 1 + rnd.int(3);
            const values = Array.from({ length: n }, (_, i) => {
              const signed = rnd.next() < 0.7 ? `'${day()}'` : "null";
              return `(${zoneId}, 'B-${seed}-${step}-${i}', '批量${i}', (select id from investors where zone_id = ${zoneId} limit 1), ${clusterId},
                ${rnd.pick(companyIds)}, ${rnd.next() < 0.5 ? rnd.pick(companyIds) : "null"}, 'signed', ${wan()}, ${rnd.next() < 0.5 ? wan() : "null"},
                ${signed}, ${signed !== "null" && rnd.next() < 0.5 ? `'${day()}'` : "null"}, ${rnd.next() < 0.3 ? `'${day()}'` : "null"},
                '${day()}'::date::timestamp at time zone 'Asia/Shanghai' + interval '${rnd.int(24)} hours')`;
            });
            // createProject above made at least one investor; a first statement with none falls back to the factory.
            const hasInvestor = await db.query(`select 1 from investors where zone_id = $1 limit 1`, [zoneId]);
            if (hasInvestor.length)
              await db.query(`insert into projects (zone_id, code, name, investor_id, cluster_id, company_id, first_contact_company_id, stage,
                planned_investment_wan, contracted_investment_wan, signed_on, construction_on, production_on, created_at) values ${values.join(", ")}`);
          }
        } else if (op === 2) {
          // Forward: sign (with the contracted figure), start construction, start production.
          const col = rnd.pick(["signed_on", "construction_on", "production_on", "contacted_on"]);
          await db.query(`update projects set ${col} = $2, contracted_investment_wan = coalesce(contracted_investment_wan, $3) where id = $1`, [
            id,
            day(),
            wan(),
          ]);
        } else if (op === 3) {
          // Back: the stage's date is cleared (and with signing, the contracted figure).
          const col = rnd.pick(["signed_on", "construction_on", "production_on"]);
          await db.query(`update projects set ${col} = null${col === "signed_on" ? ", contracted_investment_wan = null" : ""} where id = $1`, [id]);
        } else if (op === 4) {
          await db.query(`update projects set ${rnd.pick(["planned_investment_wan", "contracted_investment_wan"])} = $2 where id = $1`, [
            id,
            rnd.next() < 0.1 ? null : wan(),
          ]);
        } else if (op === 5) {
          await db.query(`update projects set company_id = $2 where id = $1`, [id, rnd.pick(companyIds)]);
        } else if (op === 6) {
          await db.query(`update projects set first_contact_company_id = $2 where id = $1`, [id, rnd.next() < 0.2 ? null : rnd.pick(companyIds)]);
        } else if (op === 7 || op === 8) {
          await createEvidence(db.db, {
            projectId: id,
            uploadedById: userId,
            stage: rnd.pick(["signed", "construction", "production", "registered"] as const),
          });
        } else if (op === 9 || op === 10) {
          // Evidence of a project that has some: one file deleted, all of them deleted in one statement, or filed
          // under another stage.
          const withEvidence = await db.query<{ id: number; project_id: number }>(
            `select a.id, a.project_id from attachments a join projects p on p.id = a.project_id where p.zone_id = $1 order by a.id`,
            [zoneId],
          );
          if (withEvidence.length) {
            const a = rnd.pick(withEvidence);
            const how = rnd.int(3);
            if (how === 0) await db.query(`delete from attachments where id = $1`, [a.id]);
            else if (how === 1) await db.query(`delete from attachments where project_id = $1`, [a.project_id]);
            else
              await db.query(`update attachments set stage = $2 where project_id = $1`, [
                a.project_id,
                rnd.pick(["signed", "construction", "production", "registered"]),
              ]);
          }
        } else if (op === 11) {
          // One statement over several projects: a company's signings a day later, or a bulk transfer.
          const c = rnd.pick(companyIds);
          if (rnd.next() < 0.5) await db.query(`update projects set signed_on = signed_on + 1 where company_id = $1 and signed_on is not null`, [c]);
          else await db.query(`update projects set company_id = $2 where company_id = $1`, [c, rnd.pick(companyIds)]);
        } else if (rnd.next() < 0.8) {
          // A project deleted by hand, its evidence with it (the app deletes none).
          await db.query(`delete from projects where id = $1`, [id]);
        } else {
          // Moved to another zone: it leaves this zone's report.
          await db.query(`update projects set zone_id = $2, company_id = $3, first_contact_company_id = null where id = $1`, [
            id,
            other.zoneId,
            other.companyId,
          ]);
        }
        if (step % 15 === 14) await check();
      }
    }
    // The series left figures to compare, evidenced ones among them.
    expect(seen.cells).toBeGreaterThan(100);
    expect(seen.evidenced).toBeGreaterThan(10);
  });

  it("counts a project created just after midnight in Shanghai on that Shanghai day", async () => {
    const leads = async () =>
      Object.fromEntries(
        (
          await db.query<{ period_on: string; n: number }>(
            `select period_on::text, sum(projects)::int as n from project_day_rollups
             where zone_id = $1 and basis = 'owner' and measure = 'created' and grain = 'day' and company_id = $2
               and period_on between '2026-03-31' and '2026-04-01' group by 1`,
            [zoneId, companyIds[0]],
          )
        ).map((r) => [r.period_on, Number(r.n)]),
      );
    const before = await leads();
    const p = await createProject(db.db, { zoneId, clusterId, ownerId: userId, companyId: companyIds[0] });
    // 2026-03-31 16:30 UTC is 2026-04-01 00:30 in Shanghai: a lead of April, not of March.
    await db.query(`update projects set created_at = '2026-03-31 16:30:00+00' where id = $1`, [p.id]);
    const after = await leads();
    expect(after["2026-04-01"] ?? 0).toBe((before["2026-04-01"] ?? 0) + 1);
    expect(after["2026-03-31"] ?? 0).toBe(before["2026-03-31"] ?? 0);
    expect(await drift()).toEqual([]);
  });
});
