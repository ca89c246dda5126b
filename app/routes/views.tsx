// Saving and deleting saved views: a form post from the list, board or chasing pages; answers with a redirect back.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { parseForm } from "~/lib/forms";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { saveViewSchema } from "~/modules/pipeline/views.schema";
import { deleteView, saveView } from "~/modules/pipeline/views.server";
import { invariantResponse, parseId, throwIfRefused } from "~/modules/http/respond.server";

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const t = await getTranslator(request);
  const back = safeRedirect(form.get("back"), "/projects");
  const intent = form.get("intent");
  if (intent === "delete") {
    const id = parseId(form.get("id"));
    throwIfRefused(await deleteView(user, id));
    return redirect(back, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("views.deleted") }) } });
  }
  invariantResponse(intent === "save", 400);
  const parsed = parseForm(saveViewSchema, form, ["csrf", "intent", "back"]);
  if (!parsed.ok) {
    return redirect(back, {
      status: 303,
      headers: { "Set-Cookie": await flashHeader({ kind: "error", message: t("views.name") + "：" + t("validation.required") }) },
    });
  }
  const result = await saveView(user, parsed.data);
  invariantResponse(result.kind === "ok", 403, t("views.companyOnly"));
  return redirect(back, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("views.saved", { name: parsed.data.name }) }) } });
}
