// The benchmark's data: a province-scale zone generated inside PostgreSQL (INSERT … SELECT over generate_series),
// plus a small second zone that must never leak into the first. Deterministic for a given --seed.
import postgres from "postgres";
import { todayInZone } from "../../app/lib/dates";
import { isValidUscc } from "../../app/lib/uscc";
import { hashPassword } from "../../app/modules/auth/password.server";
import { openDatabase } from "../../db/index";
import { REFERENCE_CLUSTERS, REFERENCE_OTHER_COMPANIES, setupReferenceZone } from "../../db/seed/reference";
import { createZone, ensureProvinceAdmin, ensureProvinceLeader } from "../../app/modules/zones/zones.server";

export const BENCH_PASSWORD = process.env.BENCH_PASSWORD ?? "Demo-Zone-2026";

export type SeedOptions = {
  projects: number;
  /** Investors and users follow the projects (20,000 and 300 at 100,000 projects); activities are 20×. */
  seed: number;
  force: boolean;
  log?: (line: string) => void;
};

export type SeedCounts = Record<string, number>;

type Sql = postgres.Sql | postgres.ReservedSql;

/** Logins the benchmark signs in with, per role (all share BENCH_PASSWORD). */
export type BenchLogins = { staff: string; manager: string; leader: string; admin: string };

export async function seedBenchDatabase(url: string, opts: SeedOptions): Promise<{ counts: SeedCounts; logins: BenchLogins }> {
  const log = opts.log ?? console.log;
  const handle = await openDatabase({ url });
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ n: tables }] = await client<{ n: number }[]>`
      select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = 'zones'`;
    if (tables > 0) {
      const [{ n: zoneCount }] = await client<{ n: number }[]>`select count(*)::int as n from zones`;
      if (zoneCount > 0 && !opts.force) {
        throw new Error(`The database already holds ${zoneCount} zone(s): bench:seed needs an empty database (or --force, which wipes it).`);
      }
      if (zoneCount > 0) {
        log("--force: dropping the public schema");
        await client`drop schema public cascade`;
        await client`drop schema if exists drizzle cascade`;
        await client`create schema public`;
      }
    }
    log("migrating");
    await handle.migrate();

    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const ref = await handle.db.transaction((tx) => setupReferenceZone(tx, { passwordHash }));

    const sql = await client.reserve();
    try {
      await sql`set max_parallel_workers_per_gather = 0`; // one worker: random() stays in a deterministic order
      await sql`set synchronous_commit = off`;
      await sql`select setseed(${(opts.seed % 1000) / 1000})`;
      const today = todayInZone();

      // Big zone: a few big companies (attraction companies weighted 1/rank), service companies in between,
      // platform companies with few projects of their own (they mostly help others).
      const companies = ref.companies.map((c, i) => ({
        id: c.id,
        clusterId: c.clusterId,
        kind: c.kind,
        code: c.code,
        weight: c.kind === "attraction" ? 1 / Math.pow(((i * 5) % 14) + 1, 1.1) : c.kind === "service" ? 0.12 : 0.02,
      }));
      const users = 300; // the same people at every size: only the zone's history grows
      const staffPlan = planStaff(companies, users - 2 - 4);
      const big = companies.reduce((a, b) => (b.weight > a.weight ? b : a));
      await insertUsers(sql, ref.zoneId, ref.committeeId, staffPlan, passwordHash, "", 4);
      log(`users: ${users}`);

      const t0 = Date.now();
      await generateZone(sql, {
        zoneId: ref.zoneId,
        companies,
        projects: opts.projects,
        investors: Math.max(200, Math.round(opts.projects / 5)),
        activitiesPerProject: 20,
        codePrefix: "BZ",
        today,
        log,
      });
      log(`big zone generated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

      // The second, small zone: other clusters, companies and users; the benchmark's users must never see it.
      await seedSecondZone(sql, passwordHash, today, log);

      log("vacuum analyze");
      await sql`vacuum analyze`; // statistics, and the visibility map index-only scans need
      const counts: SeedCounts = {};
      for (const table of [
        "zones",
        "companies",
        "users",
        "investors",
        "projects",
        "project_events",
        "project_holdings",
        "activities",
        "activity_users",
        "handoffs",
        "notifications",
      ]) {
        const [{ n }] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`);
        counts[table] = n;
      }
      const sample = await sql<{ uscc: string }[]>`select uscc from investors where uscc is not null order by id limit 200`;
      const bad = sample.filter((r) => !isValidUscc(r.uscc));
      if (bad.length > 0) throw new Error(`generated invalid USCCs, e.g. ${bad[0].uscc}`);
      return {
        counts,
        logins: { staff: `${big.code}_s1`, manager: `${big.code}_mgr`, leader: "leader", admin: "admin" },
      };
    } finally {
      sql.release();
    }
  } finally {
    await client.end({ timeout: 5 });
    await handle.close();
  }
}

/** The province's 88 zones (issue 20): the largest first, the rest shrinking evenly to the smallest. */
export const PROVINCE_PLAN = { zones: 88, largest: 20_000, smallest: 3_000 } as const;

/** Projects of each of the first `zones` zones of the plan: 20,000 down to 3,000, 1,012,000 in all at 88. */
export function provinceZoneSizes(zones: number, largest: number = PROVINCE_PLAN.largest, smallest: number = PROVINCE_PLAN.smallest) {
  const planned = Math.max(PROVINCE_PLAN.zones, zones);
  return Array.from({ length: zones }, (_, i) => Math.round(largest - (i * (largest - smallest)) / (planned - 1)));
}

export type ProvinceSeedOptions = {
  /** How many zones the database should hold when done (the reference zone `demo` is the first and largest). */
  zones: number;
  largest?: number;
  seed: number;
  /** Wipe a database that holds zones; without it, a database seeded by this function earlier gains the zones it lacks. */
  force: boolean;
  /** Activities per project in the zones after the first (the first, the one the zone pages are measured on, has 20). */
  activitiesPerProject?: number;
  log?: (line: string) => void;
};

const zoneCode = (i: number) => `z${String(i + 1).padStart(2, "0")}`;
const ZONE_KINDS = ["经济技术开发区", "高新技术产业开发区", "综合保税区", "产业园区"];

/**
 * The province at scale (`npm run bench:seed -- --zones 88`): the reference zone `demo` (the largest, 20,000
 * projects, the same people and activity as the one-zone seed's zone), then every other zone made by the app's own
 * `createZone` (its committee, clusters, companies, settings and admin from the reference template), its people and
 * projects generated in SQL like the first's; the province leader `province`. Rollups are kept by the tables' own
 * triggers, as the app's writes keep them. Run again with a larger --zones, it adds the zones the database lacks.
 */
export async function seedProvinceBench(
  url: string,
  opts: ProvinceSeedOptions,
): Promise<{ counts: SeedCounts; logins: BenchLogins; seconds: number[] }> {
  const log = opts.log ?? console.log;
  const handle = await openDatabase({ url });
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const sizes = provinceZoneSizes(opts.zones, opts.largest);
  const seconds: number[] = [];
  try {
    const [{ n: tables }] = await client<{ n: number }[]>`
      select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = 'zones'`;
    let existing: string[] = [];
    if (tables > 0) {
      existing = (await client<{ code: string }[]>`select code from zones where not province order by id`).map((r) => r.code);
      if (existing.length > 0 && opts.force) {
        log("--force: dropping the public schema");
        await client`drop schema public cascade`;
        await client`drop schema if exists drizzle cascade`;
        await client`create schema public`;
        existing = [];
      } else if (existing.length > 0) {
        const expected = ["demo", ...sizes.slice(1).map((_, i) => zoneCode(i + 1))];
        if (existing.some((code, i) => expected[i] !== code) || existing.length > sizes.length) {
          throw new Error(
            `The database holds zones ${existing.slice(0, 4).join(", ")}…: not an earlier province seed of at most ${opts.zones} zones (--force wipes it).`,
          );
        }
      }
    }
    log("migrating");
    await handle.migrate();
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const today = todayInZone();
    const sql = await client.reserve();
    try {
      await sql`set max_parallel_workers_per_gather = 0`;
      await sql`set synchronous_commit = off`;
      const cityIds = (await sql<{ id: number }[]>`select id from cities order by sort_order, id`).map((r) => r.id);
      for (let i = existing.length; i < sizes.length; i++) {
        const t0 = Date.now();
        // Each zone's random numbers from its own seed: adding zones later gives the same data as seeding them at once.
        await sql`select setseed(${((opts.seed * 1000 + i) % 1000) / 1000 - 0.0005})`;
        let zoneId: number;
        let committeeId: number;
        let prefix: string;
        let users: number;
        if (i === 0) {
          const ref = await handle.db.transaction((tx) => setupReferenceZone(tx, { passwordHash }));
          await handle.db.transaction(async (tx) => {
            await ensureProvinceLeader(tx, { passwordHash });
            await ensureProvinceAdmin(tx, { passwordHash });
          });
          zoneId = ref.zoneId;
          committeeId = ref.committeeId;
          prefix = "";
          users = 300;
        } else {
          const code = zoneCode(i);
          const cityId = cityIds[i % cityIds.length];
          const [city] = await sql<{ name: string }[]>`select name from cities where id = ${cityId}`;
          const made = await createZone(
            { code, name: `${city.name}${ZONE_KINDS[i % ZONE_KINDS.length]}${i + 1}`, cityId, password: BENCH_PASSWORD },
            { actorId: null, db: handle.db },
          );
          if (made.kind !== "ok") throw new Error(`createZone ${code}: ${JSON.stringify(made)}`);
          zoneId = made.value.zoneId;
          [{ id: committeeId }] = await sql<{ id: number }[]>`select id from companies where zone_id = ${zoneId} and kind = 'committee'`;
          prefix = `${code}_`;
          users = 40;
        }
        const rows = await sql<{ id: number; cluster_id: number | null; kind: string; code: string }[]>`
          select id, cluster_id, kind, code from companies where zone_id = ${zoneId} and kind <> 'committee' order by sort_order, id`;
        const companies = rows.map((c, k) => ({
          id: c.id,
          clusterId: c.cluster_id,
          kind: c.kind,
          code: c.code,
          weight: c.kind === "attraction" ? 1 / Math.pow(((k * 5) % 14) + 1, 1.1) : c.kind === "service" ? 0.12 : 0.02,
        }));
        if (i > 0) {
          await sql`insert into users ${sql([{ zone_id: zoneId, company_id: committeeId, login: `${prefix}leader`, display_name: "领导", role: "leader", password_hash: passwordHash }])}`;
        }
        await insertUsers(sql, zoneId, committeeId, planStaff(companies, users - 2 - 4), passwordHash, prefix, i === 0 ? 4 : 0);
        await generateZone(sql, {
          zoneId,
          companies,
          projects: sizes[i],
          investors: Math.max(200, Math.round(sizes[i] / 5)),
          activitiesPerProject: i === 0 ? 20 : (opts.activitiesPerProject ?? 2),
          codePrefix: i === 0 ? "BZ" : `Z${String(i + 1).padStart(2, "0")}`,
          today,
          log: i === 0 ? log : () => {},
          sharedEvery: 40,
          notificationsPerUser: i === 0 ? 40 : 5,
        });
        seconds.push((Date.now() - t0) / 1000);
        log(
          `zone ${i + 1}/${sizes.length} (${i === 0 ? "demo" : zoneCode(i)}): ${sizes[i].toLocaleString("en")} projects in ${seconds.at(-1)!.toFixed(0)} s`,
        );
      }
      log("vacuum analyze");
      await sql`vacuum analyze`;
      const counts: SeedCounts = {};
      for (const table of ["zones", "companies", "users", "investors", "projects", "activities"]) {
        const [{ n }] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`);
        counts[table] = n;
      }
      const [big] = await sql<{ login: string }[]>`
        select u.login from users u join zones z on z.id = u.zone_id and z.code = 'demo'
        where u.role = 'manager' order by (select count(*) from projects p where p.company_id = u.company_id) desc limit 1`;
      return {
        counts,
        logins: { staff: big.login.replace(/_mgr$/, "_s1"), manager: big.login, leader: "leader", admin: "admin" },
        seconds,
      };
    } finally {
      sql.release();
    }
  } finally {
    await client.end({ timeout: 5 });
    await handle.close();
  }
}

type CompanyPlan = { id: number; clusterId: number | null; kind: string; code: string; weight: number };
type StaffPlan = { company: CompanyPlan; staff: number }[];

/** Staff per company in proportion to its weight, at least three each. */
function planStaff(companies: CompanyPlan[], total: number): StaffPlan {
  const managers = companies.length;
  const sum = companies.reduce((a, c) => a + c.weight, 0);
  const left = Math.max(total - managers - 3 * companies.length, 0);
  return companies.map((company) => ({ company, staff: 3 + Math.floor((left * company.weight) / sum) }));
}

async function insertUsers(
  sql: Sql,
  zoneId: number,
  committeeId: number,
  plan: StaffPlan,
  passwordHash: string,
  prefix: string,
  extraLeaders: number,
) {
  const rows: { zone_id: number; company_id: number | null; login: string; display_name: string; role: string; password_hash: string }[] = [];
  for (let i = 1; i <= extraLeaders; i++) {
    rows.push({
      zone_id: zoneId,
      company_id: committeeId,
      login: `${prefix}leader${i + 1}`,
      display_name: `领导${i + 1}`,
      role: "leader",
      password_hash: passwordHash,
    });
  }
  for (const { company, staff } of plan) {
    rows.push({
      zone_id: zoneId,
      company_id: company.id,
      login: `${prefix}${company.code}_mgr`,
      display_name: `${company.code}负责人`,
      role: "manager",
      password_hash: passwordHash,
    });
    for (let i = 1; i <= staff; i++) {
      rows.push({
        zone_id: zoneId,
        company_id: company.id,
        login: `${prefix}${company.code}_s${i}`,
        display_name: `${company.code}专员${i}`,
        role: "staff",
        password_hash: passwordHash,
      });
    }
  }
  await sql`insert into users ${sql(rows)}`;
}

const REGIONS = [
  "山西",
  "太原",
  "晋中",
  "北京",
  "上海",
  "深圳",
  "江苏",
  "浙江",
  "广东",
  "天津",
  "陕西",
  "河南",
  "山东",
  "湖北",
  "安徽",
  "四川",
  "重庆",
  "福建",
  "香港",
  "苏州",
];
const CORE1 = [
  "华",
  "中",
  "晋",
  "泰",
  "恒",
  "鼎",
  "瑞",
  "新",
  "宏",
  "金",
  "国",
  "天",
  "汇",
  "博",
  "正",
  "力",
  "长",
  "东",
  "盛",
  "永",
  "嘉",
  "德",
  "光",
  "安",
  "信",
  "融",
  "誉",
  "达",
  "海",
  "远",
];
const CORE2 = [
  "恒",
  "科",
  "能",
  "创",
  "源",
  "通",
  "芯",
  "辉",
  "睿",
  "锐",
  "耀",
  "晟",
  "拓",
  "维",
  "航",
  "城",
  "联",
  "宇",
  "腾",
  "和",
  "凯",
  "昌",
  "隆",
  "丰",
  "泽",
  "诚",
  "峰",
  "越",
  "成",
  "智",
];
const INDUSTRIES = [
  "科技",
  "新材料",
  "半导体",
  "新能源",
  "智能装备",
  "生物医药",
  "电子",
  "数据",
  "光电",
  "环保",
  "汽车",
  "航空",
  "重工",
  "化工",
  "投资",
];
const FORMS = ["有限公司", "股份有限公司", "集团有限公司", "有限责任公司"];
const PRODUCTS = [
  "碳纤维",
  "光伏组件",
  "锂电池正极材料",
  "数据中心",
  "芯片封装测试",
  "氢能装备",
  "碳化硅衬底",
  "智能网联汽车零部件",
  "生物基材料",
  "高端轴承",
  "特种钢材",
  "轨道交通装备",
  "煤机智能化",
  "通航飞机维修",
  "创新药",
  "医疗器械",
  "节能锅炉",
  "信创服务器",
  "光电显示模组",
  "石墨烯",
];
const SUFFIXES = ["项目", "一期项目", "二期项目", "扩产项目", "生产基地项目", "研发中心项目", "产业园项目", "技改项目"];
const SUMMARIES = [
  "电话沟通投资意向",
  "上门拜访企业总部",
  "企业来区实地考察",
  "就土地与厂房条件洽谈",
  "就电价与补贴政策洽谈",
  "项目会商评审",
  "签约仪式",
  "跟进项目进展",
  "协调用地指标",
  "对接金融支持",
];
const NEXT_ACTIONS = ["准备投资协议文本", "安排企业来区考察", "报送会商材料", "对接自然资源部门", "回复企业政策诉求", "约定下一轮洽谈"];
const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** SQL expression: a valid 统一社会信用代码 whose 17 first characters are `body` (GB 32100 check character). */
function usccSql(body: string) {
  return `(${body}) || substr('${USCC_ALPHABET}', ((31 - (select sum((strpos('${USCC_ALPHABET}', substr(${body}, i, 1)) - 1) * (array[${USCC_WEIGHTS.join(",")}])[i]) from generate_series(1, 17) i)::int % 31) % 31) + 1, 1)`;
}

type ZonePlan = {
  zoneId: number;
  companies: CompanyPlan[];
  projects: number;
  investors: number;
  activitiesPerProject: number;
  codePrefix: string;
  today: string;
  log: (line: string) => void;
  /**
   * Every `sharedEvery`-th investor (g % sharedEvery = 1) gets a code that does not depend on the zone, so the same
   * enterprise is followed by several zones (the province's shared-investor list); 0: every code is the zone's own.
   */
  sharedEvery?: number;
  /** Notifications per user (40 by default). */
  notificationsPerUser?: number;
};

async function generateZone(sql: Sql, z: ZonePlan) {
  const { zoneId, today } = z;
  const sum = z.companies.reduce((a, c) => a + c.weight, 0);
  let acc = 0;
  const bands = z.companies.map((c) => {
    const lo = acc / sum;
    acc += c.weight;
    return { id: c.id, cluster_id: c.clusterId, kind: c.kind, lo, hi: acc / sum };
  });
  bands[bands.length - 1].hi = 1.0000001;
  await sql`drop table if exists bench_co, bench_staff, bench_inv, bench_p`;
  await sql`create temp table bench_co (id int, cluster_id int, kind text, lo float8, hi float8)`;
  await sql`insert into bench_co ${sql(bands)}`;
  await sql`create temp table bench_staff as
    select company_id, (row_number() over (partition by company_id order by id) - 1)::int as idx, id as user_id,
      count(*) over (partition by company_id)::int as n
    from users where zone_id = ${zoneId} and role = 'staff'`;
  await sql`create index on bench_staff (company_id, idx)`;
  const clusterIds = (await sql<{ id: number }[]>`select id from clusters where zone_id = ${zoneId} order by sort_order, id`).map((r) => r.id);

  // Investors: Chinese company names from parts, mixed so neighbours differ; valid USCCs for 80% of them.
  z.log(`investors: ${z.investors}`);
  const [{ base: invBase }] = await sql<{ base: number }[]>`select coalesce(max(id), 0)::int as base from investors`;
  await sql.unsafe(
    `insert into investors (id, zone_id, name, uscc, region, industry, created_at, updated_at)
     overriding system value
     select $1::int + g, $2::int,
       r.region || c1.v || c2.v || ind.v || f.v,
       case when $10::int > 0 and g % $10::int = 1 then ${usccSql(`'91140100' || lpad(((g::bigint * 104729) % 1000000000)::text, 9, '0')`)}
            when g % 5 <> 0 then ${usccSql(`'91140100' || lpad(((g::bigint * 104729 + $3::int) % 1000000000)::text, 9, '0')`)} end,
       r.region, ind.v,
       ts, ts
     from generate_series(1, $4::int) g
     cross join lateral (select (g::bigint * 7919) % 270000 as k) m
     cross join lateral (select ($5::text[])[1 + m.k % 20] as region) r
     cross join lateral (select ($6::text[])[1 + (m.k / 20) % 30] as v) c1
     cross join lateral (select ($7::text[])[1 + (m.k / 600) % 30] as v) c2
     cross join lateral (select ($8::text[])[1 + (m.k / 18000) % 15] as v) ind
     cross join lateral (select ($9::text[])[1 + g % 4] as v) f
     cross join lateral (select now() - (random() * 3000 || ' days')::interval as ts) t`,
    [invBase, zoneId, zoneId * 7, z.investors, REGIONS, CORE1, CORE2, INDUSTRIES, FORMS, z.sharedEvery ?? 0] as never[],
  );
  await sql`select setval(pg_get_serial_sequence('investors', 'id'), (select max(id) from investors))`;
  await sql.unsafe(
    `insert into investor_contacts (investor_id, name, title, mobile)
     select id, (array['张','王','李','赵','刘','陈','杨','黄'])[1 + id % 8] || (array['经理','总','主任','董事长'])[1 + id % 4],
       (array['投资总监','总经理','董事长','副总裁'])[1 + id % 4], '139' || lpad((id * 37 % 100000000)::text, 8, '0')
     from investors where zone_id = $1`,
    [zoneId],
  );

  // Projects: one plan row per project with its stage, dates, money and people, then one INSERT … SELECT.
  z.log(`projects: ${z.projects}`);
  const [{ base: pBase }] = await sql<{ base: number }[]>`select coalesce(max(id), 0)::int as base from projects`;
  await sql.unsafe(
    `create temp table bench_p as
     with raw as (
       select g, random() as r_co, random() as r_stage, random() as r_status, random() as r_owner,
         random() as r_inv, random() as r_money, random() as r_age, random() as r_tr, random() as r_plan,
         random() as r_stale, random() as r_conf,
         3 + floor(random() * 27)::int as g1, 10 + floor(random() * 50)::int as g2, 20 + floor(random() * 90)::int as g3,
         10 + floor(random() * 60)::int as g4, 15 + floor(random() * 45)::int as g5, 30 + floor(random() * 90)::int as g6,
         180 + floor(random() * 320)::int as g7
       from generate_series(1, $1::int) g
     ), staged as (
       select raw.*, co.id as company_id, co.cluster_id as co_cluster, co.kind as co_kind,
         case when r_stage < 0.30 then 0 when r_stage < 0.50 then 1 when r_stage < 0.68 then 2 when r_stage < 0.76 then 3
              when r_stage < 0.84 then 4 when r_stage < 0.89 then 5 when r_stage < 0.95 then 6 else 7 end as s
       from raw join bench_co co on raw.r_co >= co.lo and raw.r_co < co.hi
     ), offs as (
       select staged.*, g1 as o1, g1 + g2 as o2, g1 + g2 + g3 as o3, g1 + g2 + g3 + g4 as o4,
         g1 + g2 + g3 + g4 + g5 as o5, g1 + g2 + g3 + g4 + g5 + g6 as o6, g1 + g2 + g3 + g4 + g5 + g6 + g7 as o7
       from staged
     ), dated as (
       select offs.*,
         (array[0, o1, o2, o3, o4, o5, o6, o7])[s + 1] as o_last,
         $2::date - (array[0, o1, o2, o3, o4, o5, o6, o7])[s + 1] - floor(r_age * 1400)::int as created_on
       from offs
     )
     select $3::int + g as id, g, company_id, co_kind,
       coalesce(co_cluster, ($4::int[])[1 + (g % array_length($4::int[], 1))]) as cluster_id,
       s, created_on,
       case when s >= 1 then created_on + o1 end as contacted_on,
       created_on + o2 as negotiating_on,
       case when s >= 3 then created_on + o3 end as review_on,
       case when s >= 4 then created_on + o4 end as signed_on,
       case when s >= 5 then created_on + o5 end as registered_on,
       case when s >= 6 then created_on + o6 end as construction_on,
       case when s >= 7 then created_on + o7 end as production_on,
       created_on + o_last as stage_on,
       case when s <= 3 and r_status < 0.16 then 'lost' when r_status > 0.92 then 'on_hold' else 'active' end as status,
       least($2::date, created_on + o_last + floor(r_age * 1400 * 0.5)::int) as status_on,
       r_owner, r_inv, r_money, r_tr, r_plan, r_stale, r_conf
     from dated`,
    [z.projects, today, pBase, clusterIds] as never[],
  );
  await sql`create index on bench_p (id)`;
  // Owners (a staff member of the company); transfers from a service company for 4% of attraction projects.
  await sql.unsafe(`alter table bench_p add column owner_id int, add column from_company_id int, add column from_owner_id int,
    add column transfer_on date, add column investor_id int, add column n_act int, add column last_on date,
    add column next_on date, add column span_from date`);
  await sql.unsafe(
    `update bench_p p set owner_id = st.user_id
     from bench_staff st where st.company_id = p.company_id and st.idx = floor(p.r_owner * st.n)::int`,
  );
  await sql.unsafe(
    `update bench_p p set from_company_id = sc.id,
       transfer_on = least(coalesce(p.contacted_on, p.created_on) + 5, $1::date)
     from (select id, row_number() over (order by id) as k from bench_co where kind = 'service') sc
     where p.co_kind = 'attraction' and p.r_tr < 0.04 and sc.k = 1 + p.g % 2`,
    [today],
  );
  await sql.unsafe(
    `update bench_p p set from_owner_id = st.user_id
     from bench_staff st where p.from_company_id is not null and st.company_id = p.from_company_id and st.idx = p.g % st.n`,
  );
  // Investors: a long tail (some investors have many projects).
  await sql.unsafe(`update bench_p set investor_id = $1::int + 1 + floor(power(r_inv, 1.6) * $2::int)::int`, [invBase, z.investors]);
  // Activities: none for leads (a contact needs one), more the further a project went; the last one on last_on.
  await sql.unsafe(
    `update bench_p set
       n_act = case when s = 0 then 0 else greatest(1, floor((array[0, 6, 20, 30, 40, 45, 50, 55])[s + 1] * $1::float8 / 18.4 * (0.5 + r_money))::int) end,
       span_from = contacted_on,
       last_on = case when s = 0 then null
         else greatest(contacted_on, (case when status = 'active' then $2::date else status_on end) - floor(power(r_stale, 3) * 120)::int) end`,
    [z.activitiesPerProject, today],
  );
  await sql.unsafe(
    `update bench_p set next_on = case when s > 0 and status = 'active' and r_plan < 0.7 then last_on + 3 + floor(r_stale * 40)::int end`,
  );

  await sql.unsafe(
    `insert into projects (id, zone_id, code, name, investor_id, investor_contact_id, cluster_id, company_id, owner_id,
       first_contact_company_id, source_channel, content, investment_type, stage, status, lost_reason, status_note,
       planned_investment_wan, contracted_investment_wan, land_mu, annual_output_wan, annual_tax_wan, jobs,
       planned_sign_on, planned_construction_on, planned_production_on,
       contacted_on, review_on, review_outcome, agreement_no, signed_on, project_company_name, project_company_uscc,
       registered_on, construction_on, production_on, last_activity_on, next_action_on, next_action,
       confidential, created_by_id, created_at, updated_at)
     overriding system value
     select p.id, $1::int, $2::text || lpad(p.g::text, 7, '0'),
       c1 || c2 || ($3::text[])[1 + (p.g * 13) % array_length($3::text[], 1)] || ($4::text[])[1 + (p.g * 7) % array_length($4::text[], 1)],
       p.investor_id, (select ic.id from investor_contacts ic where ic.investor_id = p.investor_id limit 1),
       p.cluster_id, p.company_id, p.owner_id,
       case when p.s >= 1 then coalesce(p.from_company_id, p.company_id) end,
       (enum_range(null::source_channel))[1 + p.g % array_length(enum_range(null::source_channel), 1)],
       '建设内容' || p.g, (enum_range(null::investment_type))[1 + p.g % 3],
       (enum_range(null::project_stage))[p.s + 1], p.status::project_status,
       case when p.status = 'lost' then (enum_range(null::lost_reason))[1 + p.g % 5] end,
       case when p.status <> 'active' then '企业暂缓投资计划' end,
       m.planned, case when p.s >= 4 then round(m.planned * (0.8 + 0.4 * p.r_plan)::numeric, 2) end,
       case when p.s >= 3 then round((m.planned / 300)::numeric, 2) end,
       case when p.s >= 3 then round(m.planned * 1.5, 2) end,
       case when p.s >= 3 then round(m.planned * 0.05, 2) end,
       case when p.s >= 3 then 20 + p.g % 500 end,
       case when p.s < 4 then $5::date + floor(p.r_plan * 400)::int - 100 end,
       case when p.s between 4 and 5 then $5::date + floor(p.r_plan * 300)::int - 90 end,
       case when p.s = 6 then $5::date + floor(p.r_plan * 500)::int - 90 end,
       p.contacted_on, p.review_on, case when p.s >= 4 then 'approved'::review_outcome end,
       case when p.s >= 4 then 'XY-' || extract(year from p.signed_on) || '-' || p.g end, p.signed_on,
       case when p.s >= 5 then c1 || c2 || '(山西)' || ($6::text[])[1 + p.g % 15] || '有限公司' end,
       case when p.s >= 5 then ${usccSql(`'91140100' || lpad(((p.g::bigint * 15485863 + 3) % 1000000000)::text, 9, '0')`)} end,
       p.registered_on, p.construction_on, p.production_on, p.last_on, p.next_on,
       case when p.next_on is not null then ($7::text[])[1 + p.g % array_length($7::text[], 1)] end,
       p.r_conf < 0.02, coalesce(p.from_owner_id, p.owner_id),
       p.created_on::timestamp at time zone 'Asia/Shanghai' + interval '9 hours',
       greatest(coalesce(p.last_on, p.created_on), p.stage_on)::timestamp at time zone 'Asia/Shanghai' + interval '17 hours' + (p.g % 3600) * interval '1 second'
     from bench_p p
     cross join lateral (select round((100 * exp(p.r_money * 7.5))::numeric, 2) as planned) m
     cross join lateral (select ($8::text[])[1 + (p.investor_id * 7) % 30] as c1, ($9::text[])[1 + (p.investor_id * 11) % 30] as c2) nm`,
    [zoneId, z.codePrefix, PRODUCTS, SUFFIXES, today, INDUSTRIES, NEXT_ACTIONS, CORE1, CORE2] as never[],
  );
  await sql`select setval(pg_get_serial_sequence('projects', 'id'), (select max(id) from projects))`;

  z.log("holdings, history, handoffs");
  await sql.unsafe(
    `insert into project_holdings (project_id, company_id, from_on, until_on)
     select id, from_company_id, created_on, transfer_on from bench_p where from_company_id is not null
     union all
     select id, company_id, coalesce(transfer_on, created_on), null from bench_p`,
  );
  // History consistent with the stage: created, then one event per stage reached, a status change, an owner change.
  await sql.unsafe(
    `insert into project_events (project_id, kind, from_stage, to_stage, from_status, to_status, from_owner_id, to_owner_id, business_on, recorded_at, actor_id, note)
     select id, 'created'::project_event_kind, null::project_stage, 'lead'::project_stage, null::project_status, 'active'::project_status, null::int, coalesce(from_owner_id, owner_id), created_on,
       created_on::timestamp at time zone 'Asia/Shanghai' + interval '9 hours', coalesce(from_owner_id, owner_id), null
     from bench_p
     union all
     select p.id, 'stage'::project_event_kind, (enum_range(null::project_stage))[k], (enum_range(null::project_stage))[k + 1], null, null, null, null,
       d.on_date, d.on_date::timestamp at time zone 'Asia/Shanghai' + interval '18 hours', p.owner_id, null
     from bench_p p
     cross join lateral generate_series(1, p.s) k
     cross join lateral (select (array[p.contacted_on, p.negotiating_on, p.review_on, p.signed_on, p.registered_on, p.construction_on, p.production_on])[k] as on_date) d
     union all
     select id, 'status'::project_event_kind, null, null, 'active'::project_status, status::project_status, null, null, status_on,
       status_on::timestamp at time zone 'Asia/Shanghai' + interval '19 hours', owner_id, '企业暂缓投资计划'
     from bench_p where status <> 'active'
     union all
     select id, 'owner'::project_event_kind, null, null, null, null, from_owner_id, owner_id, transfer_on,
       transfer_on::timestamp at time zone 'Asia/Shanghai' + interval '16 hours', owner_id, '移交'
     from bench_p where from_company_id is not null`,
  );
  // Handoffs: the accepted transfers above, pending transfers and assists (overdue or not), closed assists.
  await sql.unsafe(
    `insert into handoffs (zone_id, project_id, kind, status, from_company_id, to_company_id, requested_by_id, reason, need, answered_by_id, answered_at, assignee_id, outcome, closed_at, created_at)
     select $1::int, id, 'transfer'::handoff_kind, 'accepted'::handoff_status, from_company_id, company_id, from_owner_id, '属于本集群', null::assist_need, null::int,
       transfer_on::timestamp at time zone 'Asia/Shanghai' + interval '16 hours', null::int, null::text, null::timestamptz,
       (transfer_on - 2)::timestamp at time zone 'Asia/Shanghai' + interval '10 hours'
     from bench_p where from_company_id is not null
     union all
     select $1::int, p.id, case when p.g % 3 = 0 then 'transfer'::handoff_kind else 'assist'::handoff_kind end,
       case when p.g % 5 = 0 then 'pending'::handoff_status when p.g % 3 = 0 then 'rejected' else 'closed' end,
       p.company_id, to_co.id, p.owner_id, '需要协助',
       case when p.g % 3 <> 0 then (enum_range(null::assist_need))[1 + p.g % 5] end,
       null, null, null, case when p.g % 5 <> 0 and p.g % 3 <> 0 then '已办结' end,
       case when p.g % 5 <> 0 and p.g % 3 <> 0 then now() - (p.g % 300) * interval '1 day' end,
       now() - (p.g % 400) * interval '1 day' - interval '1 hour'
     from bench_p p
     join lateral (select id from bench_co where id <> p.company_id order by (id * 31 + p.g) % 17 limit 1) to_co on true
     where p.status = 'active' and p.s >= 2 and p.g % 17 = 0`,
    [zoneId],
  );

  z.log("activities");
  await sql.unsafe(
    `insert into activities (project_id, company_id, kind, occurred_on, summary, next_action, next_action_due_on, next_action_done_at, created_by_id, created_at)
     select p.id, p.company_id, (enum_range(null::activity_kind))[1 + (p.g + k) % 7], d.on_date,
       ($1::text[])[1 + (p.g + k) % array_length($1::text[], 1)],
       case when k = p.n_act and p.next_on is not null then ($2::text[])[1 + p.g % array_length($2::text[], 1)]
            when k % 5 = 0 then ($2::text[])[1 + k % array_length($2::text[], 1)] end,
       case when k = p.n_act then p.next_on when k % 5 = 0 then d.on_date + 7 end,
       case when k < p.n_act and k % 5 = 0 then (d.on_date + 5)::timestamp at time zone 'Asia/Shanghai' end,
       p.owner_id, d.on_date::timestamp at time zone 'Asia/Shanghai' + interval '15 hours'
     from bench_p p
     cross join lateral generate_series(1, p.n_act) k
     cross join lateral (select case when k = p.n_act then p.last_on
       else p.span_from + floor((p.last_on - p.span_from) * (k - random() * 0.9) / p.n_act)::int end as on_date) d
     where p.n_act > 0`,
    [SUMMARIES, NEXT_ACTIONS] as never[],
  );
  z.log("activity participants");
  await sql.unsafe(
    `insert into activity_users (activity_id, user_id)
     select a.id, a.created_by_id from activities a join bench_p p on p.id = a.project_id`,
  );
  // Notifications: a few dozen per user, most read; handoff requests as the app words them, each about a project.
  await sql.unsafe(
    `insert into notifications (zone_id, user_id, kind, params, link, created_at, read_at)
     select u.zone_id, u.id, 'handoff_transfer_requested', jsonb_build_object('company', c.short_name, 'project', p.name),
       '/handoffs', now() - k * interval '1 day',
       case when k > 3 then now() - k * interval '1 day' + interval '1 hour' end
     from users u cross join generate_series(1, $2::int) k
     join projects p on p.id = (select min(id) from bench_p) + (u.id * 7919 + k * 104729) % (select count(*) from bench_p)
     join companies c on c.id = p.company_id
     where u.zone_id = $1`,
    [zoneId, z.notificationsPerUser ?? 40],
  );
  await sql`drop table bench_co, bench_staff, bench_p`;
}

async function seedSecondZone(sql: Sql, passwordHash: string, today: string, log: (line: string) => void) {
  log("second zone");
  const [zone] = await sql<{ id: number }[]>`insert into zones (code, name) values ('other', '邻区开发区') returning id`;
  const picked = REFERENCE_CLUSTERS.slice(0, 3);
  const clusterRows = await sql<{ id: number }[]>`insert into clusters ${sql(
    picked.map((c, i) => ({ zone_id: zone.id, name: c.name, sort_order: i + 1 })),
  )} returning id`;
  const [committee] = await sql<{ id: number }[]>`
    insert into companies (zone_id, name, short_name, kind, sort_order) values (${zone.id}, '管委会', '管委会', 'committee', 0) returning id`;
  const companyRows = await sql<{ id: number; cluster_id: number | null; kind: string }[]>`insert into companies ${sql([
    ...picked.map((c, i) => ({
      zone_id: zone.id,
      name: `${c.short}产业招商服务公司`,
      short_name: c.short,
      kind: "attraction",
      cluster_id: clusterRows[i].id,
      sort_order: i + 1,
      hotline: false,
    })),
    {
      zone_id: zone.id,
      name: REFERENCE_OTHER_COMPANIES[0].name,
      short_name: REFERENCE_OTHER_COMPANIES[0].short,
      kind: "service",
      cluster_id: null,
      sort_order: 100,
      hotline: true,
    },
  ])} returning id, cluster_id, kind`;
  const companies = companyRows.map((c, i) => ({
    id: c.id,
    clusterId: c.cluster_id,
    kind: c.kind,
    code: i < picked.length ? picked[i].code : "zh",
    weight: 1,
  }));
  await sql`insert into users ${sql([
    { zone_id: zone.id, company_id: null, login: "z2_admin", display_name: "邻区管理员", role: "admin", password_hash: passwordHash },
    { zone_id: zone.id, company_id: committee.id, login: "z2_leader", display_name: "邻区领导", role: "leader", password_hash: passwordHash },
  ])}`;
  await insertUsers(
    sql,
    zone.id,
    committee.id,
    companies.map((company) => ({ company, staff: 3 })),
    passwordHash,
    "z2_",
    0,
  );
  await generateZone(sql, {
    zoneId: zone.id,
    companies,
    projects: 2_000,
    investors: 400,
    activitiesPerProject: 20,
    codePrefix: "OZ",
    today,
    log,
  });
}
