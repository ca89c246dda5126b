// The one place that answers "may this user do X to this record". Pure: loaders and actions load the facts,
// ask here, and list queries mirror the same rules in SQL (see projectScopeWhere in projects.server.ts).
import type { UserRole } from "~/lib/domain-values";

export type Viewer = {
  id: number;
  zoneId: number;
  companyId: number | null;
  role: UserRole;
};

export type ProjectFacts = {
  zoneId: number;
  companyId: number;
  ownerId: number | null;
  confidential: boolean;
  /** Companies that held the project before (after a transfer they keep read access). */
  formerCompanyIds: number[];
  /** Users who owned it before: history only, it grants nothing (the former company's holding does). */
  formerOwnerIds: number[];
  /** Open assist requests (协办) of the project: the helper company reads it; once accepted its people log activities. */
  openAssists?: { companyId: number; assigneeId: number | null; accepted: boolean }[];
};

/** The helper company of an open assist request (pending or accepted) reads a project that is not confidential. */
function helpsWith(viewer: Viewer, p: ProjectFacts) {
  return viewer.companyId !== null && !p.confidential && (p.openAssists ?? []).some((a) => a.companyId === viewer.companyId);
}

export type ProjectAccess = "none" | "read" | "write";

/**
 * What a viewer may do with a project: nothing (404), read it, or change it. The company decides first: a row
 * still naming a user as owner grants nothing once they belong to another company (issue 16: moved staff kept
 * the old company's projects, confidential ones included). A former owner reads a handed-over project through
 * their company's holding, not personally.
 */
export function projectAccess(viewer: Viewer, p: ProjectFacts): ProjectAccess {
  if (viewer.zoneId !== p.zoneId) return "none";
  const ownCompany = viewer.companyId !== null && viewer.companyId === p.companyId;
  const isOwner = ownCompany && p.ownerId === viewer.id;

  switch (viewer.role) {
    case "leader":
      return "read";
    case "admin":
      return p.confidential ? "none" : "read";
    case "province_admin":
    case "province_leader":
    case "city_leader":
      return "none";
    case "manager":
      if (ownCompany) return "write";
      if (p.confidential) return "none";
      if (helpsWith(viewer, p)) return "read";
      return viewer.companyId !== null && p.formerCompanyIds.includes(viewer.companyId) ? "read" : "none";
    case "staff":
      if (isOwner) return "write";
      if (p.confidential) return "none";
      if (ownCompany) return "read";
      if (helpsWith(viewer, p)) return "read";
      return viewer.companyId !== null && p.formerCompanyIds.includes(viewer.companyId) ? "read" : "none";
  }
}

export function canViewProject(viewer: Viewer, p: ProjectFacts) {
  return projectAccess(viewer, p) !== "none";
}

/** Edit the project's fields and move its stage. */
export function canEditProject(viewer: Viewer, p: ProjectFacts) {
  return projectAccess(viewer, p) === "write";
}

/** A next action is completed (or closed) from the desk by whoever may edit its project, not by a helper. */
export function canCompleteNextAction(viewer: Viewer, p: ProjectFacts) {
  return canEditProject(viewer, p);
}

/** Staff log activities on any project of their company (not only their own). */
export function canLogActivity(viewer: Viewer, p: ProjectFacts) {
  if (viewer.zoneId !== p.zoneId) return false;
  if (viewer.role !== "staff" && viewer.role !== "manager") return false;
  if (p.confidential && projectAccess(viewer, p) !== "write") return false;
  if (viewer.companyId === null) return false;
  if (viewer.companyId === p.companyId) return true;
  // An accepted assist: its named helper and the helper company's manager log what they did.
  return (p.openAssists ?? []).some(
    (a) => a.accepted && a.companyId === viewer.companyId && (a.assigneeId === viewer.id || viewer.role === "manager"),
  );
}

/** Milestone evidence is added by whoever may edit the project. */
export function canAddEvidence(viewer: Viewer, p: ProjectFacts) {
  return canEditProject(viewer, p);
}

/** Evidence is removed by its uploader or the company's manager, and only while they may edit the project. */
export function canRemoveEvidence(viewer: Viewer, p: ProjectFacts, uploadedById: number) {
  return canEditProject(viewer, p) && (uploadedById === viewer.id || canManageCompany(viewer, p.companyId));
}

// handoffs (移交 / 协办)

export type HandoffFacts = {
  zoneId: number;
  kind: "transfer" | "assist" | "cofollow";
  status: "pending" | "accepted" | "rejected" | "cancelled" | "closed";
  fromCompanyId: number;
  toCompanyId: number;
  requestedById: number;
  assigneeId: number | null;
};

/** The owner or their company's manager asks another company for a transfer or an assist. */
export function canRequestHandoff(viewer: Viewer, p: ProjectFacts) {
  return canEditProject(viewer, p) && (viewer.role === "staff" || viewer.role === "manager");
}

// Whose step each one is, whatever the handoff's state: a step taken out of turn (already answered, cancelled,
// closed) by the person whose step it is gets a 409 conflict naming who moved first; anybody else a 403.

/** The receiving company's manager answers (accepts or rejects). */
export function answersHandoff(viewer: Viewer, h: HandoffFacts) {
  return viewer.zoneId === h.zoneId && canManageCompany(viewer, h.toCompanyId);
}

/** The requester (while still at the requesting company) or that company's manager withdraws. */
export function cancelsHandoff(viewer: Viewer, h: HandoffFacts) {
  if (viewer.zoneId !== h.zoneId) return false;
  return (h.requestedById === viewer.id && viewer.companyId === h.fromCompanyId) || canManageCompany(viewer, h.fromCompanyId);
}

/**
 * The company that helps on an assist: the one asked (协办), or, on a co-follow (协同跟进), the one that asked to
 * take part in another company's project (which that company's manager answers). None on a transfer.
 */
export function helperCompanyOf(h: Pick<HandoffFacts, "kind" | "fromCompanyId" | "toCompanyId">): number | null {
  if (h.kind === "assist") return h.toCompanyId;
  if (h.kind === "cofollow") return h.fromCompanyId;
  return null;
}

/** An assist's (or co-follow's) named helper (while still at the helper company) or that company's manager closes it. */
export function closesAssist(viewer: Viewer, h: HandoffFacts) {
  const helper = helperCompanyOf(h);
  if (viewer.zoneId !== h.zoneId || helper === null) return false;
  return (h.assigneeId === viewer.id && viewer.companyId === helper) || canManageCompany(viewer, helper);
}

/** Who may open the co-follow form at all: the people of a company (whose company then takes part). */
export function canAskCofollow(viewer: Viewer) {
  return viewer.companyId !== null && (viewer.role === "staff" || viewer.role === "manager");
}

/**
 * Staff and managers ask the company that follows an investor to let them co-follow its project, from the
 * duplicate check; never their own company's project, never a confidential one (they could not work it).
 */
export function canRequestCofollow(viewer: Viewer, p: Pick<ProjectFacts, "zoneId" | "companyId" | "confidential">) {
  if (viewer.zoneId !== p.zoneId || viewer.companyId === p.companyId) return false;
  return canAskCofollow(viewer) && !p.confidential;
}

/** Only the receiving company's manager accepts or rejects, and only while it waits. */
export function canAnswerHandoff(viewer: Viewer, h: HandoffFacts) {
  return h.status === "pending" && answersHandoff(viewer, h);
}

/** The requester or the requesting company's manager withdraws a request that still waits. */
export function canCancelHandoff(viewer: Viewer, h: HandoffFacts) {
  return h.status === "pending" && cancelsHandoff(viewer, h);
}

/** An accepted assist is closed with an outcome by its named helper or the helper company's manager. */
export function canCloseAssist(viewer: Viewer, h: HandoffFacts) {
  return h.status === "accepted" && closesAssist(viewer, h);
}

/** A handoff is seen by both companies' people and by leaders of the zone. */
export function canViewHandoff(viewer: Viewer, h: HandoffFacts) {
  if (viewer.zoneId !== h.zoneId) return false;
  if (viewer.role === "leader") return true;
  return viewer.companyId !== null && (viewer.companyId === h.fromCompanyId || viewer.companyId === h.toCompanyId);
}

export function canCreateProjectIn(viewer: Viewer, companyId: number) {
  return (viewer.role === "staff" || viewer.role === "manager") && viewer.companyId === companyId;
}

/** Managers (re)assign owners, set on hold / lost, move a stage back, answer handoffs, import. */
export function canManageCompany(viewer: Viewer, companyId: number) {
  return viewer.role === "manager" && viewer.companyId === companyId;
}

/** A company's group-robot webhook (reminders pushed to its chat) is set by its manager or by an admin of the zone. */
export function canConfigureRobot(viewer: Viewer, companyId: number) {
  return canManageCompany(viewer, companyId) || viewer.role === "admin";
}

// investors: zone-wide reference data that every company's people share.

export type InvestorFacts = {
  zoneId: number;
  createdById: number | null;
  /** Companies that hold a project of this investor (any status). */
  companyIds: number[];
};

/** Everyone of the zone reads an investor; nothing of another zone is visible. */
export function canViewInvestor(viewer: Viewer, i: Pick<InvestorFacts, "zoneId">) {
  return viewer.zoneId === i.zoneId && worksInZone(viewer);
}

/** Staff and managers register investors (for any cluster: the investor is shared, not their company's). */
export function canCreateInvestor(viewer: Viewer) {
  return (viewer.role === "staff" || viewer.role === "manager") && viewer.companyId !== null;
}

/** Edited by the staff and managers of a company that has a project of the investor, and by whoever registered it. */
export function canEditInvestor(viewer: Viewer, i: InvestorFacts) {
  if (!canViewInvestor(viewer, i) || !canCreateInvestor(viewer)) return false;
  return i.createdById === viewer.id || (viewer.companyId !== null && i.companyIds.includes(viewer.companyId));
}

export function canCommentOnProject(viewer: Viewer, p: ProjectFacts) {
  return viewer.role === "leader" && viewer.zoneId === p.zoneId;
}

export function canSeeZoneOverview(viewer: Viewer) {
  return viewer.role === "leader";
}

export function canManageUsers(viewer: Viewer) {
  return viewer.role === "admin";
}

export function canSetTargets(viewer: Viewer) {
  return viewer.role === "leader";
}

/** Which companies' projects a viewer may filter a list by. */
export function canFilterByCompany(viewer: Viewer) {
  return viewer.role === "leader" || viewer.role === "admin";
}

/** Where each role lands after signing in. */
export function homePath(viewer: Pick<Viewer, "role">): string {
  switch (viewer.role) {
    case "staff":
      return "/my";
    case "manager":
      return "/projects";
    case "leader":
      return "/overview";
    case "admin":
      return "/admin/users";
    case "province_admin":
      return "/province/zones";
    case "province_leader":
    case "city_leader":
      return "/province";
  }
}

// service requests (企业诉求, 一话通办): worked only by the handling company; the project's company and the company
// that logged it read it; leaders read the whole zone.

/** The viewer's own company, as far as service requests care: the hotline company logs for any landed enterprise. */
export type ViewerCompanyFacts = { kind: "committee" | "attraction" | "service" | "platform"; hotline: boolean } | null;

export type ServiceRequestFacts = {
  zoneId: number;
  handlingCompanyId: number;
  handlerId: number | null;
  loggedByCompanyId: number | null;
  status: "open" | "assigned" | "solved" | "reopened";
  /** The enterprise's project. */
  project: ProjectFacts;
};

export type ServiceRequestAccess = "none" | "read" | "work";

const LANDED_STAGES = ["registered", "construction", "production"];

/** A project is a landed enterprise from registration on. */
export function isLandedStage(stage: string) {
  return LANDED_STAGES.includes(stage);
}

export function serviceRequestAccess(viewer: Viewer, r: ServiceRequestFacts): ServiceRequestAccess {
  if (viewer.zoneId !== r.zoneId) return "none";
  if (viewer.role === "leader") return "read";
  if (viewer.role === "admin" || viewer.companyId === null) return "none";
  if (viewer.companyId === r.handlingCompanyId) return "work";
  if (viewer.companyId === r.loggedByCompanyId) return "read";
  if (viewer.companyId === r.project.companyId && canViewProject(viewer, r.project)) return "read";
  return "none";
}

export function canViewServiceRequest(viewer: Viewer, r: ServiceRequestFacts) {
  return serviceRequestAccess(viewer, r) !== "none";
}

/**
 * Logs a request for a landed enterprise: the staff and managers of the project's company (who may see it), and
 * those of the hotline company for any landed enterprise of the zone.
 */
export function canLogServiceRequest(viewer: Viewer, company: ViewerCompanyFacts, p: ProjectFacts & { stage: string }) {
  if (viewer.zoneId !== p.zoneId || !isLandedStage(p.stage)) return false;
  if (viewer.role !== "staff" && viewer.role !== "manager") return false;
  if (company?.hotline) return true;
  return viewer.companyId === p.companyId && canViewProject(viewer, p);
}

/** The hotline company's people log requests for the whole zone. */
export function canLogHotlineRequests(viewer: Viewer, company: ViewerCompanyFacts) {
  return (viewer.role === "staff" || viewer.role === "manager") && company?.hotline === true;
}

/** The handling company's manager assigns (or reassigns) the handler of an unsolved request. */
export function canAssignServiceRequest(viewer: Viewer, r: ServiceRequestFacts) {
  return r.status !== "solved" && serviceRequestAccess(viewer, r) === "work" && viewer.role === "manager";
}

/** The handler, or the handling company's manager, logs notes on and closes an unsolved request. */
export function canWorkServiceRequest(viewer: Viewer, r: ServiceRequestFacts) {
  if (r.status === "solved" || serviceRequestAccess(viewer, r) !== "work") return false;
  return viewer.role === "manager" || r.handlerId === viewer.id;
}

/** A solved request is reopened by its handling company's manager, or by the company that logged it or owns the project. */
export function canReopenServiceRequest(viewer: Viewer, r: ServiceRequestFacts) {
  if (r.status !== "solved" || viewer.role === "leader" || viewer.role === "admin") return false;
  const access = serviceRequestAccess(viewer, r);
  if (access === "work") return viewer.role === "manager";
  return access === "read";
}

// The enterprise's rating (decision 018): asked afterwards by the hotline company (回访) or given by the enterprise
// through its one-time link, never entered by the handling company, whose work is being rated.

/** The 回访 list: the staff and managers of the hotline company (companies.hotline). */
export function canListFollowUps(viewer: Pick<Viewer, "role" | "companyId">, company: ViewerCompanyFacts) {
  return isCompanyRole(viewer) && viewer.companyId !== null && company?.hotline === true;
}

/**
 * Logs a 回访 call's rating of a solved request: the hotline company's staff and managers, for any request of the
 * zone, except the request's handler and the rest of its handling company (even when that is the hotline itself).
 */
export function canLogFollowUp(
  viewer: Viewer,
  company: ViewerCompanyFacts,
  r: Pick<ServiceRequestFacts, "zoneId" | "status" | "handlerId" | "handlingCompanyId">,
) {
  if (!canListFollowUps(viewer, company) || viewer.zoneId !== r.zoneId || r.status !== "solved") return false;
  return viewer.id !== r.handlerId && viewer.companyId !== r.handlingCompanyId;
}

/** The enterprise's one-time link (QR code and URL) is shown to whoever reads the solved request. */
export function canShowRatingLink(viewer: Viewer, r: ServiceRequestFacts) {
  return r.status === "solved" && serviceRequestAccess(viewer, r) !== "none";
}

/** Who has a request list: the companies' people and leaders. */
export function canListServiceRequests(viewer: Viewer) {
  return viewer.role === "staff" || viewer.role === "manager" || viewer.role === "leader";
}

/** Leaders set the days each type of request may take. */
export function canEditServiceDeadlines(viewer: Viewer) {
  return viewer.role === "leader";
}

// pipeline (issue 5): the board, funnel and chasing lists of a company; the team page; saved views.

/** The company pipeline pages: staff and managers see their own company, leaders any company of the zone. */
export function canSeePipeline(viewer: Viewer) {
  return viewer.role === "leader" || ((viewer.role === "staff" || viewer.role === "manager") && viewer.companyId !== null);
}

/** The team page: a company's manager; leaders read any company's. */
export function canSeeTeam(viewer: Viewer) {
  return viewer.role === "leader" || (viewer.role === "manager" && viewer.companyId !== null);
}

/** Saved views: everyone who has the lists; a company view is saved (and deleted) by the company's manager. */
export function canSaveCompanyView(viewer: Viewer) {
  return viewer.role === "manager" && viewer.companyId !== null;
}

export type SavedViewFacts = { zoneId: number; companyId: number | null; ownerId: number };

/** A personal view is its owner's; a company view is seen by the company's people. */
export function canSeeSavedView(viewer: Viewer, v: SavedViewFacts) {
  if (viewer.zoneId !== v.zoneId) return false;
  return v.ownerId === viewer.id || (v.companyId !== null && v.companyId === viewer.companyId);
}

export function canDeleteSavedView(viewer: Viewer, v: SavedViewFacts) {
  if (!canSeeSavedView(viewer, v)) return false;
  return v.companyId === null ? v.ownerId === viewer.id : v.ownerId === viewer.id || canManageCompany(viewer, v.companyId);
}

// leadership reports (issue 6): the committee's leaders read and publish; admins read the same zone-wide figures
// (they see every project of the zone read-only) but publish, weigh and set targets never; companies' people
// get a 403 — the reports are leadership's, and a company's page already shows its own pipeline.

/** 三个一批, scorecard, targets and trends pages, their drill-downs, exports and the reporting API. */
export function canSeeReports(viewer: Pick<Viewer, "role">) {
  return viewer.role === "leader" || viewer.role === "admin";
}

/** Freezing a month, quarter or year as published. */
export function canPublishPeriods(viewer: Pick<Viewer, "role">) {
  return viewer.role === "leader";
}

/** The scorecard's weights. */
export function canSetScorecardWeights(viewer: Pick<Viewer, "role">) {
  return viewer.role === "leader";
}

/** API tokens for users of the admin's zone. */
export function canManageApiTokens(viewer: Pick<Viewer, "role">) {
  return viewer.role === "admin";
}

/** Bulk imports of projects: a company's manager into the company, an admin into any company of the zone. */
export function canImport(viewer: Pick<Viewer, "role" | "companyId">) {
  return (viewer.role === "manager" && viewer.companyId !== null) || viewer.role === "admin";
}

// API token scopes (issue 16): a token calls a route only with the route's scope, and a scope is grantable only
// to a user who may do the same on the pages — the API never reaches further than its user.
export const API_SCOPES = ["reports:read", "imports:write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** The scopes a token of this user may carry. */
export function grantableApiScopes(viewer: Pick<Viewer, "role" | "companyId">): ApiScope[] {
  // Province and city leaders read the province's figures by zone (issue 20): the same scope, another view.
  const may: Record<ApiScope, boolean> = {
    "reports:read": canSeeReports(viewer) || readsProvinceFigures(viewer),
    "imports:write": canImport(viewer),
  };
  return API_SCOPES.filter((scope) => may[scope]);
}

// Rules that lived in routes and modules (issue 17): pages, navigation, list scopes and imports ask here. A lint
// rule (eslint.config: no-restricted-syntax) forbids comparing `.role` with a literal outside this module.

/** Staff and managers: the people of a company, who own projects and work its pipeline. */
export function isCompanyRole(viewer: { role: string }) {
  return viewer.role === "staff" || viewer.role === "manager";
}

/** isCompanyRole's roles, for queries (`inArray(users.role, companyRoles())`): who may own projects or be named. */
export function companyRoles(): UserRole[] {
  return ["staff", "manager"];
}

/** The company an account of this role belongs to: staff and managers one of theirs, leaders the committee, admins none. */
export function companyOfRole(account: { role: string }): "company" | "committee" | "none" {
  if (isCompanyRole(account)) return "company";
  return account.role === "leader" ? "committee" : "none";
}

/** Leaders read the whole zone (every company, confidential included) and pick a company to look at. */
export function seesWholeZone(viewer: Pick<Viewer, "role">) {
  return viewer.role === "leader";
}

/** Admins and leaders see the whole zone or manage it, the province admin makes zones: they must use a second factor. */
export function mfaRequired(viewer: Pick<Viewer, "role">) {
  return viewer.role === "admin" || viewer.role === "leader" || isProvinceRole(viewer);
}

/** The desk (/my) is about one's own projects: staff and managers own projects, leaders and admins do not. */
export function canSeeMyDesk(viewer: Pick<Viewer, "role">) {
  return isCompanyRole(viewer);
}

/** Handoffs are between companies (and watched by leaders): admins have no inbox, export or count. */
export function canSeeHandoffs(viewer: Pick<Viewer, "role">) {
  return isCompanyRole(viewer) || viewer.role === "leader";
}

/** The form that logs an enterprise request (which projects it offers is canLogServiceRequest's). */
export function canOpenServiceRequestForm(viewer: Pick<Viewer, "role">) {
  return isCompanyRole(viewer);
}

/** The board offers moving cards to the companies' people only; leaders read it. */
export function canMoveOnBoard(viewer: Pick<Viewer, "role">) {
  return isCompanyRole(viewer);
}

/** A card the board lets this viewer drag: the company's manager, or its staff owner (the stage form decides). */
export function canMoveBoardCard(viewer: Viewer, card: { companyId: number; ownerId: number | null }) {
  return canManageCompany(viewer, card.companyId) || (card.ownerId === viewer.id && viewer.role === "staff");
}

/** Managers name the owner of a new project (staff own what they create). */
export function canNameOwner(viewer: Pick<Viewer, "role">) {
  return viewer.role === "manager";
}

/** Admins import into any company of the zone (and see every run of it); managers only into their own. */
export function canImportIntoAnyCompany(viewer: Pick<Viewer, "role">) {
  return viewer.role === "admin";
}

/**
 * Whether an import by this viewer may write into this company: a manager's own; for an admin any company of the
 * zone that takes projects (not the committee).
 */
export function canImportInto(
  viewer: Pick<Viewer, "role" | "companyId" | "zoneId">,
  company: { id: number; zoneId: number; kind: "committee" | "attraction" | "service" | "platform" },
) {
  if (!canImport(viewer)) return false;
  if (!canImportIntoAnyCompany(viewer)) return company.id === viewer.companyId;
  return company.zoneId === viewer.zoneId && company.kind !== "committee";
}

/** Whether an import by this viewer may update this project of their zone. */
export function canUpdateByImport(viewer: Pick<Viewer, "role" | "companyId">, project: { companyId: number; confidential: boolean }) {
  if (viewer.role === "manager") return project.companyId === viewer.companyId;
  return viewer.role === "admin" && !project.confidential;
}

/** An import run is seen by whoever started it, their company's manager, and the zone's admins. */
export function canSeeImportRun(viewer: Pick<Viewer, "id" | "role" | "companyId">, run: { userId: number | null; companyId: number | null }) {
  if (!canImport(viewer)) return false;
  return run.userId === viewer.id || (viewer.role === "manager" && run.companyId === viewer.companyId) || viewer.role === "admin";
}

/** Admins read reports over the zone's projects but not the confidential ones' names (no link to them). */
export function hidesConfidentialInReports(viewer: Pick<Viewer, "role">) {
  return viewer.role === "admin";
}

/** A company's team page: a manager their own, a leader any company of the zone. */
export function canSeeTeamOf(viewer: Viewer, companyId: number) {
  return canSeeTeam(viewer) && (seesWholeZone(viewer) || viewer.companyId === companyId);
}

// The province (issue 20, decision 019): the province admin (省级管理员) lives in the province's pseudo-zone and
// administers the zones themselves — lists them, creates one with its admin, sees who each zone's admin is — and
// reads nothing inside any zone (no projects, investors, requests, reports). Its session opens only its own pages.

/** The roles that work inside a zone; the province's roles do not (they reach only their own pages). */
export function worksInZone(viewer: Pick<Viewer, "role">) {
  return !isProvinceRole(viewer);
}

/** The accounts of the province's pseudo-zone: its admin, its leaders and the cities' leaders. */
export function isProvinceRole(viewer: Pick<Viewer, "role">) {
  return viewer.role === "province_admin" || viewer.role === "province_leader" || viewer.role === "city_leader";
}

/**
 * The province's figures (三个一批 by zone, city and cluster, 四比四看 between zones, published roll-ups): the
 * province leader (省级领导) reads every zone, a city leader (市级领导) the zones of their city; read-only, and a
 * confidential project is counted but never named (decision 020).
 */
export function readsProvinceFigures(viewer: Pick<Viewer, "role">) {
  return viewer.role === "province_leader" || viewer.role === "city_leader";
}

/**
 * The weights of 四比四看 between zones are the province's (issue 20 item 3): a province leader sets them; a city
 * leader reads them (their city's ranking uses them) and the province admin, who makes zones, does not weigh them.
 */
export function canSetZoneRankingWeights(viewer: Pick<Viewer, "role">) {
  return viewer.role === "province_leader";
}

/**
 * Registering an investor, the duplicate check also looks at the other zones and warns, masked (decision 022): only
 * those who register investors are told, so nobody else can probe the province by typing names.
 */
export function warnsOfOtherZones(viewer: Viewer) {
  return canCreateInvestor(viewer);
}

/** The province's list of investors that two or more zones follow (内部竞争): its leaders and the cities' leaders. */
export function canSeeSharedInvestors(viewer: Pick<Viewer, "role">) {
  return readsProvinceFigures(viewer);
}

/**
 * One investor followed by several zones, on the shared-investors list: the province leader sees every such group,
 * a city leader those where at least one of the zones is in their city — with all its zones, the other cities' too,
 * since coordinating is the point. Zones without a city show to the province leader only.
 */
export function seesSharedInvestor(viewer: Pick<Viewer, "role"> & { cityId: number | null }, zoneCityIds: (number | null)[]) {
  if (seesWholeProvince(viewer)) return true;
  if (viewer.role !== "city_leader" || viewer.cityId === null) return false;
  return zoneCityIds.includes(viewer.cityId);
}

/** The province leader reads every zone of the province; a city leader only what touches their city. */
export function seesWholeProvince(viewer: Pick<Viewer, "role">) {
  return viewer.role === "province_leader";
}

/** A province or city leader as the province's rules see them: a city leader's city (users.city_id). */
export type ProvinceReader = Pick<Viewer, "role"> & { cityId: number | null };

/**
 * May this reader see zone Z's figures (三个一批, targets, the projects behind a number)? The province leader every
 * real zone, a city leader the zones of their city; never the province's pseudo-zone, nobody else.
 */
export function canReadZoneFigures(viewer: ProvinceReader, zone: { province: boolean; cityId: number | null }) {
  if (zone.province || !readsProvinceFigures(viewer)) return false;
  if (viewer.role === "province_leader") return true;
  return viewer.cityId !== null && zone.cityId === viewer.cityId;
}

/**
 * A city leader (市级领导) reads the zones of one city — the role that carries a city (users.city_id): their province
 * pages are their city's (ranked among themselves, summed as the city), and their account needs one. A province
 * leader reads every zone.
 */
export function readsOneCity(viewer: Pick<Viewer, "role">) {
  return viewer.role === "city_leader";
}

/** May this reader see a city's page (its zones summed): the province leader any city, a city leader their own. */
export function canReadCityFigures(viewer: ProvinceReader, cityId: number) {
  if (!readsProvinceFigures(viewer)) return false;
  return viewer.role === "province_leader" || viewer.cityId === cityId;
}

/** The province's zone pages: the list of zones, creating a zone. */
export function canAdministerZones(viewer: Pick<Viewer, "role">) {
  return viewer.role === "province_admin";
}

/** The province's own accounts (its leaders, the cities' leaders): the province admin makes them. */
export function canManageProvinceAccounts(viewer: Pick<Viewer, "role">) {
  return viewer.role === "province_admin";
}

/**
 * The accounts the province admin edits at /province/accounts/:id: the province's leaders and the cities' leaders,
 * not the province admin's own kind of account (decision 020).
 */
export function isManagedProvinceAccount(account: Pick<Viewer, "role">) {
  return account.role === "province_leader" || account.role === "city_leader";
}

/** isManagedProvinceAccount's roles, for queries (`inArray(users.role, managedProvinceAccountRoles())`). */
export function managedProvinceAccountRoles(): UserRole[] {
  return ["province_leader", "city_leader"];
}

/** Paths a province account's session may open; anything else is a 404 (requireUser). */
export function provincePathAllowed(pathname: string) {
  return (
    pathname === "/province" || pathname.startsWith("/province/") || ["/account", "/account/mfa", "/logout", "/notifications"].includes(pathname)
  );
}

/** A zone's companies (rename, add, retire): the zone's admin, for companies of their own zone only. */
export function canManageZoneCompanies(viewer: Pick<Viewer, "role">) {
  return viewer.role === "admin";
}

export function canEditCompany(viewer: Viewer, company: { zoneId: number }) {
  return canManageZoneCompanies(viewer) && viewer.zoneId === company.zoneId;
}

// approvals (审批事项, issue 21; docs/decisions/024)

/**
 * The zone's catalogue of approval items is the committee's to set (its leaders, as for the request deadlines)
 * and its admin's to keep; a company's people use it but do not change it.
 */
export function canEditApprovalCatalogue(viewer: Pick<Viewer, "role">) {
  return viewer.role === "leader" || viewer.role === "admin";
}

/** A project's checklist (add or remove an item, mark one not applicable) is changed by whoever may edit the project. */
export function canEditChecklist(viewer: Viewer, p: ProjectFacts) {
  return canEditProject(viewer, p);
}

/**
 * An item is worked (dates, documents, blockers) by whoever may edit the project and by its agent (代办员), a user
 * of the project's company who sees the project (a colleague named on a confidential one does not).
 */
export function canWorkApproval(viewer: Viewer, p: ProjectFacts, agentId: number | null) {
  if (canEditProject(viewer, p)) return true;
  return (
    agentId === viewer.id &&
    (viewer.role === "staff" || viewer.role === "manager") &&
    viewer.companyId !== null &&
    viewer.companyId === p.companyId &&
    projectAccess(viewer, p) !== "none"
  );
}

/** Escalating a blocker to the committee (督办) is the project's: its owner or its company's manager. */
export function canEscalateApproval(viewer: Viewer, p: ProjectFacts) {
  return canEditProject(viewer, p);
}

/** An escalation is closed by the committee's leaders or by the project company's manager. */
export function canResolveEscalation(viewer: Viewer, p: ProjectFacts) {
  return (viewer.role === "leader" && viewer.zoneId === p.zoneId) || (canEditProject(viewer, p) && canManageCompany(viewer, p.companyId));
}

/** Moving to 开工 with required approvals still open: only the company's manager, with a reason (audited). */
export function canOverrideApprovalGate(viewer: Viewer, p: ProjectFacts) {
  return canEditProject(viewer, p) && canManageCompany(viewer, p.companyId);
}

// Industry chains (产业链, issue 22, decision 025): a chain per cluster of the zone.

/** The chain map and the zone's overview of chains: the zone's staff, managers and leaders (not its admin). */
export function canSeeChains(viewer: Pick<Viewer, "role">) {
  return viewer.role === "staff" || viewer.role === "manager" || viewer.role === "leader";
}

/**
 * A cluster's chain is edited by the manager of the company responsible for that cluster and by the committee's
 * leaders. `viewerClusterId` is the cluster of the viewer's company (null for a company without one).
 */
export function canEditChain(viewer: Viewer, chain: { zoneId: number; clusterId: number }, viewerClusterId: number | null) {
  if (viewer.zoneId !== chain.zoneId) return false;
  if (viewer.role === "leader") return true;
  return viewer.role === "manager" && viewerClusterId !== null && viewerClusterId === chain.clusterId;
}

// The target list (招商目标库, issue 22 item 4, decision 030): a target belongs to one company of the zone.
export type TargetFacts = { zoneId: number; companyId: number; assigneeId: number | null };

/**
 * A target is seen by the committee's leaders, the manager of its company, and the staff member it is assigned to
 * ("staff see their own"); nobody of another company sees it.
 */
export function canSeeTarget(viewer: Viewer, t: TargetFacts) {
  if (viewer.zoneId !== t.zoneId) return false;
  if (viewer.role === "leader") return true;
  if (viewer.companyId !== t.companyId) return false;
  return viewer.role === "manager" || (viewer.role === "staff" && t.assigneeId === viewer.id);
}

/**
 * Which targets a list shows (the SQL mirror of canSeeTarget): leaders the zone's, a manager the company's, staff
 * those assigned to them; anyone else none.
 */
export function targetListScope(viewer: Viewer): "zone" | "company" | "assigned" | "none" {
  if (viewer.role === "leader") return "zone";
  if (viewer.companyId === null) return "none";
  if (viewer.role === "manager") return "company";
  return viewer.role === "staff" ? "assigned" : "none";
}

/** Adding, editing and assigning targets of a company: its manager and the committee's leaders. */
export function canManageTargets(viewer: Viewer, t: Pick<TargetFacts, "zoneId" | "companyId">) {
  if (viewer.zoneId !== t.zoneId) return false;
  return viewer.role === "leader" || canManageCompany(viewer, t.companyId);
}

/**
 * Recording the first contact (which opens the investor and the project in the target's company): the staff member
 * it is assigned to and the company's manager; leaders do not open projects.
 */
export function canContactTarget(viewer: Viewer, t: TargetFacts) {
  if (viewer.zoneId !== t.zoneId || !canCreateProjectIn(viewer, t.companyId)) return false;
  return viewer.role === "manager" || t.assigneeId === viewer.id;
}

// Policies (政策库 and 政策兑现, issue 21 item 5; docs/decisions/028).

/** The zone's policy library and the benefits still owed: its staff, managers, leaders and (read-only) admin. */
export function canSeePolicies(viewer: Pick<Viewer, "role">) {
  return viewer.role === "staff" || viewer.role === "manager" || viewer.role === "leader" || viewer.role === "admin";
}

/** A policy is added by the committee's leaders (the committee's own) or by a company's manager (kept by the company). */
export function canCreatePolicy(viewer: Pick<Viewer, "role" | "companyId">) {
  return viewer.role === "leader" || (viewer.role === "manager" && viewer.companyId !== null);
}

/** Who keeps a new policy: a manager's company; a leader's (and anyone else's) is the committee's (null). */
export function policyKeeperOf(viewer: Pick<Viewer, "role" | "companyId">): number | null {
  return viewer.role === "manager" ? viewer.companyId : null;
}

/** A policy is edited by the committee's leaders, or by the manager of the company that keeps it. */
export function canEditPolicy(viewer: Viewer, policy: { zoneId: number; companyId: number | null }) {
  if (viewer.zoneId !== policy.zoneId) return false;
  if (viewer.role === "leader") return true;
  return viewer.role === "manager" && policy.companyId !== null && viewer.companyId === policy.companyId;
}

/** Benefits promised and delivered under a policy (政策兑现) are recorded by whoever may edit the project. */
export function canRecordBenefit(viewer: Viewer, p: ProjectFacts) {
  return canEditProject(viewer, p);
}
