import { describe, expect, it } from "vitest";
import type { ProjectFacts, Viewer } from "./policy";
import { canCreateProjectIn, canLogActivity, canManageCompany, canManageUsers, canSeeZoneOverview, homePath, projectAccess } from "./policy";
import type { InvestorFacts } from "./policy";
import { canCreateInvestor, canEditInvestor, canViewInvestor } from "./policy";

const A = 10;
const B = 20;
const staff: Viewer = { id: 1, zoneId: 1, companyId: A, role: "staff" };
const colleague: Viewer = { id: 2, zoneId: 1, companyId: A, role: "staff" };
const manager: Viewer = { id: 3, zoneId: 1, companyId: A, role: "manager" };
const otherManager: Viewer = { id: 4, zoneId: 1, companyId: B, role: "manager" };
const leader: Viewer = { id: 5, zoneId: 1, companyId: 99, role: "leader" };
const admin: Viewer = { id: 6, zoneId: 1, companyId: null, role: "admin" };
const foreignLeader: Viewer = { id: 7, zoneId: 2, companyId: 98, role: "leader" };

const project = (over: Partial<ProjectFacts> = {}): ProjectFacts => ({
  zoneId: 1,
  companyId: A,
  ownerId: staff.id,
  confidential: false,
  formerCompanyIds: [],
  formerOwnerIds: [],
  ...over,
});

describe("who may do what with a project (DOMAIN.md permission table)", () => {
  it("staff change their own projects and read their colleagues'", () => {
    expect(projectAccess(staff, project())).toBe("write");
    expect(projectAccess(colleague, project())).toBe("read");
  });

  it("managers change every project of their company, and nothing of another", () => {
    expect(projectAccess(manager, project({ ownerId: colleague.id }))).toBe("write");
    expect(projectAccess(otherManager, project())).toBe("none");
  });

  it("a confidential project is for its owner, its company's manager and leaders only", () => {
    const secret = project({ confidential: true });
    expect(projectAccess(staff, secret)).toBe("write");
    expect(projectAccess(colleague, secret)).toBe("none");
    expect(projectAccess(manager, secret)).toBe("write");
    expect(projectAccess(leader, secret)).toBe("read");
    expect(projectAccess(admin, secret)).toBe("none");
  });

  it("after a transfer the handing company and former owner keep read access", () => {
    const moved = project({ companyId: B, ownerId: 44, formerCompanyIds: [A], formerOwnerIds: [staff.id] });
    expect(projectAccess(staff, moved)).toBe("read");
    expect(projectAccess(colleague, moved)).toBe("read");
    expect(projectAccess(manager, moved)).toBe("read");
    expect(projectAccess(otherManager, moved)).toBe("write");
  });

  it("leaders read the whole zone and nothing of another zone; admins never edit projects", () => {
    expect(projectAccess(leader, project({ companyId: B }))).toBe("read");
    expect(projectAccess(foreignLeader, project())).toBe("none");
    expect(projectAccess(admin, project())).toBe("read");
  });

  it("activities are logged by the company's people, not by leaders or admins", () => {
    expect(canLogActivity(colleague, project())).toBe(true);
    expect(canLogActivity(leader, project())).toBe(false);
    expect(canLogActivity(admin, project())).toBe(false);
    expect(canLogActivity(colleague, project({ confidential: true }))).toBe(false);
  });

  it("company-level rights", () => {
    expect(canCreateProjectIn(staff, A)).toBe(true);
    expect(canCreateProjectIn(staff, B)).toBe(false);
    expect(canCreateProjectIn(leader, A)).toBe(false);
    expect(canManageCompany(manager, A)).toBe(true);
    expect(canManageCompany(staff, A)).toBe(false);
    expect(canManageUsers(admin)).toBe(true);
    expect(canManageUsers(leader)).toBe(false);
    expect(canSeeZoneOverview(leader)).toBe(true);
    expect(canSeeZoneOverview(manager)).toBe(false);
  });

  it("each role lands on its home", () => {
    expect([staff, manager, leader, admin].map(homePath)).toEqual([
      "/my",
      "/projects",
      "/overview",
      "/admin/users",
    ]);
  });
});

describe("who may register and edit an investor (shared reference data of the zone)", () => {
  const investor = (over: Partial<InvestorFacts> = {}): InvestorFacts => ({ zoneId: 1, createdById: null, companyIds: [], ...over });

  it("everyone of the zone reads an investor; nobody of another zone does", () => {
    for (const viewer of [staff, manager, leader, admin]) expect(canViewInvestor(viewer, investor())).toBe(true);
    expect(canViewInvestor(foreignLeader, investor())).toBe(false);
  });

  it("staff and managers register investors; leaders and admins do not", () => {
    expect(canCreateInvestor(staff)).toBe(true);
    expect(canCreateInvestor(manager)).toBe(true);
    expect(canCreateInvestor(leader)).toBe(false);
    expect(canCreateInvestor(admin)).toBe(false);
    expect(canCreateInvestor({ ...staff, companyId: null })).toBe(false);
  });

  it("a company with a project of the investor edits it, whoever of the company created the project", () => {
    const followedByA = investor({ companyIds: [A] });
    expect(canEditInvestor(staff, followedByA)).toBe(true);
    expect(canEditInvestor(colleague, followedByA)).toBe(true);
    expect(canEditInvestor(manager, followedByA)).toBe(true);
    expect(canEditInvestor(otherManager, followedByA)).toBe(false);
  });

  it("whoever registered it edits it, even before any project exists", () => {
    expect(canEditInvestor(colleague, investor({ createdById: colleague.id }))).toBe(true);
    expect(canEditInvestor(staff, investor({ createdById: colleague.id }))).toBe(false);
  });

  it("leaders and admins only read, and another zone's user never edits", () => {
    const followedByAll = investor({ companyIds: [A, B, 99], createdById: leader.id });
    expect(canEditInvestor(leader, followedByAll)).toBe(false);
    expect(canEditInvestor(admin, followedByAll)).toBe(false);
    expect(canEditInvestor({ ...staff, zoneId: 2 }, investor({ companyIds: [A], createdById: staff.id }))).toBe(false);
  });
});
