// The read replica's seam (decision 035): the reporting API reads the replica while it keeps up, the primary when
// the replica is too far behind, cannot be reached, or fails mid-read — always a 200, never a 5xx. The "replica"
// here is a second database holding an older copy of the zone (one signing fewer), so which one answered shows in
// the figures; the real streaming replica is tests/e2e/cluster.test.ts's.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb, getPrimaryDb, withDb } from "../../db/index";
import { measureLagMs, readingReports, replicaStats, setReplica } from "../../db/replica";
import { createApiToken } from "../../app/modules/auth/api-token.server";
import { companyCached } from "../../app/modules/cache/company-cache.server";
import { loader as threeBatchesLoader } from "../../app/routes/api.v1.reports.three-batches";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createUser } from "../support/factories";
import type { Executor } from "../../db/index";

const YEAR = "http://localhost/api/v1/reports/three-batches?from=2026-01-01&to=2026-12-31";
const args = (request: Request) => ({ request, params: {}, context: {} }) as Parameters<typeof threeBatchesLoader>[0];

/** The year's signings as the reporting API answers them, and its status. */
async function signedThisYear(token: string): Promise<{ status: number; signed: number }> {
  let response: Response;
  try {
    response = await threeBatchesLoader(args(new Request(YEAR, { headers: { Authorization: `Bearer ${token}` } })));
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  const body = (await response.json()) as { total?: { signed: { count: number } } };
  return { status: response.status, signed: body.total?.signed.count ?? -1 };
}

/** The reference zone with `signings` projects signed in 2026: the same ids in both databases. */
async function zoneWithSignings(db: Executor, signings: number) {
  const ref = await createReferenceZone(db);
  const company = ref.companies.find((c) => c.clusterId !== null)!;
  const staff = await createUser(db, { zoneId: ref.zoneId, companyId: company.id, role: "staff" });
  for (let i = 0; i < signings; i++) {
    await createProject(db, {
      zoneId: ref.zoneId,
      companyId: company.id,
      clusterId: company.clusterId!,
      ownerId: staff.id,
      stage: "signed",
      contractedInvestmentWan: "1000.00",
      signedOn: `2026-03-0${i + 1}`,
    });
  }
  return ref;
}

describe.each(databaseKinds())("reports on a read replica (%s)", (kind) => {
  let replica: TestDatabase;
  let primary: TestDatabase;
  let token: string;
  beforeAll(async () => {
    // The replica first: opening a test database makes it the process's database, and the primary must be that.
    replica = await openTestDatabase(kind);
    await zoneWithSignings(replica.db, 1);
    primary = await openTestDatabase(kind);
    const ref = await zoneWithSignings(primary.db, 2);
    const leader = await createUser(primary.db, { zoneId: ref.zoneId, companyId: null, role: "leader" });
    token = await createApiToken(primary.db, leader.id, "replica test");
  });
  afterEach(() => setReplica(undefined));
  afterAll(async () => {
    setReplica(undefined);
    await replica?.dispose();
    await primary?.dispose();
  });

  it("without a replica the report reads the primary, as before", async () => {
    expect(await signedThisYear(token)).toEqual({ status: 200, signed: 2 });
    expect(replicaStats()).toBeNull();
  });

  it("reads the replica while it is within the lag bound", async () => {
    setReplica(replica, { maxLagMs: 5_000, probeIntervalMs: 0, lag: async () => 4_000 });
    expect(await signedThisYear(token)).toEqual({ status: 200, signed: 1 });
    expect(replicaStats()).toMatchObject({ replica: 1, primary: 0, fallbacks: 0, lastLagMs: 4_000 });
  });

  it("reads the primary once the replica is further behind than the bound", async () => {
    setReplica(replica, { maxLagMs: 5_000, probeIntervalMs: 0, lag: async () => 5_001 });
    expect(await signedThisYear(token)).toEqual({ status: 200, signed: 2 });
    expect(replicaStats()).toMatchObject({ replica: 0, primary: 1 });
  });

  it("reads the primary when the replica cannot be reached, or does not answer in time: a 200, not a 5xx", async () => {
    setReplica(replica, {
      probeIntervalMs: 0,
      lag: () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:34111"), { code: "ECONNREFUSED" })),
    });
    expect(await signedThisYear(token)).toEqual({ status: 200, signed: 2 });
    expect(replicaStats()).toMatchObject({ primary: 1, lastError: expect.stringContaining("ECONNREFUSED") });

    setReplica(replica, { probeIntervalMs: 0, lag: () => new Promise<number>(() => {}) });
    const started = Date.now();
    expect(await signedThisYear(token)).toEqual({ status: 200, signed: 2 });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("a read that fails on the replica mid-request is read again on the primary; the replica rests until the next probe", async () => {
    const broken = { ...replica, db: brokenDb(replica.db) };
    setReplica(broken, { probeIntervalMs: 60_000, lag: async () => 0 });
    expect(await signedThisYear(token)).toEqual({ status: 200, signed: 2 });
    expect(replicaStats()).toMatchObject({ replica: 0, fallbacks: 1, lastError: expect.stringContaining("terminating connection") });
    // Marked unusable: the next report goes straight to the primary, without trying the replica again.
    expect(await signedThisYear(token)).toEqual({ status: 200, signed: 2 });
    expect(replicaStats()).toMatchObject({ fallbacks: 1, primary: 1 });
  });

  it("a read that hangs on the replica is read on the primary after the read timeout, and the replica's client is replaced", async () => {
    let reopened = 0;
    const hanging = { ...replica, db: hangingDb(replica.db), close: async () => {} };
    setReplica(hanging, {
      probeIntervalMs: 0,
      readTimeoutMs: 300,
      lag: async () => 0,
      reopen: async () => {
        reopened++;
        return { ...replica, close: async () => {} };
      },
    });
    const started = Date.now();
    expect(await signedThisYear(token)).toEqual({ status: 200, signed: 2 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(replicaStats()).toMatchObject({ fallbacks: 1, reopened: 1, lastError: expect.stringContaining("no answer from the replica") });
    expect(reopened).toBe(1);
    // The fresh client answers: the next report reads the replica again.
    expect(await signedThisYear(token)).toEqual({ status: 200, signed: 1 });
  });

  it("a report's 404 or redirect is its answer, not a replica failure", async () => {
    setReplica(replica, { probeIntervalMs: 0, lag: async () => 0 });
    await expect(
      readingReports(async () => {
        throw new Response(null, { status: 404 });
      }),
    ).rejects.toMatchObject({ status: 404 });
    expect(replicaStats()).toMatchObject({ fallbacks: 0 });
  });

  it("the per-process caches load from the primary even inside a report's replica reads", async () => {
    setReplica(replica, { probeIntervalMs: 0, lag: async () => 0 });
    const seen = await readingReports(async () => {
      const inside = getDb();
      const cached = await companyCached({ zoneId: 1, cacheVersion: "replica-test" }, "which-db", async () => getDb() === getPrimaryDb());
      return { onReplica: inside === replica.db, cached };
    });
    expect(seen).toEqual({ onReplica: true, cached: true });
    // And outside any scope getDb() is the primary.
    expect(getDb()).toBe(primary.db);
    expect(withDb(undefined, () => getDb())).toBe(primary.db);
  });

  if (kind === "postgres") {
    it("measuring the lag trusts only a standby: a database that is not in recovery is infinitely far behind", async () => {
      expect(await measureLagMs(primary, replica)).toBe(Infinity);
    });
  }
});

/** A database whose every query waits for ever, as one on a replica's half-dead connection did. */
function hangingDb<T extends object>(db: T): T {
  // Any chain of calls (select().from().where()…) ends in a thenable that never settles.
  const stuck: object = new Proxy(() => {}, {
    get: (_, property) => (property === "then" ? () => {} : stuck),
    apply: () => stuck,
  });
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === "execute" || property === "select" || property === "transaction") return stuck;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/** A database whose every query fails as a replica's does when it is shut down under a running query. */
function brokenDb<T extends object>(db: T): T {
  const fail = () => {
    throw Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
  };
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === "execute" || property === "select" || property === "transaction") return fail;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
