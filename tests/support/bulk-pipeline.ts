// A company with many projects, made by a few set-based inserts (generate_series), for measuring the pipeline
// pages at 25,000 projects on PGlite and PostgreSQL. Deterministic: the same n gives the same data.
import type { DatabaseHandle } from "../../db/index";

export type BulkCompany = { zoneId: number; companyId: number; clusterIds: number[]; ownerIds: number[]; managerId: number };

/** Inserts n projects (and n/10 investors, a created and a stage event per project, n/2 activities) into one company. */
export async function insertBulkPipeline(handle: DatabaseHandle, c: BulkCompany, n: number, today = "2026-11-27") {
  const owners = `array[${c.ownerIds.join(",")}]::int[]`;
  const clusters = `array[${c.clusterIds.join(",")}]::int[]`;
  const investorCount = Math.max(1, Math.floor(n / 10));
  const [{ first }] = await handle.query<{ first: number }>(
    `with ins as (
       insert into investors (zone_id, name)
       select ${c.zoneId}, '批量投资方' || g || '有限公司' from generate_series(1, ${investorCount}) g
       returning id)
     select min(id)::int as first from ins`,
  );
  await handle.query(
    `insert into projects (zone_id, code, name, investor_id, cluster_id, company_id, owner_id, first_contact_company_id,
        stage, status, lost_reason, planned_investment_wan, contracted_investment_wan, planned_sign_on, signed_on,
        last_activity_on, next_action, next_action_on, confidential, created_at, updated_at)
     select ${c.zoneId}, 'BULK-' || lpad(g::text, 6, '0'), '批量项目' || g, ${first} + (g % ${investorCount}),
        (${clusters})[1 + g % ${c.clusterIds.length}], ${c.companyId}, (${owners})[1 + g % ${c.ownerIds.length}], ${c.companyId},
        (enum_range(null::project_stage))[1 + g % 8],
        case when g % 20 = 0 then 'lost' when g % 20 = 1 then 'on_hold' else 'active' end::project_status,
        case when g % 20 = 0 then 'other_location' end::lost_reason,
        (100 + g % 997)::numeric + 0.25, case when g % 8 >= 4 then (200 + g % 991)::numeric + 0.5 end,
        date '${today}' - 200 + (g % 400), case when g % 8 >= 4 then date '${today}' - (g % 300) end,
        date '${today}' - (g % 90), case when g % 3 = 0 then '回访' end, case when g % 3 = 0 then date '${today}' - 20 + (g % 40) end,
        g % 50 = 0, now() - (g % 365) * interval '1 day', now() - (g % 1000) * interval '1 minute'
     from generate_series(1, ${n}) g`,
  );
  await handle.query(
    `insert into project_events (project_id, kind, to_stage, business_on, actor_id)
     select id, 'created'::project_event_kind, 'lead'::project_stage, (created_at at time zone 'Asia/Shanghai')::date, owner_id from projects where company_id = ${c.companyId}
     union all
     select id, 'stage'::project_event_kind, stage, (created_at at time zone 'Asia/Shanghai')::date + 20, owner_id from projects where company_id = ${c.companyId} and stage <> 'lead'`,
  );
  await handle.query(
    `insert into project_events (project_id, kind, from_status, to_status, business_on, actor_id)
     select id, 'status'::project_event_kind, 'active'::project_status, 'lost'::project_status, date '${today}' - (id % 300), owner_id from projects where company_id = ${c.companyId} and status = 'lost'`,
  );
  await handle.query(
    `insert into activities (project_id, company_id, kind, occurred_on, summary, created_by_id)
     select id, company_id, 'call'::activity_kind, last_activity_on, '电话沟通', owner_id from projects where company_id = ${c.companyId} and id % 2 = 0`,
  );
  await handle.query("analyze");
}
