// The province's drill-down below a zone (issue 20): the zone's 三个一批 per company (its published figures when the
// period is one it published, as the zone's own report shows), then the projects behind a number. A province
// account opens no project page: a row carries no link, and a confidential project is counted and shown as
// "保密项目" with nothing that identifies it (not its code, name, company, owner, date or money).
import * as z from "zod";
import { decodeKeyset, encodeKeyset } from "~/lib/list-state";
import type { Period } from "~/lib/periods";
import type { Viewer } from "~/modules/auth/policy";
import { openCursor, sealCursor } from "~/modules/http/sealed-cursor.server";
import { DRILL_PAGE_SIZE } from "~/modules/reports/report-routes.server";
import type { DrillCursor, DrillDownRow, Milestone } from "~/modules/reports/three-batches.server";
import { MILESTONES, threeBatchesProjects, threeBatchesReport } from "~/modules/reports/three-batches.server";
import type { ZoneRef } from "./figures.server";

const OWNER_ALL = { basis: "owner" as const, evidenceOnly: false };

/** The zone's report per company for the period (owning company, every claimed milestone). */
export function zoneCompanyReport(zone: ZoneRef, period: Pick<Period, "from" | "to">) {
  return threeBatchesReport(zone.id, { from: period.from, to: period.to, ...OWNER_ALL });
}

export type ProvinceDrillRow = Omit<DrillDownRow, "projectId" | "companyId" | "ownerId"> & { hidden: boolean };

/** What a province reader sees of a project behind a number: no ids; a confidential one nothing but its milestone. */
export function maskForProvince(r: DrillDownRow): ProvinceDrillRow {
  if (r.confidential) {
    return {
      code: "",
      name: "",
      milestone: r.milestone,
      businessOn: "",
      investmentWan: "",
      companyName: "",
      creditCompanyName: "",
      ownerName: null,
      stage: "",
      status: "",
      confidential: true,
      hasEvidence: false,
      hidden: true,
    };
  }
  const { projectId: _p, companyId: _c, ownerId: _o, ...rest } = r;
  return { ...rest, hidden: false };
}

const cursorSchema: z.ZodType<DrillCursor> = z.object({
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  m: z.enum(MILESTONES),
  id: z.number().int().positive(),
});

/**
 * The projects behind a number of a zone: one company of it (or all) and one milestone (or all three); one page
 * from the URL's cursor, or every row for an export. A page ending on a confidential row seals its cursor.
 */
export async function zoneProjects(
  viewer: Viewer,
  zone: ZoneRef,
  filter: { from: string; to: string; companyId: number | null; milestone: Milestone | null },
  page: { after: string | null } | null,
) {
  const after = page?.after
    ? page.after.startsWith("s.")
      ? openCursor("province-drill", viewer.id, cursorSchema, page.after)
      : decodeKeyset(cursorSchema, page.after)
    : undefined;
  const result = await threeBatchesProjects(zone.id, { ...filter, ...OWNER_ALL }, page ? { after, size: DRILL_PAGE_SIZE } : undefined);
  const rows = result.rows.map(maskForProvince);
  const next = result.next ? (rows.at(-1)?.hidden ? sealCursor("province-drill", viewer.id, result.next) : encodeKeyset(result.next)) : undefined;
  return { rows, total: result.total, published: result.published, next, after: after ? (page?.after ?? undefined) : undefined };
}
