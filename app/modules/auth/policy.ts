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
  /** Users who owned it before. */
  formerOwnerIds: number[];
};

export type ProjectAccess = "none" | "read" | "write";

/** What a viewer may do with a project: nothing (404), read it, or change it. */
export function projectAccess(viewer: Viewer, p: ProjectFacts): ProjectAccess {
  if (viewer.zoneId !== p.zoneId) return "none";
  const ownCompany = viewer.companyId !== null && viewer.companyId === p.companyId;
  const isOwner = p.ownerId === viewer.id;

  switch (viewer.role) {
    case "leader":
      return "read";
    case "admin":
      return p.confidential ? "none" : "read";
    case "manager":
      if (ownCompany) return "write";
      if (p.confidential) return "none";
      return viewer.companyId !== null && p.formerCompanyIds.includes(viewer.companyId) ? "read" : "none";
    case "staff":
      if (isOwner) return "write";
      if (p.confidential) return "none";
      if (ownCompany) return "read";
      if (p.formerOwnerIds.includes(viewer.id)) return "read";
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

/** Staff log activities on any project of their company (not only their own). */
export function canLogActivity(viewer: Viewer, p: ProjectFacts) {
  if (viewer.zoneId !== p.zoneId) return false;
  if (viewer.role !== "staff" && viewer.role !== "manager") return false;
  if (p.confidential && projectAccess(viewer, p) !== "write") return false;
  return viewer.companyId !== null && viewer.companyId === p.companyId;
}

/** Milestone evidence is added by whoever may edit the project. */
export function canAddEvidence(viewer: Viewer, p: ProjectFacts) {
  return canEditProject(viewer, p);
}

/** Evidence is removed by its uploader or the company's manager, and only while they may edit the project. */
export function canRemoveEvidence(viewer: Viewer, p: ProjectFacts, uploadedById: number) {
  return canEditProject(viewer, p) && (uploadedById === viewer.id || canManageCompany(viewer, p.companyId));
}

export function canCreateProjectIn(viewer: Viewer, companyId: number) {
  return (viewer.role === "staff" || viewer.role === "manager") && viewer.companyId === companyId;
}

/** Managers (re)assign owners, set on hold / lost, move a stage back, answer handoffs, import. */
export function canManageCompany(viewer: Viewer, companyId: number) {
  return viewer.role === "manager" && viewer.companyId === companyId;
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
  return viewer.zoneId === i.zoneId;
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
  }
}
