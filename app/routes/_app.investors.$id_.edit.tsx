import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { ConflictNotice } from "~/components/conflict-notice";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canEditInvestor } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { InvestorForm } from "~/modules/investors/components/investor-form";
import { contactRowsEdit } from "~/modules/investors/investor-routes.server";
import { investorFormFields, investorFormValues, parseInvestorValues, updateInvestorSchema } from "~/modules/investors/investors.schema";
import type { InvestorStale } from "~/modules/investors/investors.server";
import { getInvestorForViewer, loadInvestorFacts, updateInvestor } from "~/modules/investors/investors.server";
import { invariantResponse, parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { formValues } from "~/lib/forms";
import type { FieldErrors, FormValues } from "~/lib/forms";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "investors.edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await getInvestorForViewer(user, parseId(params.id));
  invariantResponse(found);
  // Everyone of the zone sees the investor: who may not change it is told so (403), as on project pages.
  invariantResponse(found.canEdit, 403);
  const { investor: i, contacts } = found;
  const defaults = {
    name: i.name,
    uscc: i.uscc ?? "",
    region: i.region ?? "",
    industry: i.industry ?? "",
    website: i.website ?? "",
    notes: i.notes ?? "",
    contacts: contacts.map((c) => ({
      id: String(c.id),
      name: c.name,
      title: c.title ?? "",
      mobile: c.mobile ?? "",
      wechat: c.wechat ?? "",
      email: c.email ?? "",
      notes: c.notes ?? "",
    })),
  };
  return {
    investor: { id: i.id, name: i.name, version: i.version },
    defaults,
    contactsInUse: contacts.filter((c) => c.inUse).map((c) => c.id),
  };
}

type Conflict = InvestorStale;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const id = parseId(params.id);
  const facts = await loadInvestorFacts(user, id);
  invariantResponse(facts);
  invariantResponse(canEditInvestor(user, facts), 403);

  const values = investorFormValues(form);
  const reply = (
    errors: FieldErrors,
    sent: FormValues | FormData,
    extra: { conflict?: Conflict; existing?: { id: number; name: string } } = {},
    status = 400,
  ) => replyInvalid(undefined, errors, sent, status, { conflict: extra.conflict ?? null, existing: extra.existing ?? null });
  const rows = contactRowsEdit(form, values);
  if (rows) return reply({}, investorFormFields(rows), {}, 200);

  const parsed = parseInvestorValues(updateInvestorSchema, values);
  if (!parsed.ok) return reply(parsed.errors, form);
  const { version, ...input } = parsed.data;
  const result = throwIfRefused(await updateInvestor(user, id, input, version));
  if (result.kind === "invalid") return reply(result.fieldErrors, form);
  if (result.kind === "conflict") {
    const clash = result.detail;
    if (clash.kind === "taken") return reply(clash.errors, form, { existing: clash.existing });
    // Keep the user's input; the form now carries the newer version, so saving again is a deliberate overwrite.
    return reply({}, { ...formValues(form), version: String(clash.version) }, { conflict: clash }, 409);
  }
  const t = await getTranslator(request);
  return redirect(`/investors/${id}`, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("investors.saved") }) } });
}

const FIELD_LABELS = {
  name: "investors.name",
  uscc: "investors.uscc",
  region: "investors.region",
  industry: "investors.industry",
  website: "investors.website",
  notes: "investors.notes",
  contacts: "investors.contacts",
} as const;

export default function EditInvestorPage() {
  const { investor, defaults, contactsInUse } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const conflict = actionData?.conflict;
  const version = actionData?.values.version ? Number(actionData.values.version) : investor.version;
  return (
    <>
      <p>
        <Link to={`/investors/${investor.id}`}>← {investor.name}</Link>
      </p>
      <div className="page-head">
        <h1>{t("investors.edit")}</h1>
      </div>
      {conflict ? (
        <ConflictNotice
          title={(who) => t("investors.conflictTitle", who)}
          by={conflict.by}
          at={conflict.at}
          rows={conflict.fields.map((f) => ({ key: f.field, label: t(FIELD_LABELS[f.field]), theirs: f.theirs ?? "—", yours: f.yours ?? "—" }))}
        />
      ) : null}
      <InvestorForm
        key={JSON.stringify(actionData ?? {})}
        mode="edit"
        defaults={defaults}
        reply={actionData}
        existing={actionData?.existing}
        contactsInUse={contactsInUse}
        version={version}
        cancelTo={`/investors/${investor.id}`}
      />
    </>
  );
}
