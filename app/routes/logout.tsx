import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { auditAuth } from "~/modules/auth/auth-audit.server";
import { requireAnySessionForm } from "~/modules/auth/csrf.server";
import { destroySession } from "~/modules/auth/session.server";

// Ends the session server-side (its row is deleted: the cookie is worthless afterwards). A session still waiting
// for its second factor may sign out too.
export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireAnySessionForm(request);
  if (!session) return redirect("/login");
  const { user } = session;
  await auditAuth({ zoneId: user.zoneId, actorId: user.id, userId: user.id, action: "logout", login: user.login, ip: context.clientIp });
  return redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
}

export async function loader() {
  // Signing out changes state, so it is a POST only.
  return redirect("/");
}
