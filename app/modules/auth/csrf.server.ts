import crypto from "node:crypto";
import { data } from "@remix-run/node";
import type { SessionUser } from "./session.server";
import { requireUser } from "./session.server";

export const CSRF_FIELD = "csrf";

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
  const form = await request.formData();
  const token = form.get(CSRF_FIELD);
  if (typeof token !== "string" || !sameToken(token, user.csrfToken)) {
    throw data({ message: "csrf" }, { status: 403 });
  }
  return { user, form };
}
