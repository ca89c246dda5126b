// Scale-out on real parts (issue 23, decision 035): `npm run cluster`'s nginx, two app processes, PgBouncer in
// transaction mode and a streaming replica. The load-without-loss workload (tests/support/edit-load.ts) runs
// through nginx while one app process is SIGKILLed and restarted, the replica's replay is paused past the lag
// bound, and the replica is stopped and started again. No accepted save is lost; the only 5xx are saves that were
// in flight in the killed process; the report API and page answer throughout — from the replica while it keeps
// up, from the primary when it lags or is down. Needs root (PostgreSQL, PgBouncer and nginx run as `postgres`)
// and the PostgreSQL server binaries; nginx and PgBouncer are installed with apt-get if missing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/index";
import { openDatabase } from "../../db/index";
import { projects, users } from "../../db/schema";
import { createApiToken } from "../../app/modules/auth/api-token.server";
import type { ClusterState } from "../../scripts/lib/cluster";
import { appListening, clusterDown, clusterUp, killApp, startApp, startReplica, stopReplica } from "../../scripts/lib/cluster";
import type { LoadWorld, ServerError } from "../support/edit-load";
import { CLIENTS, expectNoLostWrite, runEditLoad, withLoadProjects } from "../support/edit-load";
import { createProject, TEST_PASSWORD } from "../support/factories";
import { HttpSession } from "../support/server";
import { prepareWorld } from "../support/world";

const LOAD_MS = 24_000;
const MAX_LAG_MS = 3_000;
const PORT_BASE = 34150;
const YEAR = new Date().getUTCFullYear();
const REPORT = `/api/v1/reports/three-batches?from=${YEAR}-01-01&to=${YEAR}-12-31`;

const why = (() => {
  // Not in `npm test` yet: behind Debian 12's PgBouncer 1.18 a query postgres.js pipelines behind another sometimes
  // never gets its answer, and the request hangs (decision 035). Run it with `npm run test:cluster`.
  if (process.env.CLUSTER_E2E !== "1") return "set CLUSTER_E2E=1 (npm run test:cluster): known to hang behind PgBouncer 1.18, decision 035";
  if (process.getuid?.() !== 0) return "not root: the cluster runs PostgreSQL, PgBouncer and nginx as the postgres user";
  if (!fs.existsSync("/usr/lib/postgresql")) return "no PostgreSQL server binaries in /usr/lib/postgresql";
  return null;
})();
if (why) console.warn(`cluster test skipped: ${why}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(why !== null)("nginx, two app processes, PgBouncer and a streaming replica under the edit load", () => {
  let cluster: ClusterState;
  let primary: DatabaseHandle;
  let world: LoadWorld;
  let token: string;
  let leaderId: number;
  const dir = path.join(os.tmpdir(), `zcrm-cluster-${process.pid}`);

  beforeAll(async () => {
    const filesDir = path.join(dir, "..", `zcrm-cluster-files-${process.pid}`);
    fs.mkdirSync(filesDir, { recursive: true });
    const started = Date.now();
    cluster = await clusterUp({
      dir,
      portBase: PORT_BASE,
      apps: 2,
      appEnv: { FILES_DIR: filesDir, REPLICA_MAX_LAG_MS: String(MAX_LAG_MS), REPLICA_READ_TIMEOUT_MS: "3000" },
      log: () => {},
    });
    const up = Date.now();
    primary = await openDatabase({ url: cluster.urls.primary });
    world = await withLoadProjects(primary.db, await prepareWorld(primary.db, { demoProjects: 20, filesDir }));
    console.log(`cluster up in ${((up - started) / 1000).toFixed(1)} s, world seeded in ${((Date.now() - up) / 1000).toFixed(1)} s`);
    const [leader] = await primary.db.select({ id: users.id }).from(users).where(eq(users.login, world.logins.leader));
    leaderId = leader.id;
    token = await createApiToken(primary.db, leaderId, "cluster test");
  }, 180_000);
  afterAll(async () => {
    await primary?.close();
    await clusterDown(dir, { log: () => {} });
    fs.rmSync(path.join(dir, "..", `zcrm-cluster-files-${process.pid}`), { recursive: true, force: true });
  }, 60_000);

  /** The year's signings as the reporting API answers through nginx, and its status. */
  async function signed(): Promise<{ status: number; count: number }> {
    const response = await fetch(cluster.urls.app + REPORT, { headers: { Authorization: `Bearer ${token}` } });
    if (response.status !== 200) return { status: response.status, count: -1 };
    const body = (await response.json()) as { total: { signed: { count: number } } };
    return { status: response.status, count: body.total.signed.count };
  }

  /** A project signed today, written on the primary directly (as another process's save would be). */
  async function signOneMore() {
    const own = world.loadProjects[0];
    const [p] = await primary.db.select().from(projects).where(eq(projects.id, own.id));
    await createProject(primary.db, {
      zoneId: p.zoneId,
      companyId: p.companyId,
      clusterId: p.clusterId,
      ownerId: p.ownerId,
      investorId: p.investorId,
      name: `集群测试签约${Date.now()}`,
      stage: "signed",
      signedOn: `${YEAR}-01-15`,
      contractedInvestmentWan: "100.00",
    });
  }

  it(
    "loses no save, answers 5xx only for saves in flight in the killed process, and the reports answer throughout",
    async () => {
      const leaderSession = new HttpSession(cluster.urls.app);
      await leaderSession.signIn(world.logins.leader, TEST_PASSWORD);
      const reportStatuses: number[] = [];
      const events: string[] = [];
      let killedAt = 0;
      let goneAt = 0;
      const killedPort = cluster.ports.apps[0];

      const chaos = async () => {
        await sleep(2_000);
        // 1. The replica stops replaying: its reports are served while within the bound, then the primary's.
        const before = await signed();
        await replicaQuery("select pg_wal_replay_pause()");
        await signOneMore();
        const pausedAt = Date.now();
        const seen: { at: number; count: number; status: number }[] = [];
        while (Date.now() - pausedAt < MAX_LAG_MS + 3_000) {
          const answer = await signed();
          seen.push({ at: Date.now() - pausedAt, ...answer });
          await sleep(150);
        }
        await replicaQuery("select pg_wal_replay_resume()");
        events.push(`replay paused: ${seen.map((s) => `${s.at}ms=${s.count}`).join(" ")}`);
        expect(seen.every((s) => s.status === 200)).toBe(true);
        // While within the bound the replica (paused before the write) answered without it…
        expect(
          seen.some((s) => s.at < MAX_LAG_MS - 1_000 && s.count === before.count),
          "an answer from the replica",
        ).toBe(true);
        // …and once it was further behind than the bound (plus a probe's second), the primary, with it.
        const late = seen.filter((s) => s.at > MAX_LAG_MS + 1_500);
        expect(late.length).toBeGreaterThan(0);
        expect(late.every((s) => s.count === before.count + 1)).toBe(true);

        // 2. One app process dies without a goodbye and comes back.
        killedAt = Date.now();
        goneAt = await killApp(cluster, 0, "SIGKILL");
        events.push("app 0 killed");
        await startApp(cluster, 0);
        // It boots while the replica is stopped (a busy machine takes its time).
        const back = appListening(cluster, 0).then(() => events.push(`app 0 back after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`));

        // 3. The replica is stopped: the reports (API and page) answer from the primary, the new signing included.
        await stopReplica(cluster);
        events.push("replica stopped");
        await signOneMore();
        const stoppedAt = Date.now();
        while (Date.now() - stoppedAt < 3_000) {
          const answer = await signed();
          reportStatuses.push(answer.status);
          expect(answer.count).toBe(before.count + 2);
          const page = await leaderSession.get(`/reports/three-batches?from=${YEAR}-01-01&to=${YEAR}-12-31`);
          reportStatuses.push(page.status);
          await page.body?.cancel();
          await sleep(200);
        }
        await startReplica(cluster);
        events.push("replica started");
        await back;
      };

      const replicaQuery = async (sql: string) => {
        const replica = await openDatabase({ url: cluster.urls.replica });
        try {
          await replica.query(sql);
        } finally {
          await replica.close();
        }
      };

      const { saves, serverErrors } = await runEditLoad(cluster.urls.app, world, LOAD_MS, chaos);
      // The reports keep answering after the replica is back, too.
      for (let i = 0; i < 5; i++) reportStatuses.push((await signed()).status);

      const accepted = saves.filter((s) => s.status === 302);
      const inFlight = inFlightAtKill(path.join(cluster.dir, "nginx/access.log"), killedPort, killedAt, goneAt);
      console.log(
        `cluster load: ${saves.length} saves, ${accepted.length} accepted, ${serverErrors.length} 5xx ` +
          `(${inFlight.requests} requests in flight in the killed process, ${inFlight.posts} of them saves); ` +
          `errors: ${serverErrors.map((e) => e.what).join(", ") || "none"}; ${events.join("; ")}`,
      );
      console.log(`nginx's 5xx: ${inFlight.errors.join("; ") || "none"}`);
      for (const i of [0, 1]) {
        const lines = fs.readFileSync(path.join(cluster.dir, `app-${i}.log`), "utf8").split("\n");
        console.log(`app ${i}: ${lines.filter((l) => l.startsWith("Reports read")).join(" | ")}`);
      }
      expect(reportStatuses.filter((s) => s !== 200)).toEqual([]);
      expect(accepted.length).toBeGreaterThan(CLIENTS);
      // Every 5xx is a save that was in flight when the process died, and every answer cut off a request in flight
      // then (a GET whose first bytes had gone out cannot be sent again): it started before the process was gone
      // (a SIGKILLed process on a busy machine takes a moment to go, and accepts requests meanwhile) and ended
      // after the kill…
      const inFlightError = (e: ServerError) =>
        (e.what.startsWith("POST 5") || e.what.startsWith("POST cut off") || e.what.startsWith("GET cut off")) &&
        e.startedAt <= goneAt &&
        e.endedAt >= killedAt;
      expect(serverErrors.filter((e) => !inFlightError(e))).toEqual([]);
      // …and there are no more of them than nginx had sent to that process.
      expect(serverErrors.filter((e) => e.what.startsWith("POST 5")).length).toBeLessThanOrEqual(inFlight.posts);
      expect(serverErrors.length).toBeLessThanOrEqual(inFlight.requests);
      // The refusals are conflicts shown to their writer.
      expect(saves.filter((s) => s.status !== 302 && s.status < 500 && (s.status !== 409 || !s.conflictShown)).slice(0, 3)).toEqual([]);
      await expectNoLostWrite(primary.db, world, saves);
    },
    LOAD_MS + 150_000,
  );
});

/** Requests nginx had sent to the killed process before it was gone, and answered after the kill (its access log). */
function inFlightAtKill(logFile: string, port: number, killedAt: number, goneAt: number) {
  // nginx writes its buffered log once a second.
  const lines = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").split("\n") : [];
  let requests = 0;
  let posts = 0;
  const errors: string[] = [];
  for (const line of lines) {
    if (/^\S+ \S+ 5\d\d /.test(line)) errors.push(`${line} (killed ${killedAt / 1000}, gone ${goneAt / 1000})`);
    // "$msec $request_time $status $request_method|$upstream_addr|$upstream_status" (scripts/lib/cluster.ts)
    const [head, upstreams] = line.split("|");
    const [msec, seconds, , method] = head.split(" ");
    if (!upstreams?.includes(`127.0.0.1:${port}`)) continue;
    const ended = Number(msec) * 1000;
    const started = ended - Number(seconds) * 1000;
    if (started <= goneAt + 50 && ended >= killedAt - 50) {
      requests++;
      if (method === "POST") posts++;
    }
  }
  return { requests, posts, errors };
}
