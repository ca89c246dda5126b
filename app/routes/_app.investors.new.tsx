import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
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
import { createInvestorSchema, investorFormFields, investorFormValues, parseInvestorValues } from "~/modules/investors/investors.schema";
import type { InvestorMatch, OtherZoneMatch } from "~/modules/investors/matches";
import { createInvestor } from "~/modules/investors/investors.server";
import { invariantResponse, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import type { FieldErrors, FormValues } from "~/lib/forms";

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
  const reply = (
    errors: FieldErrors,
    sent: FormValues | FormData,
    extra: { matches?: InvestorMatch[]; otherZones?: OtherZoneMatch[]; existing?: { id: number; name: string } } = {},
    status = 400,
  ) =>
    replyInvalid(undefined, errors, sent, status, {
      matches: extra.matches ?? null,
      otherZones: extra.otherZones ?? null,
      existing: extra.existing ?? null,
    });
  const rows = contactRowsEdit(form, values);
  if (rows) return reply({}, investorFormFields(rows), {}, 200);

  const parsed = parseInvestorValues(createInvestorSchema, values);
  if (!parsed.ok) return reply(parsed.errors, form);
  const result = throwIfRefused(await createInvestor(user, parsed.data));
  if (result.kind === "invalid") return reply(result.fieldErrors, form);
  if (result.kind === "conflict") {
    const clash = result.detail;
    // Similar investors: shown above the form, which keeps the input; "我已了解，仍然登记" sends it again confirmed.
    if (clash.kind === "similar") return reply({}, form, { matches: clash.matches, otherZones: clash.otherZones });
    return reply(clash.errors, form, { existing: clash.existing });
  }
  const t = await getTranslator(request);
  const { id, name, otherZones } = result.value;
  // Registered either way; another zone following it is said again, so a form sent without JavaScript hears it too.
  const message = otherZones.length
    ? `${t("investors.created", { name })} ${t("investors.otherZonesFollowing", { zones: otherZones.map((z) => z.zone).join("、") })}`
    : t("investors.created", { name });
  return redirect(`/investors/${id}`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message }) },
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
        defaults={{ name, contacts: [{}] }}
        reply={actionData}
        matches={actionData?.matches}
        otherZones={actionData?.otherZones}
        existing={actionData?.existing}
        cancelTo="/investors"
      />
    </>
  );
}
