// Load without loss (issue 9): 20 people edit the same 10 projects for 30 s through the real server. Afterwards
// every save the server accepted is in the database, every refusal was a conflict shown to its writer (409 with
// the conflict notice), and nothing answered 5xx. On PostgreSQL when DATABASE_URL is set (CI), else PGlite.
// The workload and the checks are tests/support/edit-load.ts (the cluster test runs them through nginx too).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/index";
import type { LoadWorld } from "../support/edit-load";
import { CLIENTS, expectNoLostWrite, runEditLoad, withLoadProjects } from "../support/edit-load";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";
import { worldTemplate } from "../support/world";

const DURATION_MS = Number(process.env.LOAD_SECONDS ?? 30) * 1000;
const kind = process.env.DATABASE_URL ? "postgres" : "pglite";

describe(`20 clients editing 10 projects for ${DURATION_MS / 1000} s (${kind})`, () => {
  let server: TestServer<LoadWorld>;
  beforeAll(async () => {
    server = await startTestServer(
      kind,
      worldTemplate({ demoProjects: 20, files: true }, (db, { data: world }) => withLoadProjects(db, world)),
    );
  }, 240_000);
  afterAll(() => server?.stop());

  it(
    "keeps every accepted save, reports every refusal as a conflict, and never answers 5xx",
    async () => {
      const { saves, serverErrors } = await runEditLoad(server.baseUrl, server.data, DURATION_MS);
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
          await expectNoLostWrite(handle.db, server.data, saves);
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
