// The read replica (decision 035): with DATABASE_REPLICA_URL set, the leaders' report loaders run their reads on a
// PostgreSQL streaming replica while it is at most REPLICA_MAX_LAG_MS behind the primary; past that, or when it
// cannot be reached, or when a read on it fails, they read the primary. Everything else reads and writes the
// primary. Without DATABASE_REPLICA_URL nothing changes.
import type { DatabaseHandle } from "./index";
import { getDatabase, openDatabase, withDb } from "./index";

export type ReplicaOptions = {
  /** The replica is used while it is at most this far behind (ms). */
  maxLagMs?: number;
  /** A probe's answer is reused this long (ms): one probe a second per process, whatever the traffic. */
  probeIntervalMs?: number;
  /** How far behind the replica is (ms); the default asks both databases (`measureLagMs`). */
  lag?: () => Promise<number>;
  /** A report read on the replica that takes longer than this (ms) is read again on the primary. */
  readTimeoutMs?: number;
  /** Opens a fresh client to the replica: after a failed or hung read the old one is closed, its reads with it. */
  reopen?: () => Promise<DatabaseHandle>;
};

export type ReplicaStats = {
  replica: number;
  primary: number;
  fallbacks: number;
  reopened: number;
  lastLagMs: number | null;
  lastError: string | null;
};

type Replica = {
  handle: DatabaseHandle;
  maxLagMs: number;
  probeIntervalMs: number;
  readTimeoutMs: number;
  reopen?: () => Promise<DatabaseHandle>;
  recycling: boolean;
  lag: () => Promise<number>;
  checkedAt: number;
  usable: boolean;
  probing: Promise<boolean> | null;
  stats: ReplicaStats;
};

const DEFAULT_MAX_LAG_MS = 5_000;
const DEFAULT_PROBE_INTERVAL_MS = 1_000;
const DEFAULT_READ_TIMEOUT_MS = 15_000;
/** A probe that takes longer than this counts as a replica that is down. */
const PROBE_TIMEOUT_MS = 1_000;

// Per process, on globalThis like the database (the server build bundles its own copy of this module).
const replicaKey = Symbol.for("zone-crm.replica");
type Holder = { [replicaKey]?: Replica };

/** Makes `handle` the process's replica (undefined: none). */
export function setReplica(handle: DatabaseHandle | undefined, options: ReplicaOptions = {}) {
  const holder = globalThis as Holder;
  if (!handle) {
    delete holder[replicaKey];
    return;
  }
  const replica: Replica = {
    handle,
    maxLagMs: options.maxLagMs ?? DEFAULT_MAX_LAG_MS,
    probeIntervalMs: options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS,
    readTimeoutMs: options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS,
    reopen: options.reopen,
    recycling: false,
    lag: options.lag ?? (() => measureLagMs(getDatabase(), replica.handle)),
    checkedAt: 0,
    usable: false,
    probing: null,
    stats: { replica: 0, primary: 0, fallbacks: 0, reopened: 0, lastLagMs: null, lastError: null },
  };
  holder[replicaKey] = replica;
}

/** The replica's counters in this process (tests, the cluster test's report), or null without a replica. */
export function replicaStats(): ReplicaStats | null {
  const replica = (globalThis as Holder)[replicaKey];
  return replica ? { ...replica.stats } : null;
}

/**
 * Opens DATABASE_REPLICA_URL if it is set (with REPLICA_MAX_LAG_MS) and makes it the process's replica. Opening
 * connects lazily: a replica that is down at boot is only a primary read until it is back.
 */
export async function openReplicaFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<{ location: string; close(): Promise<void> } | undefined> {
  const url = env.DATABASE_REPLICA_URL;
  if (!url) return undefined;
  const open = () => openDatabase({ url, connectTimeout: 2 });
  const handle = await open();
  const number = (value: string | undefined) => (value && Number.isFinite(Number(value)) ? Number(value) : undefined);
  setReplica(handle, { maxLagMs: number(env.REPLICA_MAX_LAG_MS), readTimeoutMs: number(env.REPLICA_READ_TIMEOUT_MS), reopen: open });
  return {
    location: handle.location,
    // The replica's client of now (it may have been reopened since).
    close: async () => (globalThis as Holder)[replicaKey]?.handle.close(),
  };
}

/**
 * How far the replica is behind the primary, in ms: 0 when it has replayed all the WAL the primary has written;
 * otherwise the time since the last transaction it replayed (an upper bound: the primary wrote since then).
 */
export async function measureLagMs(primary: DatabaseHandle, replica: DatabaseHandle): Promise<number> {
  // The primary first: a replica read after it can only be as far or further along.
  const [p] = await primary.query<{ lsn: string }>("select pg_current_wal_lsn()::text as lsn");
  const [r] = await replica.query<{ lsn: string | null; since_ms: number | null; recovering: boolean }>(
    `select pg_last_wal_replay_lsn()::text as lsn, pg_is_in_recovery() as recovering,
            (extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::float8 as since_ms`,
  );
  // Not a standby (promoted, or the primary itself by mistake): not a replica to trust for lag.
  if (!r?.recovering || !r.lsn || !p) return Infinity;
  if (lsnValue(r.lsn) >= lsnValue(p.lsn)) return 0;
  return r.since_ms ?? Infinity;
}

function lsnValue(lsn: string): bigint {
  const [high, low] = lsn.split("/");
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

async function probe(replica: Replica): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<number>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    });
    const lag = await Promise.race([replica.lag(), timeout]);
    replica.stats.lastLagMs = lag;
    const usable = lag <= replica.maxLagMs;
    if (usable !== replica.usable) {
      console.log(
        usable
          ? `Reports read the replica (${Math.round(lag)} ms behind).`
          : `Reports read the primary: the replica is ${Math.round(lag)} ms behind.`,
      );
    }
    replica.usable = usable;
  } catch (error) {
    replica.stats.lastError = String((error as Error)?.message ?? error);
    if (replica.usable) {
      console.log(`Reports read the primary: the replica does not answer (${replica.stats.lastError}).`);
      void recycle(replica);
    }
    replica.usable = false;
  } finally {
    clearTimeout(timer);
    replica.checkedAt = Date.now();
  }
  return replica.usable;
}

async function replicaUsable(replica: Replica): Promise<boolean> {
  if (Date.now() - replica.checkedAt < replica.probeIntervalMs) return replica.usable;
  // Concurrent requests share one probe.
  replica.probing ??= probe(replica).finally(() => {
    replica.probing = null;
  });
  return replica.probing;
}

/**
 * Runs a report's reads on the replica when there is one and it is fresh enough, else on the primary. `read` must
 * only read (a standby refuses writes) and must be safe to run twice: when it fails on the replica (the replica
 * stopped mid-request, a query cancelled by a conflict with recovery) it runs again on the primary, and the replica
 * is not asked again until the next probe. A thrown Response (a 404, a redirect) is the answer, not a failure.
 */
export async function readingReports<T>(read: () => Promise<T>): Promise<T> {
  const replica = (globalThis as Holder)[replicaKey];
  if (!replica) return read();
  if (!(await replicaUsable(replica))) {
    replica.stats.primary++;
    return withDb(undefined, read);
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from the replica in ${replica.readTimeoutMs} ms`)), replica.readTimeoutMs);
    });
    const result = await Promise.race([withDb(replica.handle.db, read), timeout]);
    replica.stats.replica++;
    return result;
  } catch (error) {
    if (error instanceof Response) throw error;
    replica.stats.fallbacks++;
    replica.stats.lastError = String((error as Error)?.message ?? error);
    if (replica.usable) console.log(`Reports read the primary: a read on the replica failed (${replica.stats.lastError}).`);
    replica.usable = false;
    replica.checkedAt = Date.now();
    void recycle(replica);
    return withDb(undefined, read);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A fresh client for the replica, the old one closed: a replica stopped under running queries can leave a
 * connection whose query never settles (seen with postgres.js after a fast shutdown and restart); closing the
 * client rejects it, and its request has already gone on to the primary.
 */
async function recycle(replica: Replica) {
  if (!replica.reopen || replica.recycling) return;
  replica.recycling = true;
  try {
    const old = replica.handle;
    replica.handle = await replica.reopen();
    replica.stats.reopened++;
    void old.close().catch(() => {});
  } catch (error) {
    replica.stats.lastError = String((error as Error)?.message ?? error);
  } finally {
    replica.recycling = false;
  }
}
