// The province admin (decision 019) administers zones and reads nothing inside one — even a record that carries
// its own (pseudo-)zone id is refused by role, not only by zone.
import { describe, expect, it } from "vitest";
import type { ProjectFacts, Viewer } from "./policy";
import * as policy from "./policy";

const province: Viewer = { id: 1, zoneId: 7, companyId: null, role: "province_admin" };
const admin: Viewer = { id: 2, zoneId: 7, companyId: null, role: "admin" };
const project: ProjectFacts = { zoneId: 7, companyId: 3, ownerId: 9, confidential: false, formerCompanyIds: [], formerOwnerIds: [] };

describe("the province admin", () => {
  it("reads no project, investor, handoff, request or report of any zone, even one with its zone id", () => {
    expect(policy.projectAccess(province, project)).toBe("none");
    expect(policy.canViewInvestor(province, { zoneId: 7 })).toBe(false);
    const handoff = { zoneId: 7, kind: "transfer", status: "pending", fromCompanyId: 3, toCompanyId: 4, requestedById: 9, assigneeId: null } as const;
    expect(policy.canViewHandoff(province, handoff)).toBe(false);
    expect(
      policy.serviceRequestAccess(province, { zoneId: 7, handlingCompanyId: 3, handlerId: null, loggedByCompanyId: 3, status: "open", project }),
    ).toBe("none");
    for (const rule of [
      policy.canSeeReports,
      policy.canImport,
      policy.canManageUsers,
      policy.canSeeZoneOverview,
      policy.canSeeHandoffs,
      policy.canSeePipeline,
    ]) {
      expect(rule(province), rule.name).toBe(false);
    }
    expect(policy.grantableApiScopes(province)).toEqual([]);
    expect(policy.worksInZone(province)).toBe(false);
    // The admin of that zone is not affected.
    expect(policy.canViewInvestor(admin, { zoneId: 7 })).toBe(true);
    expect(policy.canSeeHandoffs(admin)).toBe(false);
  });

  it("administers zones, with a second factor, and lands on them; nobody else does", () => {
    expect(policy.canAdministerZones(province)).toBe(true);
    expect(policy.mfaRequired(province)).toBe(true);
    expect(policy.homePath(province)).toBe("/province/zones");
    for (const role of ["staff", "manager", "leader", "admin"] as const) expect(policy.canAdministerZones({ role }), role).toBe(false);
    expect(policy.canManageZoneCompanies(province)).toBe(false);
  });

  it("makes the province's own accounts; nobody else does", () => {
    expect(policy.canManageProvinceAccounts(province)).toBe(true);
    for (const role of ["staff", "manager", "leader", "admin", "province_leader", "city_leader"] as const) {
      expect(policy.canManageProvinceAccounts({ role }), role).toBe(false);
    }
  });

  it("edits the province's and the cities' leaders, never an account of its own kind or a zone's", () => {
    const roles = ["staff", "manager", "leader", "admin", "province_admin", "province_leader", "city_leader"] as const;
    expect(roles.filter((role) => policy.isManagedProvinceAccount({ role }))).toEqual(["province_leader", "city_leader"]);
    expect(policy.managedProvinceAccountRoles()).toEqual(roles.filter((role) => policy.isManagedProvinceAccount({ role })));
  });

  it("its session opens only its own pages", () => {
    for (const path of ["/province/zones", "/province/zones/new", "/account", "/account/mfa", "/logout", "/notifications"]) {
      expect(policy.provincePathAllowed(path), path).toBe(true);
    }
    for (const path of ["/projects", "/investors/1", "/admin/users", "/reports/three-batches", "/provinces", "/", "/api/v1/me"]) {
      expect(policy.provincePathAllowed(path), path).toBe(false);
    }
  });

  it("a zone's admin edits companies of their own zone only", () => {
    expect(policy.canEditCompany(admin, { zoneId: 7 })).toBe(true);
    expect(policy.canEditCompany(admin, { zoneId: 8 })).toBe(false);
    expect(policy.canEditCompany({ ...admin, role: "leader" }, { zoneId: 7 })).toBe(false);
  });
});

describe("the province and city leaders", () => {
  const leaders: Viewer[] = [
    { id: 3, zoneId: 7, companyId: null, role: "province_leader" },
    { id: 4, zoneId: 7, companyId: null, role: "city_leader" },
  ];

  it("read the province's figures, with a second factor, and land on the province's page", () => {
    for (const v of leaders) {
      expect(policy.readsProvinceFigures(v), v.role).toBe(true);
      expect(policy.mfaRequired(v), v.role).toBe(true);
      expect(policy.homePath(v), v.role).toBe("/province");
      expect(policy.isProvinceRole(v), v.role).toBe(true);
      expect(policy.worksInZone(v), v.role).toBe(false);
    }
    for (const role of ["staff", "manager", "leader", "admin", "province_admin"] as const) {
      expect(policy.readsProvinceFigures({ role }), role).toBe(false);
    }
    for (const role of ["staff", "manager", "leader", "admin"] as const) expect(policy.isProvinceRole({ role }), role).toBe(false);
  });

  it("open nothing inside a zone and do not administer zones", () => {
    for (const v of leaders) {
      expect(policy.projectAccess(v, project), v.role).toBe("none");
      expect(policy.canViewInvestor(v, { zoneId: 7 }), v.role).toBe(false);
      expect(policy.canAdministerZones(v), v.role).toBe(false);
      for (const rule of [policy.canSeeReports, policy.canImport, policy.canManageUsers, policy.canSeeZoneOverview, policy.canSeePipeline]) {
        expect(rule(v), `${v.role} ${rule.name}`).toBe(false);
      }
    }
  });
});

describe("四比四看 between zones: who reads the ranking and who weighs it", () => {
  // columns: staff manager leader admin province_admin province_leader city_leader
  const ROLES = ["staff", "manager", "leader", "admin", "province_admin", "province_leader", "city_leader"] as const;
  const byRole: Record<string, [(v: Viewer) => boolean, string]> = {
    // the ranking page, its export and the weights page (read)
    readsProvinceFigures: [policy.readsProvinceFigures, "- - - - - Y Y"],
    // which zones: a city leader's own city only (ranked among themselves), a province leader every zone
    readsOneCity: [policy.readsOneCity, "- - - - - - Y"],
    // saving a new version of the weights: the province leader only, not the city leader nor the province admin
    canSetZoneRankingWeights: [policy.canSetZoneRankingWeights, "- - - - - Y -"],
    // a zone's leader weighs their own zone's scorecard, never the province's ranking
    canSetScorecardWeights: [policy.canSetScorecardWeights, "- - Y - - - -"],
  };
  it.each(Object.entries(byRole))("%s", (_name, [fn, row]) => {
    const actual = ROLES.map((role) => (fn({ id: 1, zoneId: 7, companyId: null, role }) ? "Y" : "-")).join(" ");
    expect(actual).toBe(row);
  });
});
