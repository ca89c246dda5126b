import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { parseLang } from "~/lib/i18n";
import { langCookie } from "~/modules/auth/lang.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { readForm } from "~/modules/auth/csrf.server";

// Switching language is allowed before sign-in, carries no data, and only sets a preference cookie.
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lang = parseLang(String(form.get("lang")));
  return redirect(safeRedirect(form.get("back"), "/"), {
    headers: { "Set-Cookie": await langCookie.serialize(lang) },
  });
}

export async function loader() {
  return redirect("/");
}
