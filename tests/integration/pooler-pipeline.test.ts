// Behind PgBouncer 1.18 in transaction mode a query postgres.js pipelines behind another never gets its answer
// (decision 040), so the cluster's apps run with DB_PIPELINE=0. This test sits on the wire between the app's
// client and PostgreSQL and counts the messages the client sends while a query it sent before has not had its
// ReadyForQuery: with DB_PIPELINE=0 none, transactions (nested ones too) still commit and roll back; with the
// default client the same load is pipelined, which shows the counter sees it. PostgreSQL only (PGlite has no
// wire); the PgBouncer itself is tests/e2e/cluster.test.ts's.
import net from "node:net";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/index";
import { openDatabase } from "../../db/index";
import type { ClusterState } from "../../scripts/lib/cluster";
import { appEnvironment } from "../../scripts/lib/cluster";
import { createScratchPostgresDatabase } from "../support/db";

/**
 * A TCP relay to `target` that reads the frontend/backend protocol both ways and counts the client's messages
 * sent while a Sync or simple Query of its own is still waiting for its ReadyForQuery.
 */
async function wireWatch(target: URL) {
  let pipelined = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    let waiting = 0;
    let fromClient = Buffer.alloc(0);
    let fromServer = Buffer.alloc(0);
    let started = false;
    client.on("data", (chunk) => {
      upstream.write(chunk);
      fromClient = Buffer.concat([fromClient, chunk]);
      for (;;) {
        // The startup message has no type byte; every later one has.
        const head = started ? 1 : 0;
        if (fromClient.length < head + 4) break;
        const size = head + fromClient.readInt32BE(head);
        if (fromClient.length < size) break;
        const type = started ? String.fromCharCode(fromClient[0]) : "";
        fromClient = fromClient.subarray(size);
        if (!started) {
          started = true;
          continue;
        }
        if (type === "X") continue;
        if (waiting > 0) pipelined++;
        if (type === "S" || type === "Q") waiting++;
      }
    });
    upstream.on("data", (chunk) => {
      client.write(chunk);
      fromServer = Buffer.concat([fromServer, chunk]);
      while (fromServer.length >= 5) {
        const size = 1 + fromServer.readInt32BE(1);
        if (fromServer.length < size) break;
        if (fromServer[0] === "Z".charCodeAt(0)) waiting = Math.max(0, waiting - 1);
        fromServer = fromServer.subarray(size);
      }
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", close).on("error", close);
    upstream.on("close", close).on("error", close);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(target.toString());
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    pipelined: () => pipelined,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The app's client on `url` as built with `env` (DB_PIPELINE, DB_POOL_SIZE) in the environment. */
async function openWith(url: string, env: Record<string, string>): Promise<DatabaseHandle> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    return await openDatabase({ url });
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * Parameterless and parameterised queries at once on two connections (postgres.js pipelines behind the
 * parameterless ones), and transactions among them: one that commits, with a nested one rolled back, and one
 * rolled back whole.
 */
async function load(handle: DatabaseHandle, round: number) {
  const jobs: Promise<unknown>[] = [];
  const answers: number[] = [];
  for (let i = 0; i < 12; i++) {
    const n = round * 100 + i;
    jobs.push(handle.query("select pg_sleep(0.002)"));
    jobs.push(handle.query<{ n: number }>("select $1::int as n", [n]).then(([row]) => answers.push(row.n)));
    jobs.push(
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`insert into pipeline_probe (n) values (${n})`);
        await tx
          .transaction(async (inner) => {
            await inner.execute(sql`insert into pipeline_probe (n) values (${-n - 1})`);
            throw new Error("the nested transaction rolls back");
          })
          .catch(() => {});
      }),
    );
    jobs.push(
      handle.db
        .transaction(async (tx) => {
          await tx.execute(sql`insert into pipeline_probe (n) values (${100_000 + n})`);
          throw new Error("the whole transaction rolls back");
        })
        .catch(() => {}),
    );
  }
  await Promise.all(jobs);
  return answers.sort((a, b) => a - b);
}

describe.skipIf(!process.env.DATABASE_URL)("the client without pipelining (DB_PIPELINE=0)", () => {
  let scratch: { url: string; drop: () => Promise<void> };
  let watch: Awaited<ReturnType<typeof wireWatch>>;

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    const admin = postgres(scratch.url, { max: 1, onnotice: () => {} });
    await admin.unsafe("create table pipeline_probe (n int not null)");
    await admin.end();
    watch = await wireWatch(new URL(scratch.url));
  });
  afterAll(async () => {
    await watch?.close();
    await scratch?.drop();
  });

  async function rows(handle: DatabaseHandle) {
    return (await handle.query<{ n: number }>("select n from pipeline_probe order by n")).map((r) => r.n);
  }

  const expected = (round: number) => Array.from({ length: 12 }, (_, i) => round * 100 + i);

  it("sends nothing while a query is in flight, and its transactions commit, nest and roll back", async () => {
    const handle = await openWith(watch.url, { DB_PIPELINE: "0", DB_POOL_SIZE: "2" });
    try {
      await handle.query("delete from pipeline_probe");
      const before = watch.pipelined();
      for (const round of [1, 2, 3]) expect(await load(handle, round)).toEqual(expected(round));
      expect(watch.pipelined() - before).toBe(0);
      expect(await rows(handle)).toEqual([...expected(1), ...expected(2), ...expected(3)]);
    } finally {
      await handle.close();
    }
  });

  it("migrates without pipelining, as an app process does at boot", async () => {
    const handle = await openWith(watch.url, { DB_PIPELINE: "0", DB_POOL_SIZE: "2" });
    try {
      const before = watch.pipelined();
      await handle.migrate();
      await handle.migrate();
      expect(watch.pipelined() - before).toBe(0);
      const [row] = await handle.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
      expect(row.n).toBeGreaterThan(0);
    } finally {
      await handle.close();
    }
  });

  it("is what the default client does not do: the same load is pipelined without DB_PIPELINE=0", async () => {
    const handle = await openWith(watch.url, { DB_PIPELINE: "1", DB_POOL_SIZE: "2" });
    try {
      await handle.query("delete from pipeline_probe");
      const before = watch.pipelined();
      expect(await load(handle, 1)).toEqual(expected(1));
      expect(watch.pipelined() - before).toBeGreaterThan(0);
      expect(await rows(handle)).toEqual(expected(1));
    } finally {
      await handle.close();
    }
  });

  it("is how `npm run cluster` starts the apps behind PgBouncer", () => {
    const state = { ports: { apps: [1] }, urls: { bouncer: "b", primary: "p", replica: "r" }, appEnv: {} } as unknown as ClusterState;
    expect(appEnvironment(state, 0)).toMatchObject({ DB_PIPELINE: "0", DB_PREPARE: "0", DATABASE_URL: "b" });
  });
});
