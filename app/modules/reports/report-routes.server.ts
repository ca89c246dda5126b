// What the report pages and their export route share: reading the URL into the domain modules' inputs.
import * as z from "zod";
import { decodeKeyset, encodeKeyset } from "~/lib/list-state";
import { todayInZone } from "~/lib/dates";
import { periodFromSearch } from "~/lib/periods";
import type { Viewer } from "~/modules/auth/policy";
import { projectAccess } from "~/modules/auth/policy";
import { invariantResponse } from "~/modules/http/respond.server";
import { openCursor, sealCursor } from "~/modules/http/sealed-cursor.server";
import { reportSwitches } from "./reports.schema";
import type { DrillCursor, DrillDownRow, Milestone } from "./three-batches.server";
import { MILESTONES, reportCompanies, threeBatchesProjects } from "./three-batches.server";

/** Rows a page of the drill-down shows; the export takes them all. */
export const DRILL_PAGE_SIZE = 100;

const drillCursorSchema: z.ZodType<DrillCursor> = z.object({
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  m: z.enum(MILESTONES),
  id: z.number().int().positive(),
});

/**
 * The drill-down list of a report number: company (or the zone), milestone (or all three), period and switches;
 * `paged` reads one page from the URL's `after` cursor (forward only, with a way back to the first page).
 */
export async function loadDrillDown(viewer: Viewer, url: URL, opts: { paged: boolean }) {
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
    invariantResponse(company);
  }
  const rawAfter = opts.paged ? url.searchParams.get("after") : null;
  const after = rawAfter ? readDrillCursor(viewer, rawAfter) : undefined;
  const result = await threeBatchesProjects(
    viewer.zoneId,
    { from: period.from, to: period.to, ...switches, companyId: company?.id ?? null, milestone },
    opts.paged ? { after, size: DRILL_PAGE_SIZE } : undefined,
  );
  const rows = result.rows.map((r) => maskDrillRow(viewer, r));
  // A page ending on a hidden row would name its project and date in the next page's link: sealed instead.
  const next = result.next ? (rows.at(-1)?.hidden ? sealCursor("drill", viewer.id, result.next) : encodeKeyset(result.next)) : undefined;
  return {
    period, error, switches, milestone, company, companies, rows, total: result.total, published: result.published,
    paging: { after: after ? rawAfter! : undefined, next },
  };
}

/** A cursor from the URL, sealed or plain; a tampered or foreign one is undefined (the first page). */
function readDrillCursor(viewer: Viewer, raw: string): DrillCursor | undefined {
  return raw.startsWith("s.") ? openCursor("drill", viewer.id, drillCursorSchema, raw) : decodeKeyset(drillCursorSchema, raw);
}

/**
 * A confidential project the viewer may not open (an admin's: its page is a 404 for them) is counted in the
 * totals but shown as "保密项目" with nothing that points at it: no id, code, name, company, owner, money, date,
 * stage or evidence (issue 16: the admin saw all but the name). Its money stays in the totals, summed in SQL.
 */
export function maskDrillRow(viewer: Viewer, r: DrillDownRow): DrillDownRow & { hidden: boolean } {
  const facts = { zoneId: viewer.zoneId, companyId: r.companyId, ownerId: r.ownerId, confidential: r.confidential, formerCompanyIds: [], formerOwnerIds: [] };
  if (!r.confidential || projectAccess(viewer, facts) !== "none") return { ...r, hidden: false };
  return {
    projectId: 0, code: "", name: "", milestone: r.milestone, businessOn: "", investmentWan: "", companyName: "", creditCompanyName: "",
    ownerName: null, stage: "", status: "", confidential: true, hasEvidence: false, companyId: 0, ownerId: null, hidden: true,
  };
}