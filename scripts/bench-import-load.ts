// npm run bench:import-load [-- --rows 50000 --idle 20 --rounds 1 --commit] — the list pages' p95 at 1 connection,
// idle and while the same server imports N new projects (issue 23 item 4), on the bench database in DATABASE_URL
// (`npm run bench:seed`). The import is rolled back at its end unless --commit (scripts/bench/import-load.ts).
// BENCH_PORT picks the server's port (default: any free one).
import os from "node:os";
import { parseArgs } from "node:util";
import { openDatabase, setDatabase } from "../db/index";
import { createApiToken } from "../app/modules/auth/api-token.server";
import { loadImportContext } from "../app/modules/imports/import.server";
import { buildIfStale } from "./build-if-stale";
import { signIn, startServer, warm } from "./bench/run";
import { BENCH_PASSWORD } from "./bench/seed";
import { sheetBytes } from "./bench/import-sheet";
import type { ListRequest } from "./bench/import-load";
import { importLoadTable, measureImportLoad } from "./bench/import-load";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "50000" },
    idle: { type: "string", default: "20" },
    rounds: { type: "string", default: "1" },
    commit: { type: "boolean", default: false },
  },
});
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("bench:import-load needs DATABASE_URL (the bench database, `npm run bench:seed`)");
  process.exit(2);
}
buildIfStale();
const handle = await openDatabase({ url });
setDatabase(handle);
const server = await startServer(url, { PORT: process.env.BENCH_PORT ?? "0" });
try {
  // The biggest company's manager and first staff member (bench:seed names them <code>_mgr and <code>_s1).
  const [manager] = await handle.query<{ id: number; login: string; zone_id: number; company_id: number }>(
    `select u.id, u.login, u.zone_id, u.company_id from users u join zones z on z.id = u.zone_id and z.code = 'demo'
     where u.role = 'manager' order by (select count(*) from projects p where p.company_id = u.company_id) desc limit 1`,
  );
  if (!manager) throw new Error("No benchmark users: run `npm run bench:seed` on this database first.");
  const staffLogin = manager.login.replace(/_mgr$/, "_s1");
  const cookie = {
    staff: { cookie: await signIn(server.baseUrl, staffLogin, BENCH_PASSWORD) },
    manager: { cookie: await signIn(server.baseUrl, manager.login, BENCH_PASSWORD) },
  };
  const lists: ListRequest[] = [
    { name: "projects default (staff)", path: "/projects", headers: cookie.staff },
    { name: "projects default (manager)", path: "/projects", headers: cookie.manager },
    { name: "investors (staff)", path: "/investors", headers: cookie.staff },
    { name: "my desk (staff)", path: "/my", headers: cookie.staff },
  ];
  for (const l of lists) await warm(server.baseUrl, l, l.headers);
  const viewer = { id: manager.id, zoneId: manager.zone_id, companyId: manager.company_id, role: "manager" as const };
  const context = await loadImportContext(handle.db, viewer, manager.company_id);
  // The manager's company's cluster: the sheet names no company, so its rows are the manager's company's.
  const cluster =
    context.clusters.find((c) => c.id === context.companies.find((co) => co.id === manager.company_id)?.clusterId) ?? context.clusters[0];
  const rows = Number(values.rows);
  // Names of their own (the run's time in them), so that a committed run's projects and investors are new ones.
  const stamp = Date.now().toString(36);
  const csv = sheetBytes(rows, { clusterName: cluster.name }, `导入负载${stamp}`);
  const token = await createApiToken(handle.db, manager.id, "bench-import-load", { scopes: ["imports:write"] });
  console.log(
    `bench:import-load on ${new URL(url).pathname.slice(1)}: load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const result = await measureImportLoad({
    baseUrl: server.baseUrl,
    handle,
    lists,
    importer: { token, userId: manager.id },
    csv,
    rows,
    idleSeconds: Number(values.idle),
    rounds: Number(values.rounds),
    commit: values.commit,
    log: console.log,
  });
  console.log(
    `\n${importLoadTable(result)}\n\nload average after: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
} finally {
  await server.stop();
  setDatabase(undefined);
  await handle.close();
}
