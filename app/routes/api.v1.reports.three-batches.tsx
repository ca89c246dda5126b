import { readingReports } from "~/modules/reports/replica.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { comparedPeriod } from "~/lib/periods";
import { requireReportsApiRange } from "~/modules/http/api-reports.server";
import { canSeeReports, hidesConfidentialInReports, readsProvinceFigures } from "~/modules/auth/policy";
import { provinceReader, provinceReport, readableZones, sumCells as sumCellsOf } from "~/modules/province/figures.server";
import type { Cell, MilestoneCells } from "~/modules/reports/comparison";
import { MILESTONES } from "~/modules/reports/milestones";
import { changesSincePublished } from "~/modules/reports/published-periods.server";
import { reportSwitches } from "~/modules/reports/reports.schema";
import { threeBatchesReport } from "~/modules/reports/three-batches.server";

// The zone's 三个一批 for the province's dispatch platform, on the page's own query (a published period answers
// its published figures, says so, and lists what changed since). DOMAIN.md: one row per company of the caller's
// zone, investmentWan with two places; issue 18: the company's id and code, `compare=yoy|pop` puts the compared
// period's figure as `previous` beside each figure.

export async function loader({ request }: LoaderFunctionArgs) {
  const by = new URL(request.url).searchParams.get("by");
  if (by === "zone") return provinceByZone(request);
  if (by !== null && by !== "company") {
    return Response.json(
      { error: "by must be company (a zone's token, the default) or zone (a province or city leader's token)", field: "by" },
      { status: 400 },
    );
  }
  const { user, url, period } = await requireReportsApiRange(request, {
    may: canSeeReports,
    refusal: "this token's user may not read a zone's reports by company (a province or city leader's token asks for by=zone)",
  });
  const compareParam = url.searchParams.get("compare");
  if (compareParam !== null && compareParam !== "yoy" && compareParam !== "pop") {
    return Response.json(
      { error: "compare must be yoy (the same period a year earlier) or pop (the period just before)", field: "compare" },
      { status: 400 },
    );
  }
  const compare = compareParam;
  const switches = reportSwitches(url.searchParams);
  const before = compare ? comparedPeriod(period, compare) : null;
  const [report, previous, changes] = await readingReports(async () => {
    const [current, prior] = await Promise.all([
      threeBatchesReport(user.zoneId, { from: period.from, to: period.to, ...switches }),
      before ? threeBatchesReport(user.zoneId, { from: before.from, to: before.to, ...switches }) : null,
    ]);
    return [current, prior, current.published ? await changesSincePublished(user.zoneId, current.published.id) : null] as const;
  });
  const earlier = new Map(previous?.rows.map((r) => [r.id, r]));
  const zero: Cell = { count: 0, investmentWan: "0.00" };
  const cells = (current: MilestoneCells, prior: MilestoneCells | undefined | null) =>
    Object.fromEntries(MILESTONES.map((m) => [m, previous ? { ...current[m], previous: prior?.[m] ?? zero } : current[m]]));
  // An admin's token, like the admin's pages, never names a confidential project: its change is counted, code null.
  const hide = hidesConfidentialInReports(user);
  return Response.json(
    {
      from: period.from,
      to: period.to,
      ...(before && compare ? { compare: { kind: compare, from: before.from, to: before.to } } : {}),
      published: report.published ? { at: new Date(report.published.publishedAt).toISOString(), by: report.published.publishedBy } : null,
      ...(changes
        ? {
            changesSincePublished: changes.map((c) => ({
              code: hide && c.confidential ? null : c.code,
              milestone: c.milestone,
              kind: c.kind,
              publishedOn: c.publishedOn,
              currentOn: c.currentOn,
              publishedWan: c.publishedWan,
              currentWan: c.currentWan,
              differenceWan: c.differenceWan,
            })),
          }
        : {}),
      rows: report.rows.map((r) => ({
        companyId: r.id,
        code: r.code,
        company: r.name,
        cluster: r.cluster,
        ...cells(r, earlier.get(r.id)),
      })),
      total: cells(report.total, previous?.total),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * The province's view (issue 20): `by=zone` with a province or city leader's token — one row per zone the token's
 * user may read, with the zone's published figures for exactly this period where it published one (else its live
 * figures, `published: null`) and its live figures beside them; `total` sums the rows as given, `totalLive` and
 * `totalPublished` the two kinds side by side. A zone's token is refused (403): it reads its own zone by company.
 */
async function provinceByZone(request: Request) {
  const { user, url, period } = await requireReportsApiRange(request, {
    may: readsProvinceFigures,
    refusal: "by=zone is the province's view: it needs a province or city leader's token (a zone's token reads its own zone by company)",
  });
  if (url.searchParams.has("compare") || url.searchParams.has("basis") || url.searchParams.has("evidence")) {
    return Response.json({ error: "by=zone takes only from and to (owning company, every claimed milestone)", field: "by" }, { status: 400 });
  }
  const report = await readingReports(async () => provinceReport(await readableZones(await provinceReader(user)), { ...period }, null));
  const figures = (c: MilestoneCells) => Object.fromEntries(MILESTONES.map((m) => [m, c[m]]));
  const reported = sumCellsOf(report.zones.map((z) => z.reported));
  return Response.json(
    {
      from: period.from,
      to: period.to,
      rows: report.zones.map((z) => ({
        zoneCode: z.code,
        zone: z.name,
        city: z.city,
        published: z.published ? { at: z.published.at, by: z.published.by } : null,
        ...figures(z.reported),
        live: figures(z.live),
      })),
      total: figures(reported),
      totalLive: figures(report.total.live),
      totalPublished: { zones: report.total.publishedZones, ...figures(report.total.published) },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
