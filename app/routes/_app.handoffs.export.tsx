// The handoff inbox's current filtered view as a file (?export=xlsx|csv); /handoffs?export=… comes here.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "~/modules/auth/lang.server";
import { canSeeHandoffs } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { requestedExport } from "~/modules/export/table-export.server";
import { handoffListSchema } from "~/modules/handoffs/handoffs.schema";
import { exportHandoffs } from "~/modules/imports/list-exports.server";
import { invariantResponse } from "~/modules/http/respond.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // As the inbox: admins have no handoffs.
  invariantResponse(canSeeHandoffs(user));
  const url = new URL(request.url);
  const format = requestedExport(url);
  invariantResponse(format);
  const back = new URL(url);
  back.pathname = "/handoffs";
  return exportHandoffs(user, handoffListSchema.parse(Object.fromEntries(url.searchParams)), format, back, await getTranslator(request));
}
