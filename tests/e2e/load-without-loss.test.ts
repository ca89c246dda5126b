// Load without loss (issue 9): 20 people edit the same 10 projects for 30 s through the real server. Afterwards
// every save the server accepted is in the database, every refusal was a conflict shown to its writer (409 with
// the conflict notice), and nothing answered 5xx. On PostgreSQL when DATABASE_URL is set (CI), else PGlite.
import { decode } from "turbo-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { openDatabase } from "../../db/index";
import { auditLog, investors, projects } from "../../db/schema";
import { createProject, TEST_PASSWORD } from "../support/factories";
import type { TestServer } from "../support/server";
import { HttpSession, startTestServer } from "../support/server";
import type { World } from "../support/world";
import { worldTemplate } from "../support/world";

const CLIENTS = 20;
const PROJECTS = 10;
const DURATION_MS = Number(process.env.LOAD_SECONDS ?? 30) * 1000;
const EDIT_ROUTE = "routes/_app.projects.$id_.edit";
const kind = process.env.DATABASE_URL ? "postgres" : "pglite";

type Save = { client: number; projectId: number; marker: string; status: number; conflictShown?: boolean };

describe(`20 clients editing 10 projects for ${DURATION_MS / 1000} s (${kind})`, () => {
  let server: TestServer<World & { loadProjects: { id: number; name: string; clusterId: number; investorName: string; version: number }[] }>;
  beforeAll(async () => {
    server = await startTestServer(
      kind,
      worldTemplate({ demoProjects: 20, files: true }, async (db, { data: world }) => {
        const [a] = await db
          .select()
          .from(projects)
          .where(inArray(projects.id, [world.records.own.id]));
        const [investor] = await db
          .select({ name: investors.name })
          .from(investors)
          .where(inArray(investors.id, [a.investorId]));
        const loadProjects = [];
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
      }),
    );
  }, 240_000);
  afterAll(() => server?.stop());

  it(
    "keeps every accepted save, reports every refusal as a conflict, and never answers 5xx",
    async () => {
      const w = server.data;
      // Half are the projects' owner (staff), half their manager: both may edit.
      const sessions: HttpSession[] = [];
      for (let c = 0; c < CLIENTS; c++) {
        const session = new HttpSession(server.baseUrl);
        await session.signIn(c % 2 ? w.logins.manager : w.logins.staff, TEST_PASSWORD);
        sessions.push(session);
      }
      const saves: Save[] = [];
      const serverErrors: string[] = [];
      const deadline = Date.now() + DURATION_MS;

      const client = async (c: number) => {
        const session = sessions[c];
        const token = await session.csrfToken();
        for (let k = 0; Date.now() < deadline; k++) {
          const project = w.loadProjects[(c + k) % PROJECTS];
          // Open the form (its version), then save with a marker unique to this client and save.
          // (The form's hidden version is filled by react-hook-form in the browser; the loader data it comes from is
          // what a navigation fetches: the route's single-fetch answer.)
          const page = await session.get(`/projects/${project.id}/edit.data?_routes=${encodeURIComponent(EDIT_ROUTE)}`);
          if (page.status >= 500) serverErrors.push(`GET ${page.status}`);
          const decoded = (await decode(page.body!)) as { value: Record<string, { data?: { project?: { version: number } } }>; done: Promise<void> };
          await decoded.done;
          const version = decoded.value[EDIT_ROUTE]?.data?.project?.version;
          if (!version) throw new Error(`no version for the edit form (${page.status})`);
          const marker = `load-c${c}-s${k}`;
          const response = await session.request("POST", `/projects/${project.id}/edit`, {
            csrf: token,
            version: String(version),
            name: project.name,
            investorName: project.investorName,
            clusterId: String(project.clusterId),
            note: marker,
            plannedInvestmentWan: `${1000 + c}.${k % 100}`,
          });
          const body = await response.text();
          const save: Save = { client: c, projectId: project.id, marker, status: response.status };
          if (response.status === 409) save.conflictShown = body.includes("请核对以下差异后再次保存");
          if (response.status >= 500) serverErrors.push(`POST ${response.status}`);
          // Whatever the page, it is clean UTF-8 text (React 18 once padded chunks with NULs: entry.server.tsx).
          if (body.includes("\0")) serverErrors.push(`POST ${response.status} page with a NUL character`);
          saves.push(save);
        }
      };
      await Promise.all(sessions.map((_, c) => client(c)));

      const accepted = saves.filter((s) => s.status === 302);
      const refused = saves.filter((s) => s.status !== 302);
      console.log(`load: ${saves.length} saves in ${DURATION_MS / 1000} s, ${accepted.length} accepted, ${refused.length} conflicts`);
      expect(serverErrors).toEqual([]);
      expect(accepted.length).toBeGreaterThan(CLIENTS);
      expect(refused.length).toBeGreaterThan(0); // same projects at once: some must collide
      expect(refused.filter((s) => s.status !== 409 || !s.conflictShown).slice(0, 3)).toEqual([]);

      const removeData = await server.stop({ keepData: true });
      try {
        const handle = await openDatabase(server.location);
        try {
          const ids = w.loadProjects.map((p) => p.id);
          const rows = await handle.db.select({ id: projects.id, version: projects.version }).from(projects).where(inArray(projects.id, ids));
          // Every accepted save made exactly one new version of its project: none was lost or applied twice.
          for (const p of w.loadProjects) {
            const final = rows.find((r) => r.id === p.id)!;
            expect(final.version - p.version, `project ${p.id}`).toBe(accepted.filter((s) => s.projectId === p.id).length);
          }
          // And each accepted marker is in the project's change history, once, on the project it was saved to.
          const audits = await handle.db
            .select({ entityId: auditLog.entityId, after: auditLog.after })
            .from(auditLog)
            .where(inArray(auditLog.entityId, ids));
          const saved = new Map<string, number[]>();
          for (const a of audits) {
            const note = (a.after as { note?: string } | null)?.note;
            if (note?.startsWith("load-")) saved.set(note, [...(saved.get(note) ?? []), a.entityId]);
          }
          for (const s of accepted) expect(saved.get(s.marker), s.marker).toEqual([s.projectId]);
          for (const s of refused) expect(saved.has(s.marker), s.marker).toBe(false);
        } finally {
          await handle.close();
        }
      } finally {
        await removeData();
      }
    },
    DURATION_MS + 180_000,
  );
});
