import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { destroySession } from "~/modules/auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  await requireUserForm(request);
  return redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
}

export async function loader() {
  // Signing out changes state, so it is a POST only.
  return redirect("/");
}
