import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderWhole } from "~/modules/render/render-whole.server";
import { auditAccessRefused } from "~/modules/auth/auth-audit.server";
import { getSessionUser } from "~/modules/auth/session.server";

export const streamTimeout = 5_000;

/** A 403 or 404 answered to a signed-in user is a refused authorization (or a probe): it goes to the audit log. */
async function auditRefusal(request: Request, status: number) {
  if (status !== 403 && status !== 404) return;
  try {
    const user = await getSessionUser(request);
    if (!user) return;
    const url = new URL(request.url);
    await auditAccessRefused({ zoneId: user.zoneId, actorId: user.id, status, method: request.method, path: url.pathname });
  } catch (error) {
    console.error("audit of a refused request failed", error);
  }
}

export const handleDataRequest: HandleDataRequestFunction = async (response, { request }) => {
  await auditRefusal(request, response.status);
  return response;
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  await auditRefusal(request, responseStatusCode);
  const html = await renderWhole(<RemixServer context={remixContext} url={request.url} nonce={loadContext.nonce} />, {
    nonce: loadContext.nonce,
    timeoutMs: streamTimeout + 1000,
    onError(error: unknown) {
      responseStatusCode = 500;
      console.error(error);
    },
  });
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Length", String(html.length));
  return new Response(new Uint8Array(html.buffer as ArrayBuffer, html.byteOffset, html.length), { headers: responseHeaders, status: responseStatusCode });
}
