// What the report pages and their export route share: reading the URL into the domain modules' inputs.
import { data } from "@remix-run/node";
import { todayInZone } from "~/lib/dates";
import { periodFromSearch } from "~/lib/periods";
import type { Viewer } from "~/modules/auth/policy";
import { reportSwitches } from "./reports.schema";
import type { Milestone } from "./three-batches.server";
import { MILESTONES, reportCompanies, threeBatchesProjects } from "./three-batches.server";

/** The drill-down list of a report number: company (or the zone), milestone (or all three), period and switches. */
export async function loadDrillDown(viewer: Viewer, url: URL) {
  const { period, error } = periodFromSearch(url.searchParams, todayInZone());
  const switches = reportSwitches(url.searchParams);
  const milestoneParam = url.searchParams.get("milestone");
  const milestone = (MILESTONES as readonly string[]).includes(milestoneParam ?? "") ? (milestoneParam as Milestone) : null;
  const companyParam = url.searchParams.get("company");
  const companies = await reportCompanies(viewer.zoneId);
  let company: (typeof companies)[number] | null = null;
  if (companyParam) {
    company = companies.find((c) => String(c.id) === companyParam) ?? null;
    // Another zone's company, or none: nothing to say about it.
    if (!company) throw data(null, { status: 404 });
  }
  const result = await threeBatchesProjects(viewer.zoneId, { from: period.from, to: period.to, ...switches, companyId: company?.id ?? null, milestone });
  // Admins see every project of the zone read-only, except confidential ones: those are counted but not named.
  const rows = result.rows.map((r) => (viewer.role === "admin" && r.confidential ? { ...r, name: "", code: "", hidden: true } : { ...r, hidden: false }));
  return { period, error, switches, milestone, company, companies, rows, total: result.total, published: result.published };
}
