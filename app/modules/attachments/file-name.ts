// The stored name of an uploaded file: shown on pages and sent back in Content-Disposition.

/**
 * C0 and C1 controls, DEL, and the Unicode bidirectional controls: embeddings and overrides (U+202A–U+202E),
 * isolates (U+2066–U+2069), the marks LRM/RLM (U+200E/U+200F) and ALM (U+061C). A right-to-left override made
 * `x\u202Etxt.exe.pdf` read as "xfdp.exe.txt" on the page (issue 16): a name has no use for any of them.
 */
// eslint-disable-next-line no-control-regex
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A file name fit to show and to send back: no paths, no control or bidi characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const clean = base.replace(UNSHOWABLE, "").trim();
  if (clean.length <= 200) return clean;
  const dot = clean.lastIndexOf(".");
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : "";
  return clean.slice(0, 200 - ext.length) + ext;
}
