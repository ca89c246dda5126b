// The menu per role lists only pages the policy lets that role open (the pages' loaders ask the same functions;
// the authorization matrix e2e test checks the loaders themselves).
import { describe, expect, it } from "vitest";
import { navFor } from "./navigation";
import type { Viewer } from "./policy";
import * as policy from "./policy";

type Role = Viewer["role"];
const viewer = (role: Role): Viewer => ({ id: 1, zoneId: 1, companyId: role === "admin" ? null : 10, role });

/** The policy's answer for each page a menu may list. */
const mayOpen: Record<string, (v: Viewer) => boolean> = {
  "/my": policy.canSeeMyDesk,
  "/projects": () => true,
  "/pipeline": policy.canSeePipeline,
  "/chains": policy.canSeeChains,
  "/investors": (v) => policy.canViewInvestor(v, { zoneId: v.zoneId }),
  "/service-requests": policy.canListServiceRequests,
  "/service-requests/follow-up": (v) => policy.canListFollowUps(v, { kind: "service", hotline: true }),
  "/imports": policy.canImport,
  "/overview": policy.canSeeZoneOverview,
  "/reports/three-batches": policy.canSeeReports,
  "/reports/scorecard": policy.canSeeReports,
  "/reports/targets": policy.canSeeReports,
  "/reports/trends": policy.canSeeReports,
  "/admin/users": policy.canManageUsers,
  "/admin/tokens": policy.canManageApiTokens,
  // a manager's own company; an admin picks one of the zone's
  "/settings/robot": (v) => policy.canConfigureRobot(v, v.companyId ?? 0),
  "/admin/companies": (v) => policy.canEditCompany(v, { zoneId: v.zoneId }),
  "/approvals/catalogue": (v) => policy.canEditApprovalCatalogue(v),
  "/policies": policy.canSeePolicies,
  "/province/zones": policy.canAdministerZones,
  "/province": policy.readsProvinceFigures,
  "/province/accounts": policy.canManageProvinceAccounts,
  "/province/ranking": policy.readsProvinceFigures,
  "/province/shared-investors": policy.canSeeSharedInvestors,
};

describe("navigation per role", () => {
  it.each(["staff", "manager", "leader", "admin", "province_admin", "province_leader", "city_leader"] as const)(
    "%s: every menu entry is a page the policy opens to the role",
    (role) => {
      const v = viewer(role);
      const refused = navFor(v).filter((n) => !(mayOpen[n.to.split("?")[0]] ?? (() => false))(v));
      expect(refused).toEqual([]);
    },
  );

  it("the menus, in order", () => {
    const paths = (role: Role) =>
      navFor(viewer(role))
        .map((n) => n.to)
        .join(" ");
    expect(paths("staff")).toBe("/my /projects /pipeline /investors /service-requests /chains /policies");
    expect(paths("manager")).toBe("/projects /pipeline /chains /my /investors /service-requests /policies /imports /settings/robot");
    expect(paths("leader")).toBe(
      "/overview /reports/three-batches /reports/scorecard /reports/targets /reports/trends /chains /projects /pipeline /investors /service-requests /approvals/catalogue /policies",
    );
    expect(paths("admin")).toBe(
      "/admin/users /admin/tokens /projects /imports /reports/three-batches /settings/robot /admin/companies /approvals/catalogue /policies",
    );
    expect(paths("province_admin")).toBe("/province/zones /province/accounts");
    expect(paths("province_leader")).toBe("/province /province/ranking /province/shared-investors");
    expect(paths("city_leader")).toBe("/province /province/ranking /province/shared-investors");
  });

  it("the hotline company's staff and managers also get the 回访 list, after the requests", () => {
    const hotline = { kind: "service", hotline: true } as const;
    for (const role of ["staff", "manager"] as const) {
      const menu = navFor(viewer(role), hotline);
      expect(menu.map((n) => n.to)).toContain("/service-requests/follow-up");
      expect(menu.filter((n) => !(mayOpen[n.to] ?? (() => false))(viewer(role)))).toEqual([]);
    }
    expect(navFor(viewer("staff"), { kind: "attraction", hotline: false }).map((n) => n.to)).not.toContain("/service-requests/follow-up");
    expect(navFor(viewer("leader"), hotline).map((n) => n.to)).not.toContain("/service-requests/follow-up");
    expect(navFor({ role: "staff", companyId: null }, hotline).map((n) => n.to)).not.toContain("/service-requests/follow-up");
  });

  it("the home page of each role is in its menu", () => {
    for (const role of ["staff", "manager", "leader", "admin"] as const) {
      expect(navFor(viewer(role)).map((n) => n.to)).toContain(policy.homePath({ role }));
    }
  });
});
