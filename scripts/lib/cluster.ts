// The scale-out cluster on real parts (issue 23, decision 035): nginx in front of N app processes, PgBouncer in
// transaction mode in front of the primary, and a PostgreSQL streaming replica the report pages read — all from
// Debian packages, all files under one scratch folder, every process started here stopped by `clusterDown`.
// Used by `npm run cluster -- up|down|status` (scripts/cluster.ts), tests/e2e/cluster.test.ts and the benchmark.
//
// The primary: CLUSTER_PRIMARY_URL names a PostgreSQL server that accepts replication connections (pg_hba.conf
// `host replication …`, wal_level replica, max_wal_senders > 0); the replica is a pg_basebackup of it. Without
// it the cluster runs a primary of its own (initdb, same binaries), so it works on a machine whose PostgreSQL
// refuses replication — as this one's does (its pg_hba.conf has no replication line, and it is not ours to edit).
import type { ChildProcess, SpawnOptions } from "node:child_process";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

export type ClusterOptions = {
  /** Where everything lives (CLUSTER_DIR; default a folder under the system's temporary folder). */
  dir?: string;
  /** nginx listens on this port; the others follow it: primary +1, replica +2, PgBouncer +3, apps +10… */
  portBase?: number;
  /** App processes behind nginx (CLUSTER_APPS, at least 2). */
  apps?: number;
  /** A primary to replicate (CLUSTER_PRIMARY_URL, with its database); none: the cluster's own primary. */
  primaryUrl?: string;
  /** The database the cluster's own primary starts from: a copy (pg_dump) of this URL's; none: empty, migrated. */
  seedFrom?: string;
  /** More environment for the app processes (ADMIN_PASSWORD, FILES_DIR, …). */
  appEnv?: Record<string, string>;
  log?: (message: string) => void;
};

export type ClusterState = {
  dir: string;
  owner: string;
  ports: { nginx: number; primary: number; replica: number; bouncer: number; apps: number[] };
  ownPrimary: boolean;
  database: string;
  urls: { app: string; primary: string; replica: string; bouncer: string };
  pgBin: string;
  appEnv: Record<string, string>;
  appPids: (number | null)[];
};

const STATE_FILE = "cluster.json";

export function defaultClusterDir() {
  return path.resolve(process.env.CLUSTER_DIR ?? path.join(os.tmpdir(), "zone-crm-cluster"));
}

export function readClusterState(dir = defaultClusterDir()): ClusterState | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, STATE_FILE), "utf8")) as ClusterState;
  } catch {
    return null;
  }
}

function saveState(state: ClusterState) {
  fs.writeFileSync(path.join(state.dir, STATE_FILE), JSON.stringify(state, null, 2));
}

const isRoot = () => process.getuid?.() === 0;

/** The PostgreSQL server binaries (the newest installed), or an error saying what to install. */
export function postgresBin(): string {
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, "bin/pg_ctl"))) : [];
  if (!versions.length) throw new Error("No PostgreSQL server binaries in /usr/lib/postgresql: apt-get install postgresql");
  return path.join(base, versions.sort((a, b) => Number(b) - Number(a))[0], "bin");
}

/** nginx and PgBouncer from Debian's packages, installed with apt-get when missing (as root). */
export function ensurePackages(log: (message: string) => void) {
  const missing = [
    ["nginx", "/usr/sbin/nginx", "nginx-light"],
    ["pgbouncer", "/usr/sbin/pgbouncer", "pgbouncer"],
  ].filter(([, binary]) => !fs.existsSync(binary));
  if (!missing.length) return;
  const packages = missing.map(([, , pkg]) => pkg);
  if (!isRoot()) throw new Error(`${packages.join(" and ")} missing: install them (apt-get install ${packages.join(" ")}) or run as root.`);
  log(`Installing ${packages.join(", ")} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], { stdio: "inherit", env });
  // Debian starts the packaged services on port 80/6432: the cluster runs its own, so stop those.
  for (const service of ["nginx", "pgbouncer"]) {
    try {
      execFileSync("service", [service, "stop"], { stdio: "ignore" });
    } catch {
      /* not started (no init in a container) */
    }
  }
}

/** Runs a PostgreSQL, PgBouncer or nginx command as the `postgres` OS user when we are root (they refuse root). */
function asOwner(state: Pick<ClusterState, "owner">, command: string, args: string[], opts: { input?: string } = {}) {
  const [file, argv] = isRoot() ? ["runuser", ["-u", state.owner, "--", command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], input: opts.input, cwd: "/" });
}

function chownTree(state: Pick<ClusterState, "owner">, target: string) {
  if (isRoot()) execFileSync("chown", ["-R", `${state.owner}:`, target]);
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: not ready within ${timeoutMs / 1000} s`);
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function psql(state: ClusterState, port: number, database: string, sql: string) {
  return asOwner(state, path.join(state.pgBin, "psql"), [
    "-X",
    "-q",
    "-At",
    "-h",
    "127.0.0.1",
    "-p",
    String(port),
    "-U",
    "postgres",
    "-d",
    database,
    "-c",
    sql,
  ]).trim();
}

// ---------------------------------------------------------------------------------------------------------------
// up

export async function clusterUp(options: ClusterOptions = {}): Promise<ClusterState> {
  const log = options.log ?? ((message: string) => console.log(message));
  const dir = path.resolve(options.dir ?? defaultClusterDir());
  if (readClusterState(dir)) throw new Error(`A cluster is already up in ${dir}: \`npm run cluster -- down\` first.`);
  ensurePackages(log);
  const base = options.portBase ?? Number(process.env.CLUSTER_PORT_BASE ?? 34100);
  const appCount = Math.max(2, options.apps ?? Number(process.env.CLUSTER_APPS ?? 2));
  const primaryUrl = options.primaryUrl ?? process.env.CLUSTER_PRIMARY_URL ?? undefined;
  const external = primaryUrl ? new URL(primaryUrl) : null;
  const database = external ? decodeURIComponent(external.pathname.slice(1)) : "zone_crm";
  const ports = {
    nginx: base,
    primary: external ? Number(external.port || 5432) : base + 1,
    replica: base + 2,
    bouncer: base + 3,
    apps: Array.from({ length: appCount }, (_, i) => base + 10 + i),
  };
  for (const port of [ports.nginx, ports.replica, ports.bouncer, ...ports.apps, ...(external ? [] : [ports.primary])]) {
    if (await portOpen(port)) throw new Error(`Port ${port} is in use: choose another CLUSTER_PORT_BASE.`);
  }
  fs.mkdirSync(path.join(dir, "run"), { recursive: true });
  fs.chmodSync(dir, 0o755);
  const primaryHost = external?.hostname ?? "127.0.0.1";
  const state: ClusterState = {
    dir,
    owner: "postgres",
    ports,
    ownPrimary: !external,
    database,
    urls: {
      app: `http://127.0.0.1:${ports.nginx}`,
      primary: `postgres://postgres@${primaryHost}:${ports.primary}/${database}`,
      replica: `postgres://postgres@127.0.0.1:${ports.replica}/${database}`,
      bouncer: `postgres://postgres@127.0.0.1:${ports.bouncer}/${database}`,
    },
    pgBin: postgresBin(),
    appEnv: options.appEnv ?? {},
    appPids: ports.apps.map(() => null),
  };
  chownTree(state, dir);
  saveState(state);
  try {
    if (state.ownPrimary) await startOwnPrimary(state, options.seedFrom, log);
    else checkReplicationAllowed(state, primaryHost);
    await makeReplica(state, primaryHost, log);
    await startBouncer(state, log);
    await migrateOnce(state, log);
    for (let i = 0; i < appCount; i++) await startApp(state, i);
    await Promise.all(state.ports.apps.map((port) => waitFor(`app on ${port}`, () => portOpen(port), 120_000)));
    await startNginx(state, log);
    log(
      `Cluster up: ${state.urls.app} (nginx → ${appCount} app processes → PgBouncer :${ports.bouncer} → primary :${ports.primary}; reports → replica :${ports.replica}). Files in ${dir}.`,
    );
  } catch (error) {
    // What the apps said, before their folder goes.
    for (let i = 0; i < appCount; i++) {
      const file = path.join(dir, `app-${i}.log`);
      if (fs.existsSync(file)) (error as Error).message += `\napp ${i}: ${fs.readFileSync(file, "utf8").slice(-2_000)}`;
    }
    log(`Cluster failed to start; stopping what started. (${(error as Error).message})`);
    await clusterDown(dir, { log: () => {} }).catch(() => {});
    throw error;
  }
  return state;
}

async function startOwnPrimary(state: ClusterState, seedFrom: string | undefined, log: (message: string) => void) {
  const data = path.join(state.dir, "primary");
  log(`Primary: initdb in ${data}, port ${state.ports.primary}…`);
  asOwner(state, path.join(state.pgBin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  fs.appendFileSync(
    path.join(data, "postgresql.conf"),
    [
      "",
      "# zone-crm cluster (scripts/lib/cluster.ts)",
      `port = ${state.ports.primary}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${path.join(state.dir, "run")}'`,
      "max_connections = 200",
      "wal_level = replica",
      "max_wal_senders = 5",
      "shared_buffers = 256MB",
      "",
    ].join("\n"),
  );
  // initdb's pg_hba.conf already lets 127.0.0.1 connect, replication too (trust, as asked with --auth).
  asOwner(state, path.join(state.pgBin, "pg_ctl"), ["-D", data, "-l", path.join(state.dir, "primary.log"), "-w", "-t", "60", "start"]);
  psql(
    state,
    state.ports.primary,
    "postgres",
    `create database ${state.database} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`,
  );
  if (seedFrom) {
    log(`Primary: copying ${seedFrom.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@")} (pg_dump | pg_restore)…`);
    const dump = path.join(state.dir, "seed.dump");
    execFileSync(path.join(state.pgBin, "pg_dump"), ["-Fc", "-Z", "0", "-f", dump, seedFrom], { stdio: "inherit" });
    chownTree(state, dump);
    asOwner(state, path.join(state.pgBin, "pg_restore"), [
      "-h",
      "127.0.0.1",
      "-p",
      String(state.ports.primary),
      "-U",
      "postgres",
      "-d",
      state.database,
      "-j",
      "2",
      "--no-owner",
      dump,
    ]);
    fs.rmSync(dump);
    psql(state, state.ports.primary, state.database, "analyze");
  }
}

function checkReplicationAllowed(state: ClusterState, host: string) {
  try {
    asOwner(state, path.join(state.pgBin, "psql"), [
      "-X",
      "-At",
      `host=${host} port=${state.ports.primary} user=postgres dbname=${state.database} replication=true`,
      "-c",
      "IDENTIFY_SYSTEM",
    ]);
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? error);
    throw new Error(
      `The primary at ${host}:${state.ports.primary} refuses replication connections (${stderr.trim()}). ` +
        `It needs wal_level = replica, max_wal_senders > 0 and a pg_hba.conf line such as ` +
        `"host replication postgres 127.0.0.1/32 trust" — or leave CLUSTER_PRIMARY_URL unset for the cluster's own primary.`,
    );
  }
}

async function makeReplica(state: ClusterState, host: string, log: (message: string) => void) {
  const data = path.join(state.dir, "replica");
  log(`Replica: pg_basebackup -R of ${host}:${state.ports.primary} into ${data}, port ${state.ports.replica}…`);
  asOwner(state, path.join(state.pgBin, "pg_basebackup"), [
    "-h",
    host,
    "-p",
    String(state.ports.primary),
    "-U",
    "postgres",
    "-D",
    data,
    "-X",
    "stream",
    "-c",
    "fast",
    "-R",
  ]);
  fs.appendFileSync(
    path.join(data, "postgresql.conf"),
    [
      "",
      "# zone-crm cluster: the replica",
      `port = ${state.ports.replica}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${path.join(state.dir, "run")}'`,
      "hot_standby = on",
      // Report queries are not cancelled by the primary's vacuum (the primary keeps rows they still read).
      "hot_standby_feedback = on",
      "",
    ].join("\n"),
  );
  await startReplica(state);
  await waitFor("replica in recovery", () => psql(state, state.ports.replica, state.database, "select pg_is_in_recovery()") === "t");
}

/** Starts the replica (again): it resumes streaming from where it stopped. */
export async function startReplica(state: ClusterState) {
  asOwner(state, path.join(state.pgBin, "pg_ctl"), [
    "-D",
    path.join(state.dir, "replica"),
    "-l",
    path.join(state.dir, "replica.log"),
    "-w",
    "-t",
    "60",
    "start",
  ]);
}

/** Stops the replica (fast: open report queries on it are cut off, as a crash or a maintenance stop would). */
export async function stopReplica(state: ClusterState) {
  asOwner(state, path.join(state.pgBin, "pg_ctl"), ["-D", path.join(state.dir, "replica"), "-m", "fast", "-w", "-t", "60", "stop"]);
}

async function startBouncer(state: ClusterState, log: (message: string) => void) {
  const version = execFileSync("/usr/sbin/pgbouncer", ["--version"], { encoding: "utf8" }).split("\n")[0];
  log(`PgBouncer (${version}) in transaction mode on ${state.ports.bouncer}…`);
  const ini = path.join(state.dir, "pgbouncer.ini");
  fs.writeFileSync(path.join(state.dir, "userlist.txt"), `"postgres" ""\n`);
  fs.writeFileSync(
    ini,
    [
      "[databases]",
      `${state.database} = host=${new URL(state.urls.primary).hostname} port=${state.ports.primary} dbname=${state.database}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${state.ports.bouncer}`,
      `unix_socket_dir = ${path.join(state.dir, "run")}`,
      "auth_type = trust",
      `auth_file = ${path.join(state.dir, "userlist.txt")}`,
      "pool_mode = transaction",
      "max_client_conn = 500",
      // The primary's connections for the whole cluster: every app's pool shares them, one per running transaction.
      "default_pool_size = 20",
      // Session settings postgres.js sends at connect cannot follow a client across server connections; the
      // app's plan_cache_mode only matters for named statements, which DB_PREPARE=0 turns off behind this.
      "ignore_startup_parameters = extra_float_digits,plan_cache_mode,parallel_setup_cost",
      `pidfile = ${path.join(state.dir, "pgbouncer.pid")}`,
      `logfile = ${path.join(state.dir, "pgbouncer.log")}`,
      "",
    ].join("\n"),
  );
  chownTree(state, state.dir);
  asOwner(state, "/usr/sbin/pgbouncer", ["-d", ini]);
  await waitFor("PgBouncer", () => portOpen(state.ports.bouncer), 30_000);
}

async function migrateOnce(state: ClusterState, log: (message: string) => void) {
  // Once, on the primary itself (not through PgBouncer); the apps then find nothing to do at boot.
  log("Migrating the primary…");
  execFileSync(process.execPath, ["--import", "tsx", path.join(root, "db/migrate-cli.ts")], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: state.urls.primary, DATABASE_MIGRATE_URL: "" },
  });
}

/** The environment of app process `i`. */
export function appEnvironment(state: ClusterState, i: number): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  return {
    ...env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(state.ports.apps[i]),
    DATABASE_URL: state.urls.bouncer,
    DATABASE_MIGRATE_URL: state.urls.primary,
    // PgBouncer 1.18 (Debian 12) forgets protocol-level prepared statements between transactions (1.21+ keeps them).
    DB_PREPARE: "0",
    // …and loses the answer to a query sent behind another on the same connection (decision 040).
    DB_PIPELINE: "0",
    DB_POOL_SIZE: env.DB_POOL_SIZE ?? "10",
    DATABASE_REPLICA_URL: state.urls.replica,
    TRUST_PROXY: "loopback",
    COOKIE_SECURE: "0",
    SESSION_SECRET: env.SESSION_SECRET ?? "zone-crm-cluster-session-secret-0123456789",
    DEMO: "0",
    ...state.appEnv,
  };
}

/** Starts app process `i` in the background (its output in app-<i>.log); returns once it is spawned. */
export async function startApp(state: ClusterState, i: number): Promise<ChildProcess> {
  const out = fs.openSync(path.join(state.dir, `app-${i}.log`), "a");
  const options: SpawnOptions = { cwd: root, env: appEnvironment(state, i) as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", out, out] };
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "server.ts")], options);
  fs.closeSync(out);
  child.unref();
  state.appPids[i] = child.pid ?? null;
  saveState(state);
  return child;
}

/** Waits until app process `i` answers /livez. */
export async function appListening(state: ClusterState, i: number, timeoutMs = 120_000) {
  const url = `http://127.0.0.1:${state.ports.apps[i]}/livez`;
  await waitFor(`app ${i}`, async () => (await fetch(url).catch(() => null))?.ok === true, timeoutMs);
}

/**
 * Kills app process `i` with `signal` (SIGKILL: no goodbye to its open requests) and waits until it is gone;
 * returns when it was seen gone (within 200 ms: until then it may still have accepted requests).
 */
export async function killApp(state: ClusterState, i: number, signal: NodeJS.Signals = "SIGKILL"): Promise<number> {
  const pid = state.appPids[i];
  if (!pid) return Date.now();
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
  await waitFor(`app ${i} gone`, () => !alive(pid), 30_000);
  const gone = Date.now();
  state.appPids[i] = null;
  saveState(state);
  return gone;
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startNginx(state: ClusterState, log: (message: string) => void) {
  const prefix = path.join(state.dir, "nginx");
  fs.mkdirSync(path.join(prefix, "tmp"), { recursive: true });
  const servers = state.ports.apps.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`).join("\n");
  fs.writeFileSync(
    path.join(prefix, "nginx.conf"),
    `# zone-crm cluster (scripts/lib/cluster.ts)
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  log_format upstream '$msec $request_time $status $request_method|$upstream_addr|$upstream_status|$uri';
  access_log ${prefix}/access.log upstream buffer=64k flush=1s;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  client_max_body_size 64m;
  upstream app {
${servers}
    keepalive 64;
    # Below Node's 5 s keep-alive: else nginx may send a request on a connection the app is just closing, and a
    # POST on it answers 502 (nginx does not send a POST again once it went out).
    keepalive_timeout 3s;
  }
  server {
    listen 127.0.0.1:${state.ports.nginx};
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A process that dies: requests not yet sent to it go to the next one; a GET or HEAD it was answering is
      # sent again. A POST it had received is not (nginx's default, kept: it may have committed) — it answers 502.
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
      proxy_read_timeout 300s;
      proxy_buffering off;
    }
  }
}
`,
  );
  chownTree(state, prefix);
  log(`nginx on ${state.ports.nginx}…`);
  asOwner(state, "/usr/sbin/nginx", ["-p", prefix, "-e", path.join(prefix, "error.log"), "-c", path.join(prefix, "nginx.conf")]);
  await waitFor("nginx", () => portOpen(state.ports.nginx), 30_000);
}

// ---------------------------------------------------------------------------------------------------------------
// down

/** Stops everything the cluster in `dir` started and removes the folder. */
export async function clusterDown(dir = defaultClusterDir(), opts: { log?: (message: string) => void } = {}) {
  const log = opts.log ?? ((message: string) => console.log(message));
  const state = readClusterState(dir);
  if (!state) {
    log(`No cluster in ${dir}.`);
    return;
  }
  const pidIn = (file: string) => {
    try {
      return Number(fs.readFileSync(file, "utf8").trim()) || null;
    } catch {
      return null;
    }
  };
  const stopPid = async (name: string, pid: number | null, signal: NodeJS.Signals = "SIGTERM") => {
    if (!pid || !alive(pid)) return;
    log(`Stopping ${name} (${pid})…`);
    process.kill(pid, signal);
    await waitFor(`${name} gone`, () => !alive(pid), 20_000).catch(() => process.kill(pid, "SIGKILL"));
  };
  await stopPid("nginx", pidIn(path.join(dir, "nginx/nginx.pid")), "SIGQUIT");
  for (const [i, pid] of state.appPids.entries()) await stopPid(`app ${i}`, pid);
  await stopPid("PgBouncer", pidIn(path.join(dir, "pgbouncer.pid")), "SIGINT");
  for (const [name, data] of [
    ["replica", path.join(dir, "replica")],
    ["primary", path.join(dir, "primary")],
  ] as const) {
    if (!fs.existsSync(path.join(data, "postmaster.pid"))) continue;
    log(`Stopping the ${name}…`);
    try {
      asOwner(state, path.join(state.pgBin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
    } catch (error) {
      log(`pg_ctl stop of the ${name}: ${String((error as { stderr?: string }).stderr ?? error).trim()}`);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  log(`Cluster down; ${dir} removed.`);
}
