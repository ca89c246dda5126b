// One target (招商目标库, issue 22 item 4): its facts; the manager's (and leaders') edit and assignment; and the first
// contact, which turns it into an investor and a project on its link in one step (the assignee or the manager).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { todayInZone } from "~/lib/dates";
import type { FormReply } from "~/lib/forms";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canContactTarget, canManageTargets, canSeeChains } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { TargetFields } from "~/modules/chains/components/target-fields";
import { TargetLightDot } from "~/modules/chains/components/target-light-dot";
import { contactTargetSchema, FIRST_CONTACT_KINDS, updateTargetSchema } from "~/modules/chains/targets.schema";
import type { ContactFollowed, ContactSimilar, TargetContacted, TargetStale } from "~/modules/chains/targets.server";
import { contactTarget, getTarget, listAssignees, listTargetLinks, updateTarget } from "~/modules/chains/targets.server";
import { invariantResponse, parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { refusalErrors } from "~/modules/projects/project-routes.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "chainTargets.detailTitle");

async function loadTarget(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  invariantResponse(canSeeChains(user));
  const target = await getTarget(user, parseId(id));
  invariantResponse(target);
  return { user, target };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, target } = await loadTarget(request, params.id);
  const open = target.projectId === null;
  const canEdit = open && canManageTargets(user, target);
  const canContact = open && canContactTarget(user, target);
  const [links, people] = canEdit ? await Promise.all([listTargetLinks(user), listAssignees(user.zoneId, target.companyId)]) : [[], []];
  return {
    target,
    canEdit,
    canContact,
    links: links.filter((l) => l.clusterId === target.clusterId),
    assignees: [{ companyId: target.companyId, company: target.companyName, people }],
    today: todayInZone(),
  };
}

type Refusal = TargetStale | TargetContacted | ContactSimilar | ContactFollowed;
type Reply = FormReply & { refusal?: Refusal };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const { target } = await loadTarget(request, params.id);
  const intent = String(form.get("intent") ?? "");
  const t = await getTranslator(request);
  if (intent === "update") {
    const parsed = parseForm(updateTargetSchema, form);
    if (!parsed.ok) return replyInvalid(intent, parsed.errors, form);
    const done = throwIfRefused(await updateTarget(user, target.id, parsed.data));
    if (done.kind === "invalid") return replyInvalid(intent, done.fieldErrors, form);
    if (done.kind === "conflict") return replyInvalid(intent, {}, form, 409, { refusal: done.detail });
    return redirect(`/chain-targets/${target.id}`, {
      headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("chainTargets.saved") }) },
    });
  }
  if (intent === "contact") {
    const parsed = parseForm(contactTargetSchema, form);
    if (!parsed.ok) return replyInvalid(intent, parsed.errors, form);
    const done = throwIfRefused(await contactTarget(user, target.id, parsed.data));
    if (done.kind === "invalid") return replyInvalid(intent, refusalErrors(done), form);
    if (done.kind === "conflict") return replyInvalid(intent, {}, form, 409, { refusal: done.detail });
    return redirect(`/projects/${done.value.projectId}`, {
      headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("chainTargets.converted", { code: done.value.code }) }) },
    });
  }
  throw data(null, { status: 400 });
}

function RefusalNotice({ refusal }: { refusal: Refusal }) {
  const t = useT();
  if (refusal.kind === "contacted") {
    return (
      <div className="flash error" role="alert" data-testid="already-contacted">
        {t("chainTargets.alreadyContacted", { by: refusal.by ?? "—" })} <Link to={`/projects/${refusal.projectId}`}>{refusal.projectCode}</Link>
      </div>
    );
  }
  if (refusal.kind === "stale") {
    return (
      <div className="flash error" role="alert">
        {t("chainTargets.stale", { by: refusal.by ?? "—" })}
      </div>
    );
  }
  const rows =
    refusal.kind === "similar"
      ? refusal.matches.map((m) => ({
          key: m.id,
          name: m.name,
          who: m.followers.map((f) => `${f.company}${f.owner ? ` · ${f.owner}` : ""}`).join("；") || t("chainTargets.nobodyFollows"),
        }))
      : refusal.followers.map((f, i) => ({ key: i, name: f.company, who: f.owner ?? "—" }));
  return (
    <div className="flash matches" role="alert" data-testid="contact-matches">
      <strong>{t(refusal.kind === "similar" ? "chainTargets.similarTitle" : "chainTargets.followedTitle")}</strong>
      <ul className="plain-list">
        {rows.map((r) => (
          <li key={r.key}>
            {r.name} <span className="muted">· {r.who}</span>
          </li>
        ))}
      </ul>
      <p>{t("chainTargets.confirmHint")}</p>
    </div>
  );
}

export default function TargetPage() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const t = useT();
  const navigation = useNavigation();
  const x = d.target;
  const edit = useZodForm(updateTargetSchema, {
    intent: "update",
    reply,
    defaults: {
      linkId: x.linkId,
      name: x.name,
      uscc: x.uscc,
      hqCity: x.hqCity,
      reason: x.reason,
      note: x.note,
      assigneeId: x.assigneeId,
      plannedContactOn: x.plannedContactOn,
    },
  });
  const contact = useZodForm(contactTargetSchema, {
    intent: "contact",
    reply,
    defaults: { projectName: x.linkName ? `${x.name}·${x.linkName}` : x.name, kind: "visit", occurredOn: d.today },
  });
  const refusal = reply?.refusal;
  const version = refusal?.kind === "stale" ? refusal.version : x.version;
  return (
    <>
      <p>
        <Link to="/chain-targets">← {t("chainTargets.title")}</Link>
      </p>
      <div className="page-head">
        <h1>{x.name}</h1>
      </div>
      <section className="panel">
        <dl className="target-facts" data-testid="target-facts">
          <dt>{t("chains.cluster")}</dt>
          <dd>
            <Link to={`/chains/${x.clusterId}${x.linkId ? `?link=${x.linkId}#link-projects` : ""}`}>{x.clusterName}</Link> ·{" "}
            {x.linkName ?? t("chainTargets.noLink")}
          </dd>
          <dt>{t("chainTargets.uscc")}</dt>
          <dd>{x.uscc ?? "—"}</dd>
          <dt>{t("chainTargets.hqCity")}</dt>
          <dd>{x.hqCity ?? "—"}</dd>
          <dt>{t("chainTargets.reason")}</dt>
          <dd>
            {t(`chainTargets.reason.${x.reason}`)}
            {x.note ? ` · ${x.note}` : ""}
          </dd>
          <dt>{t("chainTargets.company")}</dt>
          <dd>{x.companyName}</dd>
          <dt>{t("chainTargets.assignee")}</dt>
          <dd>{x.assigneeName ?? t("chainTargets.unassigned")}</dd>
          <dt>{t("chainTargets.plannedContactOn")}</dt>
          <dd>{x.plannedContactOn ?? "—"}</dd>
          <dt>{t("chainTargets.foundBy")}</dt>
          <dd>
            {x.foundBy ?? "—"} · {x.addedOn}
          </dd>
          <dt>{t("chainTargets.light")}</dt>
          <dd>
            {x.light ? (
              <>
                <TargetLightDot light={x.light} /> {t("chainTargets.daysOpenLine", { days: x.daysOpen ?? 0 })}
              </>
            ) : (
              t("chainTargets.contacted")
            )}
          </dd>
          {x.projectId ? (
            <>
              <dt>{t("chainTargets.project")}</dt>
              <dd data-testid="target-project">
                <Link to={`/projects/${x.projectId}`}>{x.projectCode}</Link> · {t("chainTargets.convertedLine", { by: x.convertedBy ?? "—" })}
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      {d.canContact ? (
        <section className="panel" data-testid="contact-form">
          <h2>{t("chainTargets.contactTitle")}</h2>
          <p className="muted">{t("chainTargets.contactIntro")}</p>
          {refusal && reply?.intent === "contact" ? <RefusalNotice refusal={refusal} /> : null}
          <ZodForm form={contact}>
            <input type="hidden" name="version" value={version} />
            <div className="form-grid">
              <TextField form={contact} name="projectName" label={t("chainTargets.projectName")} maxLength={100} />
              <Field form={contact} name="kind" label={t("chainTargets.contactKind")}>
                <select {...contact.field("kind")}>
                  {FIRST_CONTACT_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`activity.${k}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <TextField form={contact} name="occurredOn" label={t("chainTargets.contactOn")} type="date" max={d.today} />
              <TextField form={contact} name="contactName" label={t("chainTargets.contactName")} maxLength={40} />
              <TextField form={contact} name="contactTitle" label={t("chainTargets.contactTitle2")} maxLength={60} />
              <TextField form={contact} name="contactMobile" label={t("chainTargets.contactMobile")} inputMode="tel" />
            </div>
            <div className="contact-summary">
              <Field form={contact} name="summary" label={t("chainTargets.summary")}>
                <textarea rows={3} {...contact.field("summary")} />
              </Field>
            </div>
            {refusal?.kind === "similar" || refusal?.kind === "followed" ? (
              <label className="checkbox">
                <input {...contact.checkbox("confirmed")} type="checkbox" /> {t("chainTargets.confirm")}
              </label>
            ) : null}
            <div className="actions">
              <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
                {t("chainTargets.contactSubmit")}
              </button>
            </div>
          </ZodForm>
        </section>
      ) : null}

      {d.canEdit ? (
        <section className="panel" data-testid="edit-form">
          <h2>{t("chainTargets.editTitle")}</h2>
          {refusal && reply?.intent === "update" ? <RefusalNotice refusal={refusal} /> : null}
          <ZodForm form={edit}>
            <input type="hidden" name="version" value={version} />
            <TargetFields f={edit} links={d.links} assignees={d.assignees} />
            <div className="actions">
              <button type="submit" className="button" disabled={navigation.state === "submitting"}>
                {t("chainTargets.save")}
              </button>
            </div>
          </ZodForm>
        </section>
      ) : null}
    </>
  );
}
