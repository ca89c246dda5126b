import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import type { ColumnMeta } from "~/components/data-table";
import { DataTable } from "~/components/data-table";
import { Field, TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { formatDateTime, todayInZone } from "~/lib/dates";
import { ACTIVITY_KINDS, REVIEW_OUTCOMES } from "~/lib/domain-values";
import { codedMessage, parseForm, translateError } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import type { StoredActivityFile } from "~/modules/attachments/attachments.server";
import { discardActivityFiles, insertActivityFiles, storeActivityFile } from "~/modules/attachments/attachments.server";
import type { ActivityFileError } from "~/modules/attachments/attachments.schema";
import {
  ACTIVITY_FILES_ACCEPT,
  ACTIVITY_FILES_FIELD,
  ACTIVITY_FILES_MAX,
  activityFileMessage,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_MB,
} from "~/modules/attachments/attachments.schema";
import { requireUserForm, requireUserMultipartForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import type { Viewer } from "~/modules/auth/policy";
import { canEditProject, canLogActivity } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import type { ActivityInput } from "~/modules/projects/activity.schema";
import { activitySchema, TERM_TOPICS } from "~/modules/projects/activity.schema";
import { ActivityFilesField } from "~/modules/projects/components/activity-files-field";
import { MilestoneMoveFields } from "~/modules/projects/components/milestone-move-fields";
import { NextActionReplace } from "~/modules/projects/components/next-action-replace";
import { logActivityAndMoveStage } from "~/modules/projects/milestone-activities.server";
import type { MilestoneMove } from "~/modules/projects/milestones";
import { activityMilestoneFieldsSchema, milestoneMoveSchema, milestoneOffer, milestonePrefill } from "~/modules/projects/milestones";
import { listOpenNextActions, logActivity } from "~/modules/projects/project-activities.server";
import { refusalErrors } from "~/modules/projects/project-routes.server";
import { projectFormOptions } from "~/modules/projects/projects-options.server";
import { getProjectForViewer, loadProjectFacts } from "~/modules/projects/projects.server";
import { invariantResponse, parseId, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "activity.new");

/** The project, when the viewer may log activities on it: 404 if unseen, 403 if seen but not theirs to log on. */
async function requireLoggable(user: Viewer, id: number) {
  const facts = await loadProjectFacts(id);
  const found = facts ? await getProjectForViewer(user, id) : undefined;
  invariantResponse(facts && found);
  invariantResponse(canLogActivity(user, facts), 403);
  return { ...found.project, canMove: canEditProject(user, facts) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = await requireLoggable(user, parseId(params.id));
  // A helper on an assist picks participants from their own company.
  const options = await projectFormOptions(user, { companyId: user.companyId ?? p.companyId, investorId: p.investorId });
  const today = todayInZone();
  // A milestone's activity may move the project into its next stage, for those who may move it (issue 19).
  const to = p.canMove ? milestoneOffer(p.stage, p.status) : undefined;
  return {
    project: { id: p.id, name: p.name, code: p.code },
    people: options.owners,
    contacts: options.contacts,
    me: user.id,
    today,
    openActions: await listOpenNextActions(p.id),
    milestone: to ? { to, version: p.version, prefill: milestonePrefill(p, today) } : null,
  };
}

// Up to ACTIVITY_FILES_MAX files of EVIDENCE_MAX_BYTES; a refused file's rest is read and dropped up to this.
const MAX_REQUEST_BYTES = (ACTIVITY_FILES_MAX + 1) * EVIDENCE_MAX_BYTES;

/**
 * The posted form and its files, stored (with the evidence's checks) as they arrive. The first refused file stops
 * the rest from being stored; whatever was stored is the caller's to write with the activity or to discard.
 */
async function readActivityForm(request: Request) {
  const files: StoredActivityFile[] = [];
  let refused: { code: ActivityFileError; fileName: string } | undefined;
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    return { ...(await requireUserForm(request)), files, refused };
  }
  try {
    const { user, form } = await requireUserMultipartForm(request, {
      maxRequestBytes: MAX_REQUEST_BYTES,
      onFile: async (part) => {
        // An input left empty sends a part without a name and without bytes: nothing was chosen.
        if (part.name !== ACTIVITY_FILES_FIELD || part.filename === "" || refused) return;
        if (files.length >= ACTIVITY_FILES_MAX) {
          refused = { code: "tooMany", fileName: part.filename };
          return;
        }
        const outcome = await storeActivityFile({ fileName: part.filename, data: part.data });
        if ("refused" in outcome) refused = { code: outcome.refused, fileName: outcome.fileName };
        else files.push(outcome.stored);
      },
    });
    return { user, form, files, refused };
  } catch (error) {
    await discardActivityFiles(files);
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Checked before a byte of the body is read: 404 unseen, 403 seen but not the viewer's to log on.
  const id = parseId(params.id);
  await requireLoggable(await requireUser(request), id);
  const { user, form, files, refused } = await readActivityForm(request);
  let written = false;
  try {
    const parsed = parseForm(activitySchema, form);
    const move = parseForm(milestoneMoveSchema, form);
    const fileError = refused ? { [ACTIVITY_FILES_FIELD]: activityFileMessage(refused.code, refused.fileName) } : {};
    if (!parsed.ok || !move.ok) {
      return replyInvalid(undefined, { ...(move.ok ? {} : move.errors), ...(parsed.ok ? {} : parsed.errors), ...fileError }, form);
    }
    if (refused) return replyInvalid(undefined, fileError, form);
    const withFiles: WithActivity | undefined = files.length ? (tx, at) => insertActivityFiles(tx, user, at, files) : undefined;
    if (move.data) {
      const outcome = await logMilestone(request, form, user, id, parsed.data, move.data, withFiles);
      written = outcome.written;
      return outcome.reply;
    }
    const result = throwIfRefused(await logActivity(user, id, parsed.data, withFiles));
    if (result.kind === "invalid") {
      return replyInvalid(undefined, refusalErrors(result), form);
    }
    written = true;
  } finally {
    // Nothing half-written: files of an activity that was not saved are deleted again.
    if (!written) await discardActivityFiles(files);
  }
  const t = await getTranslator(request);
  return redirect(`/projects/${id}`, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("projects.activityLogged") }) } });
}

/** The activity and the stage move it marks, in one transaction; a refusal of either writes nothing. */
type WithActivity = NonNullable<Parameters<typeof logActivity>[3]>;

/** The activity with the stage move it marks; `written` says whether both were saved (else its files are dropped). */
async function logMilestone(
  request: Request,
  form: FormData,
  user: Viewer,
  id: number,
  activity: ActivityInput,
  move: MilestoneMove,
  withFiles: WithActivity | undefined,
) {
  const t = await getTranslator(request);
  const result = throwIfRefused(await logActivityAndMoveStage(user, id, activity, move, withFiles));
  if (result.kind === "conflict") {
    const c = result.detail;
    const message = codedMessage("milestone.conflict", { by: c.by ?? "—", at: formatDateTime(c.at), stage: t(`stage.${c.stage}`) });
    return { written: false, reply: replyInvalid(undefined, { _form: message }, form, 409) };
  }
  if (result.kind === "invalid") {
    // The gate's refusals about the whole move (not approved, not the next stage) belong next to the checkbox.
    const { _form, ...errors } = refusalErrors(result);
    return { written: false, reply: replyInvalid(undefined, _form ? { ...errors, advanceStage: _form } : errors, form) };
  }
  const message = t("milestone.logged", { kind: t(`activity.${activity.kind}`), stage: t(`stage.${result.value.stage}`) });
  return { written: true, reply: redirect(`/projects/${id}`, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message }) } }) };
}

type TermTopic = (typeof TERM_TOPICS)[number];
const termColumn = createColumnHelper<TermTopic>();

export default function NewActivityPage() {
  const { project, people, contacts, me, today, openActions, milestone } = useLoaderData<typeof loader>();
  const t = useT();
  const reply = useActionData<typeof action>();
  const f = useZodForm(activityMilestoneFieldsSchema, {
    defaults: { kind: "visit", occurredOn: today, userIds: [String(me)], ...milestone?.prefill },
    reply,
  });
  const groupError = (name: "userIds" | "contactIds") => {
    const error = f.error(name);
    return error ? <p className="field-error">{translateError(t, error)}</p> : null;
  };
  const termColumns = [
    termColumn.display({
      id: "topic",
      header: t("activity.termTopic"),
      meta: { cardTitle: true, className: "nowrap" } satisfies ColumnMeta,
      cell: (c) => <label htmlFor={f.id(`term_${c.row.original}_detail`)}>{t(`term.${c.row.original}`)}</label>,
    }),
    termColumn.display({
      id: "detail",
      header: t("activity.termDetail"),
      cell: (c) => <input className="wide" {...f.field(`term_${c.row.original}_detail`)} />,
    }),
    termColumn.display({
      id: "state",
      header: t("activity.termState"),
      cell: (c) => {
        const topic = c.row.original;
        return (
          <select aria-label={`${t(`term.${topic}`)} ${t("activity.termState")}`} {...f.field(`term_${topic}_state`)}>
            <option value="">{t("activity.termNone")}</option>
            <option value="open">{t("projects.open")}</option>
            <option value="agreed">{t("projects.agreed")}</option>
          </select>
        );
      },
    }),
  ];
  return (
    <>
      <p>
        <Link to={`/projects/${project.id}`}>← {project.name}</Link>
      </p>
      <div className="page-head">
        <h1>{t("activity.new")}</h1>
        <span className="muted">{project.code}</span>
      </div>
      {/* multipart: the files go with the activity; ZodForm puts the token first, which the upload needs. */}
      <ZodForm form={f} encType="multipart/form-data">
        <section className="panel">
          <div className="form-grid">
            <Field form={f} name="kind" label={t("activity.kind")}>
              <select {...f.field("kind")}>
                {ACTIVITY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`activity.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <TextField form={f} name="occurredOn" label={t("activity.occurredOn")} type="date" max={today} />
            <Field form={f} name="reviewOutcome" label={t("activity.reviewOutcome")}>
              <select {...f.field("reviewOutcome")}>
                <option value="">—</option>
                {REVIEW_OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {t(`review.${o}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field form={f} name="summary" label={t("activity.summary")}>
            <textarea rows={4} className="wide" {...f.field("summary")} />
          </Field>
          <div className="form-grid">
            <fieldset className="field">
              <legend>{t("activity.ourPeople")}</legend>
              {people.map((u) => (
                <label key={u.id} className="checkbox">
                  <input {...f.option("userIds", u.id)} /> {u.name}
                </label>
              ))}
              {groupError("userIds")}
            </fieldset>
            <fieldset className="field">
              <legend>{t("activity.theirPeople")}</legend>
              {contacts.length === 0 ? <p className="muted">—</p> : null}
              {contacts.map((c) => (
                <label key={c.id} className="checkbox">
                  <input {...f.option("contactIds", c.id)} /> {c.name}
                  {c.title ? `（${c.title}）` : ""}
                </label>
              ))}
              {groupError("contactIds")}
            </fieldset>
          </div>
        </section>
        <section className="panel">
          <h2>{t("activity.terms")}</h2>
          <DataTable<TermTopic> data={[...TERM_TOPICS]} columns={termColumns} emptyText="" getRowId={(topic) => topic} sticky={false} />
        </section>
        <section className="panel">
          <div className="form-grid">
            <TextField form={f} name="nextAction" label={t("activity.nextAction")} />
            <TextField form={f} name="nextActionDueOn" label={t("activity.nextActionDue")} type="date" />
          </div>
          <NextActionReplace form={f} open={openActions} />
        </section>
        <section className="panel">
          <ActivityFilesField
            name={ACTIVITY_FILES_FIELD}
            accept={ACTIVITY_FILES_ACCEPT}
            maxMb={EVIDENCE_MAX_MB}
            maxFiles={ACTIVITY_FILES_MAX}
            error={reply?.errors[ACTIVITY_FILES_FIELD]}
          />
        </section>
        {milestone ? <MilestoneMoveFields form={f} to={milestone.to} version={milestone.version} today={today} /> : null}
        <div className="form-actions">
          <button type="submit" className="button primary">
            {t("common.save")}
          </button>
          <Link to={`/projects/${project.id}`} className="button">
            {t("common.cancel")}
          </Link>
        </div>
      </ZodForm>
    </>
  );
}
