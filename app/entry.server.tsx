import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { RemixServer } from "~/modules/render/remix-server.server";
import { renderWhole } from "~/modules/render/render-whole.server";
import { auditRefusal } from "~/modules/auth/refusal-audit.server";

export const streamTimeout = 5_000;

// Resource routes answer without the handlers below: server.ts wraps them with this (the build's own copy of the
// session and database modules).
export { auditResourceRoutes } from "~/modules/auth/refusal-audit.server";

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
  return new Response(new Uint8Array(html.buffer as ArrayBuffer, html.byteOffset, html.length), {
    headers: responseHeaders,
    status: responseStatusCode,
  });
}
