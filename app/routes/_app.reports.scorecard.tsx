import { readingReports } from "~/modules/reports/replica.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { parseForm } from "~/lib/forms";
import { formatCount, formatPercent } from "~/lib/format";
import { formatWan } from "~/lib/money";
import { pageTitle } from "~/lib/meta";
import { periodFromSearch, periodQuery } from "~/lib/periods";
import type { MeasureDef, MeasureKey, MissingReason, MissingRule } from "~/lib/scorecard";
import { MEASURES, missingRuleFrom } from "~/lib/scorecard";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canSeeReports, canSetScorecardWeights } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { ExportLinks, ReportFilters } from "~/modules/reports/components/report-filters";
import { WeightsForm } from "~/modules/reports/components/weights-form";
import { reportSwitches, scorecardWeightsSchema } from "~/modules/reports/reports.schema";
import { saveScorecardWeights, scorecard } from "~/modules/reports/scorecard.server";
import { invariantResponse, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "scorecard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeReports(user), 403);
  const url = new URL(request.url);
  if (requestedExport(url)) throw redirect(`/reports/export/scorecard${url.search}`);
  const { period, error } = periodFromSearch(url.searchParams, todayInZone());
  const { basis } = reportSwitches(url.searchParams);
  const scope = url.searchParams.get("scope") === "all" ? ("all" as const) : ("attraction" as const);
  const missing = missingRuleFrom(url.searchParams);
  const card = await readingReports(() => scorecard(user.zoneId, period, { basis, scope, missing }));
  return { card, error, basis, scope, canEdit: canSetScorecardWeights(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canSetScorecardWeights(user), 403);
  const parsed = parseForm(scorecardWeightsSchema, form);
  if (!parsed.ok) return replyInvalid("weight", parsed.errors, form);
  const { value: version } = throwIfRefused(await saveScorecardWeights(user, parsed.data));
  const t = await getTranslator(request);
  const url = new URL(request.url);
  return redirect(`/reports/scorecard${url.search}`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("scorecard.weightsSaved", { version }) }) },
  });
}

function formatValue(m: MeasureDef, value: number | string | null) {
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
  return `/reports/scorecard${query ? `?${query}` : ""}`;
}

/** "—" for a measure with no data, its reason on hover and, for screen readers, in visually hidden text. */
function Missing({ reason }: { reason: MissingReason | undefined }) {
  const t = useT();
  const text = reason ? t(`scorecard.missing.${reason}`) : "";
  return (
    <span className="missing-value" title={text} data-testid="missing">
      <span aria-hidden="true">—</span>
      <span className="sr-only">{t("scorecard.missing.hidden", { reason: text })}</span>
    </span>
  );
}

type Card = ReturnType<typeof useLoaderData<typeof loader>>["card"];
type Row = Card["rows"][number];
const num: ColumnMeta = { numeric: true };

function useScorecardColumns(card: Card, basis: string): { ranked: ColumnDef<Row>[]; detail: ColumnDef<Row>[] } {
  const t = useT();
  return useMemo(() => {
    const weighted = MEASURES.filter((m) => card.weights[m.key] > 0);
    const measureCell = (m: MeasureDef, r: Row, withScore: boolean) => {
      const value = r.values[m.key as MeasureKey];
      const score = r.scores[m.key as MeasureKey];
      const contribution = r.contributions[m.key as MeasureKey];
      return (
        <>
          {value === null ? <Missing reason={r.reasons[m.key as MeasureKey]} /> : formatValue(m, value)}
          {m.key === "satisfaction" && r.requests.rated > 0 ? <div className="muted">{t("scorecard.rated", { n: r.requests.rated })}</div> : null}
          {withScore && score !== null ? (
            <div className="muted" title={`${t("scorecard.score")} ${score.toFixed(2)}`}>
              {score.toFixed(1)} → {(contribution ?? 0).toFixed(2)}
            </div>
          ) : null}
        </>
      );
    };
    const ranked: ColumnDef<Row>[] = [
      { id: "rank", header: t("scorecard.rank"), meta: num, cell: ({ row }) => <span data-testid="rank">{row.original.rank ?? "—"}</span> },
      {
        id: "previousRank",
        header: t("scorecard.previousRank"),
        meta: num,
        cell: ({ row }) => <span className="muted">{row.original.previousRank ?? "—"}</span>,
      },
      {
        id: "company",
        header: t("reports.company"),
        cell: ({ row }) => (
          <Link
            to={`/reports/three-batches/projects?${periodQuery(card.period)}&basis=${basis}&company=${row.original.id}`}
            className="row-name"
            data-company={row.original.name}
          >
            {row.original.name}
          </Link>
        ),
      },
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
            measures: r.missing.map((k) => t(`scorecard.measure.${k}`)).join("、"),
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
        id: "targets",
        header: () => (
          <>
            {t("targets.overall")}
            <div className="muted">{t("targets.gap")}</div>
          </>
        ),
        meta: num,
        cell: ({ row }) => {
          const target = row.original.target;
          return (
            <>
              {target?.overall ? formatPercent(target.overall) : <Missing reason="noTarget" />}
              <div className="muted">{target?.gap ? `${formatWan(target.gap.signedInvestmentWan)} ${t("common.wan")}` : ""}</div>
            </>
          );
        },
      },
      ...weighted.map((m): ColumnDef<Row> => ({
        id: m.key,
        header: () => (
          <span title={m.better === "lower" ? t("scorecard.better.lower") : undefined}>
            {t(`scorecard.measure.${m.key}`)}
            <div className="muted">
              {t("scorecard.weights")} {card.weights[m.key]}
            </div>
          </span>
        ),
        meta: num,
        cell: ({ row }) => measureCell(m, row.original, true),
      })),
    ];
    const detail: ColumnDef<Row>[] = [
      { id: "company", header: t("reports.company"), cell: ({ row }) => <strong className="row-name">{row.original.shortName}</strong> },
      ...MEASURES.map((m): ColumnDef<Row> => ({
        id: m.key,
        header: t(`scorecard.measure.${m.key}`),
        meta: num,
        cell: ({ row }) => measureCell(m, row.original, false),
      })),
    ];
    return { ranked, detail };
  }, [t, card, basis]);
}

export default function ScorecardPage() {
  const { card, error, basis, scope, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const location = useLocation();
  const { ranked, detail } = useScorecardColumns(card, basis);
  const other: MissingRule = card.missing === "zero" ? "rescale" : "zero";
  return (
    <>
      <div className="page-head">
        <h1>{t("scorecard.title")}</h1>
        <div className="head-actions">
          <span className="muted">{t("reports.periodLabel", { from: card.period.from, to: card.period.to })}</span>
          <ExportLinks path="/reports/export/scorecard" search={location.search} />
        </div>
      </div>
      <p className="muted">{t("scorecard.subtitle")}</p>
      <ReportFilters
        action="/reports/scorecard"
        period={card.period}
        switches={{ basis, evidenceOnly: false }}
        showEvidence={false}
        extra={
          <>
            <div className="field">
              <label htmlFor="scope">{t("scorecard.scope")}</label>
              <select id="scope" name="scope" defaultValue={scope}>
                <option value="attraction">{t("scorecard.scope.attraction")}</option>
                <option value="all">{t("scorecard.scope.all")}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="missing">{t("scorecard.rule.field")}</label>
              <select id="missing" name="missing" defaultValue={card.missing}>
                <option value="rescale">{t("scorecard.rule.name.rescale")}</option>
                <option value="zero">{t("scorecard.rule.name.zero")}</option>
              </select>
            </div>
          </>
        }
      />
      {error ? (
        <p className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      <p className="muted">
        {card.weightSet.version
          ? t("scorecard.weightsVersion", {
              version: card.weightSet.version,
              by: card.weightSet.by ?? "—",
              at: formatDateTime(card.weightSet.createdAt),
            })
          : t("scorecard.weightsDefault")}{" "}
        · {t("scorecard.previousPeriod", { from: card.previous.from, to: card.previous.to })}
      </p>
      <section className="panel missing-rule" data-testid="missing-rule" aria-labelledby="missing-rule-title">
        <h2 id="missing-rule-title">{t("scorecard.rule.title")}</h2>
        <p>
          <strong data-testid="rule-in-force">{t("scorecard.rule.current", { rule: t(`scorecard.rule.name.${card.missing}`) })}</strong>{" "}
          <Link to={withRule(location.search, other)} className="button small" data-testid="switch-rule">
            {t(other === "zero" ? "scorecard.rule.switchToZero" : "scorecard.rule.switchToRescale")}
          </Link>
        </p>
        <p className="muted">{t("scorecard.rule.rescale")}</p>
        <p className="muted">{t("scorecard.rule.zero")}</p>
      </section>
      <section className="panel">
        <div className="table-wrap report" data-testid="scorecard">
          <DataTable<Row>
            data={card.rows}
            columns={ranked}
            sort=""
            dir="asc"
            sortHref={() => "#"}
            emptyText={t("common.none")}
            getRowId={(r) => String(r.id)}
            sticky={false}
          />
        </div>
        <p className="muted">{t("scorecard.scoringNote")}</p>
        <p className="muted">{t("scorecard.snapshotNote")}</p>
        <p className="muted">{t("scorecard.chainFillsNote")}</p>
      </section>
      <section className="panel">
        <h2>{t("scorecard.detail")}</h2>
        <div className="table-wrap report" data-testid="scorecard-detail">
          <DataTable<Row>
            data={card.rows}
            columns={detail}
            sort=""
            dir="asc"
            sortHref={() => "#"}
            emptyText={t("common.none")}
            getRowId={(r) => String(r.id)}
            sticky={false}
          />
        </div>
      </section>
      {canEdit ? (
        <section className="panel" id="weights">
          <h2>{t("scorecard.editWeights")}</h2>
          <WeightsForm key={`${card.weightSet.version}-${JSON.stringify(actionData ?? {})}`} weights={card.weights} reply={actionData} />
        </section>
      ) : null}
    </>
  );
}
