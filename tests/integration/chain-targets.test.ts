// The target list (招商目标库, issue 22 item 4): managers and leaders add targets on chain links, staff see their own,
// the list shows coverage and 60-day lights, and the first contact turns a target into an investor and a project in
// one transaction — whole or not at all, once however many try at the same moment.
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activities, activityContacts, auditLog, chainTargets, investorContacts, investors, projectChainLinks, projects } from "../../db/schema";
import type { ReferenceZone } from "../../db/seed/reference";
import { completeUscc } from "../../app/lib/uscc";
import { parseForm } from "../../app/lib/forms";
import type { Viewer } from "../../app/modules/auth/policy";
import { getChainMap, listZoneChains } from "../../app/modules/chains/chains.server";
import { todayInZone } from "../../app/lib/dates";
import type { ContactTargetInput } from "../../app/modules/chains/targets.schema";
import { addTargetSchema } from "../../app/modules/chains/targets.schema";
import {
  addTarget,
  contactTarget,
  getTarget,
  listTargets,
  targetCoverage,
  targetOfProject,
  updateTarget,
} from "../../app/modules/chains/targets.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createInvestor, createProject, createReferenceZone, createUser } from "../support/factories";

const asViewer = (u: { id: number; zoneId: number; companyId: number | null; role: Viewer["role"] }): Viewer => ({
  id: u.id,
  zoneId: u.zoneId,
  companyId: u.companyId,
  role: u.role,
});

let seq = 0;
const code = () => completeUscc(`91310000MA1T${String(++seq).padStart(5, "0")}`);

describe.each(databaseKinds())("the target list (%s)", (kind) => {
  let db: TestDatabase;
  let ref: ReferenceZone;
  let bdt: number;
  let bdtCompany: number;
  let gfCompany: number;
  let manager: Viewer;
  let staff: Viewer;
  let colleague: Viewer;
  let otherManager: Viewer;
  let leader: Viewer;
  let links: Record<string, number>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ref = await createReferenceZone(db.db);
    bdt = ref.clusters.find((c) => c.name === "半导体")!.id;
    bdtCompany = ref.companies.find((c) => c.code === "bdt")!.id;
    gfCompany = ref.companies.find((c) => c.code === "gf")!.id;
    manager = asViewer(await createUser(db.db, { zoneId: ref.zoneId, companyId: bdtCompany, role: "manager", displayName: "半导体经理" }));
    staff = asViewer(await createUser(db.db, { zoneId: ref.zoneId, companyId: bdtCompany, role: "staff", displayName: "专员甲" }));
    colleague = asViewer(await createUser(db.db, { zoneId: ref.zoneId, companyId: bdtCompany, role: "staff" }));
    otherManager = asViewer(await createUser(db.db, { zoneId: ref.zoneId, companyId: gfCompany, role: "manager" }));
    leader = asViewer(await createUser(db.db, { zoneId: ref.zoneId, companyId: ref.committeeId, role: "leader", displayName: "管委会主任" }));
    const map = (await getChainMap(leader, bdt))!;
    links = Object.fromEntries(map.links.flatMap((l) => [l, ...l.subLinks]).map((l) => [l.name, l.id]));
  });
  afterAll(() => db?.dispose());

  const add = (viewer: Viewer, overrides: Record<string, string> = {}) => {
    const form = new FormData();
    const values = {
      linkId: String(links["封装测试"]),
      name: `封测企业${++seq}股份有限公司`,
      reason: "leader",
      assigneeId: String(staff.id),
      ...overrides,
    };
    for (const [k, v] of Object.entries(values)) form.set(k, v);
    const parsed = parseForm(addTargetSchema, form);
    if (!parsed.ok) return Promise.resolve({ kind: "parse" as const, errors: parsed.errors });
    return addTarget(viewer, parsed.data);
  };
  const added = async (viewer: Viewer, overrides: Record<string, string> = {}) => {
    const r = await add(viewer, overrides);
    if (r.kind !== "ok") throw new Error(JSON.stringify(r));
    return r.value.id;
  };
  const contact = (viewer: Viewer, id: number, overrides: Partial<ContactTargetInput> = {}) =>
    contactTarget(viewer, id, {
      version: 1,
      projectName: `目标项目${++seq}`,
      kind: "visit",
      occurredOn: "2026-12-01",
      summary: "上门拜访，对方有意在区内设封测基地",
      confirmed: false,
      ...overrides,
    });
  const countOf = async (table: typeof investors | typeof projects | typeof activities) => (await db.db.select({ n: count() }).from(table))[0].n;

  it("a manager adds a target on a link of the company's chain, with a checked 统一社会信用代码 and an audit row", async () => {
    const uscc = code();
    const id = await added(manager, { uscc, hqCity: "无锡", plannedContactOn: "2026-12-20" });
    const t = (await getTarget(manager, id))!;
    expect(t).toMatchObject({
      linkName: "封装测试",
      companyId: bdtCompany,
      clusterId: bdt,
      uscc,
      hqCity: "无锡",
      assigneeName: "专员甲",
      foundBy: "半导体经理",
    });
    const [audit] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "chain_target"), eq(auditLog.entityId, id)));
    expect(audit.action).toBe("create");

    const wrong = uscc.slice(0, 17) + (uscc[17] === "1" ? "2" : "1");
    const bad = await add(manager, { uscc: wrong });
    expect(bad.kind).toBe("parse");
    expect((bad as { errors: Record<string, string> }).errors.uscc).toMatch(/^uscc\.check/);
    const other = await add(manager, { reason: "other" });
    expect(other).toMatchObject({ kind: "parse", errors: { note: "targets.error.noteRequired" } });
    expect((await add(manager, { reason: "other", note: "区内龙头的客户" })).kind).toBe("ok");
  });

  it("only the cluster's manager and the committee add; the assignee must be of the target's company", async () => {
    expect((await add(otherManager)).kind).toBe("forbidden");
    expect((await add(staff)).kind).toBe("forbidden");
    expect(await add(manager, { assigneeId: String(otherManager.id) })).toMatchObject({
      kind: "invalid",
      fieldErrors: { assigneeId: "targets.error.assignee" },
    });
    // A leader adding on 半导体's chain files it with 半导体's company.
    const id = await added(leader, { assigneeId: "" });
    expect((await getTarget(leader, id))!.companyId).toBe(bdtCompany);
  });

  it("staff see their own targets, managers their company's, leaders the zone's; another company sees none", async () => {
    const mine = await added(manager);
    const theirs = await added(manager, { assigneeId: String(colleague.id) });
    const ids = async (v: Viewer) => (await listTargets(v, { state: "all" })).rows.map((r) => r.id);
    expect(await ids(staff)).toContain(mine);
    expect(await ids(staff)).not.toContain(theirs);
    expect(await getTarget(staff, theirs)).toBeUndefined();
    expect(await ids(manager)).toEqual(expect.arrayContaining([mine, theirs]));
    expect(await ids(leader)).toEqual(expect.arrayContaining([mine, theirs]));
    expect(await ids(otherManager)).toEqual([]);
    expect(await getTarget(otherManager, mine)).toBeUndefined();
  });

  it("coverage lists the empty links nobody has a target for, and a target not contacted for 60 days is red", async () => {
    const before = (await targetCoverage(manager))[0];
    expect(before.clusterName).toBe("半导体");
    expect(before.uncovered.map((l) => l.name)).toContain("整机应用");
    expect(before.uncovered.map((l) => l.name)).not.toContain("封装测试");
    await added(manager, { linkId: String(links["整机应用"]) });
    const after = (await targetCoverage(manager))[0];
    expect(after.uncovered.map((l) => l.name)).not.toContain("整机应用");
    // Another company's manager works on another chain: 半导体's gaps are not theirs.
    expect((await targetCoverage(otherManager)).map((c) => c.clusterName)).toEqual(["光伏"]);
    expect((await targetCoverage(leader)).length).toBe(14);

    const old = await added(manager);
    const young = await added(manager);
    await db.db.execute(sql`update chain_targets set created_at = now() - interval '61 days' where id = ${old}`);
    await db.db.execute(sql`update chain_targets set created_at = now() - interval '58 days' where id = ${young}`);
    const red = (await listTargets(manager, { state: "open", light: "red" })).rows;
    expect(red.map((r) => r.id)).toContain(old);
    expect(red.map((r) => r.id)).not.toContain(young);
    expect(red.find((r) => r.id === old)!.daysOpen).toBeGreaterThanOrEqual(60);
  });

  it("an edit from an old version is refused with the newer version; a manager reassigns", async () => {
    const id = await added(manager);
    const base = { linkId: links["封装测试"], name: "改名后的封测企业有限公司", reason: "supplier" as const, assigneeId: colleague.id };
    expect(await updateTarget(leader, id, { ...base, version: 1 })).toEqual({ kind: "ok", value: undefined });
    const stale = await updateTarget(manager, id, { ...base, version: 1, name: "又一个名字有限公司" });
    // Told who saved first: the leader's edit, not the manager who found the target.
    expect(stale).toMatchObject({ kind: "conflict", detail: { kind: "stale", version: 2, by: "管委会主任" } });
    expect((await getTarget(manager, id))!).toMatchObject({ name: "改名后的封测企业有限公司", assigneeId: colleague.id, version: 2 });
    expect((await updateTarget(staff, id, { ...base, version: 2 })).kind).toBe("notFound"); // no longer staff's
    expect((await updateTarget(colleague, id, { ...base, version: 2 })).kind).toBe("forbidden");
    // Another cluster's link would move it to another company: refused.
    const gfLink = (await targetCoverage(otherManager))[0].links[0].id;
    expect(await updateTarget(manager, id, { ...base, version: 2, linkId: gfLink })).toMatchObject({
      kind: "invalid",
      fieldErrors: { linkId: "targets.error.link" },
    });
  });

  it("staff contact their target: an investor and a project at 首次接洽 on the link, with the credit, in one step", async () => {
    const uscc = code();
    const id = await added(manager, { uscc, hqCity: "苏州", linkId: String(links["整机应用"]) });
    expect((await contact(colleague, id)).kind).toBe("notFound");
    expect((await contact(leader, id)).kind).toBe("forbidden");
    const result = await contact(staff, id, {
      projectName: "苏州整机企业封测基地项目",
      occurredOn: "2026-12-02",
      confirmed: true,
      contactName: "王总",
      contactTitle: "总经理",
      contactMobile: "13912345678",
    });
    if (result.kind !== "ok") throw new Error(JSON.stringify(result));
    const [p] = await db.db.select().from(projects).where(eq(projects.id, result.value.projectId));
    expect(p).toMatchObject({
      name: "苏州整机企业封测基地项目",
      stage: "contacted",
      contactedOn: "2026-12-02",
      companyId: bdtCompany,
      clusterId: bdt,
      ownerId: staff.id,
      firstContactCompanyId: bdtCompany,
      investorId: result.value.investorId,
    });
    const [inv] = await db.db.select().from(investors).where(eq(investors.id, result.value.investorId));
    expect(inv).toMatchObject({ uscc, region: "苏州", createdById: staff.id });
    const [person] = await db.db.select().from(investorContacts).where(eq(investorContacts.investorId, inv.id));
    expect(person).toMatchObject({ name: "王总", title: "总经理", mobile: "13912345678" });
    expect(p.investorContactId).toBe(person.id);
    const met = await db.db.select().from(activityContacts).where(eq(activityContacts.contactId, person.id));
    expect(met).toHaveLength(1);
    const tags = await db.db.select().from(projectChainLinks).where(eq(projectChainLinks.projectId, p.id));
    expect(tags.map((t) => t.linkId)).toEqual([links["整机应用"]]);
    const acts = await db.db.select().from(activities).where(eq(activities.projectId, p.id));
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ kind: "visit", occurredOn: "2026-12-02" });
    // The credit: the target and who found it, on the project's record and its audit row.
    expect(await targetOfProject(ref.zoneId, p.id)).toMatchObject({ id, foundBy: "半导体经理", linkName: "整机应用" });
    const [created] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, p.id), eq(auditLog.action, "create")));
    expect(created.after).toMatchObject({ targetId: id, foundById: manager.id });
    const t = (await getTarget(staff, id))!;
    expect(t).toMatchObject({ projectId: p.id, investorId: inv.id, convertedBy: "专员甲", light: null, version: 2 });
    // Contacted once: a second try is told who did it.
    expect(await contact(manager, id, { version: 2 })).toMatchObject({ kind: "conflict", detail: { kind: "contacted", projectId: p.id } });
    expect((await listTargets(staff, { state: "open" })).rows.map((r) => r.id)).not.toContain(id);
    expect((await listTargets(staff, { state: "contacted" })).rows.map((r) => r.id)).toContain(id);
  });

  it("an investor the zone already has is reused, after the user has seen who follows it", async () => {
    const existing = await createInvestor(db.db, { zoneId: ref.zoneId, name: "已登记的整机集团有限公司" });
    await createProject(db.db, {
      zoneId: ref.zoneId,
      companyId: gfCompany,
      clusterId: ref.clusters.find((c) => c.name === "光伏")!.id,
      ownerId: otherManager.id,
      investorId: existing.id,
      name: "光伏组件项目",
    });
    const id = await added(manager, { name: "已登记的整机集团有限公司", uscc: existing.uscc! });
    const before = await countOf(investors);
    const first = await contact(staff, id);
    expect(first).toMatchObject({ kind: "conflict", detail: { kind: "followed" } });
    expect(await countOf(investors)).toBe(before);
    const second = await contact(staff, id, { confirmed: true });
    if (second.kind !== "ok") throw new Error(JSON.stringify(second));
    expect(second.value.investorId).toBe(existing.id);
    expect(await countOf(investors)).toBe(before);
  });

  it("a similar investor stops the contact until the user confirms having seen it", async () => {
    await createInvestor(db.db, { zoneId: ref.zoneId, name: "华芯封装测试科技有限公司" });
    const id = await added(manager, { name: "华芯封装测试科技股份有限公司" });
    const first = await contact(staff, id);
    expect(first).toMatchObject({ kind: "conflict", detail: { kind: "similar" } });
    const second = await contact(staff, id, { confirmed: true });
    expect(second.kind).toBe("ok");
  });

  it("the same investment already followed is refused, and nothing of the contact is written", async () => {
    const existing = await createInvestor(db.db, { zoneId: ref.zoneId, name: "重复投资集团有限公司" });
    await createProject(db.db, {
      zoneId: ref.zoneId,
      companyId: bdtCompany,
      clusterId: bdt,
      ownerId: colleague.id,
      investorId: existing.id,
      name: "重复投资封测项目",
    });
    const id = await added(manager, { name: "重复投资集团有限公司", uscc: existing.uscc! });
    const counts = [await countOf(investors), await countOf(projects), await countOf(activities)];
    const r = await contact(staff, id, { projectName: "重复投资封测项目", confirmed: true });
    expect(r).toMatchObject({ kind: "invalid", fieldErrors: { _form: "projects.duplicate" } });
    expect([await countOf(investors), await countOf(projects), await countOf(activities)]).toEqual(counts);
    expect((await getTarget(staff, id))!.projectId).toBeNull();
  });

  it("a failure after the investor and the project were written rolls all of it back", async () => {
    // The database refuses the contact's activity: by then the investor and the project exist in the transaction.
    await db.db.execute(sql`create or replace function t22_refuse_activity() returns trigger language plpgsql as $$
      begin if new.summary = 'REFUSE' then raise exception 'refused by the test'; end if; return new; end $$`);
    await db.db.execute(sql`create trigger t22_refuse before insert on activities for each row execute function t22_refuse_activity()`);
    try {
      const id = await added(manager, { uscc: code() });
      const counts = [await countOf(investors), await countOf(projects), await countOf(activities)];
      await expect(contact(staff, id, { summary: "REFUSE", confirmed: true })).rejects.toThrow();
      expect([await countOf(investors), await countOf(projects), await countOf(activities)]).toEqual(counts);
      const t = (await getTarget(staff, id))!;
      expect(t).toMatchObject({ projectId: null, investorId: null, version: 1 });
      expect((await contact(staff, id, { confirmed: true })).kind).toBe("ok");
    } finally {
      await db.db.execute(sql`drop trigger t22_refuse on activities`);
    }
  });

  it("fifty people contacting one target at the same moment make one investor and one project", async () => {
    const id = await added(manager, { uscc: code() });
    const counts = [await countOf(investors), await countOf(projects)];
    let release!: () => void;
    const barrier = new Promise<void>((resolve) => (release = resolve));
    const shots = Array.from({ length: 50 }, (_, i) =>
      barrier.then(() => contact(i % 2 ? manager : staff, id, { projectName: "同时接洽的项目", confirmed: true })),
    );
    release();
    const results = await Promise.all(shots);
    const oks = results.filter((r) => r.kind === "ok");
    expect(oks).toHaveLength(1);
    for (const r of results.filter((x) => x.kind !== "ok")) expect(r).toMatchObject({ kind: "conflict", detail: { kind: "contacted" } });
    expect([await countOf(investors), await countOf(projects)]).toEqual([counts[0] + 1, counts[1] + 1]);
    const made = await db.db.select({ id: projects.id }).from(projects).where(eq(projects.name, "同时接洽的项目"));
    expect(made).toHaveLength(1);
    const [t] = await db.db.select().from(chainTargets).where(eq(chainTargets.id, id));
    expect(t.projectId).toBe(made[0].id);
  });

  it("the chain overview counts each cluster's targets and those first contacted in the period", async () => {
    const today = todayInZone();
    const year = { from: `${today.slice(0, 4)}-01-01`, to: today };
    const row = async (period: { from: string; to: string }, clusterId = bdt) =>
      (await listZoneChains(leader, period)).find((c) => c.clusterId === clusterId)!;
    const before = await row(year);
    const otherBefore = await row(year, ref.clusters.find((c) => c.name !== "半导体")!.id);
    const id = await added(manager, { name: "无锡晶圆级封装科技有限公司" });
    await added(manager);
    // Similar names among the earlier tests' investors: seen and confirmed.
    const result = await contact(staff, id, { confirmed: true });
    if (result.kind !== "ok") throw new Error(JSON.stringify(result));
    const after = await row(year);
    expect([after.targets, after.targetsContacted]).toEqual([before.targets + 2, before.targetsContacted + 1]);
    // The same figures counted straight from the table: every target of the cluster, and those with a contact.
    const [direct] = await db.db
      .select({ listed: count(), contacted: count(chainTargets.convertedAt) })
      .from(chainTargets)
      .where(eq(chainTargets.clusterId, bdt));
    expect([after.targets, after.targetsContacted]).toEqual([direct.listed, direct.contacted]);
    // A period that ended before any contact counts none; the list itself is not a period's.
    const past = await row({ from: "2020-01-01", to: "2020-12-31" });
    expect([past.targets, past.targetsContacted]).toEqual([direct.listed, 0]);
    // Another cluster's figures did not move.
    expect(await row(year, otherBefore.clusterId)).toMatchObject({ targets: otherBefore.targets, targetsContacted: otherBefore.targetsContacted });
  });
});
