import crypto from "node:crypto";
import type { UploadHandler } from "@remix-run/node";
import { data, unstable_parseMultipartFormData } from "@remix-run/node";
import type { SessionUser } from "./session.server";
import { getSessionUser, requireUser } from "./session.server";

export const CSRF_FIELD = "csrf";

/**
 * The posted form, or a 400 when the body is not a form (another content type, a broken multipart body):
 * request.formData() throws a TypeError then, which would otherwise be a 500. Found by tests/e2e/hostile-input.
 */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw data({ message: "form expected (application/x-www-form-urlencoded or multipart/form-data)" }, { status: 400 });
  }
  refuseNul(form);
  return form;
}

/**
 * PostgreSQL text cannot hold U+0000, so a field with one would fail in the database (a 500); no real input has
 * it. Refused up front with a 400 (found by tests/e2e/hostile-input on the login form).
 */
function refuseNul(form: FormData) {
  for (const [key, value] of form) {
    if (key.includes("\0") || (typeof value === "string" && value.includes("\0"))) {
      throw data({ message: "invalid character in form" }, { status: 400 });
    }
  }
}

function sameToken(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * For every action of a signed-in user: the user, and the form, after checking the form's token against the
 * session's (synchronizer token). The server also refuses cross-site POSTs by their Origin header.
 */
export async function requireUserForm(request: Request): Promise<{ user: SessionUser; form: FormData }> {
  const user = await requireUser(request);
  const form = await readForm(request);
  const token = form.get(CSRF_FIELD);
  if (typeof token !== "string" || !sameToken(token, user.csrfToken)) {
    throw data({ message: "csrf" }, { status: 403 });
  }
  return { user, form };
}

/** Whether a form carries this session's token. */
export function formHasToken(form: FormData, user: Pick<SessionUser, "csrfToken">) {
  const token = form.get(CSRF_FIELD);
  return typeof token === "string" && sameToken(token, user.csrfToken);
}

/**
 * For the two forms a session waiting for its second factor may post (the code, and signing out): the session,
 * pending or not, and the form after the token check; null when there is no session at all.
 */
export async function requireAnySessionForm(request: Request): Promise<{ user: SessionUser; form: FormData } | null> {
  const user = await getSessionUser(request, { includePending: true });
  if (!user) return null;
  const form = await readForm(request);
  if (!formHasToken(form, user)) throw data({ message: "csrf" }, { status: 403 });
  return { user, form };
}

export type UploadedFilePart = { name: string; filename: string; contentType: string; data: AsyncIterable<Uint8Array> };

const MAX_TEXT_FIELD_BYTES = 64 * 1024;

async function readTextField(stream: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > MAX_TEXT_FIELD_BYTES) throw data413();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const data413 = () => data({ message: "too large" }, { status: 413 });

/**
 * requireUserForm for file uploads, which must not be buffered whole as request.formData() would. Text fields are
 * read as they arrive; a file part is handed to `onFile` only once the form's token — forms put it before their
 * file inputs, and browsers send fields in document order — has matched the session's, so no byte of a forged
 * upload reaches storage. Whatever of a file `onFile` leaves unread (a refused file) is read and dropped, because
 * the parser would otherwise buffer it and the browser would not see the answer; a body larger than
 * `maxRequestBytes` is refused with a 413 instead.
 */
export async function requireUserMultipartForm(
  request: Request,
  opts: { onFile: (part: UploadedFilePart, fields: FormData) => Promise<void>; maxRequestBytes: number },
): Promise<{ user: SessionUser; form: FormData }> {
  const user = await requireUser(request);
  if (!/^multipart\/form-data;\s*boundary=/i.test(request.headers.get("content-type") ?? "")) {
    // Not an upload: a body without the session's token is refused as forged (403) like every other form; one
    // with it is simply the wrong kind of body (400).
    const form = await readForm(request);
    if (!formHasToken(form, user)) throw data({ message: "csrf" }, { status: 403 });
    throw data({ message: "multipart/form-data expected" }, { status: 400 });
  }
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > opts.maxRequestBytes) throw data413();

  const fields = new FormData();
  let tokenOk = false;
  const handler: UploadHandler = async (part) => {
    if (part.filename === undefined) {
      const value = await readTextField(part.data);
      if (part.name === CSRF_FIELD) tokenOk = sameToken(value, user.csrfToken);
      fields.append(part.name, value);
      return value;
    }
    if (!tokenOk) throw data({ message: "csrf" }, { status: 403 });
    await opts.onFile({ name: part.name, filename: part.filename, contentType: part.contentType, data: part.data }, fields);
    let dropped = 0;
    for await (const chunk of part.data) {
      dropped += chunk.byteLength;
      if (dropped > opts.maxRequestBytes) throw data413();
    }
    return undefined;
  };

  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof Error && /^malformed (multipart|content-disposition)|Could not parse content as FormData/.test(error.message)) {
      throw data({ message: "malformed multipart body" }, { status: 400 });
    }
    throw error;
  }
  if (!tokenOk) throw data({ message: "csrf" }, { status: 403 });
  refuseNul(form);
  return { user, form };
}
