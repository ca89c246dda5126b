// POST /api/v1/imports (DOMAIN.md "Commands and the reporting API"): a project sheet as the body (text/csv or
// XLSX) or as the multipart field `file` → { created, updated } (and `sheets`), or 422 { errors } with nothing written.
// The same import as the page: one run, one transaction. An admin's token may name ?company=ID.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { unstable_parseMultipartFormData } from "@remix-run/node";
import { translator } from "~/lib/i18n";
import { requireApiUser } from "~/modules/auth/api-token.server";
import type { Upload } from "~/modules/imports/import.server";
import { beginImport, canImport, collectUpload, IMPORT_MAX_BYTES, IMPORT_MAX_MB, importTarget } from "~/modules/imports/import.server";

const json = (body: unknown, status = 200) => Response.json(body, { status });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireApiUser(request);
  return json({ error: "POST a CSV or XLSX file in the import template" }, 405);
}

async function* bodyChunks(request: Request): AsyncGenerator<Uint8Array> {
  if (!request.body) return;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireApiUser(request, "imports:write");
  if (request.method !== "POST") return json({ error: "method not allowed" }, 405);
  if (!canImport(user)) return json({ error: "forbidden: only managers and admins import" }, 403);
  const t = translator("zh");
  const target = await importTarget(user, new URL(request.url).searchParams.get("company"));
  if (target.kind !== "ok")
    return json({ error: target.kind === "invalid" ? "unknown company" : "forbidden" }, target.kind === "invalid" ? 400 : 403);
  const tooLarge = () => json({ error: t("import.file.tooLarge", { max: IMPORT_MAX_MB }) }, 413);
  if (Number(request.headers.get("content-length") ?? 0) > IMPORT_MAX_BYTES + 64 * 1024) return tooLarge();

  let upload: Upload | null = null;
  let fileName: string | null = null;
  if (/^multipart\/form-data/i.test(request.headers.get("content-type") ?? "")) {
    try {
      await unstable_parseMultipartFormData(request, async (part) => {
        if (part.name !== "file" || part.filename === undefined || upload) {
          for await (const _ of part.data) {
            // Other parts are not kept.
          }
          return undefined;
        }
        fileName = part.filename || null;
        upload = await collectUpload(part.data);
        if (!upload.ok) throw new Error("too large");
        return undefined;
      });
    } catch (error) {
      if (upload && !(upload as Upload).ok) return tooLarge();
      console.warn("api import: unreadable multipart body", error);
      return json({ error: "malformed multipart body" }, 400);
    }
    if (!upload) return json({ error: "the multipart field `file` is missing" }, 400);
  } else {
    upload = await collectUpload(bodyChunks(request));
  }
  if (!upload.ok) return tooLarge();

  const { done } = await beginImport(user, { upload, fileName, companyId: target.value.companyId, t });
  const outcome = await done;
  // `sheets`, when a further sheet wrote something: { approvals: { created, updated } } (decision 029).
  if (outcome.status === "done") {
    const sheets = Object.keys(outcome.sheets).length ? { sheets: outcome.sheets } : {};
    return json({ created: outcome.created, updated: outcome.updated, ...sheets });
  }
  if (outcome.status === "refused") return json({ errors: outcome.errors }, 422);
  return json({ error: t("import.failed") }, 500);
}
