import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { UserForm } from "~/modules/admin/components/user-form";
import { createZoneUser, listAssignableCompanies } from "~/modules/admin/users.server";
import { createUserSchema } from "~/modules/admin/users.schema";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canManageUsers } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, replyInvalid } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "users.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canManageUsers(user));
  return { companies: await listAssignableCompanies(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canManageUsers(user));
  const parsed = parseForm(createUserSchema, form);
  if (!parsed.ok) return replyInvalid("create", parsed.errors, form);
  const result = await createZoneUser(user, parsed.data);
  if ("errors" in result) return replyInvalid("create", result.errors ?? {}, form);
  const t = await getTranslator(request);
  return redirect("/admin/users", {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: `${t("users.created")}：${parsed.data.login}` }) },
  });
}

export default function NewUserPage() {
  const { companies } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/admin/users">← {t("users.title")}</Link>
      </p>
      <h1>{t("users.new")}</h1>
      <section className="panel">
        {/* A new answer opens the form afresh, so that a message the server repeats shows again. */}
        <UserForm key={JSON.stringify(reply ?? {})} mode="create" companies={companies} defaults={{}} reply={reply} />
      </section>
    </>
  );
}
