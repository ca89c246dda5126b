// The navigation per role: which pages each role's menu lists, in its order, which is also its priority: at a
// desk the header keeps the first entries that fit and puts the rest into 更多 (decision 039), so each role's
// daily pages come first (staff: their desk, projects, board, investors, requests; leaders: the reports).
// Part of the policy (issue 17): a menu lists only pages the policy lets the role open (navigation.test.ts checks
// each entry against policy.ts).
import type { MessageKey } from "~/lib/i18n";
import type { Viewer, ViewerCompanyFacts } from "./policy";
import { canListFollowUps } from "./policy";

export type NavItem = { to: string; label: MessageKey };

/** The menu of a role; the hotline company's people (`company`) also get the 回访 list. */
export function navFor(viewer: Pick<Viewer, "role"> & { companyId?: number | null }, company?: ViewerCompanyFacts): NavItem[] {
  const items = menuOf(viewer);
  if (company !== undefined && canListFollowUps({ role: viewer.role, companyId: viewer.companyId ?? null }, company)) {
    items.splice(items.findIndex((n) => n.to === "/service-requests") + 1, 0, { to: "/service-requests/follow-up", label: "nav.followUp" });
  }
  return items;
}

function menuOf(viewer: Pick<Viewer, "role">): NavItem[] {
  switch (viewer.role) {
    case "staff":
      return [
        { to: "/my", label: "nav.myProjects" },
        { to: "/projects", label: "nav.companyProjects" },
        { to: "/pipeline", label: "nav.pipeline" },
        { to: "/investors", label: "nav.investors" },
        { to: "/service-requests", label: "nav.serviceRequests" },
        { to: "/chains", label: "nav.chains" },
        { to: "/policies", label: "nav.policies" },
      ];
    case "manager":
      return [
        { to: "/projects", label: "nav.companyProjects" },
        { to: "/pipeline", label: "nav.pipeline" },
        { to: "/chains", label: "nav.chains" },
        { to: "/my", label: "nav.myProjects" },
        { to: "/investors", label: "nav.investors" },
        { to: "/service-requests", label: "nav.serviceRequests" },
        { to: "/policies", label: "nav.policies" },
        { to: "/imports", label: "nav.imports" },
        { to: "/settings/robot", label: "nav.robot" },
      ];
    case "leader":
      return [
        { to: "/overview", label: "nav.overview" },
        { to: "/reports/three-batches", label: "nav.threeBatches" },
        { to: "/reports/scorecard", label: "nav.scorecard" },
        { to: "/reports/targets", label: "nav.targets" },
        { to: "/reports/trends", label: "nav.trends" },
        { to: "/chains", label: "nav.chains" },
        { to: "/projects", label: "nav.allProjects" },
        { to: "/pipeline", label: "nav.pipeline" },
        { to: "/investors", label: "nav.investors" },
        { to: "/service-requests", label: "nav.serviceRequests" },
        { to: "/approvals/catalogue", label: "nav.approvalCatalogue" },
        { to: "/policies", label: "nav.policies" },
      ];
    case "admin":
      return [
        { to: "/admin/users", label: "nav.users" },
        { to: "/admin/tokens", label: "nav.tokens" },
        { to: "/projects", label: "nav.allProjects" },
        { to: "/imports", label: "nav.imports" },
        { to: "/reports/three-batches", label: "nav.threeBatches" },
        { to: "/settings/robot", label: "nav.robot" },
        { to: "/admin/companies", label: "nav.companies" },
        { to: "/approvals/catalogue", label: "nav.approvalCatalogue" },
        { to: "/policies", label: "nav.policies" },
      ];
    case "province_admin":
      return [
        { to: "/province/zones", label: "nav.zones" },
        { to: "/province/accounts", label: "nav.provinceAccounts" },
      ];
    case "province_leader":
    case "city_leader":
      return [
        { to: "/province", label: "nav.province" },
        { to: "/province/ranking", label: "nav.ranking" },
        { to: "/province/shared-investors", label: "nav.sharedInvestors" },
      ];
  }
}
