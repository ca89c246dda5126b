// Enterprise requests (企业诉求, 一话通办): logged for a landed enterprise, routed to a handling company, assigned,
// worked with notes, closed with what was done (the enterprise rates it afterwards: service-ratings.server.ts),
// reopened with their history kept. Every write runs in one
// transaction with its history row and its audit row; every read carries the viewer's scope.
import type { SQL } from "drizzle-orm";
import { and, asc, desc, eq, inArray, isNotNull, lt, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import {
  companies,
  projects,
  serviceDeadlines,
  serviceRatingLinks,
  serviceRequestEvents,
  serviceRequestRatings,
  serviceRequests,
  users,
} from "~db/schema";
import { clock } from "~/lib/clock";
import { addDays, todayInZone } from "~/lib/dates";
import { translator } from "~/lib/i18n";
import type { ServiceRequestEventKind, ServiceRequestType } from "~/lib/domain-values";
import { DEFAULT_SERVICE_DEADLINES, SERVICE_REQUEST_TYPES } from "~/lib/domain-values";
import type { FieldErrors } from "~/lib/forms";
import type { Forbidden, Invalid, NotFound, Ok } from "~/lib/result";
import { forbidden, invalid, notFound, ok } from "~/lib/result";
import { writeAudit } from "~/modules/audit/audit.server";
import type { ServiceRequestFacts, Viewer, ViewerCompanyFacts } from "~/modules/auth/policy";
import {
  canAssignServiceRequest,
  canEditServiceDeadlines,
  canLogHotlineRequests,
  canLogServiceRequest,
  canOpenServiceRequestForm,
  canReopenServiceRequest,
  canViewProject,
  canWorkServiceRequest,
  companyRoles,
  isCompanyRole,
  seesWholeZone,
  serviceRequestAccess,
} from "~/modules/auth/policy";
import { loadProjectFacts, projectScopeWhere } from "~/modules/projects/projects.server";
import { notify } from "~/modules/notifications/notify.server";
import { appLink, deliverRobotMessages, queueRobotMessage } from "~/modules/notifications/robot.server";
import { createRatingLink } from "./rating-links.server";
import type { CloseServiceRequestInput, LogServiceRequestInput, ServiceListParams } from "./service-requests.schema";

const refuse = (errors: FieldErrors): Invalid => invalid(errors);
const stale = () => refuse({ _form: "service.error.stale" });

const LANDED = sql`${projects.stage} in ('registered', 'construction', 'production')`;

/** The viewer's company kind and whether it answers the hotline. */
export async function loadViewerCompany(viewer: Viewer): Promise<ViewerCompanyFacts> {
  if (viewer.companyId === null) return null;
  const [row] = await getDb()
    .select({ kind: companies.kind, hotline: companies.hotline })
    .from(companies)
    .where(and(eq(companies.id, viewer.companyId), eq(companies.zoneId, viewer.zoneId)));
  return row ?? null;
}

/** The SQL twin of policy.serviceRequestAccess(...) !== "none" (requests joined with their project). */
export function serviceRequestScopeWhere(viewer: Viewer): SQL {
  const zone = eq(serviceRequests.zoneId, viewer.zoneId);
  if (seesWholeZone(viewer)) return zone;
  if (!isCompanyRole(viewer) || viewer.companyId === null) return sql`false`;
  return and(
    zone,
    or(
      eq(serviceRequests.handlingCompanyId, viewer.companyId),
      eq(serviceRequests.loggedByCompanyId, viewer.companyId),
      and(eq(projects.companyId, viewer.companyId), projectScopeWhere(viewer)),
    ),
  )!;
}

export async function loadServiceRequestFacts(id: number): Promise<(ServiceRequestFacts & { id: number; version: number }) | undefined> {
  const [row] = await getDb()
    .select({
      id: serviceRequests.id,
      zoneId: serviceRequests.zoneId,
      projectId: serviceRequests.projectId,
      handlingCompanyId: serviceRequests.handlingCompanyId,
      handlerId: serviceRequests.handlerId,
      loggedByCompanyId: serviceRequests.loggedByCompanyId,
      status: serviceRequests.status,
      version: serviceRequests.version,
    })
    .from(serviceRequests)
    .where(eq(serviceRequests.id, id));
  if (!row) return undefined;
  const project = await loadProjectFacts(row.projectId);
  if (!project) return undefined;
  return { ...row, project };
}

// ---------------------------------------------------------------------------------------------------------------
// Logging

/** The landed enterprises a viewer may log a request for: the hotline company's people see the whole zone. */
export async function loggableProjects(viewer: Viewer, company: ViewerCompanyFacts) {
  if (!canOpenServiceRequestForm(viewer)) return [];
  const hotline = canLogHotlineRequests(viewer, company);
  return getDb()
    .select({
      id: projects.id,
      // The hotline picks confidential enterprises by their registered name only.
      name: sql<string>`case when ${projects.confidential} and ${projects.companyId} <> ${viewer.companyId ?? -1} then '' else ${projects.name} end`,
      enterprise: projects.projectCompanyName,
      companyId: projects.companyId,
    })
    .from(projects)
    .where(
      and(
        eq(projects.zoneId, viewer.zoneId),
        LANDED,
        hotline ? undefined : and(eq(projects.companyId, viewer.companyId ?? -1), projectScopeWhere(viewer)),
      ),
    )
    .orderBy(asc(projects.projectCompanyName), asc(projects.id))
    .limit(2000);
}

/** Who may handle a request for a project: the project's company, or a platform company of the zone. */
export async function handlingCompanyOptions(zoneId: number, projectCompanyId?: number) {
  return getDb()
    .select({ id: companies.id, name: companies.name, kind: companies.kind })
    .from(companies)
    .where(
      and(
        eq(companies.zoneId, zoneId),
        eq(companies.active, true),
        projectCompanyId === undefined ? eq(companies.kind, "platform") : or(eq(companies.kind, "platform"), eq(companies.id, projectCompanyId)),
      ),
    )
    .orderBy(asc(companies.sortOrder), asc(companies.id));
}

export async function listServiceDeadlines(zoneId: number) {
  const rows = await getDb()
    .select({ type: serviceDeadlines.type, days: serviceDeadlines.days, updatedAt: serviceDeadlines.updatedAt, by: users.displayName })
    .from(serviceDeadlines)
    .leftJoin(users, eq(users.id, serviceDeadlines.updatedById))
    .where(eq(serviceDeadlines.zoneId, zoneId));
  const byType = new Map(rows.map((r) => [r.type, r]));
  return SERVICE_REQUEST_TYPES.map((type) => ({
    type,
    days: byType.get(type)?.days ?? DEFAULT_SERVICE_DEADLINES[type],
    updatedAt: byType.get(type)?.updatedAt.toISOString() ?? null,
    by: byType.get(type)?.by ?? null,
  }));
}

export async function logServiceRequest(viewer: Viewer, input: LogServiceRequestInput) {
  const project = await loadProjectFacts(input.projectId);
  const company = await loadViewerCompany(viewer);
  const db = getDb();
  const [stage] = project ? await db.select({ stage: projects.stage }).from(projects).where(eq(projects.id, project.id)) : [];
  if (!project || !stage || !canLogServiceRequest(viewer, company, { ...project, stage: stage.stage })) {
    return refuse({ projectId: "service.error.project" });
  }
  if (input.receivedOn > todayInZone()) return refuse({ receivedOn: "stage.error.future" });
  const handlingCompanyId = input.handlingCompanyId === "project" ? project.companyId : input.handlingCompanyId;
  const options = await handlingCompanyOptions(viewer.zoneId, project.companyId);
  if (!options.some((o) => o.id === handlingCompanyId)) return refuse({ handlingCompanyId: "service.error.handlingCompany" });
  const [deadline] = await db
    .select({ days: serviceDeadlines.days })
    .from(serviceDeadlines)
    .where(and(eq(serviceDeadlines.zoneId, viewer.zoneId), eq(serviceDeadlines.type, input.type)));
  // A zone set up before leaders had a deadline table uses the defaults until they save theirs.
  const dueOn = addDays(input.receivedOn, deadline?.days ?? DEFAULT_SERVICE_DEADLINES[input.type]);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(serviceRequests)
      .values({
        zoneId: viewer.zoneId,
        projectId: project.id,
        channel: input.channel,
        type: input.type,
        raisedBy: input.raisedBy ?? null,
        description: input.description,
        urgent: input.urgent ? 1 : 0,
        handlingCompanyId,
        receivedOn: input.receivedOn,
        dueOn,
        createdById: viewer.id,
        loggedByCompanyId: viewer.companyId,
      })
      .returning({ id: serviceRequests.id });
    await addEvent(tx, created.id, viewer, "logged", null, {});
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "service_request",
      entityId: created.id,
      action: "create",
      after: { ...input, handlingCompanyId, dueOn },
    });
    return ok({ id: created.id });
  });
}

async function addEvent(
  tx: Executor,
  requestId: number,
  viewer: Viewer,
  kind: ServiceRequestEventKind,
  text: string | null,
  details: Record<string, string | number | null>,
) {
  await tx.insert(serviceRequestEvents).values({ requestId, kind, actorId: viewer.id, text, details, at: clock.now() });
}

// ---------------------------------------------------------------------------------------------------------------
// Working a request. Each write checks the version the form was shown with, so two people never overwrite each
// other silently: the second is told it changed.

type Change = {
  allowed: (viewer: Viewer, facts: ServiceRequestFacts) => boolean;
  version: number;
};

async function changeRequest<T>(
  viewer: Viewer,
  id: number,
  change: Change,
  write: (tx: Executor, before: typeof serviceRequests.$inferSelect) => Promise<T | Invalid>,
): Promise<Ok<undefined> | Invalid | NotFound | Forbidden> {
  const facts = await loadServiceRequestFacts(id);
  if (!facts || serviceRequestAccess(viewer, facts) === "none") return notFound();
  if (!change.allowed(viewer, facts)) return facts.version !== change.version ? stale() : forbidden();
  return getDb().transaction(async (tx): Promise<Ok<undefined> | Invalid> => {
    const [before] = await tx.select().from(serviceRequests).where(eq(serviceRequests.id, id)).for("update");
    if (before.version !== change.version) return stale();
    const result = await write(tx, before);
    if (result && typeof result === "object" && "kind" in result && result.kind === "invalid") return result;
    return ok();
  });
}

export async function assignServiceRequest(viewer: Viewer, id: number, input: { handlerId: number; version: number }) {
  let queued: number[] = [];
  const result = await changeRequest(viewer, id, { allowed: canAssignServiceRequest, version: input.version }, async (tx, before) => {
    const [handler] = await tx
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(
        and(
          eq(users.id, input.handlerId),
          eq(users.companyId, before.handlingCompanyId),
          eq(users.disabled, false),
          inArray(users.role, companyRoles()),
        ),
      );
    if (!handler) return refuse({ handlerId: "service.error.handler" });
    await tx
      .update(serviceRequests)
      .set({ handlerId: handler.id, status: before.status === "reopened" ? "reopened" : "assigned", version: before.version + 1 })
      .where(eq(serviceRequests.id, id));
    await addEvent(tx, id, viewer, "assigned", null, { handlerId: handler.id, handler: handler.name });
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "service_request",
      entityId: id,
      action: "assign",
      before: { handlerId: before.handlerId, status: before.status },
      after: { handlerId: handler.id },
    });
    // The handler hears of it (not a manager who takes it on), and so does the company's group robot if it has one;
    // the group chat gets no enterprise name, which may belong to a confidential project.
    if (handler.id !== viewer.id) {
      const [project] = await tx
        .select({ name: listColumns(before.receivedOn).projectName })
        .from(projects)
        .where(eq(projects.id, before.projectId));
      await notify(tx, {
        zoneId: viewer.zoneId,
        userIds: [handler.id],
        kind: "service_request_assigned",
        params: { enterprise: project?.name ?? "", due: before.dueOn },
        link: `/service-requests/${id}`,
      });
    }
    const zh = translator("zh");
    const link = appLink(`/service-requests/${id}`);
    const text = zh("robot.serviceAssigned", { handler: handler.name, type: zh(`service.type.${before.type}`), due: before.dueOn });
    queued = await queueRobotMessage(tx, {
      zoneId: viewer.zoneId,
      companyId: before.handlingCompanyId,
      dedupeKey: `service-assigned:${id}:${before.version + 1}`,
      body: { title: zh("robot.serviceAssignedTitle"), text: link ? `${text}\n\n[${zh("robot.openRequest")}](${link})` : text },
    });
  });
  // Sent after the commit; a robot that fails is tried again by the reminder sweep.
  if (result.kind === "ok" && queued.length) {
    void deliverRobotMessages(viewer.zoneId, { ids: queued }).catch((error: unknown) => console.error("robot delivery failed", error));
  }
  return result;
}

export async function addServiceRequestNote(viewer: Viewer, id: number, input: { text: string; version: number }) {
  return changeRequest(viewer, id, { allowed: canWorkServiceRequest, version: input.version }, async (tx, before) => {
    await tx
      .update(serviceRequests)
      .set({ version: before.version + 1 })
      .where(eq(serviceRequests.id, id));
    await addEvent(tx, id, viewer, "note", input.text, {});
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "service_request",
      entityId: id,
      action: "note",
      after: { text: input.text },
    });
  });
}

export async function closeServiceRequest(viewer: Viewer, id: number, input: CloseServiceRequestInput) {
  return changeRequest(viewer, id, { allowed: canWorkServiceRequest, version: input.version }, async (tx, before) => {
    if (input.solvedOn > todayInZone()) return refuse({ solvedOn: "stage.error.future" });
    if (input.solvedOn < before.receivedOn) return refuse({ solvedOn: "service.error.beforeReceived" });
    const after = { status: "solved" as const, solvedOn: input.solvedOn, resolution: input.resolution };
    await tx
      .update(serviceRequests)
      .set({ ...after, version: before.version + 1 })
      .where(eq(serviceRequests.id, id));
    await addEvent(tx, id, viewer, "solved", input.resolution, { solvedOn: input.solvedOn });
    // The enterprise's one-time link to rate it (the request's page shows it as a QR code and a URL).
    await createRatingLink(tx, id);
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "service_request",
      entityId: id,
      action: "close",
      before: { status: before.status },
      after,
    });
  });
}

/**
 * Reopening clears the current outcome and its rating (the enterprise rates the next outcome); the earlier
 * resolution stays in the history and the rating in the audit log.
 */
export async function reopenServiceRequest(viewer: Viewer, id: number, input: { reason: string; version: number }) {
  return changeRequest(viewer, id, { allowed: canReopenServiceRequest, version: input.version }, async (tx, before) => {
    const [rating] = await tx
      .delete(serviceRequestRatings)
      .where(eq(serviceRequestRatings.requestId, id))
      .returning({ source: serviceRequestRatings.source, score: serviceRequestRatings.score, comment: serviceRequestRatings.comment });
    await tx.delete(serviceRatingLinks).where(eq(serviceRatingLinks.requestId, id));
    await tx
      .update(serviceRequests)
      .set({ status: "reopened", solvedOn: null, resolution: null, version: before.version + 1 })
      .where(eq(serviceRequests.id, id));
    await addEvent(tx, id, viewer, "reopened", input.reason, {});
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "service_request",
      entityId: id,
      action: "reopen",
      before: { status: before.status, solvedOn: before.solvedOn, resolution: before.resolution, rating: rating ?? null },
      after: { status: "reopened", reason: input.reason },
    });
  });
}

export async function updateServiceDeadlines(viewer: Viewer, input: Record<ServiceRequestType, number>) {
  if (!canEditServiceDeadlines(viewer)) return forbidden();
  const db = getDb();
  return db.transaction(async (tx) => {
    const before = await tx
      .select({ type: serviceDeadlines.type, days: serviceDeadlines.days })
      .from(serviceDeadlines)
      .where(eq(serviceDeadlines.zoneId, viewer.zoneId));
    const old = new Map(before.map((r) => [r.type, r.days]));
    for (const type of SERVICE_REQUEST_TYPES) {
      if (old.get(type) === input[type]) continue;
      const [row] = await tx
        .insert(serviceDeadlines)
        .values({ zoneId: viewer.zoneId, type, days: input[type], updatedById: viewer.id, updatedAt: clock.now() })
        .onConflictDoUpdate({
          target: [serviceDeadlines.zoneId, serviceDeadlines.type],
          set: { days: input[type], updatedById: viewer.id, updatedAt: clock.now() },
        })
        .returning({ id: serviceDeadlines.id });
      await writeAudit(tx, {
        zoneId: viewer.zoneId,
        actorId: viewer.id,
        entity: "service_deadline",
        entityId: row.id,
        action: "update",
        before: { type, days: old.get(type) ?? null },
        after: { type, days: input[type] },
      });
    }
    return ok();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

const handlers = alias(users, "handler");
const handling = alias(companies, "handling_company");

const listColumns = (today: string) => ({
  id: serviceRequests.id,
  projectId: serviceRequests.projectId,
  // A confidential project's name and code stay out of request lists (the hotline reads requests of any
  // enterprise): the registered enterprise name stands for it.
  projectName: sql<string>`case when ${projects.confidential} then coalesce(${projects.projectCompanyName}, '') else ${projects.name} end`,
  projectCode: sql<string>`case when ${projects.confidential} then '' else ${projects.code} end`,
  enterprise: projects.projectCompanyName,
  type: serviceRequests.type,
  channel: serviceRequests.channel,
  urgent: serviceRequests.urgent,
  description: serviceRequests.description,
  status: serviceRequests.status,
  handlingCompany: handling.shortName,
  handler: handlers.displayName,
  receivedOn: serviceRequests.receivedOn,
  dueOn: serviceRequests.dueOn,
  solvedOn: serviceRequests.solvedOn,
  /** The enterprise's rating (hotline 回访 or its link), null while it has none. */
  satisfaction: sql<
    number | null
  >`(select ${serviceRequestRatings.score} from ${serviceRequestRatings} where ${serviceRequestRatings.requestId} = ${serviceRequests.id})`,
  overdue: sql<boolean>`(${serviceRequests.status} <> 'solved' and ${serviceRequests.dueOn} < ${today}::date)`,
});

/** Unsolved past the due date. */
export function overdueWhere(today: string) {
  return and(ne(serviceRequests.status, "solved"), lt(serviceRequests.dueOn, today));
}

export async function listServiceRequests(viewer: Viewer, params: ServiceListParams, today = todayInZone()) {
  const viewFilter =
    params.view === "open"
      ? ne(serviceRequests.status, "solved")
      : params.view === "overdue"
        ? overdueWhere(today)
        : params.view === "solved"
          ? eq(serviceRequests.status, "solved")
          : undefined;
  const rows = await getDb()
    .select(listColumns(today))
    .from(serviceRequests)
    .innerJoin(projects, eq(projects.id, serviceRequests.projectId))
    .innerJoin(handling, eq(handling.id, serviceRequests.handlingCompanyId))
    .leftJoin(handlers, eq(handlers.id, serviceRequests.handlerId))
    .where(
      and(
        serviceRequestScopeWhere(viewer),
        viewFilter,
        params.type ? eq(serviceRequests.type, params.type) : undefined,
        params.companyId ? eq(serviceRequests.handlingCompanyId, params.companyId) : undefined,
      ),
    )
    .orderBy(params.view === "solved" ? desc(serviceRequests.solvedOn) : asc(serviceRequests.dueOn), desc(serviceRequests.id))
    .limit(500);
  return rows;
}

/** The requests of one project the viewer sees (the project page's panel). */
export async function listProjectServiceRequests(viewer: Viewer, projectId: number, today = todayInZone()) {
  return getDb()
    .select(listColumns(today))
    .from(serviceRequests)
    .innerJoin(projects, eq(projects.id, serviceRequests.projectId))
    .innerJoin(handling, eq(handling.id, serviceRequests.handlingCompanyId))
    .leftJoin(handlers, eq(handlers.id, serviceRequests.handlerId))
    .where(and(eq(serviceRequests.projectId, projectId), serviceRequestScopeWhere(viewer)))
    .orderBy(desc(serviceRequests.receivedOn), desc(serviceRequests.id))
    .limit(100);
}

export async function getServiceRequestForViewer(viewer: Viewer, id: number, today = todayInZone()) {
  const facts = await loadServiceRequestFacts(id);
  if (!facts || serviceRequestAccess(viewer, facts) === "none") return undefined;
  const db = getDb();
  const creator = alias(users, "creator");
  const logged = alias(companies, "logged_company");
  const [request] = await db
    .select({
      ...listColumns(today),
      raisedBy: serviceRequests.raisedBy,
      resolution: serviceRequests.resolution,
      handlerId: serviceRequests.handlerId,
      handlingCompanyId: serviceRequests.handlingCompanyId,
      handlingCompanyName: handling.name,
      createdBy: creator.displayName,
      loggedByCompany: logged.name,
      createdAt: serviceRequests.createdAt,
      version: serviceRequests.version,
    })
    .from(serviceRequests)
    .innerJoin(projects, eq(projects.id, serviceRequests.projectId))
    .innerJoin(handling, eq(handling.id, serviceRequests.handlingCompanyId))
    .leftJoin(handlers, eq(handlers.id, serviceRequests.handlerId))
    .innerJoin(creator, eq(creator.id, serviceRequests.createdById))
    .leftJoin(logged, eq(logged.id, serviceRequests.loggedByCompanyId))
    .where(eq(serviceRequests.id, id));
  const actor = alias(users, "actor");
  const events = await db
    .select({
      id: serviceRequestEvents.id,
      kind: serviceRequestEvents.kind,
      text: serviceRequestEvents.text,
      details: serviceRequestEvents.details,
      at: serviceRequestEvents.at,
      by: actor.displayName,
    })
    .from(serviceRequestEvents)
    .innerJoin(actor, eq(actor.id, serviceRequestEvents.actorId))
    .where(eq(serviceRequestEvents.requestId, id))
    .orderBy(asc(serviceRequestEvents.at), asc(serviceRequestEvents.id));
  const people = canAssignServiceRequest(viewer, facts)
    ? await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(and(eq(users.companyId, facts.handlingCompanyId), eq(users.disabled, false), inArray(users.role, companyRoles())))
        .orderBy(asc(users.displayName))
    : [];
  return {
    request: { ...request, createdAt: request.createdAt.toISOString() },
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    people,
    projectVisible: canViewProject(viewer, facts.project),
    may: {
      assign: canAssignServiceRequest(viewer, facts),
      work: canWorkServiceRequest(viewer, facts),
      reopen: canReopenServiceRequest(viewer, facts),
    },
  };
}

/** Handled by a company of the viewer's zone that has requests: the list's company filter for leaders. */
export async function handlingCompaniesWithRequests(viewer: Viewer) {
  return getDb()
    .selectDistinct({ id: companies.id, name: companies.name, sortOrder: companies.sortOrder })
    .from(serviceRequests)
    .innerJoin(companies, eq(companies.id, serviceRequests.handlingCompanyId))
    .where(and(eq(serviceRequests.zoneId, viewer.zoneId), isNotNull(serviceRequests.handlingCompanyId)))
    .orderBy(asc(companies.sortOrder));
}
