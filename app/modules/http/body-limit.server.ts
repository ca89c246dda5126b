// A cap on request bodies, before anything reads them. Remix's request.formData() reads a whole body into memory,
// so without it a huge url-encoded post (even to /login, signed out) would be held in memory before any check.
// The upload routes (imports; the project page's evidence form) stream their bodies with their own limits and are
// left to them.
import type { IncomingMessage, ServerResponse } from "node:http";
import { translator } from "~/lib/i18n";

// Answered before any session or language is known: in Chinese, the app's language (the English is in the text).
const t = translator("zh");

/** Ordinary forms and JSON: a generous ceiling for the longest note anyone types. */
export const FORM_MAX_BYTES = 1024 * 1024;

/**
 * Paths whose bodies are files, streamed and limited by their own routes. Remix's client posts a page's action to
 * the path with ".data" appended (single fetch), a browser without JavaScript to the path itself.
 */
export const UPLOAD_PATHS: RegExp[] = [/^\/imports(\.data)?\/?$/, /^\/api\/v1\/imports\/?$/];

/**
 * Pages with one file form among ordinary ones (the project page's evidence upload): only their multipart bodies are
 * left to the route, which streams them (requireUserMultipartForm); their other forms keep the cap.
 */
export const MULTIPART_UPLOAD_PATHS: RegExp[] = [/^\/projects\/\d+(\.data)?\/?$/];

const isMultipart = (req: IncomingMessage) => /^multipart\/form-data/i.test(req.headers["content-type"] ?? "");

const WITHOUT_BODY = new Set(["GET", "HEAD", "OPTIONS", "DELETE"]);

/**
 * Refuses a body over `max` bytes (413) and a body of unknown length (411: browsers always send a length for
 * forms, so a chunked body on these routes is not a browser's). The answer carries "Connection: close": Node then
 * drops the connection after answering instead of reading a body nobody wants, and the client's next request
 * opens a fresh one.
 */
export function bodyLimit(opts: { max?: number; uploads?: RegExp[]; multipartUploads?: RegExp[] } = {}) {
  const max = opts.max ?? FORM_MAX_BYTES;
  const uploads = opts.uploads ?? UPLOAD_PATHS;
  const multipartUploads = opts.multipartUploads ?? MULTIPART_UPLOAD_PATHS;
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const path = (req.url ?? "/").split("?")[0];
    if (WITHOUT_BODY.has(req.method ?? "GET") || uploads.some((re) => re.test(path))) return next();
    if (isMultipart(req) && multipartUploads.some((re) => re.test(path))) return next();
    const declared = req.headers["content-length"];
    if (declared === undefined) {
      // No length and no transfer encoding: no body at all (an empty post).
      if (req.headers["transfer-encoding"] === undefined) return next();
      return refuse(res, 411, t("http.lengthRequired"));
    }
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length > max) {
      return refuse(res, 413, t("http.tooLarge", { kb: Math.round(max / 1024) }));
    }
    next();
  };
}

function refuse(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", Connection: "close", "Cache-Control": "no-store" });
  res.end(message);
}
