// Refusals on resource routes (exports, evidence downloads, /api/*) are audited like the pages' (issue 16): the
// wrapper server.ts puts around every resource route of the build writes entity `access` for a signed-in session or
// a valid API token, and nothing for anonymous callers, other statuses, or page routes (entry.server audits those).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { data } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { auditLog } from "../../db/schema";
import { createApiToken } from "../../app/modules/auth/api-token.server";
import { auditResourceRoutes } from "../../app/modules/auth/refusal-audit.server";
import { createUserSession } from "../../app/modules/auth/session.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createReferenceZone, createTwoCompanies } from "../support/factories";

type Loader = (args: { request: Request }) => Promise<unknown>;

describe.each(databaseKinds())("refusals on resource routes are audited (%s)", (kind) => {
  let db: TestDatabase;
  let staffId: number;
  let cookie: string;
  let token: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const ref = await createReferenceZone(db.db);
    const { a } = await createTwoCompanies(db.db, ref);
    staffId = a.staff1.id;
    const response = await createUserSession({
      userId: staffId,
      request: new Request("http://localhost/login"),
      clientIp: "127.0.0.1",
      redirectTo: "/",
    });
    cookie = response.headers.get("Set-Cookie")!.split(";")[0];
    token = await createApiToken(db.db, staffId, "审计测试");
  });
  afterAll(() => db?.dispose());

  const refusals = async () =>
    (
      await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, "access"), eq(auditLog.actorId, staffId)))
    ).map((r) => `${r.action} ${(r.after as { method: string; path: string }).method} ${(r.after as { path: string }).path}`);

  it("writes a 403 or 404 thrown or returned by an export, a download or an API route; not a page's, not a 200, not anonymous", async () => {
    const routes: Record<string, { module: { default?: unknown; loader?: Loader; action?: Loader } }> = {
      "routes/_app.projects.export": {
        module: {
          loader: async () => {
            throw data(null, { status: 404 });
          },
        },
      },
      "routes/_app.evidence.$attachmentId": { module: { loader: async () => new Response(null, { status: 404 }) } },
      "routes/api.v1.reports.three-batches": {
        module: { loader: async () => Response.json({ error: "no" }, { status: 403 }), action: async () => new Response("ok") },
      },
      "routes/_app.overview": {
        module: {
          default: () => null,
          loader: async () => {
            throw data(null, { status: 404 });
          },
        },
      },
    };
    auditResourceRoutes(routes);
    const call = async (id: string, path: string, headers: Record<string, string>, which: "loader" | "action" = "loader") => {
      try {
        return await routes[id].module[which]!({
          request: new Request(`http://localhost${path}`, { headers, method: which === "action" ? "POST" : "GET" }),
        });
      } catch (thrown) {
        return thrown;
      }
    };
    await call("routes/_app.projects.export", "/projects/export", { Cookie: cookie });
    await call("routes/_app.evidence.$attachmentId", "/evidence/42", { Cookie: cookie });
    await call("routes/api.v1.reports.three-batches", "/api/v1/reports/three-batches", { Authorization: `Bearer ${token}` });
    // Not audited: a page route (entry.server's part), a success, anonymous callers and a wrong token.
    await call("routes/_app.overview", "/overview", { Cookie: cookie });
    await call("routes/api.v1.reports.three-batches", "/api/v1/reports/three-batches", {}, "action");
    await call("routes/_app.projects.export", "/projects/export?anonymous", {});
    await call("routes/api.v1.reports.three-batches", "/api/v1/reports/three-batches", { Authorization: "Bearer zcrm_wrong" });
    expect((await refusals()).sort()).toEqual(
      ["refused_404 GET /projects/export", "refused_404 GET /evidence/42", "refused_403 GET /api/v1/reports/three-batches"].sort(),
    );
  });
});
