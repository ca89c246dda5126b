import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SelectField } from "~/components/select-field";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { HANDOFF_STATUSES } from "~/lib/domain-values";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { canSeeHandoffs, seesWholeZone } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { ExportLinks } from "~/modules/imports/components/export-links";
import { HandoffTable } from "~/modules/handoffs/components/handoff-table";
import { HANDOFF_OVERDUE_DAYS, handoffListSchema } from "~/modules/handoffs/handoffs.schema";
import { countHandoffsByStatus, listHandoffs } from "~/modules/handoffs/handoffs.server";
import { invariantResponse } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "handoffs.title");

/** The inbox shows the first 100 in its order (overdue, waiting, then the latest answered); the export has all. */
const SHOWN = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Handoffs are between companies: staff and managers see their company's, leaders the whole zone's.
  invariantResponse(canSeeHandoffs(user));
  const url = new URL(request.url);
  // A page cannot answer with a download: the export is its own route, with the same filters.
  if (requestedExport(url)) throw redirect(`/handoffs/export${url.search}`);
  const params = handoffListSchema.parse(Object.fromEntries(url.searchParams));
  const [fetched, counts] = await Promise.all([listHandoffs(user, params, SHOWN + 1), countHandoffsByStatus(user)]);
  return {
    params,
    zoneWide: seesWholeZone(user),
    more: fetched.length > SHOWN,
    rows: fetched.slice(0, SHOWN).map((h) => ({
      ...h,
      createdAt: h.createdAt.toISOString(),
      answeredAt: h.answeredAt?.toISOString() ?? null,
      closedAt: h.closedAt?.toISOString() ?? null,
    })),
    counts,
    overdue: counts.reduce((n, c) => n + c.overdue, 0),
  };
}

export default function HandoffsPage() {
  const { params, rows, more, counts, overdue, zoneWide } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-head">
        <h1>{t("handoffs.title")}</h1>
        <div className="head-actions">
          {overdue > 0 ? <span className="badge overdue">{t("handoffs.overdueCount", { n: overdue, days: HANDOFF_OVERDUE_DAYS })}</span> : null}
          <ExportLinks path="/handoffs/export" />
        </div>
      </div>
      <section className="panel">
        <Form method="get" className="filters">
          {zoneWide ? null : (
            <SelectField
              id="box"
              label={t("handoffs.box")}
              value={params.box}
              options={(["all", "incoming", "outgoing"] as const).map((b) => ({ value: b, label: t(`handoffs.box.${b}`) }))}
            />
          )}
          <SelectField
            id="status"
            label={t("handoffs.status")}
            value={params.status}
            emptyLabel={t("handoffs.anyStatus")}
            options={HANDOFF_STATUSES.map((s) => ({
              value: s,
              label: `${t(`handoffs.status.${s}`)}（${counts.find((c) => c.status === s)?.n ?? 0}）`,
            }))}
          />
          <button type="submit" className="button">
            {t("handoffs.filter")}
          </button>
        </Form>
        {rows.length === 0 ? <p className="muted">{t("handoffs.none")}</p> : <HandoffTable rows={rows} />}
        {more ? <p className="muted small">{t("handoffs.more", { n: rows.length })}</p> : null}
      </section>
    </>
  );
}
