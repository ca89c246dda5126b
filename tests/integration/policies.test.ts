// Issue 21 item 5: the policy library. The seeded power price is matched against real projects; a company's manager
// keeps their own policies and a second save from an old version is refused; benefits are recorded by the project's
// editors with exact amounts, refused whole when their dates disagree, and the owed list is scoped and aged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, clusters, policies, policyBenefits, projects, users } from "../../db/schema";
import { addDays, todayInZone } from "../../app/lib/dates";
import type { Viewer } from "../../app/modules/auth/policy";
import type { PolicyFormInput } from "../../app/modules/policies/policies.schema";
import { addBenefit, createPolicy, loadProjectPolicies, owedBenefits, updateBenefit, updatePolicy } from "../../app/modules/policies/policies.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createTwoCompanies } from "../support/factories";

const today = todayInZone();

const blankPolicy: PolicyFormInput = {
  title: "",
  issuer: "管委会",
  benefit: "奖励",
  clusterOp: "in",
  clusters: [],
  companyOp: "in",
  companies: [],
  projectTypeOp: "in",
  projectTypes: [],
  voltageKvOp: "gte",
  investmentWanOp: "gte",
  jobsOp: "gte",
  investmentPerMuWanOp: "gte",
  outputPerMuWanOp: "gte",
};

describe.each(databaseKinds())("the policy library (%s)", (kind) => {
  let db: TestDatabase;
  let world: Awaited<ReturnType<typeof build>>;

  async function build() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const [leader] = await db.db.select().from(users).where(eq(users.id, ref.leaderId));
    const [logistics] = await db.db.insert(clusters).values({ zoneId: ref.zoneId, name: "商贸物流" }).returning();
    return { ref, a, b, leader: leader as Viewer, logistics };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    world = await build();
  });
  afterAll(() => db?.dispose());

  async function project(facts: Partial<typeof projects.$inferInsert> & { clusterId?: number } = {}) {
    const p = await createProject(db.db, {
      zoneId: world.ref.zoneId,
      companyId: world.a.company.id,
      clusterId: facts.clusterId ?? world.ref.clusters[0].id,
      ownerId: world.a.staff1.id,
      stage: "signed",
      plannedInvestmentWan: "50000.00",
    });
    const { clusterId: _, ...rest } = facts;
    if (Object.keys(rest).length) await db.db.update(projects).set(rest).where(eq(projects.id, p.id));
    return p;
  }

  const titles = (xs: { title: string }[]) => xs.map((x) => x.title);
  const POWER = "战略性新兴产业电价（0.30 元/千瓦时）";

  it("the zone has the province's power price; a 信创 project at 110 kV qualifies for it", async () => {
    const p = await project({ voltageKv: "110" });
    const found = await loadProjectPolicies(world.a.staff1, p.id);
    expect(titles(found!.qualifying)).toContain(POWER);
    expect(titles(found!.nearly)).not.toContain(POWER);
  });

  it("without a recorded voltage it nearly qualifies, and the page says the voltage is missing", async () => {
    const p = await project({ voltageKv: null });
    const found = await loadProjectPolicies(world.a.staff1, p.id);
    const power = found!.nearly.find((n) => n.title === POWER);
    expect(power?.missing).toEqual(["voltageKv"]);
    expect(titles(found!.qualifying)).not.toContain(POWER);
  });

  it("at 35 kV, or in a cluster outside the 14 industries, it is not listed at all", async () => {
    for (const p of [await project({ voltageKv: "35" }), await project({ voltageKv: "220", clusterId: world.logistics.id })]) {
      const found = await loadProjectPolicies(world.a.staff1, p.id);
      expect([...titles(found!.qualifying), ...titles(found!.nearly)]).not.toContain(POWER);
    }
  });

  it("a policy out of its validity is not offered", async () => {
    const made = await createPolicy(world.leader, { ...blankPolicy, title: "已过期政策", validTo: addDays(today, -1) });
    expect(made.kind).toBe("ok");
    const found = await loadProjectPolicies(world.a.staff1, (await project()).id);
    expect([...titles(found!.qualifying), ...titles(found!.nearly)]).not.toContain("已过期政策");
  });

  it("another zone's viewer sees nothing of the project's policies", async () => {
    const p = await project();
    expect(await loadProjectPolicies({ ...world.a.staff1, zoneId: world.ref.zoneId + 999 }, p.id)).toBeUndefined();
  });

  it("a manager's policy is kept by their company: the other company's manager may not edit it, a leader may; an old version is refused", async () => {
    const made = await createPolicy(world.a.manager, { ...blankPolicy, title: "亩均奖励", jobs: "300", investmentPerMuWan: "500" });
    if (made.kind !== "ok") throw new Error("not created");
    const [row] = await db.db.select().from(policies).where(eq(policies.id, made.value.id));
    expect(row.companyId).toBe(world.a.company.id);
    expect(row.conditions).toEqual([
      { fact: "jobs", op: "gte", value: "300" },
      { fact: "investmentPerMuWan", op: "gte", value: "500" },
    ]);
    expect((await updatePolicy(world.b.manager, row.id, 1, { ...blankPolicy, title: "改" })).kind).toBe("forbidden");
    expect((await updatePolicy(world.a.staff1, row.id, 1, { ...blankPolicy, title: "改" })).kind).toBe("forbidden");
    expect((await updatePolicy(world.leader, row.id, 1, { ...blankPolicy, title: "亩均奖励（修订）", jobs: "200" })).kind).toBe("ok");
    const stale = await updatePolicy(world.a.manager, row.id, 1, { ...blankPolicy, title: "亩均奖励（旧稿）" });
    expect(stale.kind).toBe("conflict");
    if (stale.kind === "conflict") expect(stale.detail.version).toBe(2);
    const [after] = await db.db.select().from(policies).where(eq(policies.id, row.id));
    expect(after.title).toBe("亩均奖励（修订）");
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "policy"), eq(auditLog.entityId, row.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(["create", "update"]);
  });

  it("land intensity and jobs from the project's own figures: near misses say by how much", async () => {
    const made = await createPolicy(world.leader, { ...blankPolicy, title: "亩均投资 600", investmentPerMuWan: "600" });
    if (made.kind !== "ok") throw new Error("not created");
    // 52,000 万元 contracted on 100 亩: 520 万元 per 亩, 80 short of 600 and within 20 %.
    const p = await project({ contractedInvestmentWan: "52000.00", landMu: "100.00" });
    const found = await loadProjectPolicies(world.a.staff1, p.id);
    const near = found!.nearly.find((n) => n.id === made.value.id);
    expect(near?.outcomes[0].outcome).toEqual({ status: "fail", gap: "80.00", near: true });
  });

  it("the owner records a benefit; a colleague who does not own the project may not; bad dates write nothing", async () => {
    const p = await project();
    const [power] = await db.db
      .select()
      .from(policies)
      .where(and(eq(policies.zoneId, world.ref.zoneId), eq(policies.code, "power-price-sei")));
    const input = { policyId: power.id, promisedWan: "120.50", promisedOn: addDays(today, -10) };
    expect((await addBenefit(world.a.staff2, p.id, input)).kind).toBe("forbidden");
    expect((await addBenefit(world.b.manager, p.id, input)).kind).toBe("notFound");
    const bad = await addBenefit(world.a.staff1, p.id, { ...input, deliveredWan: "10", deliveredOn: addDays(today, -11) });
    expect(bad).toEqual({ kind: "invalid", fieldErrors: { deliveredOn: "policies.error.deliveredBeforePromise" } });
    expect(await db.db.select().from(policyBenefits).where(eq(policyBenefits.projectId, p.id))).toHaveLength(0);
    const added = await addBenefit(world.a.staff1, p.id, input);
    expect(added.kind).toBe("ok");
    const [row] = await db.db.select().from(policyBenefits).where(eq(policyBenefits.projectId, p.id));
    expect(row.promisedWan).toBe("120.50");
  });

  it("the owed list: the company's own, aged, with an exact total; delivered in full drops out, in part stays", async () => {
    const p = await project({ name: "待兑现测试项目" });
    const made = await createPolicy(world.leader, { ...blankPolicy, title: "兑现测试政策" });
    if (made.kind !== "ok") throw new Error("not created");
    const first = await addBenefit(world.a.staff1, p.id, { policyId: made.value.id, promisedWan: "0.10", promisedOn: addDays(today, -10) });
    const second = await addBenefit(world.a.staff1, p.id, { policyId: made.value.id, promisedWan: "0.20", promisedOn: addDays(today, -3) });
    if (first.kind !== "ok" || second.kind !== "ok") throw new Error("not added");

    const mine = <R extends { projectId: number }>(rows: R[]) => rows.filter((r) => r.projectId === p.id);
    const owed = await owedBenefits(world.a.manager);
    expect(mine(owed.rows).map((r) => [r.outstandingWan, r.ageDays])).toEqual([
      ["0.10", 10],
      ["0.20", 3],
    ]);
    expect(mine((await owedBenefits(world.b.manager)).rows)).toHaveLength(0);
    expect(mine((await owedBenefits(world.leader)).rows)).toHaveLength(2);

    const before = (await owedBenefits(world.a.manager)).totalOwedWan;
    const base = { policyId: made.value.id, promisedOn: addDays(today, -10) };
    expect(
      (await updateBenefit(world.a.staff1, p.id, first.value.id, 1, { ...base, promisedWan: "0.10", deliveredWan: "0.10", deliveredOn: today })).kind,
    ).toBe("ok");
    expect(
      (
        await updateBenefit(world.a.staff1, p.id, second.value.id, 1, {
          ...base,
          promisedOn: addDays(today, -3),
          promisedWan: "0.20",
          deliveredWan: "0.05",
          deliveredOn: today,
        })
      ).kind,
    ).toBe("ok");
    const after = await owedBenefits(world.a.manager);
    expect(mine(after.rows).map((r) => r.outstandingWan)).toEqual(["0.15"]);
    // 0.10 + 0.20 owed before, 0.15 after: summed in SQL, exact (a float would say 0.30000000000000004).
    expect(subtractCents(before, after.totalOwedWan)).toBe(15);
    // A save from the old version is refused.
    const stale = await updateBenefit(world.a.staff1, p.id, first.value.id, 1, { ...base, promisedWan: "9.99" });
    expect(stale.kind).toBe("conflict");
  });
});

const subtractCents = (a: string, b: string) => Number(BigInt(a.replace(".", "")) - BigInt(b.replace(".", "")));
