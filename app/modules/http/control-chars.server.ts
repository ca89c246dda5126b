// One place that refuses control characters in a request's address. A NUL in a search parameter (`/projects?q=%00`)
// reached PostgreSQL, which cannot hold U+0000 in text, and every list, board, export and API answered 500. No page
// of the app has a use for C0/C1 control characters in its path or query, so they are refused before any loader
// runs: 400 with a message, as JSON on the API.
import type { IncomingMessage, ServerResponse } from "node:http";
import { translator } from "~/lib/i18n";

const t = translator("zh");

/** C0 controls (NUL … US, tab and newlines included), DEL and the C1 controls. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Whether a request target (path and query, percent-encoded) holds a control character once decoded. */
export function hasControlCharacters(target: string): boolean {
  const q = target.indexOf("?");
  const rawPath = q < 0 ? target : target.slice(0, q);
  if (CONTROL_CHARACTERS.test(rawPath)) return true;
  try {
    if (CONTROL_CHARACTERS.test(decodeURIComponent(rawPath))) return true;
  } catch {
    // A malformed escape is not a control character: the routes answer it (404).
  }
  if (q < 0) return false;
  // URLSearchParams decodes "+" and "%xx" the way every loader reads them, and never throws.
  for (const [key, value] of new URLSearchParams(target.slice(q + 1))) {
    if (CONTROL_CHARACTERS.test(key) || CONTROL_CHARACTERS.test(value)) return true;
  }
  return false;
}

export function refuseControlCharacters() {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const target = req.url ?? "/";
    if (!hasControlCharacters(target)) return next();
    const message = t("http.controlChars");
    const api = target.startsWith("/api/");
    res.writeHead(400, { "Content-Type": api ? "application/json; charset=utf-8" : "text/plain; charset=utf-8", "Cache-Control": "no-store" });
    res.end(api ? JSON.stringify({ error: message }) : message);
  };
}
