import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canCreateInvestor } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { InvestorForm } from "~/modules/investors/components/investor-form";
import { contactRowsEdit } from "~/modules/investors/investor-routes.server";
import { createInvestorSchema, investorFormValues, parseInvestorValues } from "~/modules/investors/investors.schema";
import { createInvestor } from "~/modules/investors/investors.server";
import { invariantResponse, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "investors.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canCreateInvestor(user));
  const name = new URL(request.url).searchParams.get("name")?.trim().slice(0, 100) ?? "";
  return { name };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canCreateInvestor(user));
  const values = investorFormValues(form);
  const rows = contactRowsEdit(form, values);
  if (rows) return data({ values: rows, errors: {}, matches: null, existing: null });

  const parsed = parseInvestorValues(createInvestorSchema, values);
  if (!parsed.ok) return data({ values, errors: parsed.errors, matches: null, existing: null }, { status: 400 });
  const result = throwIfRefused(await createInvestor(user, parsed.data));
  if (result.kind === "invalid") return data({ values, errors: result.fieldErrors, matches: null, existing: null }, { status: 400 });
  if (result.kind === "conflict") {
    const clash = result.detail;
    // Similar investors: shown above the form, which keeps the input; "我已了解，仍然登记" sends it again confirmed.
    if (clash.kind === "similar") return data({ values, errors: {}, matches: clash.matches, existing: null }, { status: 400 });
    return data({ values, errors: clash.errors, matches: null, existing: clash.existing }, { status: 400 });
  }
  const t = await getTranslator(request);
  return redirect(`/investors/${result.value.id}`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("investors.created", { name: result.value.name }) }) },
  });
}

export default function NewInvestorPage() {
  const { name } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/investors">← {t("investors.title")}</Link>
      </p>
      <div className="page-head">
        <h1>{t("investors.new")}</h1>
      </div>
      <p className="muted page-hint">{t("investors.newHint")}</p>
      <InvestorForm
        key={JSON.stringify(actionData ?? {})}
        mode="create"
        defaults={actionData?.values ?? { name, contacts: [{}] }}
        serverErrors={actionData?.errors}
        matches={actionData?.matches}
        existing={actionData?.existing}
        cancelTo="/investors"
      />
    </>
  );
}
