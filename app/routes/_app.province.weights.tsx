// The weights of 四比四看 between zones: a province leader sets them (each save a new version), a city leader reads
// them; every version with who set it, when and why.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { DataTable } from "~/components/data-table";
import { TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { formatDateTime } from "~/lib/dates";
import type { FormReply } from "~/lib/forms";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import type { ZoneWeights } from "~/lib/zone-ranking";
import { ZONE_GROUPS, ZONE_MEASURES } from "~/lib/zone-ranking";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canSetZoneRankingWeights, readsProvinceFigures } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { zoneWeightsSchema } from "~/modules/province/ranking.schema";
import { currentZoneWeights, saveZoneWeights, zoneWeightHistory } from "~/modules/province/ranking.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "ranking.weights.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(readsProvinceFigures(user));
  const [current, history] = await Promise.all([currentZoneWeights(), zoneWeightHistory()]);
  return {
    current,
    history: history.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })),
    canEdit: canSetZoneRankingWeights(user),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(readsProvinceFigures(user));
  invariantResponse(canSetZoneRankingWeights(user), 403);
  const parsed = parseForm(zoneWeightsSchema, form);
  if (!parsed.ok) return replyInvalid("zoneWeight", parsed.errors, form);
  const { value: version } = throwIfRefused(await saveZoneWeights(user, parsed.data));
  const t = await getTranslator(request);
  // Back to the ranking of the period it was opened from (the query is the ranking page's).
  const search = new URL(request.url).search;
  return redirect(`/province/ranking${search}`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("ranking.weights.saved", { version }) }) },
  });
}

/** The province leader's weights: a plain POST that works without JavaScript; the same schema checks them first. */
function ZoneWeightsForm({ weights, reply }: { weights: ZoneWeights; reply?: FormReply | null }) {
  const t = useT();
  const f = useZodForm(zoneWeightsSchema, {
    intent: "zoneWeight",
    reply,
    defaults: { ...Object.fromEntries(ZONE_MEASURES.map((m) => [m.key, String(weights[m.key])])), note: "" },
  });
  const watched = f.form.watch();
  const sum = ZONE_MEASURES.reduce((s, m) => s + (Number(watched[m.key]) || 0), 0);
  return (
    <ZodForm form={f}>
      {ZONE_GROUPS.map((group) => (
        <fieldset key={group} className="weights-group">
          <legend>{t(`scorecard.group.${group}`)}</legend>
          <div className="weights-grid">
            {ZONE_MEASURES.filter((m) => m.group === group).map((m) => (
              <TextField key={m.key} form={f} name={m.key} label={t(`ranking.measure.${m.key}`)} type="number" min={0} max={100} step={1} />
            ))}
          </div>
        </fieldset>
      ))}
      <TextField form={f} name="note" label={t("scorecard.note")} maxLength={200} />
      <div className="form-actions">
        <span className="muted" data-testid="weight-sum">
          {t("scorecard.weightSum", { n: sum })}
        </span>
        <button type="submit" className="button primary">
          {t("common.save")}
        </button>
      </div>
    </ZodForm>
  );
}

type Version = ReturnType<typeof useLoaderData<typeof loader>>["history"][number];

export default function ZoneWeightsPage() {
  const { current, history, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const location = useLocation();
  const columns = useMemo<ColumnDef<Version>[]>(
    () => [
      { id: "version", header: t("ranking.weights.version"), meta: { numeric: true, cardTitle: true }, accessorFn: (v) => v.version },
      { id: "by", header: t("ranking.weights.by"), accessorFn: (v) => v.by ?? "—" },
      { id: "at", header: t("ranking.weights.at"), accessorFn: (v) => formatDateTime(v.createdAt) },
      {
        id: "weights",
        header: t("scorecard.weights"),
        accessorFn: (v) => ZONE_MEASURES.map((m) => `${t(`ranking.measure.${m.key}`)} ${v.weights[m.key]}`).join("，"),
      },
      { id: "note", header: t("ranking.weights.note"), accessorFn: (v) => v.note ?? "" },
    ],
    [t],
  );
  return (
    <>
      <div className="page-head">
        <h1>{t("ranking.weights.title")}</h1>
        <div className="head-actions">
          <Link to={`/province/ranking${location.search}`} className="button small">
            {t("ranking.weights.back")}
          </Link>
        </div>
      </div>
      <p className="muted">{t("ranking.weights.intro")}</p>
      <p data-testid="weights-in-force">
        {current.version
          ? t("scorecard.weightsVersion", { version: current.version, by: current.by ?? "—", at: formatDateTime(current.createdAt) })
          : t("scorecard.weightsDefault")}
      </p>
      {canEdit ? (
        <section className="panel" id="weights">
          <h2>{t("scorecard.editWeights")}</h2>
          <ZoneWeightsForm key={`${current.version}-${JSON.stringify(actionData ?? {})}`} weights={current.weights} reply={actionData} />
        </section>
      ) : (
        <section className="panel">
          <p className="muted">{t("ranking.weights.readOnly")}</p>
          <ul data-testid="weights-list">
            {ZONE_MEASURES.map((m) => (
              <li key={m.key}>
                {t(`ranking.measure.${m.key}`)}：{current.weights[m.key]}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="panel">
        <h2>{t("ranking.weights.history")}</h2>
        <div className="table-wrap" data-testid="weights-history">
          <DataTable<Version>
            data={history}
            columns={columns}
            emptyText={t("ranking.weights.default")}
            getRowId={(v) => String(v.version)}
            sticky={false}
          />
        </div>
      </section>
    </>
  );
}
