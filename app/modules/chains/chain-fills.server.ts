// 补链 (issue 22 item 5, decision 031): signings in a period on links that were unfilled at the period's start. One
// query serves the scorecard's measure 补链项目数 (projects, per credit company) and the leaders' chain overview
// (links filled this year, per cluster). Tags are read as they stand today; the past is read from the projects' dates.
import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { queryRows } from "~db/query-rows";
import { chainLinks, projectChainLinks, projectEvents, projects } from "~db/schema";
import type { CreditBasis } from "~/modules/handoffs/credit.server";
import { creditCompanyColumn } from "~/modules/handoffs/credit.server";

type Span = { from: string; to: string };

/**
 * Whether project `q` was lost on the day before `from`: the last status it took before that day, by business date;
 * a project with no recorded status change is as it is now (an imported lost project has no date of losing).
 */
function lostBefore(from: string): SQL {
  return sql`coalesce(
    (select e.to_status = 'lost' from ${projectEvents} e
      where e.project_id = q.id and e.to_status is not null and e.business_on < ${from}::date
      order by e.business_on desc, e.id desc limit 1),
    q.status = 'lost' and not exists (select 1 from ${projectEvents} e where e.project_id = q.id and e.to_status is not null))`;
}

/**
 * One row per (project signed in the period, link it filled): the links it is tagged with and their parent links
 * (a parent counts its sub-links' projects, as on the map), each only if no project signed before `from` and not
 * lost by then was on that link or, for a parent, on one of its sub-links. A signed project later lost still counts
 * as signed when it was (三个一批's rule, decision 009). `company_id` is the project's credit company by `basis`.
 */
function fillSigningsSql(zoneId: number, period: Span, basis: CreditBasis): SQL {
  return sql`
    select distinct s.project_id, s.company_id, l.id as link_id, l.chain_id
    from (
      select ${projects.id} as project_id, ${creditCompanyColumn(basis)} as company_id from ${projects}
      where ${projects.zoneId} = ${zoneId} and ${projects.signedOn} between ${period.from}::date and ${period.to}::date
    ) s
    join ${projectChainLinks} t on t.project_id = s.project_id
    join ${chainLinks} tl on tl.id = t.link_id
    join ${chainLinks} l on l.id = tl.id or l.id = tl.parent_id
    where not exists (
      select 1 from ${projectChainLinks} t2
      join ${chainLinks} l2 on l2.id = t2.link_id
      join ${projects} q on q.id = t2.project_id
      where (l2.id = l.id or l2.parent_id = l.id) and q.zone_id = ${zoneId}
        and q.signed_on < ${period.from}::date and not ${lostBefore(period.from)}
    )`;
}

/** 补链项目数 per company: projects signed in the period on at least one link unfilled at its start. */
export async function chainFillsByCompany(zoneId: number, period: Span, basis: CreditBasis, db: Executor = getDb()) {
  const rows = await queryRows<{ company_id: number; n: number }>(
    sql`select f.company_id, count(distinct f.project_id)::int as n from (${fillSigningsSql(zoneId, period, basis)}) f group by f.company_id`,
    db,
  );
  return new Map(rows.map((r) => [Number(r.company_id), Number(r.n)]));
}

/** The links of each chain filled in the period (unfilled at its start, a project signed on them in it), by name. */
export async function linksFilledByChain(zoneId: number, period: Span, db: Executor = getDb()) {
  const rows = await queryRows<{ chain_id: number; link_id: number; name: string }>(
    sql`select f.chain_id, f.link_id, l.name
      from (select distinct chain_id, link_id from (${fillSigningsSql(zoneId, period, "owner")}) x) f join ${chainLinks} l on l.id = f.link_id
      order by f.chain_id, array_position(array['upstream', 'midstream', 'downstream'], l.segment), l.sort_order, f.link_id`,
    db,
  );
  const byChain = new Map<number, { linkId: number; name: string }[]>();
  for (const r of rows) byChain.set(Number(r.chain_id), [...(byChain.get(Number(r.chain_id)) ?? []), { linkId: Number(r.link_id), name: r.name }]);
  return byChain;
}
