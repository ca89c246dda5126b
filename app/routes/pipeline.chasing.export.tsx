// The chasing lists as a file: ?export=xlsx|csv with the page's tab, sort and filters. A resource route, because
// a page route's loader cannot answer a document request with a download.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { todayInZone } from "~/lib/dates";
import { searchParamsRecord } from "~/lib/list-state";
import { getTranslator } from "~/modules/auth/lang.server";
import { canSeePipeline } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { exportResponse, requestedExport } from "~/modules/export/table-export.server";
import { chasingParamsSchema, parseBoardParams } from "~/modules/pipeline/pipeline.schema";
import { listChasing } from "~/modules/pipeline/pipeline.server";
import { invariantResponse } from "~/modules/http/respond.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeePipeline(user));
  const url = new URL(request.url);
  const format = requestedExport(url);
  invariantResponse(format);
  const { filters } = parseBoardParams(url.searchParams);
  const { tab, sort, dir } = chasingParamsSchema.parse(searchParamsRecord(url.searchParams));
  const today = todayInZone();
  const t = await getTranslator(request);
  const { rows } = await listChasing(user, filters, tab, sort, dir, today, 10_000);
  return exportResponse(
    {
      fileName: `${t("pipeline.chasing.title")}-${t(`pipeline.chasing.${tab}`)}-${today}`,
      sheetName: t(`pipeline.chasing.${tab}`),
      columns: [
        { key: "code", header: t("projects.code") },
        { key: "name", header: t("projects.name") },
        { key: "investorName", header: t("projects.investor") },
        { key: "companyName", header: t("projects.company") },
        { key: "ownerName", header: t("projects.owner") },
        { key: "stage", header: t("projects.stage") },
        { key: "totalInvestmentWan", header: t("projects.totalInvestment"), kind: "wan" },
        { key: "days", header: t(`pipeline.chasing.days.${tab}`), kind: "int" },
        { key: "lastActivityOn", header: t("projects.lastActivity"), kind: "date" },
        { key: "nextActionOn", header: t("activity.nextActionDue"), kind: "date" },
        { key: "nextAction", header: t("activity.nextAction") },
      ],
      rows: rows.map((r) => ({ ...r, stage: t(`stage.${r.stage}`) })),
      totalsLabel: t("common.total"),
    },
    format,
  );
}
