// 补链 (issue 22 item 5, decision 031): the scorecard's 补链项目数 and the leaders' "links filled this year" count the
// signings in a period on links that were unfilled at its start. Projects are tagged to links and signed before,
// inside and after the period; some were lost before or after its start. The figures are checked against the
// cases' own expectation and against a count made here in plain code from the same fixture.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chainLinks, industryChains, projectEvents, projects } from "../../db/schema";
import type { Viewer } from "../../app/modules/auth/policy";
import { chainFillsByCompany } from "../../app/modules/chains/chain-fills.server";
import { listZoneChains, setProjectLinks } from "../../app/modules/chains/chains.server";
import { scorecard, scorecardMeasures } from "../../app/modules/reports/scorecard.server";
import { defaultWeights } from "../../app/lib/scorecard";
import type { ReferenceZone } from "../../db/seed/reference";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createUser } from "../support/factories";

const PERIOD = { from: "2026-04-01", to: "2026-06-30" };

type Case = {
  key: string;
  cluster: "半导体" | "光伏";
  company: "bdt" | "gf" | "zh";
  /** The company of first contact when it is not the owner's. */
  firstContact?: "bdt";
  links: string[];
  signedOn?: string;
  /** The business date it was lost on (its status is lost now). */
  lostOn?: string;
  /** Whether it is a 补链 signing of PERIOD (the case's own expectation). */
  fills: boolean;
};

// 碳化硅衬底 is a sub-link the test adds under 晶圆衬底.
const CASES: Case[] = [
  { key: "A", cluster: "半导体", company: "bdt", links: ["芯片制造"], signedOn: "2026-02-10", fills: false },
  { key: "B: on a link signed before the period", cluster: "半导体", company: "bdt", links: ["芯片制造"], signedOn: "2026-04-15", fills: false },
  { key: "C: on an empty link", cluster: "半导体", company: "bdt", links: ["封装测试"], signedOn: "2026-05-01", fills: true },
  { key: "D: the same empty link, later in the period", cluster: "半导体", company: "bdt", links: ["封装测试"], signedOn: "2026-06-30", fills: true },
  { key: "F", cluster: "半导体", company: "bdt", links: ["湿电子化学品"], signedOn: "2026-01-20", fills: false },
  { key: "E: a sub-link empty beside a filled sibling", cluster: "半导体", company: "bdt", links: ["电子特气"], signedOn: "2026-05-10", fills: true },
  { key: "G: a parent filled through its sub-link", cluster: "半导体", company: "bdt", links: ["超纯材料"], signedOn: "2026-05-20", fills: false },
  { key: "H", cluster: "半导体", company: "bdt", links: ["晶圆衬底"], signedOn: "2026-01-05", lostOn: "2026-03-01", fills: false },
  {
    key: "I: a link whose only signing was lost before the period",
    cluster: "半导体",
    company: "bdt",
    links: ["碳化硅衬底"],
    signedOn: "2026-04-20",
    fills: true,
  },
  { key: "J", cluster: "半导体", company: "bdt", links: ["芯片设计"], signedOn: "2026-03-01", lostOn: "2026-04-10", fills: false },
  {
    key: "K: a link whose signing was lost only inside the period",
    cluster: "半导体",
    company: "bdt",
    links: ["芯片设计"],
    signedOn: "2026-05-05",
    fills: false,
  },
  { key: "L: signed after the period", cluster: "半导体", company: "bdt", links: ["整机应用"], signedOn: "2026-07-01", fills: false },
  { key: "M: untagged", cluster: "半导体", company: "bdt", links: [], signedOn: "2026-05-01", fills: false },
  {
    key: "N: transferred to 综合招商 after first contact by 半导体",
    cluster: "半导体",
    company: "zh",
    firstContact: "bdt",
    links: ["整机应用"],
    signedOn: "2026-06-10",
    fills: true,
  },
  {
    key: "O: one empty link of two, counted once",
    cluster: "半导体",
    company: "bdt",
    links: ["封装测试", "芯片制造"],
    signedOn: "2026-04-01",
    fills: true,
  },
  { key: "P: negotiating on an empty link", cluster: "半导体", company: "bdt", links: ["整机应用"], fills: false },
  {
    key: "Q: signed on an empty link, lost since",
    cluster: "光伏",
    company: "gf",
    links: ["多晶硅"],
    signedOn: "2026-04-02",
    lostOn: "2026-05-01",
    fills: true,
  },
  { key: "R: signed the day before the period", cluster: "光伏", company: "gf", links: ["硅片"], signedOn: "2026-03-31", fills: false },
  { key: "S: on the link R filled the day before", cluster: "光伏", company: "gf", links: ["硅片"], signedOn: "2026-04-03", fills: false },
  { key: "T", cluster: "光伏", company: "gf", links: ["电池片"], signedOn: "2026-02-01", lostOn: "2026-03-15", fills: false },
  {
    key: "U: the only earlier signing on its link was lost before the period",
    cluster: "光伏",
    company: "gf",
    links: ["电池片"],
    signedOn: "2026-05-15",
    fills: true,
  },
];

/** The rule again, in plain code over the fixture: for each signing in the period, is any of its links unfilled at `from`? */
function independentCount(cases: Case[], parentOf: Map<string, string | null>, from: string, to: string, credit: (c: Case) => string) {
  const closure = (links: string[]) => new Set(links.flatMap((l) => [l, ...(parentOf.get(l) ? [parentOf.get(l)!] : [])]));
  const onLink = (c: Case, link: string) => c.links.some((l) => l === link || parentOf.get(l) === link);
  const filledAt = (link: string) =>
    cases.some((q) => q.signedOn !== undefined && q.signedOn < from && !(q.lostOn && q.lostOn < from) && onLink(q, link));
  const counts = new Map<string, number>();
  const filledLinks = new Set<string>();
  for (const c of cases) {
    if (!c.signedOn || c.signedOn < from || c.signedOn > to) continue;
    const gaps = [...closure(c.links)].filter((l) => !filledAt(l));
    gaps.forEach((l) => filledLinks.add(`${c.cluster}/${l}`));
    if (gaps.length) counts.set(credit(c), (counts.get(credit(c)) ?? 0) + 1);
  }
  return { counts, filledLinks };
}

describe.each(databaseKinds())("补链: signings on links unfilled at the period's start (%s)", (kind) => {
  let db: TestDatabase;
  let ref: ReferenceZone;
  let leader: Viewer;
  const companyId = (code: string) => ref.companies.find((c) => c.code === code)!.id;
  const parentOf = new Map<string, string | null>();

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ref = await createReferenceZone(db.db);
    const l = await createUser(db.db, { zoneId: ref.zoneId, companyId: ref.committeeId, role: "leader" });
    leader = { id: l.id, zoneId: l.zoneId, companyId: l.companyId, role: l.role };
    const clusterId = (name: string) => ref.clusters.find((c) => c.name === name)!.id;
    // A sub-link under 晶圆衬底, so that a signing on a sub-link fills its unfilled parent too.
    const [bdtChain] = await db.db
      .select()
      .from(industryChains)
      .where(eq(industryChains.clusterId, clusterId("半导体")));
    const [wafer] = await db.db.select().from(chainLinks).where(eq(chainLinks.name, "晶圆衬底"));
    await db.db.insert(chainLinks).values({ zoneId: ref.zoneId, chainId: bdtChain.id, parentId: wafer.id, segment: "upstream", name: "碳化硅衬底" });
    const links = await db.db.select().from(chainLinks).where(eq(chainLinks.zoneId, ref.zoneId));
    const nameOf = new Map(links.map((x) => [x.id, x.name]));
    for (const x of links) parentOf.set(x.name, x.parentId ? nameOf.get(x.parentId)! : null);
    const owner = await createUser(db.db, { zoneId: ref.zoneId, companyId: companyId("bdt"), role: "staff" });
    for (const c of CASES) {
      const p = await createProject(db.db, {
        zoneId: ref.zoneId,
        clusterId: clusterId(c.cluster),
        companyId: companyId(c.company),
        formerCompanyId: c.firstContact ? companyId(c.firstContact) : undefined,
        ownerId: owner.id,
        name: c.key,
        stage: c.signedOn ? "signed" : "negotiating",
        status: c.lostOn ? "lost" : "active",
        contractedInvestmentWan: c.signedOn ? "1000.00" : undefined,
        signedOn: c.signedOn,
      });
      if (c.lostOn) {
        await db.db.insert(projectEvents).values({ projectId: p.id, kind: "status", fromStatus: "active", toStatus: "lost", businessOn: c.lostOn });
      }
      const ids = c.links.map((name) => links.find((x) => x.name === name && x.zoneId === ref.zoneId)!.id);
      const tagged = await setProjectLinks(db.db, { id: p.id, zoneId: ref.zoneId, clusterId: clusterId(c.cluster) }, ids);
      expect(tagged.refused).toEqual([]);
    }
    // The fixture means what it says: a project lost before the period has its lost date before it.
    expect(await db.db.select().from(projects).where(eq(projects.status, "lost"))).toHaveLength(CASES.filter((c) => c.lostOn).length);
  });
  afterAll(() => db?.dispose());

  const expectedByCompany = (credit: (c: Case) => string) => {
    const counts = new Map<string, number>();
    for (const c of CASES.filter((x) => x.fills)) counts.set(credit(c), (counts.get(credit(c)) ?? 0) + 1);
    return counts;
  };
  const byCode = (m: Map<number, number>) => new Map(ref.companies.filter((c) => m.has(c.id)).map((c) => [c.code, m.get(c.id)!]));

  it("counts, per owning company, each project signed in the period on a link unfilled at its start", async () => {
    const owner = (c: Case) => c.company;
    const measured = byCode(await chainFillsByCompany(ref.zoneId, PERIOD, "owner"));
    expect(measured).toEqual(
      new Map([
        ["bdt", 5],
        ["zh", 1],
        ["gf", 2],
      ]),
    );
    expect(measured).toEqual(expectedByCompany(owner));
    expect(measured).toEqual(independentCount(CASES, parentOf, PERIOD.from, PERIOD.to, owner).counts);
  });

  it("credits the company of first contact on that basis", async () => {
    const firstContact = (c: Case) => c.firstContact ?? c.company;
    const measured = byCode(await chainFillsByCompany(ref.zoneId, PERIOD, "firstContact"));
    expect(measured).toEqual(
      new Map([
        ["bdt", 6],
        ["gf", 2],
      ]),
    );
    expect(measured).toEqual(independentCount(CASES, parentOf, PERIOD.from, PERIOD.to, firstContact).counts);
  });

  it("a later period sees the links this one filled as filled", async () => {
    // From 1 July every link signed on before is filled: L signs on 整机应用, which N filled in June.
    const later = { from: "2026-07-01", to: "2026-09-30" };
    expect(byCode(await chainFillsByCompany(ref.zoneId, later, "owner"))).toEqual(new Map());
    expect(independentCount(CASES, parentOf, later.from, later.to, (c) => c.company).counts).toEqual(new Map());
    // And a period starting before every signing makes each first signing on its link a 补链 one.
    const year = { from: "2026-01-01", to: "2026-12-31" };
    expect(byCode(await chainFillsByCompany(ref.zoneId, year, "owner"))).toEqual(
      independentCount(CASES, parentOf, year.from, year.to, (c) => c.company).counts,
    );
  });

  it("is the scorecard's optional measure 补链项目数, weighted 0 by default", async () => {
    expect(defaultWeights().chainFills).toBe(0);
    const { companies } = await scorecardMeasures(ref.zoneId, PERIOD, { basis: "owner", scope: "all" });
    const expected = expectedByCompany((c) => c.company);
    for (const c of companies) {
      const code = ref.companies.find((x) => x.id === c.id)!.code;
      // A count, never missing: 0 where the company filled nothing.
      expect(c.values.chainFills, code).toBe(expected.get(code) ?? 0);
      expect(c.reasons.chainFills).toBeUndefined();
    }
    // Weighted on its own, it ranks the company that filled most gaps first.
    const weights = { ...Object.fromEntries(Object.keys(defaultWeights()).map((k) => [k, 0])), chainFills: 1 } as ReturnType<typeof defaultWeights>;
    const card = await scorecard(ref.zoneId, { ...PERIOD, kind: "quarter" }, { basis: "owner", scope: "all", weights });
    expect(card.rows[0].id).toBe(companyId("bdt"));
    expect(card.rows[0].total).toBe(100);
    expect(card.rows.find((r) => r.id === companyId("gf"))!.total).toBe(40);
    expect(card.rows.find((r) => r.id === companyId("zh"))!.total).toBe(20);
  });

  it("leaders see, per cluster and its company, the links filled in the period by name", async () => {
    const rows = await listZoneChains(leader, PERIOD);
    const { filledLinks } = independentCount(CASES, parentOf, PERIOD.from, PERIOD.to, (c) => c.company);
    const bdt = rows.find((r) => r.clusterName === "半导体")!;
    expect(bdt.company).toBe("半导体");
    expect(new Set(bdt.filledNames)).toEqual(new Set(["封装测试", "电子特气", "晶圆衬底", "碳化硅衬底", "整机应用"]));
    expect(bdt.filled).toBe(5);
    const gf = rows.find((r) => r.clusterName === "光伏")!;
    expect(gf.filledNames).toEqual(["多晶硅", "电池片"]);
    const measured = new Set(rows.flatMap((r) => r.filledNames.map((n) => `${r.clusterName}/${n}`)));
    expect(measured).toEqual(filledLinks);
    // In chain order: upstream first.
    expect(bdt.filledNames.indexOf("晶圆衬底")).toBeLessThan(bdt.filledNames.indexOf("封装测试"));
    expect(rows.filter((r) => r.clusterName !== "半导体" && r.clusterName !== "光伏").every((r) => r.filled === 0)).toBe(true);
  });
});
