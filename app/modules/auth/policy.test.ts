import { describe, expect, it } from "vitest";
import type { ProjectFacts, Viewer } from "./policy";
import { canCreateProjectIn, canLogActivity, canManageCompany, canManageUsers, canSeeZoneOverview, homePath, projectAccess } from "./policy";

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
      "/projects?owner=me",
      "/projects",
      "/overview",
      "/admin/users",
    ]);
  });
});
