// One evidence file, streamed to those who may see its project; to anyone else it does not exist.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { toId } from "~/lib/result";
import { openEvidence } from "~/modules/attachments/attachments.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { requireUser } from "~/modules/auth/session.server";

/** RFC 6266: an ASCII fallback for old clients and the exact UTF-8 name (Chinese file names) for the rest. */
function contentDisposition(fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const notFound = async () =>
    new Response((await getTranslator(request))("error.notFound"), {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
    });
  const id = toId(params.attachmentId);
  if (id === null) return notFound();
  const file = await openEvidence(user, id);
  if (!file) return notFound();

  const etag = `"${file.sha256}"`;
  // X-Content-Type-Options: nosniff is on every response already (helmet in server.ts; the e2e test checks it here).
  const headers = {
    "Content-Type": file.mimeType,
    "Content-Disposition": contentDisposition(file.fileName),
    // Private to this user; revalidated each time so that a revoked right takes effect at once.
    "Cache-Control": "private, no-cache",
    ETag: etag,
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const body = await file.body();
  if (!body) {
    console.error(`evidence ${id}: the stored file is missing`);
    return notFound();
  }
  return new Response(createReadableStreamFromReadable(body), {
    status: 200,
    headers: { ...headers, "Content-Length": String(file.sizeBytes) },
  });
}
