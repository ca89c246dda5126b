// Creating and editing a project: the references a form names are resolved and checked, the same investment
// followed twice is refused, and an edit saves only over the version it started from (optimistic locking).
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { isUniqueViolation } from "~db/errors";
import { clusters, companies, investorContacts, investors, projectEvents, projectHoldings, projects, users } from "~db/schema";
import { projectSearchKey } from "~/lib/search-key";
import { todayInZone, yearOf } from "~/lib/dates";
import type { FieldErrors } from "~/lib/forms";
import type { Conflict, Invalid, NotFound, Ok } from "~/lib/result";
import { conflict, invalid, notFound, ok } from "~/lib/result";
import { auditUpdate, writeAudit } from "~/modules/audit/audit.server";
import type { Viewer } from "~/modules/auth/policy";
import { canCreateProjectIn, canEditProject, canManageCompany, canNameOwner, companyRoles } from "~/modules/auth/policy";
import { companyName } from "~/modules/companies/companies.server";
import { notify } from "~/modules/notifications/notify.server";
import type { InvestorFollower } from "./followers";
import { investorFollowerUserIds, otherCompaniesFollowing } from "./investor-followers.server";
import { nextProjectCode } from "./project-code.server";
import type { ProjectConflict } from "./project-conflict.server";
import { projectConflict } from "./project-conflict.server";
import type { CreateProjectInput, EditableField, UpdateProjectInput } from "./project-form.schema";
import { loadProjectFacts } from "./projects.server";
import { listLinkOptions, projectLinkIds, setProjectLinks } from "~/modules/chains/chains.server";

// ---------------------------------------------------------------------------------------------------------------
// Resolving the references a form names

async function resolveInvestor(db: Executor, viewer: Viewer, input: { investorId?: number; investorName: string }) {
  const where = input.investorId
    ? and(eq(investors.id, input.investorId), eq(investors.zoneId, viewer.zoneId))
    : and(eq(investors.name, input.investorName.trim()), eq(investors.zoneId, viewer.zoneId));
  const [row] = await db.select({ id: investors.id, name: investors.name }).from(investors).where(where).limit(1);
  return row;
}

export async function checkReferences(
  db: Executor,
  viewer: Viewer,
  companyId: number,
  input: { clusterId: number; investorContactId?: number; ownerId?: number },
  investorId: number,
): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const [cluster] = await db
    .select({ id: clusters.id })
    .from(clusters)
    .where(and(eq(clusters.id, input.clusterId), eq(clusters.zoneId, viewer.zoneId)));
  if (!cluster) errors.clusterId = "projects.clusterPick";
  if (input.investorContactId) {
    const [contact] = await db
      .select({ id: investorContacts.id })
      .from(investorContacts)
      .where(and(eq(investorContacts.id, input.investorContactId), eq(investorContacts.investorId, investorId)));
    if (!contact) errors.investorContactId = "projects.contactInvalid";
  }
  if (input.ownerId) {
    const [owner] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.ownerId), eq(users.companyId, companyId), eq(users.disabled, false), inArray(users.role, companyRoles())));
    if (!owner) errors.ownerId = "projects.ownerInvalid";
  }
  return errors;
}

/** The same investment already being followed: same investor and cluster, not lost, and a near-same name or scope. */
export async function findDuplicateInvestment(
  db: Executor,
  viewer: Viewer,
  input: { investorId: number; clusterId: number; name: string; content?: string },
  exceptProjectId?: number,
) {
  const owner = alias(users, "owner");
  const [row] = await db
    .select({ company: companies.name, owner: owner.displayName })
    .from(projects)
    .innerJoin(companies, eq(companies.id, projects.companyId))
    .leftJoin(owner, eq(owner.id, projects.ownerId))
    .where(
      and(
        eq(projects.zoneId, viewer.zoneId),
        eq(projects.investorId, input.investorId),
        eq(projects.clusterId, input.clusterId),
        ne(projects.status, "lost"),
        exceptProjectId ? ne(projects.id, exceptProjectId) : undefined,
        sql`(similarity(${projects.name}, ${input.name}) >= 0.6 or (${input.content ?? null}::text is not null and ${projects.content} = ${input.content ?? null}))`,
      ),
    )
    .limit(1);
  return row;
}

function fieldValues(input: Omit<CreateProjectInput, "confirmedFollowers"> | UpdateProjectInput, investorId: number) {
  return {
    name: input.name,
    investorId,
    investorContactId: input.investorContactId ?? null,
    clusterId: input.clusterId,
    sourceChannel: input.sourceChannel ?? null,
    content: input.content ?? null,
    investmentType: input.investmentType ?? null,
    plannedInvestmentWan: input.plannedInvestmentWan ?? null,
    contractedInvestmentWan: input.contractedInvestmentWan ?? null,
    foreignInvestmentUsdWan: input.foreignInvestmentUsdWan ?? null,
    fixedAssetInvestmentWan: input.fixedAssetInvestmentWan ?? null,
    landMu: input.landMu ?? null,
    annualOutputWan: input.annualOutputWan ?? null,
    annualTaxWan: input.annualTaxWan ?? null,
    jobs: input.jobs ?? null,
    voltageKv: input.voltageKv ?? null,
    plannedSignOn: input.plannedSignOn ?? null,
    plannedConstructionOn: input.plannedConstructionOn ?? null,
    plannedProductionOn: input.plannedProductionOn ?? null,
    confidential: input.confidential,
    note: input.note ?? null,
  } satisfies Record<EditableField, unknown>;
}

// ---------------------------------------------------------------------------------------------------------------
// Create and edit

/** Other companies follow the investor: the user confirms having seen who before the project is opened. */
export type FollowedInvestor = { followers: InvestorFollower[] };
export type CreateResult = Ok<{ id: number; code: string }> | Invalid | Conflict<FollowedInvestor>;

export type NewProject = Omit<CreateProjectInput, "confirmedFollowers"> & {
  investor: { id: number; name: string };
  companyId: number;
  ownerId: number;
  /** Other companies following the investor (already confirmed by the user): they are told. */
  followers: InvestorFollower[];
  today: string;
};

/**
 * Writes a checked project in the caller's transaction: the row at 线索, its history and holding rows, its chain
 * links, the notice to the investor's other followers and the audit row (`auditExtra` adds to what it records).
 * Shared by the project form and a target's first contact (issue 22), which checked the same things first.
 */
export async function insertProject(tx: Executor, viewer: Viewer, p: NewProject, auditExtra: Record<string, unknown> = {}) {
  const { investor, companyId, ownerId, followers, today } = p;
  const code = await nextProjectCode(tx, viewer.zoneId, yearOf(today));
  const values = { ...fieldValues(p, investor.id), contractedInvestmentWan: null };
  const [created] = await tx
    .insert(projects)
    .values({
      ...values,
      zoneId: viewer.zoneId,
      code,
      companyId,
      ownerId,
      createdById: viewer.id,
      searchKey: projectSearchKey({ name: values.name, code }),
      enterpriseKey: "",
    })
    .returning({ id: projects.id, code: projects.code });
  await tx.insert(projectEvents).values({
    projectId: created.id,
    kind: "created",
    toStage: "lead",
    toStatus: "active",
    businessOn: today,
    actorId: viewer.id,
  });
  await tx.insert(projectHoldings).values({ projectId: created.id, companyId, fromOn: today });
  await setProjectLinks(tx, { id: created.id, zoneId: viewer.zoneId, clusterId: p.clusterId }, p.chainLinkIds);
  // A different investment of an investor others follow: they are told (company and investor only).
  if (followers.length) {
    await notify(tx, {
      zoneId: viewer.zoneId,
      userIds: await investorFollowerUserIds(tx, viewer.zoneId, investor.id, companyId),
      kind: "investor_followed",
      params: { investor: investor.name, company: await companyName(tx, companyId) },
      link: `/investors/${investor.id}`,
    });
  }
  await writeAudit(tx, {
    zoneId: viewer.zoneId,
    actorId: viewer.id,
    entity: "project",
    entityId: created.id,
    action: "create",
    after: { code, ...values, companyId, ownerId, chainLinkIds: p.chainLinkIds, ...auditExtra },
  });
  return { id: created.id, code: created.code };
}

export async function createProject(viewer: Viewer, input: CreateProjectInput): Promise<CreateResult> {
  const companyId = viewer.companyId;
  if (companyId === null || !canCreateProjectIn(viewer, companyId)) return invalid({ _form: "error.forbidden" });
  const db = getDb();
  const investor = await resolveInvestor(db, viewer, input);
  if (!investor) return invalid({ investorName: "projects.investorUnknown" });
  // Only a manager names another owner; staff own what they create.
  const ownerId = canNameOwner(viewer) && input.ownerId ? input.ownerId : viewer.id;
  const errors = await checkReferences(db, viewer, companyId, { ...input, ownerId }, investor.id);
  if (Object.keys(errors).length) return invalid(errors);

  const duplicate = await findDuplicateInvestment(db, viewer, { ...input, investorId: investor.id });
  if (duplicate) {
    return invalid({ _form: "projects.duplicate" }, { _form: { company: duplicate.company, owner: duplicate.owner ?? "—" } });
  }
  if (await refusesChainLinks(db, viewer.zoneId, input)) return invalid({ chainLinkIds: "projects.error.chainLink" });
  const followers = await otherCompaniesFollowing(db, viewer, investor.id);
  if (followers.length && !input.confirmedFollowers) return conflict({ followers });

  const today = todayInZone();
  // Two people creating at once may pick the same code: the unique index refuses one, which then retries.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx): Promise<CreateResult> =>
        ok(await insertProject(tx, viewer, { ...input, investor, companyId, ownerId, followers, today })),
      );
    } catch (error) {
      if (attempt < 5 && isUniqueViolation(error, "projects_zone_code_uq")) continue;
      throw error;
    }
  }
}

/** Whether the form names a link outside the chain of the project's cluster (nothing is saved then). */
async function refusesChainLinks(db: Executor, zoneId: number, input: { clusterId: number; chainLinkIds: number[] }) {
  if (!input.chainLinkIds.length) return false;
  const allowed = await listLinkOptions(zoneId, db);
  return input.chainLinkIds.some((id) => !allowed.some((l) => l.id === id && l.clusterId === input.clusterId));
}

export type UpdateResult = Ok<undefined> | NotFound | Invalid | Conflict<ProjectConflict>;

/** Saves an edit made from `input.version`; a newer version in the database is a conflict, never overwritten. */
export async function updateProject(viewer: Viewer, projectId: number, input: UpdateProjectInput): Promise<UpdateResult> {
  const facts = await loadProjectFacts(projectId);
  if (!facts || !canEditProject(viewer, facts)) return notFound();
  const db = getDb();
  const investor = await resolveInvestor(db, viewer, input);
  if (!investor) return invalid({ investorName: "projects.investorUnknown" });
  const ownerId = canManageCompany(viewer, facts.companyId) ? input.ownerId : undefined;
  const errors = await checkReferences(db, viewer, facts.companyId, { ...input, ownerId }, investor.id);
  if (Object.keys(errors).length) return invalid(errors);
  const duplicate = await findDuplicateInvestment(db, viewer, { ...input, investorId: investor.id }, projectId);
  if (duplicate) {
    return invalid({ _form: "projects.duplicate" }, { _form: { company: duplicate.company, owner: duplicate.owner ?? "—" } });
  }
  if (await refusesChainLinks(db, viewer.zoneId, input)) return invalid({ chainLinkIds: "projects.error.chainLink" });

  return db.transaction(async (tx): Promise<UpdateResult> => {
    const [before] = await tx.select().from(projects).where(eq(projects.id, projectId));
    const values = fieldValues(input, investor.id);
    // The contracted figure belongs to signing: before it, the field is not offered and stays as it is.
    if (before.stage === "lead" || !before.signedOn) values.contractedInvestmentWan = before.contractedInvestmentWan;
    const ownerChange = ownerId && ownerId !== before.ownerId ? { ownerId } : {};
    const [updated] = await tx
      .update(projects)
      .set({
        ...values,
        ...ownerChange,
        searchKey: projectSearchKey({ name: values.name, code: before.code }),
        version: sql`${projects.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(projects.id, projectId), eq(projects.version, input.version)))
      .returning({ id: projects.id });
    if (!updated) return projectConflict(tx, projectId, values);
    if (ownerId && ownerId !== before.ownerId) {
      await tx.insert(projectEvents).values({
        projectId,
        kind: "owner",
        fromOwnerId: before.ownerId,
        toOwnerId: ownerId,
        businessOn: todayInZone(),
        actorId: viewer.id,
      });
    }
    const linksBefore = (await projectLinkIds(projectId, tx)).sort((a, b) => a - b);
    await setProjectLinks(tx, { id: projectId, zoneId: viewer.zoneId, clusterId: input.clusterId }, input.chainLinkIds);
    const linksAfter = [...new Set(input.chainLinkIds)].sort((a, b) => a - b);
    await auditUpdate(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "project",
      entityId: projectId,
      action: "update",
      before: { ...before, chainLinkIds: linksBefore },
      after: { ...values, ...ownerChange, chainLinkIds: linksAfter },
    });
    return ok();
  });
}
