// The demo zone: users for every company, ~400 investors with contacts, ~2000 projects over the last three years
// with their history, holdings and activities. Deterministic: a fixed-seed PRNG and dates derived from `today`
// only, so the same inputs give the same rows. Everything is planned in memory first, then inserted in batches.

import { seedServiceRequests } from "./demo-service";
import { completeUscc } from "../../app/lib/uscc";
import { chunks } from "../../app/lib/chunks";
import type { Executor } from "../index";
import {
  activities,
  activityContacts,
  activityUsers,
  chainLinks,
  industryChains,
  investorContacts,
  investors,
  PROJECT_STAGES,
  projectEvents,
  projectChainLinks,
  projectHoldings,
  projects,
  users,
} from "../schema";
import { eq } from "drizzle-orm";
import { suggestLinks } from "../../app/lib/chain-strength";
import type {
  ACTIVITY_KINDS,
  CompanyKind,
  INVESTMENT_TYPES,
  LOST_REASONS,
  NegotiationTerm,
  ProjectStage,
  ProjectStatus,
  REVIEW_OUTCOMES,
  SOURCE_CHANNELS,
} from "../schema";
import {
  AFTER_SIGNING_SUMMARIES,
  BRANDS,
  CLUSTER_POOLS,
  COMPANY_SUFFIXES,
  COMPANY_WEIGHTS,
  CONTACT_TITLES,
  DIVISIONS,
  FIRST_CONTACT_SUMMARIES,
  FOLLOW_UP_SUMMARIES,
  GIVEN_NAMES,
  LOST_NOTES,
  MOBILE_PREFIXES,
  NEGOTIATION_FOCUS,
  NEGOTIATION_TERMS,
  NEXT_ACTIONS_AFTER_SIGNING,
  NEXT_ACTIONS_BEFORE_SIGNING,
  ON_HOLD_NOTES,
  REVIEW_OUTCOME_LABELS,
  SURNAMES,
  ZONE_COMPANY_PREFIXES,
  ZONE_DIVISION_CODES,
} from "./demo-data";
import type { Division } from "./demo-data";
import type { ReferenceZone } from "./reference";

type ActivityKind = (typeof ACTIVITY_KINDS)[number];
type LostReason = (typeof LOST_REASONS)[number];
type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
type SourceChannel = (typeof SOURCE_CHANNELS)[number];
type InvestmentType = (typeof INVESTMENT_TYPES)[number];

export type DemoOptions = {
  passwordHash: string;
  /** The zone's calendar date (YYYY-MM-DD, Asia/Shanghai) the demo is built around; no business date is after it. */
  today: string;
  /** How many projects; 2000 by default. Investors scale with it (one for every five projects). */
  projects?: number;
  /**
   * Tag the projects whose names suggest a link of their cluster's chain with it, so the demo's chain maps show
   * filled and empty links. Off for the test worlds, whose chain tests start from empty links.
   */
  chainTags?: boolean;
};

export type DemoCounts = { users: number; investors: number; projects: number; activities: number };

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a tiny 32-bit PRNG, good enough for demo data and identical on every platform. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [item, w] of entries) {
      r -= w;
      if (r < 0) return item;
    }
    return entries[entries.length - 1][0];
  }

  /** Up to `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar days and timestamps (Asia/Shanghai is UTC+8 all year)

/** Days since 1970-01-01. */
type Day = number;
/** Minutes since 1970-01-01 00:00 Asia/Shanghai. */
type Stamp = number;

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MIN = 8 * 60;

function parseDay(text: string): Day {
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(ms) || formatDay(ms / DAY_MS) !== text) {
    throw new Error(`seedDemo: today must be a date YYYY-MM-DD, got "${text}"`);
  }
  return ms / DAY_MS;
}

function formatDay(day: Day): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function yearOf(day: Day): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

function stampAt(day: Day, hour: number, minute = 0): Stamp {
  return day * 1440 + hour * 60 + minute;
}

/** Some time during office hours (09:00–18:00) of that day. */
function officeHours(rng: Rng, day: Day): Stamp {
  return stampAt(day, 9) + rng.int(0, 9 * 60);
}

function toDate(stamp: Stamp): Date {
  return new Date((stamp - SHANGHAI_OFFSET_MIN) * 60_000);
}

// ---------------------------------------------------------------------------------------------------------------
// Money: integer 万元 or integer hundredths of 万元, written as decimal strings (never a float on the way)

function wan(amount: number): string {
  return cents(amount * 100);
}

/** Hundredths (of 万元, of 亩) as a decimal string with two places. */
function cents(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`seedDemo: not a whole number of hundredths: ${value}`);
  return `${Math.floor(value / 100)}.${String(value % 100).padStart(2, "0")}`;
}

/** 万元 as people say it: 8500万元, 3.2亿元. */
function spokenAmount(amount: number): string {
  if (amount < 10_000) return `${amount}万元`;
  return `${Math.round(amount / 100) / 100}亿元`;
}

/** a × p / q rounded to a whole number, for integer a, p, q. */
function scale(a: number, p: number, q: number): number {
  return Math.round((a * p) / q);
}

// ---------------------------------------------------------------------------------------------------------------
// The shape of the plan

const STAGE = Object.fromEntries(PROJECT_STAGES.map((s, i) => [s, i])) as Record<ProjectStage, number>;
const SIGNED = STAGE.signed;
const REGISTERED = STAGE.registered;
const CONSTRUCTION = STAGE.construction;
const PRODUCTION = STAGE.production;

/** Three years of projects before today. */
const WINDOW_DAYS = 1095;

/** Where projects stand now: more early than late. */
const STAGE_WEIGHTS: readonly (readonly [number, number])[] = [
  [STAGE.lead, 22],
  [STAGE.contacted, 18],
  [STAGE.negotiating, 17],
  [STAGE.evaluating, 11],
  [STAGE.signed, 9],
  [STAGE.registered, 8],
  [STAGE.construction, 8],
  [STAGE.production, 7],
];

/** Days from the previous stage to this one (index = stage), low and high. */
const STAGE_GAPS: readonly (readonly [number, number])[] = [
  [0, 0],
  [0, 30],
  [7, 60],
  [30, 150],
  [7, 60],
  [10, 90],
  [20, 180],
  [150, 540],
];

/** Follow-ups (besides the first contact, negotiations, milestones and a recent one), by stage, low and high. */
const EXTRA_ACTIVITIES: readonly (readonly [number, number])[] = [
  [0, 0],
  [0, 1],
  [0, 1],
  [0, 2],
  [0, 2],
  [0, 2],
  [0, 2],
  [0, 2],
];

/** Planned investment in 万元: a band (low, high, step) and its weight; many 1,000–50,000, a few ≥ 10亿. */
const INVESTMENT_BANDS: readonly (readonly [readonly [number, number, number], number])[] = [
  [[500, 1_000, 50], 8],
  [[1_000, 5_000, 100], 30],
  [[5_000, 20_000, 500], 30],
  [[20_000, 50_000, 1_000], 17],
  [[50_000, 100_000, 5_000], 9],
  [[100_000, 300_000, 10_000], 5],
  [[300_000, 500_000, 50_000], 1],
];

const SOURCE_CHANNEL_WEIGHTS: readonly (readonly [SourceChannel, number])[] = [
  ["business_referral", 25],
  ["resident_office", 15],
  ["exhibition", 15],
  ["agency", 12],
  ["online", 8],
  ["walk_in", 10],
  ["fund", 8],
  ["other", 7],
];

const INVESTMENT_TYPE_WEIGHTS: readonly (readonly [InvestmentType, number])[] = [
  ["new", 70],
  ["expansion", 20],
  ["upgrade", 10],
];

const LOST_REASON_WEIGHTS: readonly (readonly [LostReason, number])[] = [
  ["other_location", 35],
  ["investor_withdrew", 30],
  ["policy_not_met", 20],
  ["other", 15],
];

type Member = { id: number; login: string; role: "manager" | "staff" };

type Team = {
  companyId: number;
  code: string;
  name: string;
  kind: CompanyKind;
  clusterCode: string | null;
  manager: Member;
  members: Member[];
};

type ContactPlan = { name: string; title: string; mobile: string; email: string };

type InvestorPlan = {
  name: string;
  brand: string;
  clusterCode: string;
  industryWord: string;
  division: Division;
  uscc: string | null;
  contacts: ContactPlan[];
  /** How likely it is to be the investor of a project (big groups have several). */
  popularity: number;
  /** From its first project, if it has one. */
  firstProject: ProjectPlan | null;
};

type ActivityPlan = {
  kind: ActivityKind;
  on: Day;
  /** Why the activity exists: the milestone it records, or an ordinary follow-up. */
  role: "first" | "negotiation" | "review" | "signing" | "registered" | "construction" | "production" | "extra";
  companyId: number;
  by: Member;
  summary: string;
  reviewOutcome: ReviewOutcome | null;
  terms: NegotiationTerm[] | null;
  nextAction: string | null;
  nextActionDueOn: Day | null;
  nextActionDoneAt: Stamp | null;
  userIds: number[];
  contactIdxs: number[];
  createdAt: Stamp;
};

type EventPlan = {
  kind: "created" | "stage" | "status" | "owner";
  on: Day;
  fromStage?: ProjectStage;
  toStage?: ProjectStage;
  fromStatus?: ProjectStatus;
  toStatus?: ProjectStatus;
  fromOwnerId?: number;
  toOwnerId?: number;
  actorId: number;
  note?: string;
  recordedAt: Stamp;
};

type Money = {
  /** Which investment band (0 = smallest): bigger projects get bigger capacities in their names. */
  band: number;
  planned: number | null;
  contracted: number | null;
  fixedAsset: number | null;
  annualOutput: number | null;
  annualTaxCents: number | null;
  landMuCents: number | null;
  jobs: number | null;
  foreignUsd: number | null;
};

type ProjectPlan = {
  code: string;
  name: string;
  product: string;
  content: string;
  investorIdx: number;
  contactIdx: number | null;
  clusterId: number;
  clusterName: string;
  team: Team;
  owner: Member;
  creator: Member;
  /** A service company found it and handed it to the owning attraction company. */
  transfer: { team: Team; from: Member; on: Day } | null;
  stage: number;
  status: ProjectStatus;
  lostReason: LostReason | null;
  statusNote: string | null;
  statusOn: Day | null;
  /** The date each stage was reached, by stage index (0 = lead, the creation date). */
  stageOn: (Day | null)[];
  reviewOutcome: ReviewOutcome | null;
  agreementNo: string | null;
  projectCompanyName: string | null;
  projectCompanyUscc: string | null;
  sourceChannel: SourceChannel;
  investmentType: InvestmentType;
  confidential: boolean;
  money: Money;
  plannedSignOn: Day | null;
  plannedConstructionOn: Day | null;
  plannedProductionOn: Day | null;
  activities: ActivityPlan[];
  events: EventPlan[];
};

// ---------------------------------------------------------------------------------------------------------------
// Entry point

export async function seedDemo(db: Executor, ref: ReferenceZone, opts: DemoOptions): Promise<DemoCounts> {
  const today = parseDay(opts.today);
  const projectCount = opts.projects ?? 2000;
  const investorCount = Math.max(20, Math.round(projectCount / 5));
  const names = new NameMaker(new Rng(0x5eed0001));

  const teams = await insertUsers(db, ref, opts.passwordHash, today, names);
  const uscc = new UsccMaker(new Rng(0x5eed0002));
  const investorPlans = planInvestors(new Rng(0x5eed0003), investorCount, names, uscc);
  const projectPlans = planProjects(new Rng(0x5eed0004), { ref, teams, investors: investorPlans, today, uscc }, projectCount);
  const activityRng = new Rng(0x5eed0005);
  for (const project of projectPlans) {
    planActivities(activityRng, project, investorPlans[project.investorIdx], today);
    planEvents(activityRng, project, today);
  }

  const { investorIds, contactIds } = await insertInvestors(db, ref, new Rng(0x5eed0006), investorPlans, teams, today);
  const activityCount = await insertProjects(db, ref, projectPlans, investorIds, contactIds);
  await seedServiceRequests(db, ref, new Rng(0x5eed0007), opts.today);
  if (opts.chainTags) await tagChainLinks(db, ref.zoneId);

  return {
    users: teams.reduce((n, t) => n + t.members.length, 0),
    investors: investorPlans.length,
    projects: projectPlans.length,
    activities: activityCount,
  };
}

/** The zone's projects whose names suggest a link of their cluster's chain, tagged with it (the picker's suggestion). */
async function tagChainLinks(db: Executor, zoneId: number) {
  const links = await db
    .select({ id: chainLinks.id, name: chainLinks.name, products: chainLinks.products, clusterId: industryChains.clusterId })
    .from(chainLinks)
    .innerJoin(industryChains, eq(industryChains.id, chainLinks.chainId))
    .where(eq(chainLinks.zoneId, zoneId));
  const byCluster = new Map<number, typeof links>();
  for (const l of links) byCluster.set(l.clusterId, [...(byCluster.get(l.clusterId) ?? []), l]);
  const rows = await db
    .select({ id: projects.id, name: projects.name, clusterId: projects.clusterId })
    .from(projects)
    .where(eq(projects.zoneId, zoneId));
  const tags: { projectId: number; linkId: number; zoneId: number }[] = [];
  for (const p of rows) {
    const own = p.clusterId === null ? [] : (byCluster.get(p.clusterId) ?? []);
    if (own.length === 0) continue;
    // Only where the name says which link: the rest stay untagged, as in a zone that started tagging lately, and
    // the maps keep some empty links to aim at.
    const link = suggestLinks(p.name, own)[0];
    if (link) tags.push({ projectId: p.id, linkId: link.id, zoneId });
  }
  for (const batch of chunks(tags, 1000)) await db.insert(projectChainLinks).values(batch);
}

// ---------------------------------------------------------------------------------------------------------------
// People

/** Unique Chinese personal names across the whole demo, with pinyin for e-mail addresses. */
class NameMaker {
  private used = new Set<string>();
  constructor(private rng: Rng) {}

  person(): { name: string; pinyin: string } {
    for (;;) {
      const [surname, surnamePinyin] = this.rng.pick(SURNAMES);
      const [given, givenPinyin] = this.rng.pick(GIVEN_NAMES);
      const name = surname + given;
      if (this.used.has(name) && this.used.size < SURNAMES.length * GIVEN_NAMES.length) continue;
      this.used.add(name);
      return { name, pinyin: surnamePinyin + givenPinyin };
    }
  }

  mobile(): string {
    return this.rng.pick(MOBILE_PREFIXES) + String(this.rng.int(0, 99_999_999)).padStart(8, "0");
  }
}

async function insertUsers(db: Executor, ref: ReferenceZone, passwordHash: string, today: Day, names: NameMaker): Promise<Team[]> {
  const since = toDate(stampAt(today - WINDOW_DAYS - 30, 9));
  const companies = ref.companies.filter((c) => c.kind !== "committee");
  const rows = companies.flatMap((company) =>
    (["mgr", "s1", "s2"] as const).map((suffix) => {
      const login = `${company.code}_${suffix}`;
      return {
        zoneId: ref.zoneId,
        companyId: company.id,
        login,
        displayName: names.person().name,
        role: suffix === "mgr" ? ("manager" as const) : ("staff" as const),
        passwordHash,
        email: `${login}@demo-zone.example.cn`,
        phone: names.mobile(),
        createdAt: since,
        passwordChangedAt: since,
      };
    }),
  );
  const inserted = await db.insert(users).values(rows).returning({ id: users.id, login: users.login, role: users.role, companyId: users.companyId });

  const clusterCode = new Map(ref.clusters.map((c) => [c.id, c.code]));
  return companies.map((company) => {
    const members = inserted.filter((u) => u.companyId === company.id).map((u) => ({ id: u.id, login: u.login, role: u.role as Member["role"] }));
    return {
      companyId: company.id,
      code: company.code,
      name: company.name,
      kind: company.kind,
      clusterCode: company.clusterId === null ? null : (clusterCode.get(company.clusterId) ?? null),
      manager: members.find((m) => m.role === "manager")!,
      members,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Investors

/** Valid, unique 统一社会信用代码: '91' (企业, 工商登记) + division + a 9-character organisation code + check. */
class UsccMaker {
  private used = new Set<string>();
  private static readonly ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  constructor(private rng: Rng) {}

  make(divisionCode: string): string {
    for (;;) {
      // Codes issued since 2015 mostly start their organisation part with "MA"; older ones are the old 组织机构代码.
      const org = this.rng.chance(0.6) ? "MA" + this.chars(UsccMaker.ALPHABET, 7) : this.chars("0123456789", 8) + this.chars(UsccMaker.ALPHABET, 1);
      const code = completeUscc(`91${divisionCode}${org}`);
      if (this.used.has(code)) continue;
      this.used.add(code);
      return code;
    }
  }

  private chars(alphabet: string, n: number) {
    let out = "";
    for (let i = 0; i < n; i++) out += alphabet[this.rng.int(0, alphabet.length - 1)];
    return out;
  }
}

function planInvestors(rng: Rng, count: number, names: NameMaker, uscc: UsccMaker): InvestorPlan[] {
  // Every cluster gets investors, the busy ones more.
  const clusterWeights = Object.keys(CLUSTER_POOLS).map((code) => [code, (COMPANY_WEIGHTS[code] ?? 1) + 1.5] as const);
  const usedNames = new Set<string>();
  const brandsInCluster = new Map<string, Set<string>>();
  const plans: InvestorPlan[] = [];

  while (plans.length < count) {
    const clusterCode = rng.weighted(clusterWeights);
    const pool = CLUSTER_POOLS[clusterCode];
    const usedBrands = brandsInCluster.get(clusterCode) ?? new Set<string>();
    brandsInCluster.set(clusterCode, usedBrands);
    // A trade name once per cluster, so project names (字号 + product) stay distinct.
    const free = BRANDS.filter(([b]) => !usedBrands.has(b));
    const [brand, brandPinyin] = rng.pick(free.length > 0 ? free : BRANDS);
    const industryWord = rng.pick(pool.industryWords);
    const division = rng.pick(DIVISIONS);
    const name = division.prefix + brand + industryWord + rng.weighted(COMPANY_SUFFIXES);
    if (usedNames.has(name)) continue;
    usedNames.add(name);
    usedBrands.add(brand);

    const contactCount = rng.weighted([
      [1, 35],
      [2, 45],
      [3, 20],
    ] as const);
    const titles = rng.sample(CONTACT_TITLES, contactCount);
    const contacts = titles.map((title) => {
      const person = names.person();
      return { name: person.name, title, mobile: names.mobile(), email: `${person.pinyin}@${brandPinyin}.example.com` };
    });

    plans.push({
      name,
      brand,
      clusterCode,
      industryWord,
      division,
      uscc: rng.chance(0.85) ? uscc.make(division.code) : null,
      contacts,
      popularity: rng.weighted([
        [1, 80],
        [2, 15],
        [4, 5],
      ] as const),
      firstProject: null,
    });
  }
  return plans;
}

async function insertInvestors(
  db: Executor,
  ref: ReferenceZone,
  rng: Rng,
  plans: InvestorPlan[],
  teams: Team[],
  today: Day,
): Promise<{ investorIds: number[]; contactIds: number[][] }> {
  const clusterTeam = new Map(teams.filter((t) => t.clusterCode).map((t) => [t.clusterCode!, t]));
  const clusterName = new Map(ref.clusters.map((c) => [c.code, c.name]));

  // An investor is registered with its first project; one without projects by its cluster's company at some point.
  const created = plans.map((plan) => {
    if (plan.firstProject) {
      return { by: plan.firstProject.creator.id, at: stampAt(plan.firstProject.stageOn[0]!, 9) };
    }
    const team = clusterTeam.get(plan.clusterCode) ?? teams[0];
    return { by: rng.pick(team.members).id, at: officeHours(rng, today - rng.int(0, WINDOW_DAYS)) };
  });

  const investorIds: number[] = [];
  for (const batch of chunks(
    plans.map((plan, i) => ({ plan, i })),
    500,
  )) {
    const rows = batch.map(({ plan, i }) => ({
      zoneId: ref.zoneId,
      name: plan.name,
      uscc: plan.uscc,
      region: plan.division.place,
      industry: clusterName.get(plan.clusterCode) ?? null,
      createdById: created[i].by,
      createdAt: toDate(created[i].at),
      updatedAt: toDate(created[i].at),
    }));
    const ids = await db.insert(investors).values(rows).returning({ id: investors.id });
    investorIds.push(...ids.map((r) => r.id));
  }

  const contactRows = plans.flatMap((plan, i) =>
    plan.contacts.map((c) => ({
      investorId: investorIds[i],
      name: c.name,
      title: c.title,
      mobile: c.mobile,
      email: c.email,
      createdAt: toDate(created[i].at),
    })),
  );
  const flatIds: number[] = [];
  for (const batch of chunks(contactRows, 1000)) {
    const ids = await db.insert(investorContacts).values(batch).returning({ id: investorContacts.id });
    flatIds.push(...ids.map((r) => r.id));
  }
  let next = 0;
  const contactIds = plans.map((plan) => plan.contacts.map(() => flatIds[next++]));
  return { investorIds, contactIds };
}

// ---------------------------------------------------------------------------------------------------------------
// Projects

type ProjectContext = {
  ref: ReferenceZone;
  teams: Team[];
  investors: InvestorPlan[];
  today: Day;
  uscc: UsccMaker;
};

function planProjects(rng: Rng, ctx: ProjectContext, count: number): ProjectPlan[] {
  const { ref, teams, investors: investorPlans, today } = ctx;
  const teamWeights = teams.map((t) => [t, COMPANY_WEIGHTS[t.code] ?? 1] as const);
  const clusterWeights = ref.clusters.map((c) => [c, COMPANY_WEIGHTS[c.code] ?? 1] as const);
  const serviceWeights = teams.filter((t) => t.kind === "service").map((t) => [t, 1] as const);
  const investorsByCluster = new Map<string, (readonly [number, number])[]>();
  investorPlans.forEach((inv, i) => {
    const list = investorsByCluster.get(inv.clusterCode) ?? [];
    list.push([i, inv.popularity]);
    investorsByCluster.set(inv.clusterCode, list);
  });
  const allInvestors = investorPlans.map((inv, i) => [i, inv.popularity] as const);
  const usedNames = new Set<string>();
  const usedCompanyNames = new Set<string>();

  const plans: ProjectPlan[] = [];
  for (let n = 0; n < count; n++) {
    const team = rng.weighted(teamWeights);
    const ownCluster = team.clusterCode ? ref.clusters.find((c) => c.code === team.clusterCode) : undefined;
    // An attraction company works its own cluster (issue 19: a 光伏 project under 生物医药 misled); the service and
    // platform companies take projects of any cluster.
    const cluster = ownCluster ?? rng.weighted(clusterWeights);
    const stage = rng.weighted(STAGE_WEIGHTS);
    const status = pickStatus(rng, stage);

    // The dates of the stages reached, fitted into the window before today.
    const gaps = STAGE_GAPS.slice(0, stage + 1).map(([lo, hi]) => rng.int(lo, hi));
    let span = gaps.reduce((a, b) => a + b, 0);
    if (span > WINDOW_DAYS - 1) {
      for (let s = 1; s <= stage; s++) gaps[s] = Math.max(s === 1 ? 0 : 1, Math.floor((gaps[s] * (WINDOW_DAYS - 1)) / span));
      span = gaps.reduce((a, b) => a + b, 0);
    }
    // Active leads and first contacts are mostly recent; stalled and lost projects mostly older.
    const u = rng.next();
    const skew = status === "active" && stage <= STAGE.contacted ? u * u : status === "active" ? u : Math.sqrt(u);
    const leadOn = today - span - Math.floor(skew * (WINDOW_DAYS - span));
    const stageOn: (Day | null)[] = PROJECT_STAGES.map(() => null);
    stageOn[0] = leadOn;
    for (let s = 1; s <= stage; s++) stageOn[s] = stageOn[s - 1]! + gaps[s];
    const lastStageOn = stageOn[stage]!;

    let lostReason: LostReason | null = null;
    let statusNote: string | null = null;
    let statusOn: Day | null = null;
    if (status !== "active") {
      statusOn = lastStageOn + rng.int(0, Math.min(180, today - lastStageOn));
      if (status === "on_hold") {
        statusNote = rng.pick(ON_HOLD_NOTES);
      } else {
        lostReason = stage === STAGE.evaluating && rng.chance(0.5) ? "failed_review" : rng.weighted(LOST_REASON_WEIGHTS);
        statusNote = rng.pick(LOST_NOTES[lostReason]).replace("{region}", rng.pick(["四川", "内蒙古", "陕西", "河南", "安徽"]));
      }
    }
    const endOn = statusOn ?? today;

    const reviewOutcome: ReviewOutcome | null =
      stage >= SIGNED
        ? "approved"
        : stage === STAGE.evaluating
          ? lostReason === "failed_review"
            ? "rejected"
            : rng.weighted([
                ["approved", 50],
                ["another_round", 35],
                [null, 15],
              ] as const)
          : null;

    const owner = rng.weighted(team.members.map((m) => [m, m.role === "manager" ? 2 : 5] as const));
    let transfer: ProjectPlan["transfer"] = null;
    if (team.kind === "attraction" && stage >= STAGE.contacted && rng.chance(0.075)) {
      const from = rng.weighted(serviceWeights);
      const contactedOn = stageOn[STAGE.contacted]!;
      const until = stage >= STAGE.negotiating ? stageOn[STAGE.negotiating]! : Math.min(endOn, contactedOn + 60);
      transfer = { team: from, from: rng.pick(from.members), on: rng.int(contactedOn, until) };
    }

    // Investor, product and name.
    // The investor is of the project's industry, so its name and the product agree.
    const candidates = investorsByCluster.get(cluster.code) ?? allInvestors;
    const investorIdx = rng.weighted(candidates);
    const investor = investorPlans[investorIdx];
    const pool = CLUSTER_POOLS[cluster.code];
    const money = planMoney(rng, stage, pool.muPerYi);
    let product = "";
    let name = "";
    let content = "";
    for (let attempt = 0; attempt < 12 && (name === "" || usedNames.has(name)); attempt++) {
      const template = rng.pick(pool.products);
      const value = template.n ? String(template.n[Math.floor((money.band * template.n.length) / INVESTMENT_BANDS.length)]) : "";
      product = template.name.replaceAll("{n}", value);
      content = template.content.replaceAll("{n}", value);
      name = `${investor.brand}${product}项目`;
    }
    for (let phase = 2; usedNames.has(name); phase++) name = `${investor.brand}${product}${chineseNumber(phase)}期项目`;
    usedNames.add(name);

    const investmentType = rng.weighted(INVESTMENT_TYPE_WEIGHTS);
    if (investmentType === "expansion") content = `在现有产能基础上增资扩产，${content}`;
    if (investmentType === "upgrade") content = `对现有生产线实施智能化、绿色化技术改造，${content}`;
    content += "。";

    const contactIdx =
      stage >= STAGE.negotiating || rng.chance(stage === STAGE.contacted ? 0.5 : 0.2) ? rng.int(0, investor.contacts.length - 1) : null;

    let projectCompanyName: string | null = null;
    let projectCompanyUscc: string | null = null;
    if (stage >= REGISTERED) {
      for (let attempt = 0; projectCompanyName === null || usedCompanyNames.has(projectCompanyName); attempt++) {
        const word = investor.industryWord + (attempt >= 4 ? chineseNumber(attempt - 2) + "期" : "");
        const prefix = rng.pick(ZONE_COMPANY_PREFIXES);
        projectCompanyName = rng.chance(0.5) ? `${prefix}${investor.brand}${word}有限公司` : `${investor.brand}${word}（${prefix}）有限公司`;
      }
      usedCompanyNames.add(projectCompanyName);
      projectCompanyUscc = ctx.uscc.make(rng.pick(ZONE_DIVISION_CODES));
    }

    const plan: ProjectPlan = {
      code: "",
      name,
      product,
      content,
      investorIdx,
      contactIdx,
      clusterId: cluster.id,
      clusterName: cluster.name,
      team,
      owner,
      creator: transfer ? transfer.from : owner,
      transfer,
      stage,
      status,
      lostReason,
      statusNote,
      statusOn,
      stageOn,
      reviewOutcome,
      agreementNo: null,
      projectCompanyName,
      projectCompanyUscc,
      sourceChannel:
        transfer?.team.code === "zw" || team.code === "zw" ? "resident_office" : team.code === "kjjr" ? "fund" : rng.weighted(SOURCE_CHANNEL_WEIGHTS),
      investmentType,
      confidential: rng.chance(0.03),
      money,
      plannedSignOn: null,
      plannedConstructionOn: null,
      plannedProductionOn: null,
      activities: [],
      events: [],
    };
    planSchedule(rng, plan, today);
    plans.push(plan);
  }

  // Codes and agreement numbers follow the calendar: ZS-2025-00001 is that year's first lead.
  plans.sort((a, b) => a.stageOn[0]! - b.stageOn[0]!);
  const perYear = new Map<number, number>();
  for (const plan of plans) {
    const year = yearOf(plan.stageOn[0]!);
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    plan.code = `ZS-${year}-${String(seq).padStart(5, "0")}`;
  }
  const signed = plans.filter((p) => p.stage >= SIGNED).sort((a, b) => a.stageOn[SIGNED]! - b.stageOn[SIGNED]!);
  const agreementsPerYear = new Map<number, number>();
  for (const plan of signed) {
    const year = yearOf(plan.stageOn[SIGNED]!);
    const seq = (agreementsPerYear.get(year) ?? 0) + 1;
    agreementsPerYear.set(year, seq);
    plan.agreementNo = `ZSXY-${year}-${String(seq).padStart(4, "0")}`;
  }
  for (const plan of plans) {
    const investor = investorPlans[plan.investorIdx];
    investor.firstProject ??= plan;
  }
  return plans;
}

function pickStatus(rng: Rng, stage: number): ProjectStatus {
  // Signed projects are rarely dropped, those under construction never.
  const weights: readonly (readonly [ProjectStatus, number])[] =
    stage >= CONSTRUCTION
      ? [
          ["active", 97],
          ["on_hold", 3],
        ]
      : stage >= SIGNED
        ? [
            ["active", 90],
            ["on_hold", 7],
            ["lost", 3],
          ]
        : [
            ["active", 80],
            ["on_hold", 10],
            ["lost", 10],
          ];
  return rng.weighted(weights);
}

function planMoney(rng: Rng, stage: number, muPerYi: readonly [number, number]): Money {
  const band = rng.weighted(INVESTMENT_BANDS.map(([, weight], i) => [i, weight] as const));
  const [lo, hi, step] = INVESTMENT_BANDS[band][0];
  const planned = lo + step * rng.int(0, (hi - lo) / step);
  const contracted = stage >= SIGNED ? Math.max(500, roundTo(scale(planned, rng.int(85, 120), 100), planned >= 10_000 ? 100 : 10)) : null;
  const total = contracted ?? planned;
  const annualOutput = roundTo(scale(total, rng.int(80, 250), 100), 10);
  // 亩 in hundredths, rounded to half a 亩; some projects rent buildings and need no land.
  const land = rng.chance(0.12) ? 0 : Math.min(80_000, roundTo(scale(total, rng.int(muPerYi[0] * 100, muPerYi[1] * 100), 10_000), 50));
  // Required from negotiating (investment) and evaluating (land, output) on; earlier only sometimes known.
  const plannedKnown = stage >= STAGE.negotiating || rng.chance(0.7);
  const known = (p: number) => stage >= STAGE.evaluating || (plannedKnown && rng.chance(p));
  const detailed = stage >= STAGE.evaluating ? rng.chance(0.9) : plannedKnown && rng.chance(0.3);
  return {
    band,
    planned: plannedKnown ? planned : null,
    contracted,
    landMuCents: known(0.4) ? land : null,
    annualOutput: known(0.4) ? annualOutput : null,
    // Tax 3–8 % of output value, in hundredths of 万元.
    annualTaxCents: detailed ? scale(annualOutput, rng.int(300, 800), 100) : null,
    fixedAsset: detailed ? roundTo(scale(total, rng.int(55, 85), 100), 10) : null,
    jobs: detailed ? Math.min(5000, Math.max(10, scale(total, 1, rng.int(20, 80)))) : null,
    foreignUsd: rng.chance(0.04) ? Math.max(10, roundTo(scale(total, rng.int(5, 30), 700), 10)) : null,
  };
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

/**
 * Planned dates for signing, construction and production. The next milestone not reached is on schedule for most
 * projects, a little late for some (yellow: up to 30 days) and more than 30 days late for others (red).
 */
function planSchedule(rng: Rng, plan: ProjectPlan, today: Day) {
  const hasPlan = rng.chance(plan.stage >= STAGE.negotiating ? 0.95 : plan.stage === STAGE.contacted ? 0.5 : 0.15);
  if (!hasPlan) return;
  const milestones = [SIGNED, CONSTRUCTION, PRODUCTION];
  const gapsAfter: readonly (readonly [number, number])[] = [
    [0, 0],
    [60, 240],
    [150, 450],
  ];
  const planned: Day[] = [0, 0, 0];
  const next = milestones.findIndex((s) => plan.stage < s);
  const leadOn = plan.stageOn[0]!;

  if (next >= 0) {
    const light = rng.weighted([
      ["green", 72],
      ["yellow", 11],
      ["red", 17],
    ] as const);
    // A missed plan was made at least a month after the project started.
    const red = today - rng.int(31, 240);
    const yellow = today - rng.int(1, 30);
    planned[next] = light === "red" && red >= leadOn + 30 ? red : light !== "green" && yellow >= leadOn + 30 ? yellow : today + rng.int(10, 300);
    for (let i = next + 1; i < 3; i++) planned[i] = planned[i - 1] + rng.int(...gapsAfter[i]);
  }
  // Milestones already reached were planned around the date they happened (sometimes met early, sometimes late).
  for (let i = (next >= 0 ? next : 3) - 1; i >= 0; i--) {
    const around = plan.stageOn[milestones[i]]! + rng.int(-60, 30);
    planned[i] = i < 2 ? Math.min(around, planned[i + 1] - 30) : around;
  }
  [plan.plannedSignOn, plan.plannedConstructionOn, plan.plannedProductionOn] = planned;
}

function chineseNumber(n: number): string {
  return "〇一二三四五六七八九十"[n] ?? String(n);
}

// ---------------------------------------------------------------------------------------------------------------
// Activities and history

function planActivities(rng: Rng, plan: ProjectPlan, investor: InvestorPlan, today: Day) {
  if (plan.stage < STAGE.contacted) return;
  const on = (s: number) => plan.stageOn[s]!;
  const endOn = plan.statusOn ?? today;
  const contactedOn = on(STAGE.contacted);
  const drafts: { kind: ActivityKind; on: Day; role: ActivityPlan["role"] }[] = [];

  drafts.push({
    kind: rng.weighted([
      ["call", 40],
      ["visit", 40],
      ["site_visit", 20],
    ] as const),
    on: contactedOn,
    role: "first",
  });
  if (plan.stage >= STAGE.negotiating) {
    const from = on(STAGE.negotiating);
    const until = plan.stage >= STAGE.evaluating ? on(STAGE.evaluating) : endOn;
    drafts.push({ kind: "negotiation", on: from, role: "negotiation" });
    for (let k = rng.int(0, 1); k > 0; k--) drafts.push({ kind: "negotiation", on: rng.int(from, until), role: "negotiation" });
  }
  if (plan.stage >= STAGE.evaluating) drafts.push({ kind: "review_meeting", on: on(STAGE.evaluating), role: "review" });
  if (plan.stage >= SIGNED) {
    if (rng.chance(0.3)) drafts.push({ kind: "negotiation", on: rng.int(on(STAGE.evaluating), on(SIGNED)), role: "negotiation" });
    drafts.push({ kind: "signing", on: on(SIGNED), role: "signing" });
  }
  if (plan.stage >= REGISTERED) drafts.push({ kind: "other", on: on(REGISTERED), role: "registered" });
  if (plan.stage >= CONSTRUCTION) drafts.push({ kind: "other", on: on(CONSTRUCTION), role: "construction" });
  if (plan.stage >= PRODUCTION) drafts.push({ kind: "other", on: on(PRODUCTION), role: "production" });

  const [lo, hi] = EXTRA_ACTIVITIES[plan.stage];
  const followUps: Day[] = [];
  for (let k = rng.int(lo, hi); k > 0; k--) followUps.push(rng.int(contactedOn, endOn));
  // Most active projects were followed up in the last few weeks.
  if (plan.status === "active" && rng.chance(0.7)) followUps.push(rng.int(Math.max(contactedOn, today - 30), today));
  for (const day of followUps) {
    const afterSigning = plan.stage >= SIGNED && day >= on(SIGNED);
    const kind = afterSigning
      ? rng.weighted([
          ["call", 30],
          ["visit", 30],
          ["other", 40],
        ] as const)
      : rng.weighted([
          ["call", 40],
          ["visit", 25],
          ["site_visit", 20],
          ["other", 15],
        ] as const);
    drafts.push({ kind, on: day, role: "extra" });
  }

  // Stable: on the same day the milestone activities keep their order before the follow-ups.
  drafts.sort((a, b) => a.on - b.on);

  const texts = {
    investor: investor.name,
    product: plan.product,
    cluster: plan.clusterName,
    city: investor.division.prefix,
  };
  let round = 0;
  plan.activities = drafts.map((draft, i) => {
    const isLast = i === drafts.length - 1;
    const handedOver = plan.transfer !== null && (draft.role === "first" || draft.on < plan.transfer.on);
    const team = handedOver ? plan.transfer!.team : plan.team;
    const by = handedOver ? plan.transfer!.from : plan.owner;
    const contactIdx = plan.contactIdx ?? rng.int(0, investor.contacts.length - 1);
    const contact = investor.contacts[contactIdx];
    const fill = (template: string) =>
      template
        .replaceAll("{investor}", texts.investor)
        .replaceAll("{product}", texts.product)
        .replaceAll("{cluster}", texts.cluster)
        .replaceAll("{city}", texts.city)
        .replaceAll("{contact}", contact.name)
        .replaceAll("{title}", contact.title);

    let summary: string;
    let terms: NegotiationTerm[] | null = null;
    let reviewOutcome: ReviewOutcome | null = null;
    switch (draft.role) {
      case "first":
        summary = fill(rng.pick(FIRST_CONTACT_SUMMARIES[draft.kind]!));
        break;
      case "negotiation": {
        round += 1;
        summary = `与${texts.investor}就${texts.product}项目开展第${chineseNumber(round)}轮洽谈，${rng.pick(NEGOTIATION_FOCUS)}`;
        const settled = plan.stage >= SIGNED && draft.on >= on(STAGE.evaluating);
        terms = negotiationTerms(rng, plan, round, settled);
        break;
      }
      case "review":
        reviewOutcome = plan.reviewOutcome;
        summary =
          `召开${texts.product}项目会商评审会，管委会及发改、自然资源、生态环境等部门参会，对投资强度、亩均税收和能耗指标进行评审，` +
          (reviewOutcome ? `评审结论：${REVIEW_OUTCOME_LABELS[reviewOutcome]}` : "评审结论待管委会审定");
        break;
      case "signing":
        summary = `${texts.investor}${texts.product}项目正式签约，协议编号${plan.agreementNo}，签约总投资${spokenAmount(plan.money.contracted!)}`;
        break;
      case "registered":
        summary = `协助办理项目公司设立登记，${plan.projectCompanyName}取得营业执照`;
        break;
      case "construction":
        summary = `${texts.product}项目举行开工仪式，管委会领导出席`;
        break;
      case "production":
        summary = `${texts.product}项目首条生产线建成投产`;
        break;
      case "extra": {
        const afterSigning = plan.stage >= SIGNED && draft.on >= on(SIGNED);
        const pool = (afterSigning ? AFTER_SIGNING_SUMMARIES : FOLLOW_UP_SUMMARIES)[draft.kind]!;
        summary = fill(rng.pick(pool));
        break;
      }
    }
    summary += "。";

    // Who took part: the author, sometimes a colleague; the manager sits in review meetings.
    const colleagues = team.members.filter((m) => m.id !== by.id);
    const userIds = [by.id];
    if (draft.role === "review" && by.id !== team.manager.id) userIds.push(team.manager.id);
    else if (rng.chance(0.3)) userIds.push(rng.pick(colleagues).id);
    const withInvestor = draft.role !== "review" && (draft.kind !== "other" || draft.role === "construction");
    const contactIdxs = withInvestor ? [contactIdx] : [];
    if (withInvestor && investor.contacts.length > 1 && rng.chance(0.25)) {
      contactIdxs.push((contactIdx + 1) % investor.contacts.length);
    }

    const createdAt = officeHours(rng, Math.min(today, draft.on + (rng.chance(0.7) ? 0 : rng.int(1, 2))));

    // The next step: the latest activity of an active project mostly leaves one open (overdue when it is old);
    // earlier ones were done, except a few forgotten since the project reached its current stage.
    let nextAction: string | null = null;
    let nextActionDueOn: Day | null = null;
    let nextActionDoneAt: Stamp | null = null;
    const active = plan.status === "active";
    if (rng.chance(active && isLast ? 0.8 : 0.4)) {
      const afterSigning = plan.stage >= SIGNED && draft.on >= on(SIGNED);
      nextAction =
        draft.role === "review"
          ? reviewOutcome === "another_round"
            ? "按评审意见补充项目材料"
            : "起草投资协议文本"
          : rng.pick(afterSigning ? NEXT_ACTIONS_AFTER_SIGNING : NEXT_ACTIONS_BEFORE_SIGNING);
      nextActionDueOn = draft.on + rng.int(3, 30);
      const open = active && (isLast ? nextActionDueOn >= today - 10 || rng.chance(0.15) : draft.on >= on(plan.stage) && rng.chance(0.05));
      if (!open) {
        const doneOn = Math.min(today, draft.on + rng.int(1, nextActionDueOn - draft.on + 7));
        nextActionDoneAt = Math.max(officeHours(rng, doneOn), createdAt + 30);
      } else if (plan.stage >= PRODUCTION) {
        // Reaching 投产 closed what was still open, as the app does (issue 19); no draw, so the rest stays the same.
        nextActionDoneAt = Math.max(stampAt(on(PRODUCTION), 10), createdAt + 30);
      }
    }

    return {
      kind: draft.kind,
      on: draft.on,
      role: draft.role,
      companyId: team.companyId,
      by,
      summary,
      reviewOutcome,
      terms,
      nextAction,
      nextActionDueOn,
      nextActionDoneAt,
      userIds,
      contactIdxs,
      createdAt,
    };
  });
}

function negotiationTerms(rng: Rng, plan: ProjectPlan, round: number, settled: boolean): NegotiationTerm[] {
  const landMu = plan.money.landMuCents === null ? null : Math.round(plan.money.landMuCents / 100);
  return rng.sample(NEGOTIATION_TERMS, rng.int(2, 4)).map((term) => {
    let detail = term.detail;
    if (term.topic === "土地") {
      detail = landMu === 0 ? "租用标准化厂房，不新增用地" : detail.replace("{n}", String(landMu ?? rng.int(5, 60) * 10));
    } else if (term.n) {
      detail = detail.replace("{n}", String(rng.pick(term.n)));
    }
    return { topic: term.topic, detail, agreed: settled || rng.chance(Math.min(0.9, 0.25 + 0.2 * round)) };
  });
}

/** The project's history: created, each stage reached, a handover, a status change; recorded in that order. */
function planEvents(rng: Rng, plan: ProjectPlan, today: Day) {
  const events: Omit<EventPlan, "recordedAt">[] = [];
  events.push({ kind: "created", on: plan.stageOn[0]!, toStage: "lead", toStatus: "active", actorId: plan.creator.id });
  for (let s = 1; s <= plan.stage; s++) {
    const byFinder = plan.transfer !== null && s === STAGE.contacted;
    events.push({
      kind: "stage",
      on: plan.stageOn[s]!,
      fromStage: PROJECT_STAGES[s - 1],
      toStage: PROJECT_STAGES[s],
      actorId: byFinder ? plan.transfer!.from.id : plan.owner.id,
    });
    if (byFinder) {
      events.push({
        kind: "owner",
        on: plan.transfer!.on,
        fromOwnerId: plan.transfer!.from.id,
        toOwnerId: plan.owner.id,
        actorId: plan.team.manager.id,
        note: `由${plan.transfer!.team.name}移交${plan.team.name}`,
      });
    }
  }
  if (plan.status !== "active") {
    events.push({
      kind: "status",
      on: plan.statusOn!,
      fromStatus: "active",
      toStatus: plan.status,
      actorId: plan.team.manager.id,
      note: plan.statusNote ?? undefined,
    });
  }

  // Typed in the same day or up to three days later, never after today, always in order.
  const latest = stampAt(today, 18);
  let previous = -Infinity;
  plan.events = events.map((event, i) => {
    const typed = i === 0 ? stampAt(event.on, 9) : officeHours(rng, Math.min(today, event.on + (rng.chance(0.6) ? 0 : rng.int(1, 3))));
    const recordedAt = Math.max(Math.min(typed, latest), previous + 1);
    previous = recordedAt;
    return { ...event, recordedAt };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Writing it

async function insertProjects(
  db: Executor,
  ref: ReferenceZone,
  plans: ProjectPlan[],
  investorIds: number[],
  contactIds: number[][],
): Promise<number> {
  const day = (d: Day | null) => (d === null ? null : formatDay(d));
  const money = (v: number | null) => (v === null ? null : wan(v));

  const projectIds: number[] = [];
  for (const batch of chunks(plans, 500)) {
    const rows = batch.map((p) => {
      const m = p.money;
      const createdAt = stampAt(p.stageOn[0]!, 9);
      const lastActivity = p.activities.at(-1);
      const openActions = p.activities
        .filter((a) => a.nextAction !== null && a.nextActionDoneAt === null)
        .sort((a, b) => a.nextActionDueOn! - b.nextActionDueOn!);
      const updatedAt = Math.max(
        createdAt,
        ...p.events.map((e) => e.recordedAt),
        ...p.activities.map((a) => Math.max(a.createdAt, a.nextActionDoneAt ?? 0)),
      );
      return {
        zoneId: ref.zoneId,
        code: p.code,
        name: p.name,
        investorId: investorIds[p.investorIdx],
        investorContactId: p.contactIdx === null ? null : contactIds[p.investorIdx][p.contactIdx],
        clusterId: p.clusterId,
        companyId: p.team.companyId,
        ownerId: p.owner.id,
        firstContactCompanyId: (p.transfer?.team ?? p.team).companyId,
        sourceChannel: p.sourceChannel,
        content: p.content,
        investmentType: p.investmentType,
        stage: PROJECT_STAGES[p.stage],
        status: p.status,
        lostReason: p.lostReason,
        statusNote: p.statusNote,
        plannedInvestmentWan: money(m.planned),
        contractedInvestmentWan: money(m.contracted),
        foreignInvestmentUsdWan: money(m.foreignUsd),
        fixedAssetInvestmentWan: money(m.fixedAsset),
        landMu: m.landMuCents === null ? null : cents(m.landMuCents),
        annualOutputWan: money(m.annualOutput),
        annualTaxWan: m.annualTaxCents === null ? null : cents(m.annualTaxCents),
        jobs: m.jobs,
        plannedSignOn: day(p.plannedSignOn),
        plannedConstructionOn: day(p.plannedConstructionOn),
        plannedProductionOn: day(p.plannedProductionOn),
        contactedOn: day(p.stageOn[STAGE.contacted]),
        reviewOn: day(p.stageOn[STAGE.evaluating]),
        reviewOutcome: p.reviewOutcome,
        agreementNo: p.agreementNo,
        signedOn: day(p.stageOn[SIGNED]),
        projectCompanyName: p.projectCompanyName,
        projectCompanyUscc: p.projectCompanyUscc,
        registeredOn: day(p.stageOn[REGISTERED]),
        constructionOn: day(p.stageOn[CONSTRUCTION]),
        productionOn: day(p.stageOn[PRODUCTION]),
        lastActivityOn: lastActivity ? day(lastActivity.on) : null,
        nextAction: openActions[0]?.nextAction ?? null,
        nextActionOn: openActions[0] ? day(openActions[0].nextActionDueOn) : null,
        confidential: p.confidential,
        createdById: p.creator.id,
        createdAt: toDate(createdAt),
        updatedAt: toDate(updatedAt),
      };
    });
    const ids = await db.insert(projects).values(rows).returning({ id: projects.id });
    projectIds.push(...ids.map((r) => r.id));
  }

  const holdingRows = plans.flatMap((p, i) => {
    const leadOn = formatDay(p.stageOn[0]!);
    if (!p.transfer) return [{ projectId: projectIds[i], companyId: p.team.companyId, fromOn: leadOn }];
    const handedOn = formatDay(p.transfer.on);
    return [
      { projectId: projectIds[i], companyId: p.transfer.team.companyId, fromOn: leadOn, untilOn: handedOn },
      { projectId: projectIds[i], companyId: p.team.companyId, fromOn: handedOn },
    ];
  });
  for (const batch of chunks(holdingRows, 1000)) await db.insert(projectHoldings).values(batch);

  const eventRows = plans.flatMap((p, i) =>
    p.events.map((e) => ({
      projectId: projectIds[i],
      kind: e.kind,
      fromStage: e.fromStage,
      toStage: e.toStage,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      fromOwnerId: e.fromOwnerId,
      toOwnerId: e.toOwnerId,
      businessOn: formatDay(e.on),
      recordedAt: toDate(e.recordedAt),
      actorId: e.actorId,
      note: e.note,
    })),
  );
  for (const batch of chunks(eventRows, 1000)) await db.insert(projectEvents).values(batch);

  const planned = plans.flatMap((p, i) => p.activities.map((a) => ({ a, projectId: projectIds[i], p })));
  for (const batch of chunks(planned, 1000)) {
    const rows = batch.map(({ a, projectId }) => ({
      projectId,
      companyId: a.companyId,
      kind: a.kind,
      occurredOn: formatDay(a.on),
      summary: a.summary,
      reviewOutcome: a.reviewOutcome,
      terms: a.terms,
      nextAction: a.nextAction,
      nextActionDueOn: day(a.nextActionDueOn),
      nextActionDoneAt: a.nextActionDoneAt === null ? null : toDate(a.nextActionDoneAt),
      createdById: a.by.id,
      createdAt: toDate(a.createdAt),
    }));
    const ids = await db.insert(activities).values(rows).returning({ id: activities.id });
    const userRows = batch.flatMap(({ a }, k) => a.userIds.map((userId) => ({ activityId: ids[k].id, userId })));
    const contactRows = batch.flatMap(({ a, p }, k) =>
      a.contactIdxs.map((c) => ({ activityId: ids[k].id, contactId: contactIds[p.investorIdx][c] })),
    );
    for (const rows of chunks(userRows, 2000)) await db.insert(activityUsers).values(rows);
    for (const rows of chunks(contactRows, 2000)) await db.insert(activityContacts).values(rows);
  }
  return planned.length;
}
