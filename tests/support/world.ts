// The data the server-level tests run against: the reference zone with a small demo, plus named records for
// every scope of the authorization matrix, plus a second zone that must never leak.
import { and, count, eq, ne, sql, sum } from "drizzle-orm";
import type { Database } from "../../db/index";
import { cities, companies, handoffs, importRuns, investorContacts, notifications, projects, serviceRequests } from "../../db/schema";
import { ensureProvinceAdmin, ensureProvinceZone } from "../../app/modules/zones/zones.server";
import { makeIsolatedZone } from "./zone-world";
import type { Executor } from "../../db/index";
import type { ReferenceZone } from "../../db/seed/reference";
import { seedDemo } from "../../db/seed/demo";
import { createEvidence } from "./evidence";
import { createChainTarget } from "./target-world";
import type { Prepare } from "./server";
import { fromTemplate } from "./server";
import { createInvestor, createOtherZone, createProject, createReferenceZone, createTwoCompanies, createUser, testPasswordHash } from "./factories";

/**
 * prepareWorld for startTestServer, seeded once per run, kind and options and copied for each file (see
 * tests/support/templates.ts); `files` puts the evidence's bytes in the server's files folder, as passing
 * `filesDir` does. `then` adds a file's own records on its copy.
 */
export function worldTemplate<T = World>(
  opts: { demoProjects?: number; files?: boolean } = {},
  then?: (db: Database, ctx: { filesDir: string; data: World }) => Promise<T>,
): Prepare<T> {
  const demoProjects = opts.demoProjects ?? 300;
  const files = opts.files ?? false;
  return fromTemplate(
    `world ${JSON.stringify({ demoProjects, files })}`,
    (db, ctx) => prepareWorld(db, { demoProjects, filesDir: files ? ctx.filesDir : undefined }),
    then,
  );
}

export async function prepareWorld(db: Database, opts: { demoProjects?: number; filesDir?: string } = {}) {
  const world = await prepareFirstZone(db, opts);
  // The province's accounts, and two zones made the way the province makes zones (createZone), in two cities, each
  // with a user of every zone role and a record of every kind: none of them may find anything of another (issue 20).
  await ensureProvinceAdmin(db, { passwordHash: await testPasswordHash() });
  const provinceZoneId = await ensureProvinceZone(db);
  const [taiyuan] = await db.select({ id: cities.id }).from(cities).where(eq(cities.code, "taiyuan"));
  const [datong] = await db.select({ id: cities.id }).from(cities).where(eq(cities.code, "datong"));
  const provinceLeader = await createUser(db, { zoneId: provinceZoneId, companyId: null, role: "province_leader", login: "matrix_province_leader" });
  const cityLeader = await createUser(db, {
    zoneId: provinceZoneId,
    companyId: null,
    role: "city_leader",
    login: "matrix_city_leader",
    cityId: datong.id,
  });
  const second = await makeIsolatedZone(db, { code: "matrix2", name: "矩阵第二开发区", cityId: taiyuan.id, tag: "二区", filesDir: opts.filesDir });
  const third = await makeIsolatedZone(db, { code: "matrix3", name: "矩阵第三开发区", cityId: datong.id, tag: "三区", filesDir: opts.filesDir });
  const [newZoneCompany] = await db
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.zoneId, second.zoneId), eq(companies.code, "bdt")));
  return {
    ...world,
    logins: {
      ...world.logins,
      provinceAdmin: "province_admin",
      zoneAdmin: second.logins.admin,
      provinceLeader: provinceLeader.login,
      cityLeader: cityLeader.login,
    },
    newZone: { zoneId: second.zoneId, companyId: newZoneCompany.id },
    zones: { second, third },
    /** The province's leader accounts, for the province admin's account pages. */
    provinceAccounts: { cityLeader: cityLeader.id },
  };
}

async function prepareFirstZone(db: Database, opts: { demoProjects?: number; filesDir?: string }) {
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
        ...base,
        companyId: a.company.id,
        ownerId: a.staff2.id,
        confidential: true,
        name: "矩阵-保密项目",
      }),
      handedOver: await createProject(tx, {
        ...base,
        companyId: b.company.id,
        ownerId: b.staff2.id,
        formerCompanyId: a.company.id,
        formerOwnerId: a.staff1.id,
        name: "矩阵-已移交项目",
      }),
      otherZone: await createProject(tx, {
        zoneId: other.zoneId,
        clusterId: other.clusterId,
        companyId: other.companyId,
        ownerId: otherStaff.id,
        name: "矩阵-外区项目",
      }),
      // A user who changed company: the staff member came to A from B, and B's project still names them owner.
      movedAway: await createProject(tx, { ...base, companyId: b.company.id, ownerId: a.staff1.id, name: "矩阵-调离前项目" }),
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
        projectId: project.id,
        uploadedById: project.ownerId!,
        fileName: `${project.name}-协议.pdf`,
        filesDir: opts.filesDir,
      });
      evidence[scope] = { id: row.id };
    }
    // Investors for the investor pages: one company A follows (its project "own"), one only company B follows,
    // and another zone's.
    const followedByB = await createInvestor(tx, { zoneId: ref.zoneId, name: "山西澄泓科技有限公司" });
    await createProject(tx, { ...base, companyId: b.company.id, ownerId: b.staff1.id, investorId: followedByB.id, name: "澄泓智能传感器项目" });
    const investorIds = { ownCompany: records.own.investorId, otherCompany: followedByB.id, otherZone: records.otherZone.investorId };
    // Enterprise requests (企业诉求): landed projects of A and B; a request A handles itself ("own"), one of A's
    // project routed to the 开发建设平台公司 by the hotline ("ownCompany"), one of B's routed there ("otherCompany");
    // and the hotline staff and platform people of the browser test.
    const service = await prepareServiceWorld(tx, { ref, a, b, base });
    // Handoffs (移交/协办): one waiting for A, one A sent, one between others; and the browser test's people and lead.
    const handoffWorld = await prepareHandoffWorld(tx, { ref, a, b });
    // A notice and an import run of the first zone, for the doors other zones' users must not open (issue 20).
    // (Staff 2's, already read: the browser tests count staff 1's unread notices.)
    const [notification] = await tx
      .insert(notifications)
      .values({
        zoneId: ref.zoneId,
        userId: a.staff2.id,
        kind: "project_assigned",
        params: { project: records.ownCompany.name },
        link: `/projects/${records.ownCompany.id}`,
        readAt: new Date(),
      })
      .returning({ id: notifications.id });
    const [importRun] = await tx
      .insert(importRuns)
      .values({
        zoneId: ref.zoneId,
        companyId: a.company.id,
        userId: a.manager.id,
        fileName: "矩阵-导入.csv",
        format: "csv",
        status: "refused",
        totalRows: 1,
        errors: [{ row: 2, column: "name", message: "矩阵-导入错误" }],
        finishedAt: new Date(),
      })
      .returning({ id: importRuns.id });
    // Targets (招商目标库, issue 22): A's assigned to staff 1 (the matrix's staff), A's assigned to staff 2, and B's.
    const targetOf = (companyId: number, clusterId: number, assigneeId: number, name: string) =>
      createChainTarget(tx, { zoneId: ref.zoneId, clusterId, companyId, assigneeId, createdById: assigneeId, name });
    const targets = {
      own: await targetOf(a.company.id, a.company.clusterId!, a.staff1.id, "矩阵-本人目标企业"),
      ownCompany: await targetOf(a.company.id, a.company.clusterId!, a.staff2.id, "矩阵-同事目标企业"),
      otherCompany: await targetOf(b.company.id, b.company.clusterId!, b.staff1.id, "矩阵-他司目标企业"),
    };
    // What the leader's overview must show: the database's own totals.
    const [zoneTotals] = await tx
      .select({ n: count(), investment: sql<string>`coalesce(${sum(projects.totalInvestmentWan)}, 0)::numeric(18,2)::text` })
      .from(projects)
      .where(and(eq(projects.zoneId, ref.zoneId), ne(projects.status, "lost")));
    return {
      zoneId: ref.zoneId,
      companyA: a.company,
      companyB: b.company,
      otherZoneCompanyId: other.companyId,
      logins: {
        staff: a.staff1.login,
        manager: a.manager.login,
        leader: "leader",
        admin: "admin",
        otherZoneStaff: otherStaff.login,
        otherCompanyStaff: b.staff1.login,
        /** Company B's manager, who answers requests addressed to B (a co-follow of its investor). */
        otherCompanyManager: b.manager.login,
        /** Staff 2 of company A (the owner of "ownCompany"), for session tests that sign a user out. */
        colleague: a.staff2.login,
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
      /** Company A's cluster (its manager edits that chain) and another cluster. */
      chains: { ownCluster: ref.clusters[0].id, otherCluster: ref.clusters[1].id },
      targets,
      investors: investorIds,
      followedByB: { id: followedByB.id, name: followedByB.name, uscc: followedByB.uscc!, owner: b.staff1.displayName },
      service,
      handoffs: handoffWorld,
      notification: { id: notification.id },
      importRun: { id: importRun.id },
      /** Texts only the first zone's records carry (the scoped projects, their evidence, investors, enterprises). */
      markers: [
        ...Object.values(records).flatMap((p) => [p.name, p.code]),
        ...Object.values(records).map((p) => `${p.name}-协议.pdf`),
        followedByB.name,
        followedByB.uscc!,
        lifecycleInvestor.name,
        "晋中恒润电子有限公司",
        "太原瑞丰新材料有限公司",
        "矩阵-导入.csv",
        "矩阵-本人目标企业",
        "矩阵-同事目标企业",
        "矩阵-他司目标企业",
      ],
    };
  });
}

export type World = Awaited<ReturnType<typeof prepareWorld>>;

/** Landed enterprises with requests for each scope of the matrix, and the people of the service browser test. */
async function prepareServiceWorld(
  tx: Executor,
  w: {
    ref: ReferenceZone;
    a: Awaited<ReturnType<typeof createTwoCompanies>>["a"];
    b: Awaited<ReturnType<typeof createTwoCompanies>>["b"];
    base: { zoneId: number; clusterId: number };
  },
) {
  const hotlineCompany = w.ref.companies.find((c) => c.code === "zh")!;
  const platform = w.ref.companies.find((c) => c.code === "kfjs")!;
  const hotline = await createUser(tx, { zoneId: w.ref.zoneId, companyId: hotlineCompany.id, role: "staff", login: "svc-hotline" });
  const platformManager = await createUser(tx, { zoneId: w.ref.zoneId, companyId: platform.id, role: "manager", login: "svc-platform-manager" });
  const handler = await createUser(tx, { zoneId: w.ref.zoneId, companyId: platform.id, role: "staff", login: "svc-handler" });
  const landed = async (companyId: number, ownerId: number, name: string, enterprise: string) => {
    const p = await createProject(tx, { ...w.base, companyId, ownerId, stage: "registered", name });
    await tx.update(projects).set({ projectCompanyName: enterprise, registeredOn: "2026-06-01" }).where(eq(projects.id, p.id));
    return p;
  };
  const landedA = await landed(w.a.company.id, w.a.staff1.id, "矩阵-落地企业项目", "晋中恒润电子有限公司");
  const landedB = await landed(w.b.company.id, w.b.staff1.id, "矩阵-他公司落地项目", "太原瑞丰新材料有限公司");
  const request = async (projectId: number, handlingCompanyId: number, createdById: number, loggedByCompanyId: number) => {
    const [row] = await tx
      .insert(serviceRequests)
      .values({
        zoneId: w.ref.zoneId,
        projectId,
        channel: "hotline",
        type: "permits",
        description: "矩阵-企业诉求",
        handlingCompanyId,
        receivedOn: "2026-11-20",
        dueOn: "2026-11-30",
        createdById,
        loggedByCompanyId,
      })
      .returning({ id: serviceRequests.id });
    return row;
  };
  return {
    logins: { hotline: hotline.login, platformManager: platformManager.login, handler: handler.login },
    handlerName: handler.displayName,
    platformName: platform.name,
    landed: { id: landedA.id, enterprise: "晋中恒润电子有限公司" },
    requests: {
      own: await request(landedA.id, w.a.company.id, w.a.staff1.id, w.a.company.id),
      ownCompany: await request(landedA.id, platform.id, hotline.id, hotlineCompany.id),
      otherCompany: await request(landedB.id, platform.id, hotline.id, hotlineCompany.id),
    },
  };
}

/** Handoffs for the matrix (incoming to A, outgoing from A, between others) and the handoff browser test's people. */
async function prepareHandoffWorld(
  tx: Executor,
  w: { ref: ReferenceZone; a: Awaited<ReturnType<typeof createTwoCompanies>>["a"]; b: Awaited<ReturnType<typeof createTwoCompanies>>["b"] },
) {
  const serviceCompany = w.ref.companies.find((c) => c.code === "zh")!;
  const platform = w.ref.companies.find((c) => c.code === "kjjr")!;
  const semiconductor = w.ref.clusters.find((c) => c.name === "半导体")!;
  const user = (companyId: number, role: "staff" | "manager", login: string) => createUser(tx, { zoneId: w.ref.zoneId, companyId, role, login });
  const serviceStaff = await user(serviceCompany.id, "staff", "handoff-service-staff");
  const platformManager = await user(platform.id, "manager", "handoff-platform-manager");
  const platformStaff = await user(platform.id, "staff", "handoff-platform-staff");
  const investor = await createInvestor(tx, { zoneId: w.ref.zoneId, name: "苏州晶芯功率半导体有限公司" });
  const lead = await createProject(tx, {
    zoneId: w.ref.zoneId,
    clusterId: semiconductor.id,
    companyId: serviceCompany.id,
    ownerId: serviceStaff.id,
    investorId: investor.id,
    name: "晶芯功率器件封测项目",
  });
  const base = { zoneId: w.ref.zoneId, clusterId: w.ref.clusters[0].id };
  const handoff = async (values: Omit<typeof handoffs.$inferInsert, "reason" | "zoneId">) => {
    const [row] = await tx
      .insert(handoffs)
      .values({ ...values, zoneId: w.ref.zoneId, reason: "矩阵-移交协办" })
      .returning({ id: handoffs.id });
    return row;
  };
  const ofB = await createProject(tx, { ...base, companyId: w.b.company.id, ownerId: w.b.staff1.id, name: "矩阵-待A接收项目" });
  const ofA = await createProject(tx, { ...base, companyId: w.a.company.id, ownerId: w.a.staff1.id, name: "矩阵-A请求协办项目" });
  const ofB2 = await createProject(tx, { ...base, companyId: w.b.company.id, ownerId: w.b.staff2.id, name: "矩阵-B请求协办项目" });
  return {
    logins: {
      serviceStaff: serviceStaff.login,
      semiconductorManager: w.b.manager.login,
      newOwner: w.b.staff1.login,
      platformManager: platformManager.login,
      platformStaff: platformStaff.login,
    },
    names: {
      newOwner: w.b.staff1.displayName,
      platformStaff: platformStaff.displayName,
      semiconductorCompany: w.b.company.name,
      platform: platform.name,
    },
    lead: { id: lead.id, name: lead.name },
    matrix: {
      incoming: await handoff({
        projectId: ofB.id,
        kind: "transfer",
        fromCompanyId: w.b.company.id,
        toCompanyId: w.a.company.id,
        requestedById: w.b.staff1.id,
      }),
      outgoing: await handoff({
        projectId: ofA.id,
        kind: "assist",
        need: "land",
        fromCompanyId: w.a.company.id,
        toCompanyId: w.b.company.id,
        requestedById: w.a.staff1.id,
      }),
      unrelated: await handoff({
        projectId: ofB2.id,
        kind: "assist",
        need: "financing",
        fromCompanyId: w.b.company.id,
        toCompanyId: platform.id,
        requestedById: w.b.staff2.id,
        // Waiting five days: overdue.
        createdAt: new Date(Date.now() - 5 * 24 * 60 * 60 * 1000),
      }),
    },
  };
}
