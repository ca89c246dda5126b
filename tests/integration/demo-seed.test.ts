import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidUscc } from "~/lib/uscc";
import { openDatabase, type DatabaseHandle } from "~db/index";
import { PROJECT_STAGES } from "~db/schema";
import { seedDemo, type DemoCounts } from "~db/seed/demo";
import { setupReferenceZone } from "~db/seed/reference";

const TODAY = "2026-11-27";
// A fixed fake hash keeps the test fast (argon2 is ~50 ms a call); nobody logs in here.
const PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$ZGVtby1zYWx0$ZGVtby1oYXNoLWZvci10ZXN0cw";

async function seededDatabase(): Promise<{ handle: DatabaseHandle; counts: DemoCounts }> {
  const handle = await openDatabase({ inMemory: true });
  await handle.migrate();
  const counts = await handle.db.transaction(async (tx) => {
    const ref = await setupReferenceZone(tx, { passwordHash: PASSWORD_HASH });
    return seedDemo(tx, ref, { passwordHash: PASSWORD_HASH, today: TODAY, chainTags: true });
  });
  return { handle, counts };
}

describe("demo seed", () => {
  let first: Awaited<ReturnType<typeof seededDatabase>>;
  let second: Awaited<ReturnType<typeof seededDatabase>>;
  const handles: DatabaseHandle[] = [];

  beforeAll(async () => {
    first = await seededDatabase();
    handles.push(first.handle);
    second = await seededDatabase();
    handles.push(second.handle);
  });

  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
  });

  const q = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => first.handle.query<T>(sql, params);
  const count = async (sql: string, params?: unknown[]) => Number((await q<{ n: number }>(sql, params))[0].n);

  it("creates the counts asked for", async () => {
    expect(first.counts.projects).toBe(2000);
    expect(first.counts.investors).toBe(400);
    expect(first.counts.users).toBe(18 * 3);
    expect(first.counts.activities).toBeGreaterThan(6000);
    expect(first.counts.activities).toBeLessThan(10_000);
    expect(await count("select count(*)::int as n from projects")).toBe(2000);
    expect(await count("select count(*)::int as n from investors")).toBe(400);
    expect(await count("select count(*)::int as n from activities")).toBe(first.counts.activities);
    // admin and leader from the reference zone, plus a manager and two staff per company (not the committee).
    expect(await count("select count(*)::int as n from users")).toBe(2 + 54);
    const perCompany = await q<{ kind: string; managers: number; staff: number }>(
      `select c.kind, count(*) filter (where u.role = 'manager')::int as managers,
              count(*) filter (where u.role = 'staff')::int as staff
         from companies c left join users u on u.company_id = c.id
        where c.kind <> 'committee' group by c.id, c.kind`,
    );
    expect(perCompany).toHaveLength(18);
    for (const row of perCompany) expect([row.managers, row.staff]).toEqual([1, 2]);
    expect(await count("select count(*)::int as n from users where login = 'bdt_mgr' and role = 'manager'")).toBe(1);
    expect(await count("select count(distinct display_name)::int as n from users")).toBe(56);
    expect(await count("select count(distinct password_hash)::int as n from users")).toBe(1);
  });

  it("gives investors unique names, mostly valid 统一社会信用代码, and 1–3 reachable contacts", async () => {
    const rows = await q<{ name: string; uscc: string | null }>("select name, uscc from investors");
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    const withCode = rows.filter((r) => r.uscc !== null);
    expect(withCode.length / rows.length).toBeGreaterThan(0.78);
    expect(withCode.length / rows.length).toBeLessThan(0.92);
    for (const { uscc } of withCode) expect(isValidUscc(uscc!), uscc!).toBe(true);
    expect(new Set(withCode.map((r) => r.uscc)).size).toBe(withCode.length);
    for (const { name } of rows) expect(name).toMatch(/(有限公司|股份有限公司|集团有限公司)$/);

    const contacts = await q<{ n: number }>(
      "select count(c.id)::int as n from investors i left join investor_contacts c on c.investor_id = i.id group by i.id",
    );
    expect(Math.min(...contacts.map((c) => c.n))).toBe(1);
    expect(Math.max(...contacts.map((c) => c.n))).toBe(3);
    expect(await count("select count(*)::int as n from investor_contacts where mobile !~ '^1[3-9][0-9]{9}$'")).toBe(0);

    const companies = await q<{ uscc: string }>("select project_company_uscc as uscc from projects where stage >= 'registered'");
    for (const { uscc } of companies) expect(isValidUscc(uscc), uscc).toBe(true);
  });

  it("puts each project in its company's cluster, with an investor of that industry (issue 19)", async () => {
    // An attraction company's projects are of its own cluster: no 光伏 project under 生物医药.
    expect(
      await count(`select count(*)::int as n from projects p join companies c on c.id = p.company_id
                   where c.kind = 'attraction' and p.cluster_id is distinct from c.cluster_id`),
    ).toBe(0);
    // The investor is of the project's industry, so the name (字号 + product) does not contradict itself.
    expect(
      await count(`select count(*)::int as n from projects p join investors i on i.id = p.investor_id
                   join clusters k on k.id = p.cluster_id where i.industry is distinct from k.name`),
    ).toBe(0);
  });

  it("keeps every project's dates, figures and papers consistent with its stage", async () => {
    const bad = await q<{ code: string; stage: string }>(
      `select code, stage from projects where
          (stage >= 'contacted' and contacted_on is null) or (stage < 'contacted' and contacted_on is not null)
       or (stage >= 'negotiating' and (investor_contact_id is null or planned_investment_wan is null))
       or (stage >= 'evaluating' and (review_on is null or land_mu is null or annual_output_wan is null))
       or (stage < 'evaluating' and review_on is not null)
       or (stage >= 'signed' and (signed_on is null or contracted_investment_wan is null or agreement_no is null
                                   or review_outcome is distinct from 'approved'))
       or (stage < 'signed' and (signed_on is not null or contracted_investment_wan is not null or agreement_no is not null))
       or (stage >= 'registered' and (registered_on is null or project_company_name is null or project_company_uscc is null))
       or (stage < 'registered' and registered_on is not null)
       or (stage >= 'construction' and construction_on is null) or (stage < 'construction' and construction_on is not null)
       or (stage = 'production' and production_on is null) or (stage < 'production' and production_on is not null)
       or contacted_on > review_on or review_on > signed_on or signed_on > registered_on
       or registered_on > construction_on or signed_on > construction_on or construction_on > production_on
       or created_at::date > contacted_on
       or greatest(contacted_on, review_on, signed_on, registered_on, construction_on, production_on, last_activity_on)
            > $1::date
       or (created_at at time zone 'Asia/Shanghai')::date > $1::date
       or updated_at < created_at
       or (status = 'lost') <> (lost_reason is not null)
       or (status <> 'active' and status_note is null)`,
      [TODAY],
    );
    expect(bad).toEqual([]);

    // The investor contact of a project is one of its investor's people.
    expect(
      await count(
        `select count(*)::int as n from projects p join investor_contacts c on c.id = p.investor_contact_id
          where c.investor_id <> p.investor_id`,
      ),
    ).toBe(0);
    // Money has two decimal places and the big-project tail exists.
    expect(await count("select count(*)::int as n from projects where total_investment_wan >= 100000")).toBeGreaterThan(20);
    expect(await count("select count(*)::int as n from projects where total_investment_wan < 500")).toBe(0);
    expect(await count("select count(*)::int as n from projects where land_mu > 800")).toBe(0);
    const codes = await q<{ code: string }>("select code from projects");
    for (const { code } of codes) expect(code).toMatch(/^ZS-20\d\d-\d{5}$/);
  });

  it("covers all 8 stages (more early than late) and the 3 statuses in roughly the asked shares", async () => {
    const stages = await q<{ stage: string; n: number }>("select stage, count(*)::int as n from projects group by stage");
    expect(stages.map((s) => s.stage).sort()).toEqual([...PROJECT_STAGES].sort());
    const byStage = Object.fromEntries(stages.map((s) => [s.stage, s.n]));
    expect(byStage.lead + byStage.contacted).toBeGreaterThan(byStage.construction + byStage.production);

    const statuses = await q<{ status: string; n: number }>("select status, count(*)::int as n from projects group by status");
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s.n / 2000]));
    expect(byStatus.active).toBeGreaterThan(0.8);
    expect(byStatus.on_hold).toBeGreaterThan(0.04);
    expect(byStatus.lost).toBeGreaterThan(0.04);
  });

  it("spreads projects over the companies with a long tail, mostly in their own cluster", async () => {
    const perCompany = await q<{ n: number }>("select count(*)::int as n from projects group by company_id order by n desc");
    expect(perCompany.length).toBeGreaterThanOrEqual(16);
    expect(perCompany[0].n).toBeGreaterThan(5 * perCompany[perCompany.length - 1].n);
    const offCluster = await count(
      `select count(*)::int as n from projects p join companies c on c.id = p.company_id
        where c.kind = 'attraction' and p.cluster_id <> c.cluster_id`,
    );
    expect(offCluster / 2000).toBeLessThan(0.15);
    // A few were found by a service company and handed over: two holdings and an owner event.
    const handedOver = await count(
      `select count(*)::int as n from projects p join companies f on f.id = p.first_contact_company_id
        where f.kind = 'service' and p.first_contact_company_id <> p.company_id`,
    );
    expect(handedOver).toBeGreaterThan(30);
    expect(
      await count(
        `select count(*)::int as n from projects p
          where (select count(*) from project_holdings h where h.project_id = p.id)
             <> case when p.first_contact_company_id = p.company_id then 1 else 2 end`,
      ),
    ).toBe(0);
  });

  it("logs activities for every project from its first contact on, and derives last activity and next action", async () => {
    expect(
      await count(
        `select count(*)::int as n from projects p where stage >= 'contacted' and not exists
           (select 1 from activities a where a.project_id = p.id and a.occurred_on = p.contacted_on)`,
      ),
    ).toBe(0);
    expect(
      await count(
        `select count(*)::int as n from projects p join activities a on a.project_id = p.id
          where a.occurred_on < p.contacted_on or a.occurred_on > $1::date or a.company_id is null`,
        [TODAY],
      ),
    ).toBe(0);
    // last_activity_on and next_action_on are what the activities say.
    expect(
      await count(
        `select count(*)::int as n from projects p
          where last_activity_on is distinct from (select max(occurred_on) from activities a where a.project_id = p.id)
             or next_action_on is distinct from (select min(next_action_due_on) from activities a
                                                 where a.project_id = p.id and next_action is not null
                                                   and next_action_done_at is null)`,
      ),
    ).toBe(0);
    expect(await count("select count(*)::int as n from projects where next_action_on < $1::date", [TODAY])).toBeGreaterThan(0);
    expect(await count("select count(*)::int as n from projects where next_action_on >= $1::date", [TODAY])).toBeGreaterThan(0);
    // A project in 投产 has no open next action left (moving there closes them; issue 19).
    expect(
      await count(`select count(*)::int as n from activities a join projects p on p.id = a.project_id
        where p.stage = 'production' and a.next_action is not null and a.next_action_done_at is null`),
    ).toBe(0);
    // Review meetings and signings happen on the project's dates.
    expect(
      await count(
        `select count(*)::int as n from projects p where stage >= 'signed' and not exists
           (select 1 from activities a where a.project_id = p.id and a.kind = 'signing' and a.occurred_on = p.signed_on)`,
      ),
    ).toBe(0);
    const terms = await q<{ terms: { topic: string; detail: string; agreed: boolean }[] }>(
      "select terms from activities where kind = 'negotiation' limit 50",
    );
    for (const { terms: list } of terms) {
      expect(list.length).toBeGreaterThanOrEqual(2);
      for (const t of list) expect(typeof t.agreed).toBe("boolean");
    }
    expect(
      await count("select count(*)::int as n from activities a where not exists (select 1 from activity_users u where u.activity_id = a.id)"),
    ).toBe(0);
    const avg = first.counts.activities / 2000;
    expect(avg).toBeGreaterThan(3);
    expect(avg).toBeLessThan(5);
  });

  it("keeps each project's history: created, every stage reached in order, status changes", async () => {
    expect(
      await count(
        `select count(*)::int as n from projects p where
           (select count(*) from project_events e where e.project_id = p.id and e.kind = 'created') <> 1
        or (select count(*) from project_events e where e.project_id = p.id and e.kind = 'stage')
             <> array_position(enum_range(null::project_stage), p.stage) - 1
        or (select count(*) from project_events e where e.project_id = p.id and e.kind = 'status')
             <> case when p.status = 'active' then 0 else 1 end`,
      ),
    ).toBe(0);
    expect(
      await count(
        `select count(*)::int as n from project_events e join projects p on p.id = e.project_id
          where e.kind = 'stage' and e.business_on is distinct from case e.to_stage
                  when 'contacted' then p.contacted_on when 'evaluating' then p.review_on when 'signed' then p.signed_on
                  when 'registered' then p.registered_on when 'construction' then p.construction_on
                  when 'production' then p.production_on else e.business_on end
             or e.business_on > $1::date or e.recorded_at::date < e.business_on`,
        [TODAY],
      ),
    ).toBe(0);
    // Recorded in business order.
    expect(
      await count(
        `select count(*)::int as n from (
           select business_on, lag(business_on) over w as prev_on, recorded_at, lag(recorded_at) over w as prev_at
             from project_events window w as (partition by project_id order by id)) x
          where business_on < prev_on or recorded_at <= prev_at`,
      ),
    ).toBe(0);
  });

  it("has red and yellow projects (planned dates passed without the stage) and green ones", async () => {
    const late = (from: number, to: number) => `(
         (planned_sign_on between $1::date - ${to} and $1::date - ${from} and stage < 'signed')
      or (planned_construction_on between $1::date - ${to} and $1::date - ${from} and stage < 'construction')
      or (planned_production_on between $1::date - ${to} and $1::date - ${from} and stage < 'production'))`;
    const red = await count(`select count(*)::int as n from projects where status = 'active' and ${late(31, 100000)}`, [TODAY]);
    const yellow = await count(`select count(*)::int as n from projects where status = 'active' and ${late(1, 30)} and not ${late(31, 100000)}`, [
      TODAY,
    ]);
    const planned = await count("select count(*)::int as n from projects where planned_sign_on is not null");
    expect(red).toBeGreaterThan(20);
    expect(yellow).toBeGreaterThan(20);
    expect(red + yellow).toBeLessThan(planned / 2);
    expect(
      await count(
        `select count(*)::int as n from projects
          where planned_sign_on > planned_construction_on or planned_construction_on > planned_production_on`,
      ),
    ).toBe(0);
  });

  it("is deterministic: a second fresh database gets the same projects and totals", async () => {
    expect(second.counts).toEqual(first.counts);
    const summary = `select sum(total_investment_wan)::text as total, count(*)::int as n,
                            string_agg(code || ' ' || name, '|' order by code) as projects from projects`;
    const [a] = await first.handle.query(summary);
    const [b] = await second.handle.query(summary);
    expect(b).toEqual(a);
    const digest = `select md5(string_agg(concat_ws(',', occurred_on, kind, summary, next_action, next_action_done_at), '|'
                                          order by id)) as h from activities`;
    expect(await second.handle.query(digest)).toEqual(await first.handle.query(digest));
  });

  it("tags the projects whose names suggest a link of their own cluster's chain, and leaves some links empty", async () => {
    const clustered = await count("select count(*)::int as n from projects where cluster_id is not null");
    const tagged = await count("select count(*)::int as n from project_chain_links");
    expect(tagged).toBeGreaterThan(clustered / 4);
    expect(await count("select count(distinct project_id)::int as n from project_chain_links")).toBe(tagged);
    const misplaced = await count(
      `select count(*)::int as n from project_chain_links t join projects p on p.id = t.project_id
         join chain_links l on l.id = t.link_id join industry_chains c on c.id = l.chain_id
       where c.cluster_id is distinct from p.cluster_id`,
    );
    expect(misplaced).toBe(0);
    // Every tag is named by the project's own words (the link's name or a product of it in the project's name).
    const suggested = await count(
      `select count(*)::int as n from project_chain_links t join projects p on p.id = t.project_id
         join chain_links l on l.id = t.link_id
       where position(l.name in p.name) > 0 or exists (select 1 from unnest(l.products) w where length(w) >= 2 and position(w in p.name) > 0)`,
    );
    expect(suggested).toBe(tagged);
    const untaggedLinks = await count(
      "select count(*)::int as n from chain_links l where not exists (select 1 from project_chain_links t where t.link_id = l.id)",
    );
    expect(untaggedLinks).toBeGreaterThan(0);
    // The same seed tags the same way.
    const tags = (h: DatabaseHandle) => h.query<{ p: number; l: number }>("select project_id as p, link_id as l from project_chain_links order by 1");
    expect(await tags(second.handle)).toEqual(await tags(first.handle));
  });
});
