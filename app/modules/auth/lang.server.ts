import { createCookie } from "@remix-run/node";
import type { Lang } from "~/lib/i18n";
import { parseLang, translator } from "~/lib/i18n";
import { authConfig } from "./config.server";

// Secure like the session cookie (COOKIE_SECURE): it was sent without it in production too.
export const langCookie = createCookie("zcrm_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: authConfig.secureCookies,
  maxAge: 31_536_000,
});

export async function getLang(request: Request): Promise<Lang> {
  return parseLang(await langCookie.parse(request.headers.get("Cookie")));
}

/** The translator for this request's language, for messages built on the server. */
export async function getTranslator(request: Request) {
  return translator(await getLang(request));
}
