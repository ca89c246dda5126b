// 四比四看 between zones (issue 20 item 3): the province leader ranks every zone, a city leader their city's zones.
import { readingReports } from "~/modules/reports/replica.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { formatCount, formatPercent } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { formatWan } from "~/lib/money";
import { periodFromSearch } from "~/lib/periods";
import type { MissingRule } from "~/lib/scorecard";
import { missingRuleFrom } from "~/lib/scorecard";
import { useT } from "~/lib/use-i18n";
import type { ZoneMeasureDef, ZoneMeasureKey, ZoneMissingReason } from "~/lib/zone-ranking";
import { rankChangeText, ZONE_MEASURES } from "~/lib/zone-ranking";
import { canSetZoneRankingWeights, readsProvinceFigures } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { invariantResponse, throwIfRefused } from "~/modules/http/respond.server";
import { zoneRanking } from "~/modules/province/ranking.server";
import { ExportLinks, ReportFilters } from "~/modules/reports/components/report-filters";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "ranking.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(readsProvinceFigures(user));
  const url = new URL(request.url);
  if (requestedExport(url)) throw redirect(`/province/ranking/export${url.search}`);
  const { period, error } = periodFromSearch(url.searchParams, todayInZone());
  const { value: ranking } = throwIfRefused(await readingReports(() => zoneRanking(user, period, { missing: missingRuleFrom(url.searchParams) })));
  return { ranking, error, canEdit: canSetZoneRankingWeights(user) };
}

function formatValue(m: ZoneMeasureDef, value: number | string | null) {
  if (value === null) return "—";
  if (m.kind === "wan") return formatWan(String(value));
  if (m.kind === "percent") return formatPercent(value);
  if (m.kind === "int" || m.kind === "days") return formatCount(value);
  return String(value);
}

/** The URL of this page with the missing-measures rule switched (the default rule drops the parameter). */
function withRule(search: string, rule: MissingRule) {
  const params = new URLSearchParams(search);
  params.delete("missing");
  if (rule === "zero") params.set("missing", "zero");
  const query = params.toString();
  return `/province/ranking${query ? `?${query}` : ""}`;
}

/** "—" for a measure with no data, its reason on hover and, for screen readers, in visually hidden text. */
function Missing({ reason }: { reason: ZoneMissingReason | undefined }) {
  const t = useT();
  const text = reason ? t(`ranking.missing.${reason}`) : "";
  return (
    <span className="missing-value" title={text} data-testid="missing">
      <span aria-hidden="true">—</span>
      <span className="sr-only">{t("scorecard.missing.hidden", { reason: text })}</span>
    </span>
  );
}

type Ranking = ReturnType<typeof useLoaderData<typeof loader>>["ranking"];
type Row = Ranking["rows"][number];
const num: ColumnMeta = { numeric: true };

function useRankingColumns(ranking: Ranking): { ranked: ColumnDef<Row>[]; detail: ColumnDef<Row>[] } {
  const t = useT();
  return useMemo(() => {
    const weighted = ZONE_MEASURES.filter((m) => ranking.weights[m.key] > 0);
    const measureCell = (m: ZoneMeasureDef, r: Row, withScore: boolean) => {
      const key = m.key as ZoneMeasureKey;
      const value = r.values[key];
      const score = r.scores[key];
      return (
        <>
          {value === null ? <Missing reason={r.reasons[key]} /> : formatValue(m, value)}
          {withScore && score !== null ? (
            <div className="muted" title={`${t("scorecard.score")} ${score.toFixed(2)}`}>
              {score.toFixed(1)} → {(r.contributions[key] ?? 0).toFixed(2)}
            </div>
          ) : null}
        </>
      );
    };
    const changeTitle = (r: Row) => {
      const c = r.change;
      if (c === null) return "";
      if (c.kind === "new") return t("ranking.change.newTitle");
      if (c.kind === "same") return t("ranking.change.same");
      return t(c.kind === "up" ? "ranking.change.up" : "ranking.change.down", { n: c.by });
    };
    const zoneCell = (r: Row) => (
      <span className="row-name" data-zone={r.name}>
        {r.name}
      </span>
    );
    const ranked: ColumnDef<Row>[] = [
      {
        id: "rank",
        header: t("scorecard.rank"),
        meta: num,
        cell: ({ row }) => <span data-testid="rank">{row.original.rank ?? "—"}</span>,
      },
      { id: "zone", header: t("ranking.zone"), meta: { cardTitle: true }, cell: ({ row }) => zoneCell(row.original) },
      { id: "city", header: t("ranking.city"), cell: ({ row }) => row.original.city ?? "—" },
      {
        id: "total",
        header: t("scorecard.total"),
        meta: num,
        cell: ({ row }) => {
          const r = row.original;
          if (r.total === null)
            return (
              <span title={t("scorecard.noTotal")} data-testid="total">
                —
              </span>
            );
          const title = t("scorecard.rescaledTitle", {
            measures: r.missing.map((k) => t(`ranking.measure.${k}`)).join("、"),
            covered: r.weightCovered,
            sum: r.weightSum,
          });
          return (
            <>
              <strong data-testid="total">{r.total.toFixed(2)}</strong>
              {r.rescaled ? (
                <span className="rescaled-mark" title={title} data-testid="rescaled">
                  <span aria-hidden="true">{t("scorecard.rescaledMark")}</span>
                  <span className="sr-only">{title}</span>
                </span>
              ) : null}
            </>
          );
        },
      },
      {
        id: "previousRank",
        header: t("scorecard.previousRank"),
        meta: num,
        cell: ({ row }) => <span className="muted">{row.original.previousRank ?? "—"}</span>,
      },
      {
        id: "change",
        header: t("ranking.change"),
        meta: num,
        cell: ({ row }) => {
          const r = row.original;
          const text = rankChangeText(r.change, t("ranking.change.new"));
          return (
            <span title={changeTitle(r)} data-testid="change" className={r.change ? `rank-change rank-${r.change.kind}` : undefined}>
              {text}
            </span>
          );
        },
      },
      ...weighted.map((m): ColumnDef<Row> => ({
        id: m.key,
        header: `${t(`ranking.measure.${m.key}`)} · ${t("scorecard.weights")} ${ranking.weights[m.key]}`,
        meta: num,
        cell: ({ row }) => measureCell(m, row.original, true),
      })),
    ];
    // The measures the ranked table does not show (weight 0), raw: the weighted ones are there with their scores,
    // so repeating them here doubled the page (88 zones × 11 measures, half of its render).
    const unweighted = ZONE_MEASURES.filter((m) => !(ranking.weights[m.key] > 0));
    const detail: ColumnDef<Row>[] = [
      { id: "zone", header: t("ranking.zone"), meta: { cardTitle: true }, cell: ({ row }) => zoneCell(row.original) },
      ...unweighted.map((m): ColumnDef<Row> => ({
        id: m.key,
        header: t(`ranking.measure.${m.key}`),
        meta: num,
        cell: ({ row }) => measureCell(m, row.original, false),
      })),
    ];
    return { ranked, detail };
  }, [t, ranking]);
}

export default function ZoneRankingPage() {
  const { ranking, error, canEdit } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const { ranked, detail } = useRankingColumns(ranking);
  const other: MissingRule = ranking.missing === "zero" ? "rescale" : "zero";
  const scope = ranking.scope;
  return (
    <>
      <div className="page-head">
        <h1>{t("ranking.title")}</h1>
        <div className="head-actions">
          <span className="muted">{t("reports.periodLabel", { from: ranking.period.from, to: ranking.period.to })}</span>
          <ExportLinks path="/province/ranking/export" search={location.search} />
        </div>
      </div>
      <p className="muted">{t("ranking.subtitle")}</p>
      <p data-testid="ranking-scope">
        {scope.kind === "province"
          ? t("ranking.scope.province", { n: ranking.rows.length })
          : scope.city
            ? t("ranking.scope.city", { city: scope.city, n: ranking.rows.length })
            : t("ranking.scope.noCity")}
      </p>
      <ReportFilters
        action="/province/ranking"
        period={ranking.period}
        extra={
          <div className="field">
            <label htmlFor="missing">{t("scorecard.rule.field")}</label>
            <select id="missing" name="missing" defaultValue={ranking.missing}>
              <option value="rescale">{t("scorecard.rule.name.rescale")}</option>
              <option value="zero">{t("scorecard.rule.name.zero")}</option>
            </select>
          </div>
        }
      />
      {error ? (
        <p className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      <p className="muted" data-testid="weights-in-force">
        {ranking.weightSet.version
          ? t("scorecard.weightsVersion", {
              version: ranking.weightSet.version,
              by: ranking.weightSet.by ?? "—",
              at: formatDateTime(ranking.weightSet.createdAt),
            })
          : t("scorecard.weightsDefault")}{" "}
        <Link to={`/province/weights${location.search}`}>{t(canEdit ? "ranking.weightsLink" : "ranking.weightsReadOnly")}</Link> ·{" "}
        {t("scorecard.previousPeriod", { from: ranking.previous.from, to: ranking.previous.to })}
      </p>
      <section className="panel">
        <div className="table-wrap report" data-testid="ranking">
          <DataTable<Row> data={ranking.rows} columns={ranked} emptyText={t("common.none")} getRowId={(r) => String(r.id)} sticky={false} />
        </div>
      </section>
      <section className="panel" aria-labelledby="scoring-title" data-testid="scoring-rule">
        <h2 id="scoring-title">{t("ranking.scoring.title")}</h2>
        <p>{t("ranking.scoring.rule")}</p>
        <p>
          <strong data-testid="rule-in-force">{t("scorecard.rule.current", { rule: t(`scorecard.rule.name.${ranking.missing}`) })}</strong>{" "}
          <Link to={withRule(location.search, other)} className="button small" data-testid="switch-rule">
            {t(other === "zero" ? "scorecard.rule.switchToZero" : "scorecard.rule.switchToRescale")}
          </Link>
        </p>
        <p className="muted">{t("ranking.rule.rescale")}</p>
        <p className="muted">{t("ranking.rule.zero")}</p>
        <p className="muted">{t("ranking.scoring.live")}</p>
      </section>
      <section className="panel" aria-labelledby="counts-title">
        <h2 id="counts-title">{t("ranking.counts.title")}</h2>
        <dl className="measure-notes" data-testid="measure-notes">
          {ZONE_MEASURES.map((m) => (
            <div key={m.key}>
              <dt>
                <strong>{t(`ranking.measure.${m.key}`)}</strong> <span className="muted">{t(`scorecard.group.${m.group}`)}</span>
              </dt>
              <dd className="muted">{t(`ranking.counts.${m.key}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      {detail.length > 1 ? (
        <section className="panel">
          <h2>{t("ranking.detail")}</h2>
          <div className="table-wrap report" data-testid="ranking-detail">
            <DataTable<Row> data={ranking.rows} columns={detail} emptyText={t("common.none")} getRowId={(r) => String(r.id)} sticky={false} />
          </div>
        </section>
      ) : null}
    </>
  );
}
