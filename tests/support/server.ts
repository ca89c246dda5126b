// Starts the real production server (build/ + server.ts) on a database the test prepared, on a free port.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { Database } from "../../db/index";
import { openDatabase } from "../../db/index";
import type { DbKind } from "./db";
import { createScratchPostgresDatabase } from "./db";
import type { TemplateRun } from "./templates";
import {
  copyMigratedDataDir,
  createPostgresCopy,
  migratedPostgresName,
  migratedPostgresTemplate,
  preparedTemplatePlace,
  storableData,
  templateRun,
} from "./templates";
import { nextCode, nextCodeFor, rememberDevice } from "./mfa";
import { spawnServer } from "../../scripts/lib/spawn-server";

export type TestServer<T> = {
  baseUrl: string;
  data: T;
  /** Stops the server and removes its database; with keepData, leaves the database and returns its removal. */
  stop: (opts?: { keepData?: boolean }) => Promise<() => Promise<void>>;
  logs: () => string;
  /** Where the server's database is (a PGlite folder may be opened only once the server has stopped). */
  location: { url?: string; dataDir?: string };
};

export type Prepare<T> = (db: Database, ctx: { filesDir: string }) => Promise<T>;

const TEMPLATE = Symbol("prepared-template");
type Templated<T> = Prepare<T> & {
  [TEMPLATE]: { key: string; prepare: Prepare<unknown>; then?: (db: Database, ctx: { filesDir: string; data: unknown }) => Promise<T> };
};

/**
 * A preparation seeded once per run and kind and copied for every file that names the same `key` (see
 * tests/support/templates.ts): `prepare` must be fully described by `key` and return plain JSON; `then` runs
 * on each file's own copy, with its files folder and the template's data. Outside a run with templates (or
 * called directly) it is simply `prepare` then `then`.
 */
export function fromTemplate<B, T = B>(
  key: string,
  prepare: Prepare<B>,
  then?: (db: Database, ctx: { filesDir: string; data: B }) => Promise<T>,
): Prepare<T> {
  const plain = async (db: Database, ctx: { filesDir: string }) => {
    const data = await prepare(db, ctx);
    return then ? then(db, { ...ctx, data }) : (data as unknown as T);
  };
  return Object.assign(plain, {
    [TEMPLATE]: { key, prepare, then } as Templated<T>[typeof TEMPLATE],
  });
}

function templateOf<T>(prepare: Prepare<T>): Templated<T>[typeof TEMPLATE] | undefined {
  return (prepare as Partial<Templated<T>>)[TEMPLATE];
}

type Place = { location: { url?: string; dataDir?: string }; drop: () => Promise<void> };

/** A fresh migrated database of the kind: a copy of the run's migrated template when there is one. */
async function migratedPlace(kind: DbKind): Promise<Place> {
  if (kind === "postgres") {
    const template = migratedPostgresTemplate();
    const scratch = template ? await createPostgresCopy(template) : await createScratchPostgresDatabase();
    return { location: { url: scratch.url }, drop: scratch.drop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-e2e-"));
  const dataDir = path.join(dir, "pglite");
  copyMigratedDataDir(dataDir);
  return { location: { dataDir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The run's template for `key` (built now by the first file that asks: the e2e files run one at a time). */
async function ensurePreparedTemplate(t: TemplateRun, kind: DbKind, key: string, prepare: Prepare<unknown>) {
  const place = preparedTemplatePlace(t, kind, key);
  if (fs.existsSync(path.join(place.dir, "data.json"))) return place;
  // Built in a staging folder and renamed when whole, so a half-built template is never used.
  const staging = `${place.dir}.build-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const filesDir = path.join(staging, "files");
  fs.mkdirSync(filesDir, { recursive: true });
  let location: { url?: string; dataDir?: string };
  if (kind === "postgres") {
    const copy = await createPostgresCopy(migratedPostgresName(t));
    location = { url: copy.url };
    const handle = await openDatabase(location);
    await handle.migrate();
    const json = storableData(await prepare(handle.db, { filesDir }), filesDir);
    await handle.close();
    await withAdminRename(copy.url, place.postgresName);
    fs.writeFileSync(path.join(staging, "data.json"), json);
  } else {
    location = { dataDir: path.join(staging, "pglite") };
    copyMigratedDataDir(location.dataDir!);
    const handle = await openDatabase(location);
    await handle.migrate();
    const json = storableData(await prepare(handle.db, { filesDir }), filesDir);
    await handle.close();
    fs.writeFileSync(path.join(staging, "data.json"), json);
  }
  fs.renameSync(staging, place.dir);
  return place;
}

async function withAdminRename(url: string, to: string) {
  const from = new URL(url).pathname.slice(1);
  const conn = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    await conn.unsafe(`alter database ${from} rename to ${to}`);
  } finally {
    await conn.end();
  }
}

/** A copy of the prepared template: the database, its files, and the data its preparation returned. */
async function preparedPlace(t: TemplateRun, kind: DbKind, key: string, prepare: Prepare<unknown>, filesDir: string) {
  const template = await ensurePreparedTemplate(t, kind, key, prepare);
  fs.cpSync(path.join(template.dir, "files"), filesDir, { recursive: true });
  const data: unknown = JSON.parse(fs.readFileSync(path.join(template.dir, "data.json"), "utf8"));
  if (kind === "postgres") {
    const copy = await createPostgresCopy(template.postgresName);
    return { place: { location: { url: copy.url }, drop: copy.drop } satisfies Place, data };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-e2e-"));
  const dataDir = path.join(dir, "pglite");
  fs.cpSync(path.join(template.dir, "pglite"), dataDir, { recursive: true });
  return { place: { location: { dataDir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) } satisfies Place, data };
}

export async function startTestServer<T>(
  kind: DbKind,
  prepare: (db: Database, ctx: { filesDir: string }) => Promise<T>,
  opts: { env?: Record<string, string | undefined> } = {},
): Promise<TestServer<T>> {
  let cleanup = async () => {};
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    SESSION_SECRET: "test-session-secret-0123456789abcdef",
    COOKIE_SECURE: "0",
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_MIGRATE_URL; // the server migrates its own scratch database, never another
  for (const [name, value] of Object.entries(opts.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  // Uploaded files go to this server's own folder, which prepare() may fill too (e.g. evidence of the world).
  const filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-e2e-files-"));
  const filesDir = path.join(filesRoot, "files");
  env.FILES_DIR = filesDir;

  // Prepare the data with this process, close it, then hand the database to the server (PGlite is one process):
  // on a copy of the run's prepared template when the preparation names one, else on a copy of the migrated one.
  const templated = templateOf(prepare);
  const run = templateRun();
  let place: Place;
  let data: T;
  if (templated && run) {
    const copy = await preparedPlace(run, kind, templated.key, templated.prepare, filesDir);
    place = copy.place;
    const handle = await openDatabase(place.location);
    await handle.migrate();
    data = templated.then ? await templated.then(handle.db, { filesDir, data: copy.data }) : (copy.data as T);
    await handle.close();
  } else {
    place = await migratedPlace(kind);
    const handle = await openDatabase(place.location);
    await handle.migrate();
    data = await prepare(handle.db, { filesDir });
    await handle.close();
  }
  const location = place.location;
  if (location.url) env.DATABASE_URL = location.url;
  if (location.dataDir) env.DATA_DIR = location.dataDir;
  cleanup = async () => {
    await place.drop();
    fs.rmSync(filesRoot, { recursive: true, force: true });
  };

  const server = spawnServer({ env });
  const baseUrl = await server.listening.catch(async (error: unknown) => {
    await cleanup();
    throw error;
  });

  return {
    baseUrl,
    data,
    logs: server.output,
    location,
    stop: async (opts = {}) => {
      await server.stop();
      if (opts.keepData) return cleanup;
      await cleanup();
      return async () => {};
    },
  };
}

/** A cookie-keeping HTTP client that signs in through the real login form. */
export class HttpSession {
  cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keepCookies(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (/max-age=0/i.test(header) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: string, pathname: string, body?: Record<string, string>, headers: Record<string, string> = {}) {
    const response = await fetch(this.baseUrl + pathname, {
      method,
      redirect: "manual",
      headers: {
        Cookie: this.cookieHeader(),
        Origin: this.baseUrl,
        ...(body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
        ...headers,
      },
      body: body ? new URLSearchParams(body) : undefined,
    });
    this.keepCookies(response);
    return response;
  }

  get(pathname: string) {
    return this.request("GET", pathname);
  }

  /**
   * Signs in through the form; a user with a second factor then gives the next code of their remembered
   * authenticator, and an admin or leader without one enrols first, as a person would (scan, code, codes shown).
   */
  async signIn(login: string, password: string) {
    const response = await this.request("POST", "/login", { login, password });
    if (response.status !== 302) throw new Error(`sign-in as ${login} failed: ${response.status} ${await response.text()}`);
    const location = this.pathOf(response);
    if (location.startsWith("/login/mfa")) return this.giveSecondFactor(login, location);
    if (location === "/account/mfa") await this.enrolMfa(login);
    return response;
  }

  private pathOf(response: Response) {
    const location = response.headers.get("location") ?? "";
    return location.startsWith(this.baseUrl) ? location.slice(this.baseUrl.length) : location;
  }

  /** The code step after the password: the next code of the remembered authenticator (or the given code). */
  async giveSecondFactor(login: string, location = "/login/mfa", code?: string) {
    const html = await (await this.get(location)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    const redirectTo = /name="redirectTo" value="([^"]*)"/.exec(html)?.[1] ?? "";
    if (!csrf) throw new Error(`no MFA step for ${login}: ${html.slice(0, 300)}`);
    const response = await this.request("POST", "/login/mfa", {
      csrf,
      redirectTo: redirectTo.replace(/&amp;/g, "&"),
      code: code ?? (await nextCodeFor(this.baseUrl, login)),
    });
    if (response.status !== 302) throw new Error(`second factor of ${login} refused: ${response.status}`);
    return response;
  }

  /** Enrols the signed-in user's second factor from the enrolment page; returns the recovery codes shown. */
  async enrolMfa(login: string): Promise<string[]> {
    const html = await (await this.get("/account/mfa")).text();
    const secret = /data-mfa-secret="[^"]*">([A-Z2-7]+)</.exec(html)?.[1];
    const ticket = /name="ticket" value="([^"]+)"/.exec(html)?.[1];
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!secret || !ticket || !csrf) throw new Error(`no enrolment form for ${login}`);
    const { code, step } = await nextCode(secret, null);
    const response = await this.request("POST", "/account/mfa", { csrf, intent: "confirm", ticket, code });
    const page = await response.text();
    const codes = [...page.matchAll(/<li><code>([A-Z0-9-]{14})<\/code><\/li>/g)].map((m) => m[1]);
    if (response.status !== 200 || codes.length !== 10) throw new Error(`enrolment of ${login} failed: ${response.status}`);
    rememberDevice(this.baseUrl, login, secret, step, codes);
    return codes;
  }

  /** The session's CSRF token, as every page's forms carry it. */
  async csrfToken() {
    // Everyone's own account page (a province account opens no zone page).
    const html = await (await this.get("/account")).text();
    const match = /name="csrf" value="([^"]+)"/.exec(html);
    if (!match) throw new Error("no CSRF token on the page");
    return match[1];
  }
}
