// The data the server-level tests run against: the reference zone with a small demo, plus named records for
// every scope of the authorization matrix, plus a second zone that must never leak.
import { and, count, eq, ne, sql, sum } from "drizzle-orm";
import type { Database } from "../../db/index";
import { investorContacts, projects } from "../../db/schema";
import { seedDemo } from "../../db/seed/demo";
import { createEvidence } from "./evidence";
import { createInvestor, createOtherZone, createProject, createReferenceZone, createTwoCompanies, createUser, testPasswordHash } from "./factories";

export async function prepareWorld(db: Database, opts: { demoProjects?: number; filesDir?: string } = {}) {
  return db.transaction(async (tx) => {
    const ref = await createReferenceZone(tx);
    await seedDemo(tx, ref, { passwordHash: await testPasswordHash(), today: "2026-11-27", projects: opts.demoProjects ?? 300 });
    const { a, b } = await createTwoCompanies(tx, ref);
    const other = await createOtherZone(tx);
    const otherStaff = await createUser(tx, { zoneId: other.zoneId, companyId: other.companyId, role: "staff" });
    const cluster = ref.clusters[0].id;
    const base = { zoneId: ref.zoneId, clusterId: cluster };
    const records = {
      own: await createProject(tx, { ...base, companyId: a.company.id, ownerId: a.staff1.id, name: "矩阵-本人项目" }),
      ownCompany: await createProject(tx, { ...base, companyId: a.company.id, ownerId: a.staff2.id, name: "矩阵-同公司项目" }),
      otherCompany: await createProject(tx, { ...base, companyId: b.company.id, ownerId: b.staff1.id, name: "矩阵-他公司项目" }),
      confidential: await createProject(tx, {
        ...base, companyId: a.company.id, ownerId: a.staff2.id, confidential: true, name: "矩阵-保密项目",
      }),
      handedOver: await createProject(tx, {
        ...base, companyId: b.company.id, ownerId: b.staff2.id, formerCompanyId: a.company.id, formerOwnerId: a.staff1.id,
        name: "矩阵-已移交项目",
      }),
      otherZone: await createProject(tx, {
        zoneId: other.zoneId, clusterId: other.clusterId, companyId: other.companyId, ownerId: otherStaff.id, name: "矩阵-外区项目",
      }),
    };
    // An investor with a contact, for walking a project through every stage in the browser.
    const lifecycleInvestor = await createInvestor(tx, { zoneId: ref.zoneId, name: "晋阳新材料科技有限公司" });
    await tx.insert(investorContacts).values({ investorId: lifecycleInvestor.id, name: "赵立新", title: "投资总监", mobile: "13912345678" });
    // Milestone evidence (a signed agreement) on each scoped project, uploaded by its owner; the bytes go to the
    // server's files folder when the test passes it (startTestServer does), otherwise only the rows exist.
    const evidence = {} as Record<keyof typeof records, { id: number }>;
    for (const scope of Object.keys(records) as (keyof typeof records)[]) {
      const project = records[scope];
      const row = await createEvidence(tx, {
        projectId: project.id, uploadedById: project.ownerId!, fileName: `${project.name}-协议.pdf`, filesDir: opts.filesDir,
      });
      evidence[scope] = { id: row.id };
    }
    // Investors for the investor pages: one company A follows (its project "own"), one only company B follows,
    // and another zone's.
    const followedByB = await createInvestor(tx, { zoneId: ref.zoneId, name: "山西澄泓科技有限公司" });
    await createProject(tx, { ...base, companyId: b.company.id, ownerId: b.staff1.id, investorId: followedByB.id, name: "澄泓智能传感器项目" });
    const investorIds = { ownCompany: records.own.investorId, otherCompany: followedByB.id, otherZone: records.otherZone.investorId };
    // What the leader's overview must show: the database's own totals.
    const [zoneTotals] = await tx
      .select({ n: count(), investment: sql<string>`coalesce(${sum(projects.totalInvestmentWan)}, 0)::numeric(18,2)::text` })
      .from(projects)
      .where(and(eq(projects.zoneId, ref.zoneId), ne(projects.status, "lost")));
    return {
      zoneId: ref.zoneId,
      companyA: a.company,
      companyB: b.company,
      logins: {
        staff: a.staff1.login,
        manager: a.manager.login,
        leader: "leader",
        admin: "admin",
        otherZoneStaff: otherStaff.login,
        otherCompanyStaff: b.staff1.login,
      },
      users: { ownZone: a.staff2.id, otherZone: otherStaff.id },
      records: Object.fromEntries(Object.entries(records).map(([k, v]) => [k, { id: v.id, name: v.name, code: v.code }])) as Record<
        keyof typeof records,
        { id: number; name: string; code: string }
      >,
      zoneTotals: { count: zoneTotals.n, investmentWan: zoneTotals.investment },
      evidence,
      lifecycleInvestor: { id: lifecycleInvestor.id, name: lifecycleInvestor.name },
      clusterName: ref.clusters[0].name,
      investors: investorIds,
      followedByB: { id: followedByB.id, name: followedByB.name, uscc: followedByB.uscc!, owner: b.staff1.displayName },
    };
  });
}

export type World = Awaited<ReturnType<typeof prepareWorld>>;
