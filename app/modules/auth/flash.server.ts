import { createCookie } from "@remix-run/node";
import { authConfig } from "./config.server";

// One-shot message shown after a redirect (post/redirect/get).
const flashCookie = createCookie("zcrm_flash", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: authConfig.secureCookies,
  secrets: [authConfig.sessionSecret],
});

export type Flash = { kind: "ok" | "error"; message: string };

export async function flashHeader(flash: Flash) {
  return flashCookie.serialize(flash, { maxAge: 60 });
}

/** Reads the flash and the header that clears it. */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; clear: string | null }> {
  const value = await flashCookie.parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return { flash: null, clear: null };
  return { flash: value as Flash, clear: await flashCookie.serialize("", { maxAge: 0 }) };
}
