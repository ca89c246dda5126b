import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { namedOptions, SelectField } from "~/components/select-field";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { StageBadge, StatusBadge } from "~/components/badges";
import { todayInZone } from "~/lib/dates";
import { parseForm } from "~/lib/forms";
import { formatWan } from "~/lib/money";
import { toId } from "~/lib/result";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { translateError } from "~/components/form-field";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canFilterByCompany, canManageCompany, canSeeTeam, seesWholeZone } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { PipelineTabs } from "~/modules/pipeline/components/pipeline-tabs";
import { reassignSchema } from "~/modules/pipeline/pipeline.schema";
import { getTeam, listMemberProjects, reassignProjects } from "~/modules/pipeline/pipeline.server";
import { listFilterOptions } from "~/modules/projects/projects.server";
import { invariantResponse, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "pipeline.team.title");

const positiveId = (raw: string | null) => toId(raw) ?? undefined;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canSeeTeam(user));
  const url = new URL(request.url);
  const companies = canFilterByCompany(user) ? (await listFilterOptions(user, undefined)).companies : [];
  // Managers see their own company; leaders pick one (the first by default).
  const companyId = seesWholeZone(user) ? (positiveId(url.searchParams.get("company")) ?? companies[0]?.id) : user.companyId!;
  invariantResponse(companyId !== undefined && (!seesWholeZone(user) || companies.some((c) => c.id === companyId)));
  const today = todayInZone();
  const team = await getTeam(user, companyId, today);
  const memberId = positiveId(url.searchParams.get("member"));
  const member = memberId ? team.find((m) => m.id === memberId) : undefined;
  invariantResponse(member || !memberId);
  const projects = member ? await listMemberProjects(user, companyId, member.id) : [];
  return {
    team,
    member: member ? { id: member.id, name: member.name } : null,
    projects,
    companyId,
    companies,
    showCompany: canFilterByCompany(user),
    canReassign: canManageCompany(user, companyId),
  };
}

type ActionData = { errors?: Record<string, string | undefined>; conflicts?: string[] };

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canSeeTeam(user));
  invariantResponse(user.companyId !== null && canManageCompany(user, user.companyId), 403);
  const t = await getTranslator(request);
  const parsed = parseForm(reassignSchema, form, ["csrf", "intent", "back"]);
  if (!parsed.ok) return data<ActionData>({ errors: parsed.errors }, { status: 400 });
  const result = throwIfRefused(await reassignProjects(user, parsed.data, todayInZone()));
  if (result.kind === "invalid") return data<ActionData>({ errors: result.fieldErrors }, { status: 400 });
  const { moved, conflicts } = result.value;
  const [owner] = (await getTeam(user, user.companyId, todayInZone())).filter((m) => m.id === parsed.data.toOwnerId);
  const back = `/pipeline/team${form.get("member") ? `?member=${Number(form.get("member"))}` : ""}`;
  const message = t("pipeline.reassigned", { n: moved, owner: owner?.name ?? "" });
  if (conflicts.length > 0) {
    // The others were reassigned; the changed ones are named so the manager reloads and decides again.
    return data<ActionData>({ conflicts: conflicts.map((c) => c.name), errors: { _form: message } }, { status: 409 });
  }
  return redirect(back, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message }) } });
}

export default function TeamPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const companyQuery = d.showCompany ? `company=${d.companyId}` : "";
  const link = (memberId?: number) => {
    const sp = new URLSearchParams(companyQuery);
    if (memberId) sp.set("member", String(memberId));
    return `?${sp}`;
  };
  return (
    <>
      <div className="page-head">
        <h1>{t("pipeline.team.title")}</h1>
      </div>
      <PipelineTabs query={companyQuery} showTeam />
      {actionData?.conflicts?.length ? (
        <div className="flash error" role="alert">
          {actionData.errors?._form}；{t("pipeline.reassignConflict", { names: actionData.conflicts.join("、") })}
        </div>
      ) : actionData?.errors?._form || actionData?.errors?.projects ? (
        <div className="flash error" role="alert">
          {translateError(t, (actionData.errors._form ?? actionData.errors.projects)!)}
        </div>
      ) : null}
      {d.showCompany ? (
        <Form method="get" className="filters">
          <SelectField
            id="company"
            label={t("projects.company")}
            value={d.companyId}
            options={namedOptions(d.companies)}
          />
          <button type="submit" className="button primary">
            {t("common.search")}
          </button>
        </Form>
      ) : null}
      <section className="panel">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("pipeline.team.member")}</th>
              <th scope="col" className="num">{t("pipeline.team.active")}</th>
              <th scope="col" className="num">{t("pipeline.team.activeWan")}</th>
              <th scope="col" className="num">{t("pipeline.team.activities")}</th>
              <th scope="col" className="num">{t("pipeline.team.overdue")}</th>
              <th scope="col" className="num">{t("pipeline.team.red")}</th>
              <th scope="col" className="num">{t("pipeline.team.signed")}</th>
              <th scope="col" className="num">{t("pipeline.team.signedWan")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {d.team.length === 0 ? (
              <tr>
                <td colSpan={9} className="muted">
                  {t("pipeline.team.none")}
                </td>
              </tr>
            ) : null}
            {d.team.map((m) => (
              <tr key={m.id} className={d.member?.id === m.id ? "selected" : undefined}>
                <td>
                  {m.name} <span className="muted">{t(`role.${m.role}`)}</span>
                </td>
                <td className="num">{m.active}</td>
                <td className="num">{formatWan(m.activeWan)}</td>
                <td className="num">{m.activitiesThisMonth}</td>
                <td className="num">{m.overdue > 0 ? <span className="overdue">{m.overdue}</span> : 0}</td>
                <td className="num">{m.red > 0 ? <span className="overdue">{m.red}</span> : 0}</td>
                <td className="num">{m.signed}</td>
                <td className="num">{formatWan(m.signedWan)}</td>
                <td>
                  <Link to={link(m.id)} preventScrollReset>
                    {t("pipeline.team.show")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {d.member ? (
        <section className="panel" id="member-projects">
          <h2>{t("pipeline.team.projects", { name: d.member.name })}</h2>
          <Form method="post" replace>
            <CsrfInput />
            <input type="hidden" name="member" value={d.member.id} />
            <table className="data">
              <thead>
                <tr>
                  {d.canReassign ? <th scope="col" aria-label={t("pipeline.selectAll")} /> : null}
                  <th scope="col">{t("projects.name")}</th>
                  <th scope="col">{t("projects.stage")}</th>
                  <th scope="col" className="num">{t("projects.totalInvestment")}</th>
                  <th scope="col">{t("projects.nextAction")}</th>
                </tr>
              </thead>
              <tbody>
                {d.projects.length === 0 ? (
                  <tr>
                    <td colSpan={5} className="muted">
                      {t("common.noRows")}
                    </td>
                  </tr>
                ) : null}
                {d.projects.map((p) => (
                  <tr key={p.id}>
                    {d.canReassign ? (
                      <td>
                        <input type="checkbox" name="projects" value={`${p.id}:${p.version}`} aria-label={p.name} />
                      </td>
                    ) : null}
                    <td>
                      <Link to={`/projects/${p.id}`}>{p.name}</Link>
                      <div className="muted">{p.investorName}</div>
                    </td>
                    <td>
                      <StageBadge stage={p.stage} /> {p.status !== "active" ? <StatusBadge status={p.status} /> : null}
                    </td>
                    <td className="num">{formatWan(p.totalInvestmentWan)}</td>
                    <td className="nowrap">{p.nextActionOn ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {d.canReassign && d.projects.length > 0 ? (
              <div className="action-bar panel-actions filters">
                <div className="field">
                  <label htmlFor="toOwnerId">{t("pipeline.reassignTo")}</label>
                  <select id="toOwnerId" name="toOwnerId" defaultValue="">
                    <option value="">—</option>
                    {d.team
                      .filter((m) => m.id !== d.member!.id)
                      .map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.name}
                        </option>
                      ))}
                  </select>
                  {actionData?.errors?.toOwnerId ? <p className="field-error">{translateError(t, actionData.errors.toOwnerId)}</p> : null}
                </div>
                <button type="submit" className="button primary">
                  {t("pipeline.reassign")}
                </button>
              </div>
            ) : null}
          </Form>
        </section>
      ) : null}
    </>
  );
}
