// The zone's catalogue of approval items (审批事项, issue 21): authority, allowed days, 承诺制, required before 开工,
// and the template (which project types, new land only). The committee's leaders and the zone's admin edit it;
// each item saves on its own, versioned (a save over a newer one is refused, naming who saved first).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { formatDateTime } from "~/lib/dates";
import type { FormReply } from "~/lib/forms";
import { codedMessage, parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { catalogueEditSchema, catalogueItemSchema } from "~/modules/approvals/approvals.schema";
import { addCatalogueItem, listCatalogue, saveCatalogueItem } from "~/modules/approvals/approvals.server";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canEditApprovalCatalogue } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "approvals.catalogue");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canEditApprovalCatalogue(user));
  const items = await listCatalogue(user.zoneId);
  return { items: items.map((i) => ({ ...i, updatedAt: i.updatedAt.toISOString() })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canEditApprovalCatalogue(user));
  const intent = String(form.get("intent") ?? "");
  const t = await getTranslator(request);
  const done = async (message: string) => redirect("/approvals/catalogue", { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message }) } });
  if (intent === "add") {
    const parsed = parseForm(catalogueItemSchema, form);
    if (!parsed.ok) return replyInvalid(intent, parsed.errors, form);
    throwIfRefused(await addCatalogueItem(user, parsed.data));
    return done(t("approvals.added", { name: parsed.data.name }));
  }
  invariantResponse(intent.startsWith("item-"), 400);
  const parsed = parseForm(catalogueEditSchema, form);
  if (!parsed.ok) return replyInvalid(intent, parsed.errors, form);
  const { id, version, ...input } = parsed.data;
  invariantResponse(intent === `item-${id}`, 400);
  const saved = throwIfRefused(await saveCatalogueItem(user, id, version, input));
  if (saved.kind === "conflict") {
    // The user's input stays in the form with the newer version: saving again is a choice, made knowingly.
    const again = new FormData();
    for (const [k, v] of form) again.append(k, k === "version" ? String(saved.detail.version) : v);
    return replyInvalid(
      intent,
      { _form: codedMessage("approvals.conflict", { by: saved.detail.by ?? "—", at: formatDateTime(saved.detail.at) }) },
      again,
      409,
    );
  }
  return done(t("approvals.saved"));
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];
const FLAGS = ["commitment", "requiredForConstruction", "appliesNew", "appliesExpansion", "appliesUpgrade", "newLandOnly", "active"] as const;

export default function CataloguePage() {
  const { items } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <div className="page-head">
        <h1>{t("approvals.catalogue")}</h1>
      </div>
      <p className="muted">{t("approvals.catalogueIntro")}</p>
      {items.map((item) => (
        <CatalogueItemForm key={item.id} item={item} reply={reply} />
      ))}
      <NewItemForm reply={reply} next={items.length + 1} />
    </>
  );
}

function Flags({ form }: { form: { checkbox: (name: (typeof FLAGS)[number]) => object } }) {
  const t = useT();
  return (
    <div className="check-row">
      {FLAGS.map((flag) => (
        <label className="checkbox" key={flag}>
          <input type="checkbox" {...form.checkbox(flag)} /> {t(`approvals.flag.${flag}`)}
        </label>
      ))}
    </div>
  );
}

function CatalogueItemForm({ item, reply }: { item: Item; reply: FormReply | undefined }) {
  const t = useT();
  const f = useZodForm(catalogueEditSchema, { intent: `item-${item.id}`, reply, defaults: item });
  return (
    <details className="panel" open={reply?.intent === `item-${item.id}`} data-item={item.code}>
      <summary>
        <strong>{item.name}</strong> <span className="muted">{item.authority}</span> · {t("approvals.allowedDaysShort", { days: item.allowedDays })}
        {item.requiredForConstruction ? ` · ${t("approvals.requiredShort")}` : ""}
        {item.commitment ? ` · ${t("approvals.commitmentShort")}` : ""}
        {item.active ? "" : ` · ${t("approvals.inactive")}`}
      </summary>
      <ZodForm form={f}>
        <input type="hidden" {...f.field("id")} />
        <input type="hidden" {...f.field("version")} />
        <div className="form-grid">
          <TextField form={f} name="name" label={t("approvals.name")} />
          <TextField form={f} name="authority" label={t("approvals.authority")} />
          <TextField form={f} name="allowedDays" label={t("approvals.allowedDays")} type="number" min={1} max={365} />
          <TextField form={f} name="sortOrder" label={t("approvals.sortOrder")} type="number" min={0} max={999} />
        </div>
        <Flags form={f} />
        <button type="submit" className="button primary">
          {t("common.save")}
        </button>
      </ZodForm>
    </details>
  );
}

function NewItemForm({ reply, next }: { reply: FormReply | undefined; next: number }) {
  const t = useT();
  const f = useZodForm(catalogueItemSchema, {
    intent: "add",
    reply,
    defaults: { allowedDays: 20, sortOrder: next, appliesNew: true, appliesExpansion: true, appliesUpgrade: true, active: true },
  });
  return (
    <section className="panel">
      <h2>{t("approvals.addToCatalogue")}</h2>
      <ZodForm form={f}>
        <div className="form-grid">
          <TextField form={f} name="name" label={t("approvals.name")} />
          <TextField form={f} name="authority" label={t("approvals.authority")} />
          <TextField form={f} name="allowedDays" label={t("approvals.allowedDays")} type="number" min={1} max={365} />
          <TextField form={f} name="sortOrder" label={t("approvals.sortOrder")} type="number" min={0} max={999} />
        </div>
        <Flags form={f} />
        <button type="submit" className="button primary">
          {t("approvals.addToCatalogue")}
        </button>
      </ZodForm>
    </section>
  );
}
