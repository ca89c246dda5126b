// One policy of the library (issue 21): its text and conditions; whoever keeps it (a leader, or the manager of the
// company that keeps it) edits it here, versioned (a save over a newer one is refused, naming who saved first).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/lib/dates";
import { codedMessage, parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { ConditionList } from "~/modules/policies/components/condition-text";
import { PolicyForm } from "~/modules/policies/components/policy-form";
import { conditionsToForm, policyEditSchema } from "~/modules/policies/policies.schema";
import { getPolicyForViewer, policyFormOptions, updatePolicy } from "~/modules/policies/policies.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? { text: data.policy.title } : "error.notFoundTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const policy = await getPolicyForViewer(user, parseId(params.id));
  invariantResponse(policy);
  const options = policy.canEdit ? await policyFormOptions(user.zoneId) : { clusters: [], companies: [] };
  const { createdAt: _c, updatedAt, ...rest } = policy;
  return { policy: { ...rest, updatedAt: updatedAt.toISOString() }, options };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const id = parseId(params.id);
  const found = await getPolicyForViewer(user, id);
  invariantResponse(found);
  invariantResponse(found.canEdit, 403);
  const parsed = parseForm(policyEditSchema, form);
  if (!parsed.ok) return replyInvalid("edit", parsed.errors, form);
  const { version, ...input } = parsed.data;
  const saved = throwIfRefused(await updatePolicy(user, id, version, input));
  if (saved.kind === "conflict") {
    // The user's input stays in the form with the newer version: saving again is a choice, made knowingly.
    const again = new FormData();
    for (const [k, v] of form) again.append(k, k === "version" ? String(saved.detail.version) : v);
    return replyInvalid(
      "edit",
      { _form: codedMessage("policies.conflict", { by: saved.detail.by ?? "—", at: formatDateTime(saved.detail.at) }) },
      again,
      409,
    );
  }
  const t = await getTranslator(request);
  return redirect(`/policies/${id}`, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("policies.saved") }) } });
}

export default function PolicyPage() {
  const { policy: p, options } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p>
        <Link to="/policies">← {t("policies.title")}</Link>
      </p>
      <div className="page-head">
        <h1>{p.title}</h1>
      </div>
      <section className="panel">
        <dl className="facts">
          <dt>{t("policies.issuer")}</dt>
          <dd>{p.issuer}</dd>
          <dt>{t("policies.documentNo")}</dt>
          <dd>{p.documentNo ?? "—"}</dd>
          <dt>{t("policies.validity")}</dt>
          <dd>
            {p.validFrom ?? "—"} ~ {p.validTo ?? t("policies.openEnded")}
          </dd>
          <dt>{t("policies.benefit")}</dt>
          <dd>{p.benefit}</dd>
          <dt>{t("policies.conditions")}</dt>
          <dd>
            <ConditionList conditions={p.conditions} t={t} />
          </dd>
        </dl>
      </section>
      {p.canEdit ? (
        <>
          <h2>{t("policies.edit")}</h2>
          <PolicyForm
            intent="edit"
            reply={reply}
            defaults={{
              version: p.version,
              title: p.title,
              issuer: p.issuer,
              documentNo: p.documentNo,
              validFrom: p.validFrom,
              validTo: p.validTo,
              benefit: p.benefit,
              ...conditionsToForm(p.conditions),
            }}
            options={options}
            submitLabel={t("common.save")}
          />
        </>
      ) : null}
    </>
  );
}
