// Reminders pushed to a company's group chat (issue 19, decision 016): each company may set a 企业微信 or 钉钉 group
// robot. Once a day, the first reminder sweep of the day queues a digest for each company with a robot (its next
// actions due or overdue, its red projects, the handoffs waiting on it); after the sweep commits, the queued
// messages are posted. A delivery is claimed before it is sent and its outcome kept, so two processes never send
// one twice and a failure is visible on the settings page and tried again at the next sweep.
import crypto from "node:crypto";
import { and, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { queryRows } from "~db/query-rows";
import { companies, companyWebhooks, handoffs, projects, users, webhookDeliveries } from "~db/schema";
import { clock } from "~/lib/clock";
import { translator } from "~/lib/i18n";
import type { Forbidden, NotFound, Ok, Result } from "~/lib/result";
import { conflict, forbidden, notFound, ok } from "~/lib/result";
import { writeAudit } from "~/modules/audit/audit.server";
import { openSecret, sealSecret } from "~/modules/auth/mfa-crypto.server";
import type { Viewer } from "~/modules/auth/policy";
import { canConfigureRobot } from "~/modules/auth/policy";
import { overdueSql } from "~/modules/handoffs/handoffs.server";
import { openWorkWhere, projectLightWhere } from "~/modules/projects/projects.server";
import type { RobotInput, RobotKind } from "./robot.schema";
import { ROBOT_KINDS, robotUrlProblem } from "./robot.schema";

/** A delivery that failed this many times is left failed (shown on the page), no longer retried. */
export const MAX_ATTEMPTS = 5;
/** A delivery claimed longer ago than this was dropped by a process that stopped: another may take it. */
const CLAIM_TIMEOUT_MS = 10 * 60_000;
/** How long a robot may take to answer. */
const SEND_TIMEOUT_MS = 5_000;
/** Projects a digest names; the rest are counted. */
const DIGEST_LINES = 10;

/** Extra hosts a robot may post to (WEBHOOK_HOSTS="host:port,…"): a private gateway, or a test receiver. */
export function extraRobotHosts(): string[] {
  return (process.env.WEBHOOK_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
}

const secretContext = (companyId: number) => `robot:${companyId}`;

export type RobotSettings = {
  company: { id: number; name: string };
  robot: { kind: RobotKind; url: string; hasSecret: boolean; enabled: boolean; version: number; updatedAt: Date } | null;
  deliveries: {
    id: number;
    key: string;
    title: string;
    status: string;
    attempts: number;
    lastError: string | null;
    createdAt: Date;
    sentAt: Date | null;
  }[];
};

async function companyOfZone(viewer: Viewer, companyId: number) {
  const [company] = await getDb()
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.id, companyId), eq(companies.zoneId, viewer.zoneId)));
  return company;
}

/** Whether the viewer may set this company's robot: a company of another zone is not found, not forbidden. */
export async function checkRobotRight(viewer: Viewer, companyId: number): Promise<Ok<undefined> | NotFound | Forbidden> {
  if (!(await companyOfZone(viewer, companyId))) return notFound();
  return canConfigureRobot(viewer, companyId) ? ok() : forbidden();
}

/** The robot of a company and its last deliveries, for its manager or an admin. */
export async function robotSettings(viewer: Viewer, companyId: number): Promise<Ok<RobotSettings> | NotFound | Forbidden> {
  const company = await companyOfZone(viewer, companyId);
  if (!company) return notFound();
  if (!canConfigureRobot(viewer, companyId)) return forbidden();
  const db = getDb();
  const [row] = await db.select().from(companyWebhooks).where(eq(companyWebhooks.companyId, companyId));
  const deliveries = await db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.companyId, companyId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(10);
  return ok({
    company,
    robot: row
      ? {
          kind: (ROBOT_KINDS as readonly string[]).includes(row.kind) ? (row.kind as RobotKind) : "wecom",
          url: row.url,
          hasSecret: row.secretSealed !== null,
          enabled: row.enabled,
          version: row.version,
          updatedAt: row.updatedAt,
        }
      : null,
    deliveries: deliveries.map((d) => ({
      id: d.id,
      key: d.dedupeKey,
      title: d.body.title,
      status: d.status,
      attempts: d.attempts,
      lastError: d.lastError,
      createdAt: d.createdAt,
      sentAt: d.sentAt,
    })),
  });
}

/**
 * Saves a company's robot (creates it when `version` is absent). A stale version is a conflict: someone else saved
 * first. The address is audited without its token; the secret is sealed and never read back to the page.
 */
export async function saveRobot(viewer: Viewer, companyId: number, input: RobotInput): Promise<Result<undefined, "stale">> {
  const company = await companyOfZone(viewer, companyId);
  if (!company) return notFound();
  if (!canConfigureRobot(viewer, companyId)) return forbidden();
  return getDb().transaction(async (tx) => {
    const [current] = await tx.select().from(companyWebhooks).where(eq(companyWebhooks.companyId, companyId)).for("update");
    if ((current?.version ?? undefined) !== input.version) return conflict("stale" as const);
    const secretSealed = input.clearSecret
      ? null
      : input.secret
        ? sealSecret(input.secret, secretContext(companyId))
        : (current?.secretSealed ?? null);
    const values = { kind: input.kind, url: input.url, secretSealed, enabled: input.enabled, updatedBy: viewer.id, updatedAt: clock.now() };
    if (current) {
      await tx
        .update(companyWebhooks)
        .set({ ...values, version: current.version + 1 })
        .where(eq(companyWebhooks.companyId, companyId));
    } else {
      await tx.insert(companyWebhooks).values({ companyId, zoneId: viewer.zoneId, ...values });
    }
    const shown = (r: { kind: string; url: string; enabled: boolean; secretSealed: string | null }) => ({
      kind: r.kind,
      host: safeHost(r.url),
      enabled: r.enabled,
      signed: r.secretSealed !== null,
    });
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "company",
      entityId: companyId,
      action: current ? "robot_update" : "robot_create",
      before: current ? shown(current) : undefined,
      after: shown(values),
    });
    return ok();
  });
}

function safeHost(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

/** Queues a test message for the company's robot and sends it now; the outcome shows among the deliveries. */
export async function sendRobotTest(viewer: Viewer, companyId: number): Promise<Ok<{ status: string }> | NotFound | Forbidden> {
  const company = await companyOfZone(viewer, companyId);
  if (!company) return notFound();
  if (!canConfigureRobot(viewer, companyId)) return forbidden();
  const t = translator("zh");
  const [row] = await getDb()
    .insert(webhookDeliveries)
    .values({
      zoneId: viewer.zoneId,
      companyId,
      dedupeKey: `test:${clock.now().getTime()}:${crypto.randomUUID()}`,
      body: { title: t("robot.testTitle"), text: t("robot.testText", { company: company.name }) },
    })
    .returning({ id: webhookDeliveries.id });
  await deliverRobotMessages(viewer.zoneId, { ids: [row.id] });
  const [after] = await getDb().select({ status: webhookDeliveries.status }).from(webhookDeliveries).where(eq(webhookDeliveries.id, row.id));
  return ok({ status: after?.status ?? "pending" });
}

type DigestProject = {
  companyId: number;
  code: string;
  name: string;
  owner: string | null;
  confidential: boolean;
  nextAction: string | null;
  nextOn: string | null;
};

/**
 * In the sweep's transaction: the day's digest for each company of the zone with an enabled robot and something to
 * say, once a day (the unique key `digest:<day>`). Confidential projects are counted, never named: the message goes
 * to a group chat.
 */
export async function queueRobotDigests(tx: Executor, zoneId: number, today: string): Promise<number> {
  const robots = await tx
    .select({ companyId: companyWebhooks.companyId, name: companies.name })
    .from(companyWebhooks)
    .innerJoin(companies, eq(companies.id, companyWebhooks.companyId))
    .where(and(eq(companyWebhooks.zoneId, zoneId), eq(companyWebhooks.enabled, true)));
  if (robots.length === 0) return 0;
  const ids = robots.map((r) => r.companyId);
  const key = `digest:${today}`;
  const done = await tx
    .select({ companyId: webhookDeliveries.companyId })
    .from(webhookDeliveries)
    .where(and(inArray(webhookDeliveries.companyId, ids), eq(webhookDeliveries.dedupeKey, key)));
  const pending = robots.filter((r) => !done.some((d) => d.companyId === r.companyId));
  if (pending.length === 0) return 0;
  const pendingIds = pending.map((r) => r.companyId);

  const project = {
    companyId: projects.companyId,
    code: projects.code,
    name: projects.name,
    owner: users.displayName,
    confidential: projects.confidential,
    nextAction: projects.nextAction,
    nextOn: sql<string | null>`${projects.nextActionOn}::text`,
  };
  const due: DigestProject[] = await tx
    .select(project)
    .from(projects)
    .leftJoin(users, eq(users.id, projects.ownerId))
    .where(
      and(
        eq(projects.zoneId, zoneId),
        inArray(projects.companyId, pendingIds),
        // As the reminders: not for projects in 投产, 搁置 or 流失.
        openWorkWhere(),
        sql`${projects.nextActionOn} <= ${today}::date`,
      ),
    )
    .orderBy(projects.nextActionOn, projects.id);
  const red: DigestProject[] = await tx
    .select(project)
    .from(projects)
    .leftJoin(users, eq(users.id, projects.ownerId))
    .where(and(eq(projects.zoneId, zoneId), inArray(projects.companyId, pendingIds), projectLightWhere("red", today)))
    .orderBy(projects.milestoneDueOn, projects.id);
  const waiting = await queryRows<{ company_id: number; n: number }>(
    sql`select ${handoffs.toCompanyId} as company_id, count(*)::int as n from ${handoffs}
        join ${projects} on ${projects.id} = ${handoffs.projectId}
        where ${projects.zoneId} = ${zoneId} and ${inArray(handoffs.toCompanyId, pendingIds)} and ${overdueSql()}
        group by ${handoffs.toCompanyId}`,
    tx,
  );

  const t = translator("zh");
  let queued = 0;
  for (const robot of pending) {
    const mine = (list: DigestProject[]) => list.filter((p) => p.companyId === robot.companyId);
    const body = digestBody(t, {
      company: robot.name,
      day: today,
      due: mine(due),
      red: mine(red),
      handoffs: waiting.find((w) => w.company_id === robot.companyId)?.n ?? 0,
      link: process.env.APP_URL ? `${process.env.APP_URL.replace(/\/$/, "")}/pipeline/chasing` : null,
    });
    if (!body) continue;
    const made = await tx
      .insert(webhookDeliveries)
      .values({ zoneId, companyId: robot.companyId, dedupeKey: key, body })
      .onConflictDoNothing()
      .returning({ id: webhookDeliveries.id });
    queued += made.length;
  }
  return queued;
}

/**
 * In the caller's transaction: one message for the company's group robot, when it has an enabled one (once per
 * `dedupeKey`). The ids queued, for the caller to deliver after it commits.
 */
export async function queueRobotMessage(
  tx: Executor,
  entry: { zoneId: number; companyId: number; dedupeKey: string; body: { title: string; text: string } },
): Promise<number[]> {
  const [robot] = await tx
    .select({ companyId: companyWebhooks.companyId })
    .from(companyWebhooks)
    .where(and(eq(companyWebhooks.companyId, entry.companyId), eq(companyWebhooks.zoneId, entry.zoneId), eq(companyWebhooks.enabled, true)));
  if (!robot) return [];
  const made = await tx
    .insert(webhookDeliveries)
    .values({ zoneId: entry.zoneId, companyId: entry.companyId, dedupeKey: entry.dedupeKey, body: entry.body })
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  return made.map((m) => m.id);
}

/** A link into the app for a robot's message, when APP_URL says where the app is. */
export const appLink = (path: string) => (process.env.APP_URL ? `${process.env.APP_URL.replace(/\/$/, "")}${path}` : null);

type Translate = ReturnType<typeof translator>;

/** The digest's Markdown, or null when there is nothing to say. */
export function digestBody(
  t: Translate,
  d: { company: string; day: string; due: DigestProject[]; red: DigestProject[]; handoffs: number; link: string | null },
): { title: string; text: string } | null {
  if (d.due.length === 0 && d.red.length === 0 && d.handoffs === 0) return null;
  const title = t("robot.digestTitle", { company: d.company, day: d.day });
  const named = (list: DigestProject[]) => list.filter((p) => !p.confidential);
  const line = (p: DigestProject, extra: string) => `- ${p.code} ${p.name}（${t("robot.owner")}：${p.owner ?? "—"}）${extra}`;
  const section = (heading: string, list: DigestProject[], extra: (p: DigestProject) => string) => {
    if (list.length === 0) return [];
    const shown = named(list).slice(0, DIGEST_LINES);
    const hidden = list.length - shown.length;
    return [`**${heading}**`, ...shown.map((p) => line(p, extra(p))), ...(hidden > 0 ? [t("robot.more", { n: hidden })] : [])];
  };
  const lines = [
    `### ${title}`,
    t("robot.summary", { due: d.due.length, red: d.red.length, handoffs: d.handoffs }),
    ...section(t("robot.dueHeading"), d.due, (p) => (p.nextOn ? ` ${p.nextOn} ${p.nextAction ?? ""}`.trimEnd() : "")),
    ...section(t("robot.redHeading"), d.red, () => ""),
    ...(d.link ? [`[${t("robot.open")}](${d.link})`] : []),
  ];
  return { title, text: lines.join("\n\n") };
}

/** The JSON each robot documents for a Markdown message. */
export function robotPayload(kind: RobotKind, body: { title: string; text: string }) {
  return kind === "wecom"
    ? { msgtype: "markdown", markdown: { content: body.text } }
    : { msgtype: "markdown", markdown: { title: body.title, text: body.text } };
}

/**
 * 钉钉's signed address: `timestamp` (ms) and `sign` = Base64(HmacSHA256(secret, timestamp + "\n" + secret)),
 * URL-encoded, as its documentation for 加签 robots says.
 */
export function signedDingtalkUrl(url: string, secret: string, now: number): string {
  const sign = crypto.createHmac("sha256", secret).update(`${now}\n${secret}`).digest("base64");
  const signed = new URL(url);
  signed.searchParams.set("timestamp", String(now));
  signed.searchParams.set("sign", sign);
  return signed.toString();
}

/**
 * Posts the zone's queued messages (or the ones named): each is claimed first (pending, failed under the attempt
 * limit, or a claim gone stale), so two processes never send one twice. How many were sent.
 */
export async function deliverRobotMessages(zoneId: number, opts: { ids?: number[]; fetchImpl?: typeof fetch } = {}): Promise<number> {
  const db = getDb();
  const now = clock.now();
  const stale = new Date(now.getTime() - CLAIM_TIMEOUT_MS);
  const claimed = await db
    .update(webhookDeliveries)
    .set({ status: "sending", claimedAt: now, attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(
      and(
        eq(webhookDeliveries.zoneId, zoneId),
        opts.ids ? inArray(webhookDeliveries.id, opts.ids) : undefined,
        or(
          eq(webhookDeliveries.status, "pending"),
          and(eq(webhookDeliveries.status, "failed"), lt(webhookDeliveries.attempts, MAX_ATTEMPTS)),
          and(eq(webhookDeliveries.status, "sending"), lt(webhookDeliveries.claimedAt, stale)),
        ),
      ),
    )
    .returning();
  if (claimed.length === 0) return 0;
  const robots = await db
    .select()
    .from(companyWebhooks)
    .where(inArray(companyWebhooks.companyId, [...new Set(claimed.map((c) => c.companyId))]));
  let sent = 0;
  for (const delivery of claimed) {
    const robot = robots.find((r) => r.companyId === delivery.companyId);
    const outcome = robot ? await post(robot, delivery.body, opts.fetchImpl ?? fetch) : "robot.error.none";
    await db
      .update(webhookDeliveries)
      .set(outcome === null ? { status: "sent", sentAt: clock.now(), lastError: null } : { status: "failed", lastError: outcome.slice(0, 500) })
      .where(eq(webhookDeliveries.id, delivery.id));
    if (outcome === null) sent += 1;
  }
  return sent;
}

/** Sends one message; null when the robot took it, else why not. */
async function post(
  robot: typeof companyWebhooks.$inferSelect,
  body: { title: string; text: string },
  fetchImpl: typeof fetch,
): Promise<string | null> {
  const kind = robot.kind as RobotKind;
  // Checked again at sending: the rule may have tightened since the address was saved.
  const problem = robotUrlProblem(robot.url, kind, extraRobotHosts());
  if (problem) return problem;
  let url = robot.url;
  if (kind === "dingtalk" && robot.secretSealed) {
    const secret = openSecret(robot.secretSealed, secretContext(robot.companyId));
    if (secret === null) return "robot.error.secretUnreadable";
    url = signedDingtalkUrl(url, secret, clock.now().getTime());
  }
  try {
    const response = await fetchImpl(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(robotPayload(kind, body)),
      redirect: "error",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) return `HTTP ${response.status} ${text.slice(0, 200)}`;
    // Both robots answer 200 with { errcode, errmsg }: errcode 0 is success.
    const answer = JSON.parse(text) as { errcode?: number; errmsg?: string };
    return answer.errcode === 0 ? null : `errcode ${String(answer.errcode)} ${answer.errmsg ?? ""}`.trim();
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}
