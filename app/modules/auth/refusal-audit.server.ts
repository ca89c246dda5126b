// Refused requests in the audit log (entity `access`): a 403 or 404 answered to a signed-in user (or to a valid API
// token) is a refused authorization, or a probe. Pages and their data requests pass entry.server's handlers; resource
// routes (exports, evidence downloads, /api/*) answer without them, so server.ts wraps their loaders and actions
// with auditResourceRoutes (issue 16: their refusals were not audited).
import { auditAccessRefused } from "./auth-audit.server";
import { requireApiUser } from "./api-token.server";
import { getSessionUser } from "./session.server";

/** Writes the refusal when `status` is 403 or 404 and someone is signed in (a session, or an API token). */
export async function auditRefusal(request: Request, status: number) {
  if (status !== 403 && status !== 404) return;
  try {
    const url = new URL(request.url);
    let user: { id: number; zoneId: number } | null | undefined = await getSessionUser(request);
    if (!user && url.pathname.startsWith("/api/") && request.headers.has("Authorization")) {
      user = await requireApiUser(request).catch(() => undefined);
    }
    if (!user) return;
    await auditAccessRefused({ zoneId: user.zoneId, actorId: user.id, status, method: request.method, path: url.pathname });
  } catch (error) {
    console.error("audit of a refused request failed", error);
  }
}

type Handler = (args: { request: Request }) => unknown;
type RouteModule = { default?: unknown; ErrorBoundary?: unknown; loader?: Handler; action?: Handler };

/** The status of what a loader or action returned or threw, when it is an answer (Response or data()). */
function statusOf(value: unknown): number | undefined {
  if (value instanceof Response) return value.status;
  if (value && typeof value === "object" && (value as { type?: unknown }).type === "DataWithResponseInit") {
    return (value as { init?: { status?: number } | null }).init?.status;
  }
  return undefined;
}

function audited(handler: Handler): Handler {
  return async (args) => {
    let result: unknown;
    try {
      result = await handler(args);
    } catch (thrown) {
      const status = statusOf(thrown);
      if (status !== undefined) await auditRefusal(args.request, status);
      throw thrown;
    }
    const status = statusOf(result);
    if (status !== undefined) await auditRefusal(args.request, status);
    return result;
  };
}

/**
 * Wraps the loader and action of every resource route of a build (a route without a component or error boundary,
 * which Remix answers without entry.server's handlers) so that their refusals are audited like the pages'.
 */
export function auditResourceRoutes(routes: Record<string, { module: RouteModule }>) {
  for (const route of Object.values(routes)) {
    const m = route.module;
    if (m.default != null || m.ErrorBoundary != null) continue;
    route.module = { ...m, ...(m.loader ? { loader: audited(m.loader) } : {}), ...(m.action ? { action: audited(m.action) } : {}) };
  }
}
