// A zone made the way the province makes zones (createZone), filled with one record of every kind and a user of
// every zone role, for the isolation tests (issue 20 item 2): the authorization matrix's second and third zones
// and the property test's random zones. Every text a record carries is unique to the zone (its `markers`), so a
// response of another zone's user can be searched for it.
import { eq } from "drizzle-orm";
import type { Database, Executor } from "../../db/index";
import {
  annualTargets,
  clusters,
  companies,
  handoffs,
  importRuns,
  investorContacts,
  notifications,
  projects,
  publishedFacts,
  publishedPeriods,
  savedViews,
  scorecardWeightSets,
  serviceRequests,
  users,
} from "../../db/schema";
import { issueApiToken } from "../../app/modules/auth/api-token.server";
import { createZone } from "../../app/modules/zones/zones.server";
import { createEvidence } from "./evidence";
import { createChainTarget } from "./target-world";
import { createInvestor, createProject, createUser, TEST_PASSWORD } from "./factories";

export type ZoneWorld = Awaited<ReturnType<typeof populateZone>>;

/** Makes a zone with createZone (its admin `CODE_admin`) in a city, then fills it with populateZone. */
export async function makeIsolatedZone(db: Database, opts: { code: string; name: string; cityId: number | null; tag: string; filesDir?: string }) {
  const made = await createZone({ code: opts.code, name: opts.name, cityId: opts.cityId, password: TEST_PASSWORD }, { actorId: null, db });
  if (made.kind !== "ok") throw new Error(`zone ${opts.code} was refused: ${JSON.stringify(made)}`);
  // Its admin has already replaced the password the province gave (a made zone's admin must, first thing).
  await db.update(users).set({ mustChangePassword: false }).where(eq(users.id, made.value.adminId));
  return db.transaction((tx) =>
    populateZone(tx, {
      zoneId: made.value.zoneId,
      admin: { id: made.value.adminId, login: made.value.adminLogin },
      tag: opts.tag,
      filesDir: opts.filesDir,
    }),
  );
}

/**
 * Users (staff and manager of an attraction company, a leader of the committee, the zone's admin) and one record of
 * each kind: projects (one confidential, one signed and published, one landed with an enterprise request), an
 * investor with a contact, an assist handoff, evidence, saved views, API tokens, an import run, a notification,
 * a published period, targets and scorecard weights.
 */
export async function populateZone(tx: Executor, opts: { zoneId: number; admin: { id: number; login: string }; tag: string; filesDir?: string }) {
  const { zoneId, tag } = opts;
  const zoneCompanies = await tx
    .select({ id: companies.id, name: companies.name, kind: companies.kind, clusterId: companies.clusterId })
    .from(companies)
    .where(eq(companies.zoneId, zoneId))
    .orderBy(companies.sortOrder, companies.id);
  const [a, b] = zoneCompanies.filter((c) => c.kind === "attraction");
  const committee = zoneCompanies.find((c) => c.kind === "committee")!;
  const clusterId = a.clusterId!;
  const [cluster] = await tx.select({ name: clusters.name }).from(clusters).where(eq(clusters.id, clusterId));
  const login = (role: string) => `iso_${opts.tag.replace(/\W/g, "")}_${role}_${zoneId}`;
  const staff = await createUser(tx, { zoneId, companyId: a.id, role: "staff", login: login("staff"), displayName: `隔离${tag}专员` });
  const manager = await createUser(tx, { zoneId, companyId: a.id, role: "manager", login: login("manager"), displayName: `隔离${tag}经理` });
  const staffB = await createUser(tx, { zoneId, companyId: b.id, role: "staff", login: login("staffb") });
  const leader = await createUser(tx, { zoneId, companyId: committee.id, role: "leader", login: login("leader"), displayName: `隔离${tag}领导` });

  const investor = await createInvestor(tx, { zoneId, name: `隔离${tag}投资有限公司` });
  const contact = `隔离${tag}联系人`;
  await tx.insert(investorContacts).values({ investorId: investor.id, name: contact, title: "总经理", mobile: "13900000000" });
  const base = { zoneId, clusterId, companyId: a.id };
  const project = await createProject(tx, { ...base, ownerId: staff.id, investorId: investor.id, name: `隔离${tag}-项目` });
  const confidential = await createProject(tx, { ...base, ownerId: staff.id, confidential: true, name: `隔离${tag}-保密项目` });
  const signed = await createProject(tx, {
    ...base,
    ownerId: staff.id,
    stage: "signed",
    name: `隔离${tag}-签约项目`,
    contractedInvestmentWan: "4321.09",
    signedOn: "2026-03-10",
  });
  const enterprise = `隔离${tag}落地企业有限公司`;
  const landed = await createProject(tx, { ...base, ownerId: staff.id, stage: "registered", name: `隔离${tag}-落地项目` });
  await tx.update(projects).set({ projectCompanyName: enterprise, registeredOn: "2026-06-01" }).where(eq(projects.id, landed.id));
  const bProject = await createProject(tx, { ...base, companyId: b.id, ownerId: staffB.id, name: `隔离${tag}-他公司项目` });

  const fileName = `隔离${tag}-协议.pdf`;
  const evidence = await createEvidence(tx, { projectId: project.id, uploadedById: staff.id, fileName, filesDir: opts.filesDir });
  const confidentialEvidence = await createEvidence(tx, {
    projectId: confidential.id,
    uploadedById: staff.id,
    fileName: `隔离${tag}-保密协议.pdf`,
    filesDir: opts.filesDir,
  });
  const [handoff] = await tx
    .insert(handoffs)
    .values({
      zoneId,
      projectId: project.id,
      kind: "assist",
      need: "land",
      fromCompanyId: a.id,
      toCompanyId: b.id,
      requestedById: staff.id,
      reason: `隔离${tag}-协办`,
    })
    .returning({ id: handoffs.id });
  const description = `隔离${tag}-企业诉求`;
  const [request] = await tx
    .insert(serviceRequests)
    .values({
      zoneId,
      projectId: landed.id,
      channel: "hotline",
      type: "permits",
      description,
      handlingCompanyId: a.id,
      receivedOn: "2026-11-20",
      dueOn: "2026-11-30",
      createdById: staff.id,
      loggedByCompanyId: a.id,
    })
    .returning({ id: serviceRequests.id });
  const [personalView] = await tx
    .insert(savedViews)
    .values({ zoneId, ownerId: staff.id, list: "projects", name: `隔离${tag}-个人视图`, query: "stage=lead" })
    .returning({ id: savedViews.id });
  const [companyView] = await tx
    .insert(savedViews)
    .values({ zoneId, companyId: a.id, ownerId: manager.id, list: "board", name: `隔离${tag}-公司视图`, query: "light=red" })
    .returning({ id: savedViews.id });
  const reportsToken = await issueApiToken(tx, opts.admin.id, `隔离${tag}-报表令牌`, { scopes: ["reports:read"] });
  const importsToken = await issueApiToken(tx, manager.id, `隔离${tag}-导入令牌`, { scopes: ["imports:write"] });
  const importFile = `隔离${tag}-导入.csv`;
  const [importRun] = await tx
    .insert(importRuns)
    .values({
      zoneId,
      companyId: a.id,
      userId: manager.id,
      fileName: importFile,
      format: "csv",
      status: "refused",
      totalRows: 1,
      errors: [{ row: 2, column: "name", message: `隔离${tag}-导入错误` }],
      finishedAt: new Date(),
    })
    .returning({ id: importRuns.id });
  const [notification] = await tx
    .insert(notifications)
    .values({ zoneId, userId: staff.id, kind: "project_assigned", params: { project: project.name }, link: `/projects/${project.id}` })
    .returning({ id: notifications.id });
  const [period] = await tx
    .insert(publishedPeriods)
    .values({ zoneId, kind: "quarter", startsOn: "2026-01-01", endsOn: "2026-03-31", publishedById: leader.id, note: `隔离${tag}-发布说明` })
    .returning({ id: publishedPeriods.id });
  await tx.insert(publishedFacts).values({
    periodId: period.id,
    projectId: signed.id,
    milestone: "signed",
    businessOn: "2026-03-10",
    investmentWan: "4321.09",
    ownerCompanyId: a.id,
    firstContactCompanyId: a.id,
  });
  const [target] = await tx
    .insert(annualTargets)
    .values({ zoneId, companyId: a.id, year: 2026, signedCount: 7, signedInvestmentWan: "77777.00", constructionCount: 3, productionCount: 2 })
    .returning({ id: annualTargets.id });
  await tx
    .insert(scorecardWeightSets)
    .values({ zoneId, version: 1, weights: { signedInvestment: "37" }, note: `隔离${tag}-权重`, createdById: leader.id });

  const chainTarget = await createChainTarget(tx, {
    zoneId,
    clusterId,
    companyId: a.id,
    assigneeId: staff.id,
    createdById: manager.id,
    name: `隔离${tag}-目标企业`,
  });

  const projectRef = (p: { id: number; name: string; code: string }) => ({ id: p.id, name: p.name, code: p.code });
  return {
    zoneId,
    tag,
    companies: { a: { id: a.id, name: a.name }, b: { id: b.id, name: b.name } },
    clusterId,
    clusterName: cluster.name,
    /** Company B's cluster: a chain A's manager may read but not edit. */
    otherClusterId: b.clusterId!,
    /** A target of company A assigned to its staff member (issue 22). */
    chainTarget,
    logins: { staff: staff.login, manager: manager.login, leader: leader.login, admin: opts.admin.login },
    userIds: { staff: staff.id, manager: manager.id, leader: leader.id, admin: opts.admin.id, staffB: staffB.id },
    records: {
      project: projectRef(project),
      confidential: projectRef(confidential),
      signed: projectRef(signed),
      landed: projectRef(landed),
      otherCompany: projectRef(bProject),
    },
    investor: { id: investor.id, name: investor.name, uscc: investor.uscc! },
    contact,
    enterprise,
    evidence: { id: evidence.id, fileName },
    confidentialEvidence: { id: confidentialEvidence.id },
    handoff: { id: handoff.id },
    serviceRequest: { id: request.id, description },
    views: { personal: personalView.id, company: companyView.id },
    tokens: { reports: reportsToken.token, imports: importsToken.token },
    importRun: { id: importRun.id, fileName: importFile },
    notification: { id: notification.id },
    period: { id: period.id },
    target: { id: target.id },
    /** Texts only this zone's records carry: none may reach another zone's user. */
    markers: [
      ...[project, confidential, signed, landed, bProject].flatMap((p) => [p.name, p.code]),
      investor.name,
      investor.uscc!,
      contact,
      enterprise,
      fileName,
      description,
      `隔离${tag}-个人视图`,
      `隔离${tag}-公司视图`,
      importFile,
      `隔离${tag}专员`,
      `隔离${tag}经理`,
      `隔离${tag}领导`,
      `隔离${tag}-目标企业`,
    ],
  };
}
