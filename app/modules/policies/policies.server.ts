// 政策库 and 政策兑现 (issue 21 item 5, docs/decisions/028): the zone's policies (conditions as data, versioned
// edits), each project's qualifying and nearly-qualifying policies, benefits promised and delivered, and the
// benefits still owed with their age. Every query is scoped by the viewer's zone or project scope.
import { and, asc, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { clusters, companies, policies, policyBenefits, projects, users } from "~db/schema";
import { clock } from "~/lib/clock";
import { daysBetween, todayInZone } from "~/lib/dates";
import type { Conflict, Forbidden, Invalid, NotFound, Ok } from "~/lib/result";
import { conflict, forbidden, invalid, notFound, ok } from "~/lib/result";
import { auditUpdate, writeAudit } from "~/modules/audit/audit.server";
import type { ProjectFacts, Viewer } from "~/modules/auth/policy";
import { canCreatePolicy, canEditPolicy, canRecordBenefit, canSeePolicies, policyKeeperOf, projectAccess } from "~/modules/auth/policy";
import { loadProjectFacts, projectScopeWhere } from "~/modules/projects/projects.server";
import type { BenefitFormInput, PolicyFormInput } from "./policies.schema";
import { formToConditions } from "./policies.schema";
import type { PolicyCondition, PolicyFacts } from "./policy-rules";
import { benefitProblems, evaluatePolicy, outstandingWan, policyConditionsSchema, policyInForce } from "./policy-rules";

export type PolicyConflict = { by: string | null; at: string; version: number };

async function whoSaved(db: Executor, userId: number | null, at: Date, version: number): Promise<PolicyConflict> {
  const [u] = userId ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId)) : [];
  return { by: u?.name ?? null, at: at.toISOString(), version };
}

// the library

/** The zone's policies, newest first, each with whether it is in force today and whether the viewer may edit it. */
export async function listPolicies(viewer: Viewer) {
  if (!canSeePolicies(viewer)) return [];
  const today = todayInZone();
  const rows = await getDb()
    .select({
      id: policies.id,
      zoneId: policies.zoneId,
      companyId: policies.companyId,
      companyName: companies.shortName,
      title: policies.title,
      issuer: policies.issuer,
      documentNo: policies.documentNo,
      validFrom: policies.validFrom,
      validTo: policies.validTo,
      benefit: policies.benefit,
      conditions: policies.conditions,
    })
    .from(policies)
    .leftJoin(companies, eq(companies.id, policies.companyId))
    .where(eq(policies.zoneId, viewer.zoneId))
    .orderBy(desc(policies.id))
    .limit(1000);
  return rows.map((r) => ({ ...r, inForce: policyInForce(r, today), canEdit: canEditPolicy(viewer, r) }));
}

/** One policy of the viewer's zone, or undefined (another zone's is not there). */
export async function getPolicyForViewer(viewer: Viewer, id: number) {
  if (!canSeePolicies(viewer)) return undefined;
  const [row] = await getDb()
    .select()
    .from(policies)
    .where(and(eq(policies.id, id), eq(policies.zoneId, viewer.zoneId)));
  return row ? { ...row, canEdit: canEditPolicy(viewer, row) } : undefined;
}

/** The names a policy's conditions may list: the zone's clusters and companies. */
export async function policyFormOptions(zoneId: number) {
  const [clusterRows, companyRows] = await Promise.all([
    getDb().select({ name: clusters.name }).from(clusters).where(eq(clusters.zoneId, zoneId)).orderBy(asc(clusters.sortOrder), asc(clusters.id)),
    getDb()
      .select({ name: companies.name })
      .from(companies)
      .where(and(eq(companies.zoneId, zoneId), eq(companies.active, true)))
      .orderBy(asc(companies.sortOrder), asc(companies.id)),
  ]);
  return { clusters: clusterRows.map((c) => c.name), companies: companyRows.map((c) => c.name) };
}

function policyValues(input: PolicyFormInput) {
  // The form builds valid conditions; checked again here because the column takes any JSON.
  const conditions: PolicyCondition[] = policyConditionsSchema.parse(formToConditions(input));
  return {
    title: input.title,
    issuer: input.issuer,
    documentNo: input.documentNo ?? null,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
    benefit: input.benefit,
    conditions,
  };
}

/** Adds a policy: a leader's is the committee's, a manager's is kept by their company. */
export async function createPolicy(viewer: Viewer, input: PolicyFormInput): Promise<Ok<{ id: number }> | Forbidden> {
  if (!canCreatePolicy(viewer)) return forbidden();
  const values = policyValues(input);
  const companyId = policyKeeperOf(viewer);
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(policies)
      .values({ ...values, zoneId: viewer.zoneId, companyId, createdById: viewer.id, updatedById: viewer.id })
      .returning({ id: policies.id });
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "policy",
      entityId: row.id,
      action: "create",
      after: { ...values, companyId },
    });
    return ok({ id: row.id });
  });
}

/** Edits a policy, if nobody saved it since `version`; a newer save is a conflict naming who made it. */
export async function updatePolicy(
  viewer: Viewer,
  id: number,
  version: number,
  input: PolicyFormInput,
): Promise<Ok<undefined> | NotFound | Forbidden | Conflict<PolicyConflict>> {
  const before = await getPolicyForViewer(viewer, id);
  if (!before) return notFound();
  if (!before.canEdit) return forbidden();
  const values = policyValues(input);
  return getDb().transaction(async (tx) => {
    const [updated] = await tx
      .update(policies)
      .set({ ...values, version: sql`${policies.version} + 1`, updatedById: viewer.id, updatedAt: clock.now() })
      .where(and(eq(policies.id, id), eq(policies.version, version)))
      .returning({ id: policies.id });
    if (!updated) {
      const [now] = await tx.select().from(policies).where(eq(policies.id, id));
      return conflict(await whoSaved(tx, now.updatedById, now.updatedAt, now.version));
    }
    const { canEdit: _, ...row } = before;
    await auditUpdate(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "policy",
      entityId: id,
      action: "update",
      before: row,
      after: values,
    });
    return ok();
  });
}

// a project's policies

/** What the evaluator reads of a project. */
async function loadPolicyFacts(projectId: number): Promise<PolicyFacts | undefined> {
  const [row] = await getDb()
    .select({
      cluster: clusters.name,
      company: companies.name,
      projectType: projects.investmentType,
      voltageKv: projects.voltageKv,
      investmentWan: projects.totalInvestmentWan,
      jobs: projects.jobs,
      landMu: projects.landMu,
      annualOutputWan: projects.annualOutputWan,
    })
    .from(projects)
    .innerJoin(clusters, eq(clusters.id, projects.clusterId))
    .innerJoin(companies, eq(companies.id, projects.companyId))
    .where(eq(projects.id, projectId));
  return row;
}

/**
 * The project page's section: the policies in force it qualifies for and those it nearly qualifies for (with
 * what is missing and which condition fails by how much), and the benefits recorded. Undefined when the viewer
 * may not see the project.
 */
export async function loadProjectPolicies(viewer: Viewer, projectId: number, known?: ProjectFacts) {
  const facts = known ?? (await loadProjectFacts(projectId));
  if (!facts || projectAccess(viewer, facts) === "none" || !canSeePolicies(viewer)) return undefined;
  const today = todayInZone();
  const [project, library, benefits] = await Promise.all([
    loadPolicyFacts(projectId),
    getDb()
      .select({
        id: policies.id,
        title: policies.title,
        benefit: policies.benefit,
        validFrom: policies.validFrom,
        validTo: policies.validTo,
        conditions: policies.conditions,
      })
      .from(policies)
      .where(eq(policies.zoneId, facts.zoneId))
      .orderBy(asc(policies.id)),
    listProjectBenefits(projectId),
  ]);
  if (!project) return undefined;
  const evaluated = library
    .filter((p) => policyInForce(p, today))
    .map((p) => ({ id: p.id, title: p.title, benefit: p.benefit, ...evaluatePolicy(p.conditions, project) }));
  return {
    today,
    canRecord: canRecordBenefit(viewer, facts),
    qualifying: evaluated.filter((e) => e.verdict === "qualifies"),
    nearly: evaluated.filter((e) => e.verdict === "nearly"),
    /** Every policy of the zone, for the benefit form's choice (a benefit may be recorded under any). */
    policies: library.map((p) => ({ id: p.id, title: p.title })),
    benefits,
  };
}

async function listProjectBenefits(projectId: number) {
  const rows = await getDb()
    .select({
      id: policyBenefits.id,
      policyId: policyBenefits.policyId,
      policyTitle: policies.title,
      promisedWan: policyBenefits.promisedWan,
      promisedOn: policyBenefits.promisedOn,
      deliveredWan: policyBenefits.deliveredWan,
      deliveredOn: policyBenefits.deliveredOn,
      note: policyBenefits.note,
      version: policyBenefits.version,
      evidence: sql<number>`(select count(*) from attachments a where a.benefit_id = ${policyBenefits.id})::int`,
    })
    .from(policyBenefits)
    .innerJoin(policies, eq(policies.id, policyBenefits.policyId))
    .where(eq(policyBenefits.projectId, projectId))
    .orderBy(asc(policyBenefits.promisedOn), asc(policyBenefits.id));
  return rows.map((r) => ({ ...r, outstandingWan: outstandingWan(r) }));
}

// benefits (政策兑现)

export type BenefitResult = Ok<{ id: number }> | NotFound | Forbidden | Invalid | Conflict<PolicyConflict>;

function benefitValues(input: BenefitFormInput) {
  return {
    policyId: input.policyId,
    promisedWan: input.promisedWan!,
    promisedOn: input.promisedOn,
    deliveredWan: input.deliveredWan ?? null,
    deliveredOn: input.deliveredOn ?? null,
    note: input.note ?? null,
  };
}

/** The policy must be one of the project's zone; the dates and amounts must agree (benefitProblems). */
async function benefitInvalid(zoneId: number, values: ReturnType<typeof benefitValues>): Promise<Invalid | undefined> {
  const problems: Record<string, string> = benefitProblems(values, todayInZone());
  const [policy] = await getDb()
    .select({ id: policies.id })
    .from(policies)
    .where(and(eq(policies.id, values.policyId), eq(policies.zoneId, zoneId)));
  if (!policy) problems.policyId = "policies.error.policy";
  return Object.keys(problems).length ? invalid(problems) : undefined;
}

/** Records a benefit promised to a project under a policy (and, if already, what was delivered). */
export async function addBenefit(viewer: Viewer, projectId: number, input: BenefitFormInput): Promise<BenefitResult> {
  const facts = await loadProjectFacts(projectId);
  if (!facts || projectAccess(viewer, facts) === "none") return notFound();
  if (!canRecordBenefit(viewer, facts)) return forbidden();
  const values = benefitValues(input);
  const refused = await benefitInvalid(facts.zoneId, values);
  if (refused) return refused;
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(policyBenefits)
      .values({ ...values, projectId, createdById: viewer.id, updatedById: viewer.id })
      .returning({ id: policyBenefits.id });
    await writeAudit(tx, {
      zoneId: facts.zoneId,
      actorId: viewer.id,
      entity: "policy_benefit",
      entityId: row.id,
      action: "create",
      after: { projectId, ...values },
    });
    return ok({ id: row.id });
  });
}

/** One benefit of a project with the project's facts, or undefined (not on this project, or not visible). */
export async function getBenefitForViewer(viewer: Viewer, projectId: number, benefitId: number) {
  const facts = await loadProjectFacts(projectId);
  if (!facts || projectAccess(viewer, facts) === "none" || !canSeePolicies(viewer)) return undefined;
  const [benefit] = await getDb()
    .select()
    .from(policyBenefits)
    .where(and(eq(policyBenefits.id, benefitId), eq(policyBenefits.projectId, projectId)));
  return benefit ? { benefit, facts, canRecord: canRecordBenefit(viewer, facts) } : undefined;
}

/** Updates a benefit (records its delivery), if nobody saved it since `version`. */
export async function updateBenefit(
  viewer: Viewer,
  projectId: number,
  benefitId: number,
  version: number,
  input: BenefitFormInput,
): Promise<BenefitResult> {
  const found = await getBenefitForViewer(viewer, projectId, benefitId);
  if (!found) return notFound();
  if (!found.canRecord) return forbidden();
  const values = benefitValues(input);
  const refused = await benefitInvalid(found.facts.zoneId, values);
  if (refused) return refused;
  return getDb().transaction(async (tx) => {
    const [updated] = await tx
      .update(policyBenefits)
      .set({ ...values, version: sql`${policyBenefits.version} + 1`, updatedById: viewer.id, updatedAt: clock.now() })
      .where(and(eq(policyBenefits.id, benefitId), eq(policyBenefits.version, version)))
      .returning({ id: policyBenefits.id });
    if (!updated) {
      const [now] = await tx.select().from(policyBenefits).where(eq(policyBenefits.id, benefitId));
      return conflict(await whoSaved(tx, now.updatedById, now.updatedAt, now.version));
    }
    await auditUpdate(tx, {
      zoneId: found.facts.zoneId,
      actorId: viewer.id,
      entity: "policy_benefit",
      entityId: benefitId,
      action: "update",
      before: found.benefit,
      after: values,
    });
    return ok({ id: benefitId });
  });
}

const owed = or(isNull(policyBenefits.deliveredOn), lt(policyBenefits.deliveredWan, policyBenefits.promisedWan));

/**
 * Benefits promised and not (fully) delivered, of the projects the viewer sees (a company's people: their
 * company's; a leader: the zone's), the oldest promise first, each with its age in days and what is still owed;
 * and the total owed, summed in SQL.
 */
export async function owedBenefits(viewer: Viewer) {
  if (!canSeePolicies(viewer)) return { rows: [], totalOwedWan: "0.00" };
  const today = todayInZone();
  const where = and(owed, projectScopeWhere(viewer));
  const [rows, [total]] = await Promise.all([
    getDb()
      .select({
        id: policyBenefits.id,
        projectId: projects.id,
        projectName: projects.name,
        companyName: companies.shortName,
        policyTitle: policies.title,
        promisedWan: policyBenefits.promisedWan,
        promisedOn: policyBenefits.promisedOn,
        deliveredWan: policyBenefits.deliveredWan,
        deliveredOn: policyBenefits.deliveredOn,
      })
      .from(policyBenefits)
      .innerJoin(projects, eq(projects.id, policyBenefits.projectId))
      .innerJoin(companies, eq(companies.id, projects.companyId))
      .innerJoin(policies, eq(policies.id, policyBenefits.policyId))
      .where(where)
      .orderBy(asc(policyBenefits.promisedOn), asc(policyBenefits.id))
      .limit(1000),
    getDb()
      .select({
        owed: sql<string>`coalesce(sum(${policyBenefits.promisedWan} - coalesce(${policyBenefits.deliveredWan}, 0)), 0)::numeric(18,2)::text`,
      })
      .from(policyBenefits)
      .innerJoin(projects, eq(projects.id, policyBenefits.projectId))
      .where(where),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, outstandingWan: outstandingWan(r), ageDays: daysBetween(r.promisedOn, today) })),
    totalOwedWan: total.owed,
  };
}
