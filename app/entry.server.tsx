import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { dropNulBytes } from "~/modules/render/drop-nul-bytes.server";
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
  const nonce = loadContext.nonce;
  const callback = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />,
      {
        nonce,
        [callback]() {
          shellRendered = true;
          // React 18.3 pads some chunks of Chinese pages with NUL bytes (see drop-nul-bytes.server.ts).
          const body = dropNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}
