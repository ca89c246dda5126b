// The load-without-loss workload (issue 9), shared by tests/e2e/load-without-loss.test.ts (one server) and
// tests/e2e/cluster.test.ts (nginx, PgBouncer, a replica): CLIENTS people edit the same PROJECTS projects through
// the real server, each opening the edit form (its version) and saving with a marker of its own; afterwards every
// save the server accepted must be in the database once, and every refusal a conflict shown to its writer.
import { decode } from "turbo-stream";
import { expect } from "vitest";
import { inArray } from "drizzle-orm";
import type { Database } from "../../db/index";
import { auditLog, investors, projects } from "../../db/schema";
import { createProject, TEST_PASSWORD } from "./factories";
import { HttpSession } from "./server";
import type { World } from "./world";

export const CLIENTS = 20;
export const PROJECTS = 10;
const EDIT_ROUTE = "routes/_app.projects.$id_.edit";

export type LoadProject = { id: number; name: string; clusterId: number; investorName: string; version: number };
export type LoadWorld = World & { loadProjects: LoadProject[] };
export type Save = { client: number; projectId: number; marker: string; status: number; location?: string; conflictShown?: boolean };
/** A 5xx (or a broken page) as the client saw it, with when its request started and ended (ms since the epoch). */
export type ServerError = { what: string; startedAt: number; endedAt: number };

/** The world's `then`: the PROJECTS projects the clients edit, in the own project's zone, company and cluster. */
export async function withLoadProjects(db: Database, world: World): Promise<LoadWorld> {
  const [a] = await db
    .select()
    .from(projects)
    .where(inArray(projects.id, [world.records.own.id]));
  const [investor] = await db
    .select({ name: investors.name })
    .from(investors)
    .where(inArray(investors.id, [a.investorId]));
  const loadProjects: LoadProject[] = [];
  for (let i = 0; i < PROJECTS; i++) {
    const p = await createProject(db, {
      zoneId: a.zoneId,
      clusterId: a.clusterId,
      companyId: a.companyId,
      ownerId: a.ownerId,
      investorId: a.investorId,
      name: `压测项目${i + 1}号`,
    });
    loadProjects.push({ id: p.id, name: p.name, clusterId: p.clusterId, investorName: investor.name, version: p.version });
  }
  return { ...world, loadProjects };
}

/**
 * CLIENTS clients (half the projects' owner, half their manager) sign in, then edit until `durationMs` has passed;
 * `during` runs beside the edits (from the first one on). A 5xx is recorded and the client goes on with its next edit.
 */
export async function runEditLoad(
  baseUrl: string,
  w: LoadWorld,
  durationMs: number,
  during: () => Promise<void> = async () => {},
): Promise<{ saves: Save[]; serverErrors: ServerError[] }> {
  const sessions: HttpSession[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const session = new HttpSession(baseUrl);
    await session.signIn(c % 2 ? w.logins.manager : w.logins.staff, TEST_PASSWORD);
    sessions.push(session);
  }
  const saves: Save[] = [];
  const serverErrors: ServerError[] = [];
  const deadline = Date.now() + durationMs;

  const client = async (c: number) => {
    const session = sessions[c];
    const token = await session.csrfToken();
    for (let k = 0; Date.now() < deadline; k++) {
      const project = w.loadProjects[(c + k) % PROJECTS];
      // Open the form (its version), then save with a marker unique to this client and save.
      // (The form's hidden version is filled by react-hook-form in the browser; the loader data it comes from is
      // what a navigation fetches: the route's single-fetch answer.)
      let startedAt = Date.now();
      let version: number | undefined;
      let status = 0;
      try {
        const page = await session.get(`/projects/${project.id}/edit.data?_routes=${encodeURIComponent(EDIT_ROUTE)}`);
        status = page.status;
        if (page.status >= 500) {
          serverErrors.push({ what: `GET ${page.status}`, startedAt, endedAt: Date.now() });
          await page.body?.cancel();
          continue;
        }
        const decoded = (await decode(page.body!)) as { value: Record<string, { data?: { project?: { version: number } } }>; done: Promise<void> };
        await decoded.done;
        version = decoded.value[EDIT_ROUTE]?.data?.project?.version;
      } catch (error) {
        // The connection closed under the answer (fetch's TypeError: "fetch failed", "terminated"): a process that
        // died while answering, after its first bytes had gone out (then nginx cannot send the request again).
        if (!(error instanceof TypeError)) throw error;
        serverErrors.push({ what: `GET cut off (${error.message})`, startedAt, endedAt: Date.now() });
        continue;
      }
      if (!version) throw new Error(`no version for the edit form (${status})`);
      const marker = `load-c${c}-s${k}`;
      startedAt = Date.now();
      let response: Response;
      let body: string;
      try {
        response = await session.request("POST", `/projects/${project.id}/edit`, {
          csrf: token,
          version: String(version),
          name: project.name,
          investorName: project.investorName,
          clusterId: String(project.clusterId),
          note: marker,
          plannedInvestmentWan: `${1000 + c}.${k % 100}`,
        });
        body = await response.text();
      } catch (error) {
        // No answer, or only part of one: the save may or may not have committed (status 0, like a 5xx).
        if (!(error instanceof TypeError)) throw error;
        serverErrors.push({ what: `POST cut off (${error.message})`, startedAt, endedAt: Date.now() });
        saves.push({ client: c, projectId: project.id, marker, status: 0 });
        continue;
      }
      const endedAt = Date.now();
      const save: Save = { client: c, projectId: project.id, marker, status: response.status };
      // Accepted means redirected to the saved project (a redirect elsewhere — to the sign-in page — is a failure).
      if (response.status === 302) {
        save.location = new URL(response.headers.get("location") ?? "", baseUrl).pathname;
        if (save.location !== `/projects/${project.id}`) serverErrors.push({ what: `POST 302 to ${save.location}`, startedAt, endedAt });
      }
      if (response.status === 409) save.conflictShown = body.includes("请核对以下差异后再次保存");
      if (response.status >= 500) serverErrors.push({ what: `POST ${response.status}`, startedAt, endedAt });
      // Whatever the page, it is clean UTF-8 text (React 18 once padded chunks with NULs: entry.server.tsx).
      if (body.includes("\0")) serverErrors.push({ what: `POST ${response.status} page with a NUL character`, startedAt, endedAt });
      saves.push(save);
    }
  };
  await Promise.all([...sessions.map((_, c) => client(c)), during()]);
  return { saves, serverErrors };
}

/**
 * Every accepted save (302) made exactly one new version of its project, its marker is in that project's change
 * history once, and no refused save's marker is anywhere. A save that answered 5xx may or may not have committed
 * (its process died around the commit): it is left out of both counts, and the versions are checked to lie between
 * the accepted saves and the accepted plus those.
 */
export async function expectNoLostWrite(db: Database, w: LoadWorld, saves: Save[]) {
  const accepted = saves.filter((s) => s.status === 302);
  // 0: the connection closed before the whole answer came (the process died).
  const unknown = saves.filter((s) => s.status >= 500 || s.status === 0);
  const refused = saves.filter((s) => s.status !== 302 && s.status < 500 && s.status !== 0);
  const ids = w.loadProjects.map((p) => p.id);
  const rows = await db.select({ id: projects.id, version: projects.version }).from(projects).where(inArray(projects.id, ids));
  const audits = await db.select({ entityId: auditLog.entityId, after: auditLog.after }).from(auditLog).where(inArray(auditLog.entityId, ids));
  const saved = new Map<string, number[]>();
  for (const a of audits) {
    const note = (a.after as { note?: string } | null)?.note;
    if (note?.startsWith("load-")) saved.set(note, [...(saved.get(note) ?? []), a.entityId]);
  }
  // Each accepted marker is in the project's change history, once, on the project it was saved to.
  for (const s of accepted) expect(saved.get(s.marker), `${s.marker} (answered ${s.status} ${s.location ?? ""})`).toEqual([s.projectId]);
  for (const s of refused) expect(saved.has(s.marker), s.marker).toBe(false);
  for (const s of unknown) if (saved.has(s.marker)) expect(saved.get(s.marker), s.marker).toEqual([s.projectId]);
  for (const p of w.loadProjects) {
    const final = rows.find((r) => r.id === p.id)!;
    const made = final.version - p.version;
    const acceptedHere = accepted.filter((s) => s.projectId === p.id).length;
    const unknownHere = unknown.filter((s) => s.projectId === p.id && saved.has(s.marker)).length;
    // And every accepted save made exactly one new version of its project: none was lost or applied twice.
    expect(made, `project ${p.id}`).toBe(acceptedHere + unknownHere);
  }
}
