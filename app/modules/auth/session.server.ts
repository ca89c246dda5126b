import crypto from "node:crypto";
import { createCookie, data, redirect } from "@remix-run/node";
import { and, eq, lt, ne, sql } from "drizzle-orm";
import type { Database } from "~db/index";
import { getDb } from "~db/index";
import { companies, sessions, users, zoneCacheVersions, zones } from "~db/schema";
import { clock } from "~/lib/clock";
import { authConfig } from "./config.server";
import { mfaRequired } from "./mfa.server";
import type { Viewer } from "./policy";
import { provincePathAllowed, worksInZone } from "./policy";

export type SessionUser = Viewer & {
  login: string;
  displayName: string;
  companyName: string | null;
  zoneName: string;
  csrfToken: string;
  sessionIdHash: string;
  /** The user has a second factor. */
  mfaEnabled: boolean;
  /** Password accepted, second factor not yet: such a session opens nothing but /login/mfa. */
  mfaPending: boolean;
  /** An admin reset the password: nothing but the account page's change-password form until it is changed. */
  mustChangePassword: boolean;
  /** The zone's cache version read with the session (decision 033; null before the zone's first write). */
  cacheVersion: string | null;
};

/** Lifetime of a session waiting for its second factor. */
const MFA_PENDING_MS = 10 * 60_000;

const sessionCookie = createCookie("zcrm_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: authConfig.secureCookies,
  secrets: [authConfig.sessionSecret],
});

function sha256(value: string) {
  return crypto.createHash("sha256").update(value).digest("hex");
}

function randomToken() {
  return crypto.randomBytes(32).toString("base64url"); // 256 bits
}

async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length >= 40 ? value : null;
}

// Lookups in flight, by session: a page's root, layout and route loaders run at once and each asks who the user
// is; they share one query instead of three. Entries live only while the query runs, so nothing is cached.
const inFlight = new Map<string, Promise<SessionUser | null>>();

/**
 * The signed-in user, or null when there is no live session (expired, ended, or the user disabled). A session
 * still waiting for its second factor counts as none unless `includePending` asks for it (the MFA step only).
 */
export async function getSessionUser(request: Request, opts: { includePending?: boolean } = {}): Promise<SessionUser | null> {
  const id = await readSessionId(request);
  if (!id) return null;
  const idHash = sha256(id);
  let lookup = inFlight.get(idHash);
  if (!lookup) {
    lookup = lookUpSession(idHash).finally(() => inFlight.delete(idHash));
    inFlight.set(idHash, lookup);
  }
  const user = await lookup;
  return user && user.mfaPending && !opts.includePending ? null : user;
}

// Every request asks it: prepared once per database handle (drizzle builds its SQL once, not per request).
const sessionQueries = new WeakMap<Database, ReturnType<typeof prepareSessionQuery>>();

function prepareSessionQuery(db: Database) {
  return db
    .select({
      id: users.id,
      zoneId: users.zoneId,
      companyId: users.companyId,
      role: users.role,
      login: users.login,
      displayName: users.displayName,
      disabled: users.disabled,
      companyName: companies.name,
      zoneName: zones.name,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      mfaPending: sessions.mfaPending,
      mfaEnabledAt: users.mfaEnabledAt,
      mustChangePassword: users.mustChangePassword,
      // Read in the session's statement, so the caches cost no round trip of their own (decision 033).
      cacheVersion: sql<
        string | null
      >`(select ${zoneCacheVersions.version}::text from ${zoneCacheVersions} where ${zoneCacheVersions.zoneId} = ${users.zoneId})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(zones, eq(zones.id, users.zoneId))
    .leftJoin(companies, eq(companies.id, users.companyId))
    .where(eq(sessions.idHash, sql.placeholder("idHash")))
    .prepare("session_user");
}

async function lookUpSession(idHash: string): Promise<SessionUser | null> {
  const db = getDb();
  let query = sessionQueries.get(db);
  if (!query) {
    query = prepareSessionQuery(db);
    sessionQueries.set(db, query);
  }
  const [row] = await query.execute({ idHash });
  if (!row) return null;

  const now = clock.now();
  const idle = now.getTime() - row.lastSeenAt.getTime() > authConfig.idleTimeoutMs;
  if (row.disabled || idle || now >= row.expiresAt) {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
    return null;
  }
  // Touch at most once a minute: one write per request would be wasted work.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  }
  const { disabled: _d, lastSeenAt: _l, expiresAt: _e, mfaEnabledAt, ...user } = row;
  return { ...user, mfaEnabled: mfaEnabledAt !== null, sessionIdHash: idHash };
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const params = new URLSearchParams({ redirectTo: back });
  return redirect(`/login?${params}`);
}

/** Paths an admin or leader without a second factor may still reach: the enrolment page and signing out. */
const ENROLMENT_PATHS = new Set(["/account/mfa", "/logout"]);
/** Paths a user whose password an admin reset may still reach: the change-password form and signing out. */
export const PASSWORD_CHANGE_PATH = "/account";
const PASSWORD_CHANGE_PATHS = new Set([PASSWORD_CHANGE_PATH, "/logout"]);

/**
 * The signed-in user, or a redirect to the sign-in page. A session waiting for its second factor is sent to that
 * step; an admin or leader who has not set up MFA reaches nothing but the enrolment page until they have; a
 * province account reaches only its own pages; a user whose password an admin reset reaches nothing but the account
 * page (its change-password form) until they change it — loaders and actions alike, so a form posted without
 * JavaScript is refused too. API tokens do not come here.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request, { includePending: true });
  if (!user) throw loginRedirect(request);
  if (user.mfaPending) throw redirect("/login/mfa");
  const pathname = new URL(request.url).pathname.replace(/\.data$/, "");
  if (mfaRequired(user) && !user.mfaEnabled) {
    if (!ENROLMENT_PATHS.has(pathname)) throw redirect("/account/mfa");
    return user;
  }
  // A province account has no zone to work in (decision 019): the zones' pages do not exist for it, whatever
  // their own loaders would answer.
  if (!worksInZone(user) && !provincePathAllowed(pathname)) throw data(null, { status: 404 });
  // An admin or leader enrols the second factor first (above); the enrolment page stays open to them so that the
  // recovery codes it shows are not swept away by the redirect before they are saved.
  const enrolling = mfaRequired(user) && ENROLMENT_PATHS.has(pathname);
  if (user.mustChangePassword && !PASSWORD_CHANGE_PATHS.has(pathname) && !enrolling) throw redirect(PASSWORD_CHANGE_PATH);
  return user;
}

/** Starts a fresh session (a new id at every login) and redirects. */
export async function createUserSession(opts: {
  userId: number;
  request: Request;
  clientIp: string;
  redirectTo: string;
  /** Password accepted, second factor still due: a short session that opens only /login/mfa. */
  mfaPending?: boolean;
  headers?: [string, string][];
}) {
  const id = randomToken();
  const now = clock.now();
  const db = getDb();
  // Drop the user's long-dead sessions while we are here.
  await db.delete(sessions).where(and(eq(sessions.userId, opts.userId), lt(sessions.expiresAt, now)));
  await db.insert(sessions).values({
    idHash: sha256(id),
    userId: opts.userId,
    csrfToken: randomToken(),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + (opts.mfaPending ? MFA_PENDING_MS : authConfig.absoluteLifetimeMs)),
    ip: opts.clientIp,
    userAgent: opts.request.headers.get("user-agent")?.slice(0, 300) ?? null,
    mfaPending: opts.mfaPending ?? false,
  });
  const headers = new Headers(opts.headers);
  headers.append("Set-Cookie", await sessionCookie.serialize(id, { maxAge: authConfig.absoluteLifetimeMs / 1000 }));
  return redirect(opts.redirectTo, { headers });
}

export async function destroySession(request: Request) {
  const id = await readSessionId(request);
  if (id)
    await getDb()
      .delete(sessions)
      .where(eq(sessions.idHash, sha256(id)));
  return sessionCookie.serialize("", { maxAge: 0 });
}

/** Ends every session of a user (disable, password reset, admin action), or every one but `exceptIdHash`. */
export async function endUserSessions(userId: number, db = getDb(), exceptIdHash?: string) {
  await db.delete(sessions).where(exceptIdHash ? and(eq(sessions.userId, userId), ne(sessions.idHash, exceptIdHash)) : eq(sessions.userId, userId));
}

/** Ends the request's own session row (after the second factor, when the session id is replaced). */
export async function endSessionByHash(idHash: string) {
  await getDb().delete(sessions).where(eq(sessions.idHash, idHash));
}

export { sha256, randomToken };
// The one redirect check, kept importable from here for older callers.
export { safeRedirect } from "~/lib/safe-redirect";
