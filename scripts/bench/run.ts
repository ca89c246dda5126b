// The benchmark's machinery: start the production server, sign in, drive autocannon, time the own SQL.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import { HttpSession } from "../../tests/support/server";
import autocannon from "autocannon";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/index";
import { mfaRecoveryCodes, users } from "../../db/schema";
import { spawnServer } from "../lib/spawn-server";
import type { BenchContext, BenchRequest, Target } from "./targets";

export type Stats = {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  /** CPU milliseconds per request spent by the app server's process and by PostgreSQL's backends of the database. */
  cpu?: { node: number; postgres: number };
};

export type RunningServer = { baseUrl: string; child: ChildProcess; stop: () => Promise<void>; logs: () => string };

/** The production server (server.ts with NODE_ENV=production) on a free port, against `databaseUrl`. */
export async function startServer(databaseUrl: string, extraEnv: Record<string, string> = {}, nodeArgs: string[] = []): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    COOKIE_SECURE: "0",
    SESSION_SECRET: process.env.SESSION_SECRET ?? "bench-session-secret-0123456789abcdef",
    ...extraEnv,
  };
  const server = spawnServer({ env, nodeArgs });
  // An interrupted benchmark takes its server with it.
  const killChild = () => server.child.kill("SIGTERM");
  process.once("exit", killChild);
  process.once("SIGINT", () => process.exit(130));
  const baseUrl = await server.listening;
  return {
    baseUrl,
    child: server.child,
    logs: server.output,
    stop: async () => {
      process.off("exit", killChild);
      await server.stop();
    },
  };
}

/**
 * Forgets a user's second factor, so that signIn enrols it afresh through the real enrolment page (leaders and
 * admins must have one; the authenticator signIn enrols is remembered only in this process). False: no such login.
 */
export async function forgetSecondFactor(db: Database, login: string): Promise<boolean> {
  const [u] = await db
    .update(users)
    .set({ mfaSecret: null, mfaEnabledAt: null, mfaLastStep: null })
    .where(eq(users.login, login))
    .returning({ id: users.id });
  if (u) await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, u.id));
  return u !== undefined;
}

/**
 * Signs in through the real login form (an admin or leader enrols or gives the second factor as a person would,
 * through the same client the end-to-end tests use) and returns the Cookie header.
 */
export async function signIn(baseUrl: string, login: string, password: string): Promise<string> {
  const session = new HttpSession(baseUrl);
  await session.signIn(login, password);
  if (session.cookies.size === 0) throw new Error(`sign-in as ${login} set no cookie`);
  return [...session.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** autocannon over one request; latencies recorded per response so p95 is exact (autocannon reports p97.5). */
export async function load(
  baseUrl: string,
  req: BenchRequest,
  headers: Record<string, string>,
  connections: number,
  durationS: number,
): Promise<Stats> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl + req.path,
        method: req.method ?? "GET",
        headers: { ...headers, ...req.headers },
        body: req.body,
        connections,
        duration: durationS,
        timeout: 30,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.total / durationS,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: result.requests.total,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

const clockTicksToMs = 10; // USER_HZ is 100 on Linux

function ticksOf(pid: string | number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * clockTicksToMs; // utime + stime
}

/**
 * CPU time (ms) used so far by the app server and by the PostgreSQL backends connected to `database` (their
 * process titles name it), read from /proc: only where both run on this Linux machine, else undefined.
 */
export function cpuCounters(serverPid: number | undefined, database: string): { node: number; postgres: number } | undefined {
  if (!serverPid || !fs.existsSync(`/proc/${serverPid}/stat`)) return undefined;
  let postgresMs = 0;
  let backends = 0;
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const title = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!title.startsWith("postgres: ") || !title.includes(` ${database} `)) continue;
      postgresMs += ticksOf(pid);
      backends++;
    } catch {
      // the process ended meanwhile
    }
  }
  return backends ? { node: ticksOf(serverPid), postgres: postgresMs } : undefined;
}

/** A few requests first: JIT, the connection pool and PostgreSQL's caches warm up before the clock runs. */
export async function warm(baseUrl: string, req: BenchRequest, headers: Record<string, string>) {
  for (let i = 0; i < 15; i++) {
    const response = await fetch(baseUrl + req.path, {
      method: req.method ?? "GET",
      headers: { ...headers, ...req.headers },
      body: req.body,
      redirect: "manual",
    });
    await response.arrayBuffer();
    if (i === 0 && (response.status < 200 || response.status >= 300)) {
      throw new Error(`${req.path} answered ${response.status} (expected 2xx)`);
    }
  }
}

/** The page's own SQL, in-process, one call after another: p50/p95 over `iterations` (or ~2 s). */
export async function timeOwnSql(target: Target, ctx: BenchContext, iterations = 200) {
  if (!target.ownSql) return undefined;
  for (let i = 0; i < 5; i++) await target.ownSql(ctx);
  const times: number[] = [];
  const until = performance.now() + 3000;
  for (let i = 0; i < iterations && performance.now() < until; i++) {
    const t0 = performance.now();
    await target.ownSql(ctx);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), n: times.length };
}
