import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiUser } from "~/modules/auth/api-token.server";

// Who the bearer token acts as and what it may call: lets an integrating system check its token before it sends
// data. Any valid token may ask; no scope needed.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireApiUser(request);
  return Response.json({ login: user.login, role: user.role, zoneId: user.zoneId, companyId: user.companyId, scopes: user.scopes });
}
