import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { homePath } from "~/modules/auth/policy";
import { getSessionUser } from "~/modules/auth/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return redirect(user ? homePath(user) : "/login");
}
