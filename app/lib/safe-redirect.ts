// The one check for every redirect target that comes from input (redirectTo, back, a notice's link): only a path
// on this site. Parsed as browsers parse a Location header, against the site's origin, and refused when anything
// could make a browser read it differently (they drop tabs and newlines, read "\" as "/", and "//host" as a host).
const SITE = "http://site.invalid";

// Control characters (C0, DEL, C1), backslashes and the Unicode line and paragraph separators, raw or decoded.
// eslint-disable-next-line no-control-regex
const HOSTILE = /[\u0000-\u001f\u007f-\u009f\\\u2028\u2029]/;

function decodedOnce(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** `to` when it is a path on this site, otherwise `fallback`. Never throws. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  // Encoded variants (%09, %0A, %5C, %2F%2F…), once and twice decoded: a proxy or a second hop may decode them.
  const once = decodedOnce(to);
  const twice = once === null ? null : decodedOnce(once);
  for (const form of [to, once, twice]) {
    if (form === null) return fallback;
    if (HOSTILE.test(form) || form.startsWith("//") || form.startsWith("/\\")) return fallback;
  }
  let url: URL;
  try {
    url = new URL(to, SITE);
  } catch {
    return fallback;
  }
  if (url.origin !== SITE) return fallback;
  const path = url.pathname + url.search + url.hash;
  // The parser's own result must still be a plain local path (e.g. "/./" tricks that collapse to "//").
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}
