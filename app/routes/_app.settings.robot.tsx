// A company's group robot (企业微信 / 钉钉): where the day's reminders are pushed (decision 016). The company's
// manager sets their own; an admin picks any company of the zone (?company=ID).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { formatDateTime } from "~/lib/dates";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { toId } from "~/lib/result";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import type { Viewer } from "~/modules/auth/policy";
import { canConfigureRobot } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { listZoneCompanies } from "~/modules/companies/companies.server";
import { invariantResponse, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { ROBOT_KINDS, robotSchema } from "~/modules/notifications/robot.schema";
import { checkRobotRight, extraRobotHosts, robotSettings, saveRobot, sendRobotTest } from "~/modules/notifications/robot.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "robot.title");

/** The company the page is about: the manager's own, or the one an admin picked (null: not picked yet). */
function companyOf(user: Viewer, url: URL): number | null {
  const picked = toId(url.searchParams.get("company"));
  if (picked !== null) return picked;
  return user.companyId !== null && canConfigureRobot(user, user.companyId) ? user.companyId : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const companyId = companyOf(user, new URL(request.url));
  const picker = user.companyId === null || !canConfigureRobot(user, user.companyId);
  // Someone who may set no company's robot gets a 403, not an empty picker.
  const companies = picker ? (await listZoneCompanies(user.zoneId)).filter((c) => canConfigureRobot(user, c.id)) : [];
  invariantResponse(!picker || companies.length > 0, 403);
  const settings = companyId === null ? null : throwIfRefused(await robotSettings(user, companyId)).value;
  return { companyId, companies, settings, extraHosts: extraRobotHosts() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const companyId = companyOf(user, new URL(request.url));
  invariantResponse(companyId !== null, 403);
  // The right first: input is judged only for someone who may set this robot.
  throwIfRefused(await checkRobotRight(user, companyId));
  const t = await getTranslator(request);
  const intent = String(form.get("intent") ?? "");
  const back = `/settings/robot${new URL(request.url).search}`;
  if (intent === "test") {
    const sent = throwIfRefused(await sendRobotTest(user, companyId)).value;
    const ok = sent.status === "sent";
    return redirect(back, {
      headers: { "Set-Cookie": await flashHeader({ kind: ok ? "ok" : "error", message: t(ok ? "robot.testSent" : "robot.testFailed") }) },
    });
  }
  const parsed = parseForm(robotSchema(extraRobotHosts()), form);
  if (!parsed.ok) return replyInvalid("save", parsed.errors, form);
  const saved = throwIfRefused(await saveRobot(user, companyId, parsed.data));
  if (saved.kind === "conflict") return replyInvalid("save", { _form: "robot.stale" }, form, 409);
  if (saved.kind === "invalid") return replyInvalid("save", saved.fieldErrors, form);
  return redirect(back, { headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("robot.saved") }) } });
}

export default function RobotPage() {
  const { companyId, companies, settings } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-head">
        <h1>{t("robot.title")}</h1>
      </div>
      <p className="muted">{t("robot.intro")}</p>
      {companies.length > 0 ? (
        <Form method="get" className="filters">
          <label htmlFor="company">{t("robot.company")}</label>
          <select id="company" name="company" defaultValue={companyId ?? ""}>
            <option value="">—</option>
            {companies.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <button type="submit" className="button">
            {t("common.search")}
          </button>
        </Form>
      ) : null}
      {settings ? <RobotForm settings={settings} /> : null}
    </>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function RobotForm({ settings }: { settings: NonNullable<Loaded["settings"]> }) {
  const { extraHosts } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const robot = settings.robot;
  const f = useZodForm(robotSchema(extraHosts), {
    intent: "save",
    reply,
    defaults: { kind: robot?.kind ?? "wecom", url: robot?.url ?? "", enabled: robot ? robot.enabled : true, version: robot?.version },
  });
  return (
    <>
      <section className="panel">
        <h2>{settings.company.name}</h2>
        {/* Remounted when the saved settings change, so a conflict shows what is saved now. */}
        <ZodForm form={f} key={robot?.version ?? 0}>
          {robot ? <input type="hidden" {...f.field("version")} /> : null}
          <div className="form-grid">
            <Field form={f} name="kind" label={t("robot.kind")}>
              <select {...f.field("kind")}>
                {ROBOT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`robot.kind.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <TextField form={f} name="url" label={t("robot.url")} inputMode="url" autoComplete="off" spellCheck={false} />
          </div>
          <p className="muted small">{t("robot.urlHint")}</p>
          <TextField form={f} name="secret" label={t("robot.secret")} autoComplete="off" spellCheck={false} type="password" />
          <p className="muted small">{robot?.hasSecret ? t("robot.secretSet") : t("robot.secretHint")}</p>
          {robot?.hasSecret ? (
            <label className="checkbox">
              <input type="checkbox" {...f.checkbox("clearSecret")} /> {t("robot.clearSecret")}
            </label>
          ) : null}
          <label className="checkbox">
            <input type="checkbox" {...f.checkbox("enabled")} /> {t("robot.enabled")}
          </label>
          <div className="actions">
            <button type="submit" className="button primary">
              {t("robot.save")}
            </button>
          </div>
        </ZodForm>
        {robot ? (
          <Form method="post" className="actions">
            <CsrfInput />
            <input type="hidden" name="intent" value="test" />
            <button type="submit" className="button">
              {t("robot.test")}
            </button>
          </Form>
        ) : (
          <p className="muted">{t("robot.noRobot")}</p>
        )}
      </section>
      <section className="panel">
        <h2>{t("robot.deliveries")}</h2>
        {settings.deliveries.length === 0 ? (
          <p className="muted">{t("robot.noDeliveries")}</p>
        ) : (
          <ul>
            {settings.deliveries.map((d) => (
              <li key={d.id}>
                <strong>{d.title}</strong> · {t(`robot.status.${d.status as "sent"}`)} · {formatDateTime(d.sentAt ?? d.createdAt)}
                {d.status === "failed" && d.lastError ? (
                  <div className="field-error">
                    {t("robot.lastError")}：{d.lastError.startsWith("robot.error.") ? t(d.lastError as "robot.error.none") : d.lastError}（
                    {t("robot.attempts")} {d.attempts}）
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <Link to="/notifications">← {t("notifications.title")}</Link>
      </p>
    </>
  );
}
