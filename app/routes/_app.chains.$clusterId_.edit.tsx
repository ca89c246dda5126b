// Editing a cluster's chain (issue 22 item 1): its company's manager and the committee's leaders. Every form carries
// the chain's version; a save made from an older version is refused with who saved first, the typed input kept and
// the version moved on, so saving again is a deliberate overwrite (decision 004).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConflictNotice } from "~/components/conflict-notice";
import type { ZodFormApi } from "~/components/zod-form";
import { Field, TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { CHAIN_SEGMENTS } from "~/lib/chain-strength";
import { formatDateTime } from "~/lib/dates";
import type { FormReply } from "~/lib/forms";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canSeeChains } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import type { linkFieldsSchema } from "~/modules/chains/chains.schema";
import { addLinkSchema, removeLinkSchema, updateLinkSchema } from "~/modules/chains/chains.schema";
import type { ChainConflict, EditChainResult, LinkRow } from "~/modules/chains/chains.server";
import { addChainLink, getChainMap, removeChainLink, updateChainLink } from "~/modules/chains/chains.server";
import { invariantResponse, parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "chains.editTitle");

async function editableMap(user: Awaited<ReturnType<typeof requireUser>>, clusterId: string | undefined) {
  invariantResponse(canSeeChains(user));
  const map = await getChainMap(user, parseId(clusterId));
  invariantResponse(map);
  invariantResponse(map.canEdit, 403);
  return map;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const map = await editableMap(user, params.clusterId);
  return { chain: map.chain, links: map.links };
}

type Reply = FormReply & { conflict?: ChainConflict };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const map = await editableMap(user, params.clusterId);
  const clusterId = map.chain.clusterId;
  const intent = String(form.get("intent") ?? "");
  let result: EditChainResult;
  if (intent === "add") {
    const parsed = parseForm(addLinkSchema, form);
    if (!parsed.ok) return replyInvalid(intent, parsed.errors, form);
    result = await addChainLink(user, clusterId, parsed.data);
  } else if (intent.startsWith("update:")) {
    const parsed = parseForm(updateLinkSchema, form);
    if (!parsed.ok) return replyInvalid(intent, parsed.errors, form);
    result = await updateChainLink(user, clusterId, parsed.data);
  } else if (intent.startsWith("remove:")) {
    const parsed = parseForm(removeLinkSchema, form);
    if (!parsed.ok) return replyInvalid(intent, parsed.errors, form);
    result = await removeChainLink(user, clusterId, parsed.data);
  } else {
    throw data(null, { status: 400 });
  }
  const done = throwIfRefused(result);
  if (done.kind === "invalid") return replyInvalid(intent, done.fieldErrors, form);
  if (done.kind === "conflict") return replyInvalid(intent, {}, form, 409, { conflict: done.detail });
  const t = await getTranslator(request);
  return redirect(`/chains/${clusterId}/edit`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("chains.saved", { cluster: map.chain.clusterName }) }) },
  });
}

/** The chain's version the forms carry: the one a conflict reported (the user's input stays), else the page's. */
function VersionInput({ version }: { version: number }) {
  return <input type="hidden" name="version" value={version} />;
}

function LinkFields({ f, segment }: { f: ZodFormApi<typeof linkFieldsSchema>; segment: boolean }) {
  const t = useT();
  return (
    <div className="form-grid">
      <TextField form={f} name={"name"} label={t("chains.name")} maxLength={30} />
      {segment ? (
        <Field form={f} name={"segment"} label={t("chains.segmentCol")}>
          <select {...f.field("segment")}>
            {CHAIN_SEGMENTS.map((s) => (
              <option key={s} value={s}>
                {t(`chains.segment.${s}`)}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <input type="hidden" {...f.field("segment")} />
      )}
      <TextField form={f} name={"sortOrder"} label={t("chains.sortOrder")} inputMode="numeric" />
      <TextField form={f} name={"products"} label={t("chains.products")} placeholder={t("chains.productsHint")} />
      <TextField form={f} name={"description"} label={t("chains.description")} maxLength={200} />
    </div>
  );
}

function LinkEditor({ link, version, reply, sub }: { link: LinkRow; version: number; reply: Reply | undefined; sub: boolean }) {
  const t = useT();
  const navigation = useNavigation();
  const intent = `update:${link.id}`;
  const f = useZodForm(updateLinkSchema, {
    intent,
    reply,
    defaults: {
      linkId: link.id,
      name: link.name,
      segment: link.segment,
      sortOrder: link.sortOrder,
      products: link.products.join("、"),
      description: link.description,
    },
  });
  const removal = useZodForm(removeLinkSchema, { intent: `remove:${link.id}`, reply, defaults: { linkId: link.id } });
  const conflict = reply?.intent === intent || reply?.intent === `remove:${link.id}` ? reply.conflict : undefined;
  const yours = reply?.values ?? {};
  return (
    <section className={`panel chain-link-editor${sub ? " chain-sub" : ""}`} data-testid={`edit-${link.name}`}>
      <h3>
        {sub ? "└ " : ""}
        {link.name} <span className="muted">· {t(`chains.segment.${link.segment}`)}</span>
      </h3>
      {conflict ? (
        <ConflictNotice
          title={(who) => t("chains.conflictTitle", who)}
          by={conflict.by}
          at={conflict.at}
          rows={
            reply?.intent === intent
              ? (["name", "products", "description"] as const).map((k) => ({
                  key: k,
                  label: t(`chains.${k}`),
                  theirs: conflict.current
                    ? k === "products"
                      ? conflict.current.products.join("、")
                      : String(conflict.current[k])
                    : t("chains.removed"),
                  yours: String(yours[k] ?? ""),
                }))
              : []
          }
        />
      ) : null}
      <ZodForm form={f}>
        <VersionInput version={conflict?.version ?? version} />
        <input type="hidden" {...f.field("linkId")} />
        <LinkFields f={f} segment={!sub} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
            {t("chains.save")}
          </button>
        </div>
      </ZodForm>
      <ZodForm form={removal}>
        <VersionInput version={conflict?.version ?? version} />
        <input type="hidden" {...removal.field("linkId")} />
        <button type="submit" className="button small danger" disabled={navigation.state === "submitting"}>
          {t("chains.remove")}
        </button>
        <span className="muted"> {t("chains.removeHint")}</span>
      </ZodForm>
    </section>
  );
}

export default function EditChainPage() {
  const { chain, links } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const t = useT();
  const navigation = useNavigation();
  const add = useZodForm(addLinkSchema, { intent: "add", reply, defaults: { segment: "upstream", sortOrder: 10 } });
  const addConflict = reply?.intent === "add" ? reply.conflict : undefined;
  return (
    <>
      <p>
        <Link to={`/chains/${chain.clusterId}`}>← {t("chains.mapHeading", { cluster: chain.clusterName })}</Link>
      </p>
      <div className="page-head">
        <h1>{t("chains.editHeading", { cluster: chain.clusterName })}</h1>
      </div>
      <p className="muted" data-testid="chain-version">
        {t("chains.versionLine", { version: chain.version, at: formatDateTime(chain.updatedAt), by: chain.updatedBy ?? "—" })}
      </p>
      <p className="muted">{t("chains.editIntro")}</p>
      {links.map((l) => (
        <div key={l.id}>
          <LinkEditor link={l} version={chain.version} reply={reply} sub={false} />
          {l.subLinks.map((s) => (
            <LinkEditor key={s.id} link={s} version={chain.version} reply={reply} sub />
          ))}
        </div>
      ))}
      <section className="panel" data-testid="add-link">
        <h2>{t("chains.addTitle")}</h2>
        {addConflict ? <ConflictNotice title={(who) => t("chains.conflictTitle", who)} by={addConflict.by} at={addConflict.at} rows={[]} /> : null}
        <ZodForm form={add}>
          <VersionInput version={addConflict?.version ?? chain.version} />
          <LinkFields f={add} segment />
          <div className="form-grid">
            <Field form={add} name="parentId" label={t("chains.parent")}>
              <select {...add.field("parentId")}>
                <option value="">{t("chains.noParent")}</option>
                {links.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div className="actions">
            <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
              {t("chains.add")}
            </button>
          </div>
        </ZodForm>
      </section>
    </>
  );
}
