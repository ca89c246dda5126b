import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { namedOptions, SelectField } from "~/components/select-field";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { Field, useZodForm, ZodForm } from "~/components/zod-form";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { StageBadge, StatusBadge } from "~/components/badges";
import { todayInZone } from "~/lib/dates";
import type { FormReply } from "~/lib/forms";
import { parseForm, translateError } from "~/lib/forms";
import { formatWan } from "~/lib/money";
import { toId } from "~/lib/result";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canFilterByCompany, canManageCompany, canSeeTeam, seesWholeZone } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { PipelineTabs } from "~/modules/pipeline/components/pipeline-tabs";
import { reassignSchema } from "~/modules/pipeline/pipeline.schema";
import { getTeam, listMemberProjects, reassignProjects } from "~/modules/pipeline/pipeline.server";
import { listFilterOptions } from "~/modules/projects/projects.server";
import { invariantResponse, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { formatCount } from "~/lib/format";
import { refusalErrors } from "~/modules/projects/project-routes.server";

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

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canSeeTeam(user));
  invariantResponse(user.companyId !== null && canManageCompany(user, user.companyId), 403);
  const t = await getTranslator(request);
  const parsed = parseForm(reassignSchema, form, ["csrf", "intent", "back"]);
  if (!parsed.ok) return replyInvalid(undefined, parsed.errors, form);
  const result = throwIfRefused(await reassignProjects(user, parsed.data, todayInZone()));
  if (result.kind === "invalid") return replyInvalid(undefined, refusalErrors(result), form);
  const { moved, conflicts } = result.value;
  const [owner] = (await getTeam(user, user.companyId, todayInZone())).filter((m) => m.id === parsed.data.toOwnerId);
  const back = `/pipeline/team${form.get("member") ? `?member=${Number(form.get("member"))}` : ""}`;
  const message = t("pipeline.reassigned", { n: moved, owner: owner?.name ?? "" });
  if (conflicts.length > 0) {
    // The others were reassigned; the changed ones are named so the manager reloads and decides again.
    const names = t("pipeline.reassignConflict", { names: conflicts.map((c) => c.name).join("、") });
    return replyInvalid(undefined, { _form: `${message}；${names}` }, form, 409);
  }
  return redirect(back, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message }) } });
}

type TeamData = ReturnType<typeof useLoaderData<typeof loader>>;
type Member = TeamData["team"][number];
type MemberProject = TeamData["projects"][number];
const memberColumn = createColumnHelper<Member>();
const projectColumn = createColumnHelper<MemberProject>();

export default function TeamPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  // Reassigning ticked projects: the boxes and the new owner checked by the action's schema.
  const f = useZodForm(reassignSchema, { reply: useActionData<FormReply | undefined>() });
  const companyQuery = d.showCompany ? `company=${d.companyId}` : "";
  const link = (memberId?: number) => {
    const sp = new URLSearchParams(companyQuery);
    if (memberId) sp.set("member", String(memberId));
    return `?${sp}`;
  };
  const teamColumns = useMemo(
    () => [
      memberColumn.accessor("name", {
        header: t("pipeline.team.member"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => (
          <>
            {c.getValue()} <span className="muted">{t(`role.${c.row.original.role}`)}</span>
          </>
        ),
      }),
      memberColumn.accessor("active", { header: t("pipeline.team.active"), meta: { numeric: true } satisfies ColumnMeta }),
      memberColumn.accessor("activeWan", {
        header: t("pipeline.team.activeWan"),
        meta: { numeric: true } satisfies ColumnMeta,
        cell: (c) => formatWan(c.getValue()),
      }),
      memberColumn.accessor("activitiesThisMonth", { header: t("pipeline.team.activities"), meta: { numeric: true } satisfies ColumnMeta }),
      memberColumn.accessor("overdue", {
        header: t("pipeline.team.overdue"),
        meta: { numeric: true } satisfies ColumnMeta,
        cell: (c) => (c.getValue() > 0 ? <span className="overdue">{formatCount(c.getValue())}</span> : 0),
      }),
      memberColumn.accessor("red", {
        header: t("pipeline.team.red"),
        meta: { numeric: true } satisfies ColumnMeta,
        cell: (c) => (c.getValue() > 0 ? <span className="overdue">{formatCount(c.getValue())}</span> : 0),
      }),
      memberColumn.accessor("signed", { header: t("pipeline.team.signed"), meta: { numeric: true } satisfies ColumnMeta }),
      memberColumn.accessor("signedWan", {
        header: t("pipeline.team.signedWan"),
        meta: { numeric: true } satisfies ColumnMeta,
        cell: (c) => formatWan(c.getValue()),
      }),
      memberColumn.display({
        id: "actions",
        header: t("common.actions"),
        cell: (c) => (
          <Link to={link(c.row.original.id)} preventScrollReset>
            {t("pipeline.team.show")}
          </Link>
        ),
      }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `link` only changes with the company query
    [t, companyQuery],
  );
  const projectColumns = useMemo(
    () => [
      projectColumn.display({
        id: "select",
        header: () => <span className="sr-only">{t("pipeline.selectAll")}</span>,
        cell: (c) => <input {...f.option("projects", `${c.row.original.id}:${c.row.original.version}`)} aria-label={c.row.original.name} />,
      }),
      projectColumn.accessor("name", {
        header: t("projects.name"),
        meta: { cardTitle: true } satisfies ColumnMeta,
        cell: (c) => (
          <>
            <Link to={`/projects/${c.row.original.id}`}>{c.getValue()}</Link>
            <div className="muted">{c.row.original.investorName}</div>
          </>
        ),
      }),
      projectColumn.accessor("stage", {
        header: t("projects.stage"),
        cell: (c) => (
          <>
            <StageBadge stage={c.getValue()} /> {c.row.original.status !== "active" ? <StatusBadge status={c.row.original.status} /> : null}
          </>
        ),
      }),
      projectColumn.accessor("totalInvestmentWan", {
        header: t("projects.totalInvestment"),
        meta: { numeric: true } satisfies ColumnMeta,
        cell: (c) => formatWan(c.getValue()),
      }),
      projectColumn.accessor("nextActionOn", { header: t("projects.nextAction"), meta: { className: "nowrap" } satisfies ColumnMeta }),
    ],
    // `f` reads the boxes the last answer sent back; it is a new object each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, f.option],
  );
  return (
    <>
      <div className="page-head">
        <h1>{t("pipeline.team.title")}</h1>
      </div>
      <PipelineTabs query={companyQuery} showTeam />
      {/* The form is in the member's panel; a post that named no member still gets its answer shown. */}
      {!d.member && f.formError ? (
        <div className="flash error" role="alert">
          {translateError(t, f.formError)}
        </div>
      ) : null}
      {d.showCompany ? (
        <Form method="get" className="filters">
          <SelectField id="company" label={t("projects.company")} value={d.companyId} options={namedOptions(d.companies)} />
          <button type="submit" className="button primary">
            {t("common.search")}
          </button>
        </Form>
      ) : null}
      <section className="panel">
        <DataTable<Member>
          data={d.team}
          columns={teamColumns}
          clientSort
          emptyText={t("pipeline.team.none")}
          getRowId={(m) => String(m.id)}
          rowClassName={(m) => (d.member?.id === m.id ? "selected" : undefined)}
        />
      </section>
      {d.member ? (
        <section className="panel" id="member-projects">
          <h2>{t("pipeline.team.projects", { name: d.member.name })}</h2>
          <ZodForm form={f} replace>
            <input type="hidden" name="member" value={d.member.id} />
            {f.error("projects") ? (
              <p className="field-error" role="alert">
                {translateError(t, f.error("projects")!)}
              </p>
            ) : null}
            <DataTable<MemberProject>
              data={d.projects}
              columns={projectColumns}
              hidden={d.canReassign ? [] : ["select"]}
              emptyText={t("common.noRows")}
              getRowId={(p) => String(p.id)}
            />
            {d.canReassign && d.projects.length > 0 ? (
              <div className="action-bar panel-actions filters">
                <Field form={f} name="toOwnerId" label={t("pipeline.reassignTo")}>
                  <select {...f.field("toOwnerId")}>
                    <option value="">—</option>
                    {d.team
                      .filter((m) => m.id !== d.member!.id)
                      .map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.name}
                        </option>
                      ))}
                  </select>
                </Field>
                <button type="submit" className="button primary">
                  {t("pipeline.reassign")}
                </button>
              </div>
            ) : null}
          </ZodForm>
        </section>
      ) : null}
    </>
  );
}
