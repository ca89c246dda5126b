// React 18.3's streaming renderer (renderToPipeableStream) can pad a 2 KB chunk with zero bytes when a multi-byte
// character (every Chinese one) does not fit at its end: it flushes the whole buffer instead of the written part
// (react-dom-server.node writeStringChunk; facebook/react#31134). The character itself follows intact in the next
// chunk, so dropping every 0x00 byte restores the exact HTML. In UTF-8 a 0x00 byte is only ever U+0000 itself,
// which HTML parsers turn into U+FFFD anyway: nothing legitimate is lost.
import { Writable } from "node:stream";
import type { ReactNode } from "react";
import { renderToPipeableStream } from "react-dom/server";

export function withoutNulBytes(html: Buffer): Buffer {
  let nul = html.indexOf(0);
  if (nul === -1) return html;
  // Copies the runs between the padding (a byte-by-byte loop was 1% of a list page's CPU).
  const kept = Buffer.allocUnsafe(html.length);
  let length = 0;
  let from = 0;
  while (nul !== -1) {
    length += html.copy(kept, length, from, nul);
    from = nul + 1;
    while (from < html.length && html[from] === 0) from++;
    nul = html.indexOf(0, from);
  }
  length += html.copy(kept, length, from);
  return kept.subarray(0, length);
}

export type RenderOptions = {
  nonce?: string;
  /** An error inside the page after its shell rendered (the shell's own errors reject the promise). */
  onError: (error: unknown) => void;
  /** Unfinished parts are given up (and left to the browser) after this many milliseconds. */
  timeoutMs: number;
};

/**
 * Renders a whole document into one buffer, NUL padding removed. The app defers no data, so nothing is gained by
 * streaming the shell first; one buffer is one write to the socket instead of a write per 2 KB chunk through
 * three stream adapters (measured in docs/benchmarks.md, "Node's share").
 */
export function renderWhole(element: ReactNode, options: RenderOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let failed = false;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        clearTimeout(timer);
        resolve(withoutNulBytes(Buffer.concat(chunks)));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(element, {
      nonce: options.nonce,
      onAllReady() {
        if (!failed) pipe(sink);
      },
      onShellError(error: unknown) {
        failed = true;
        clearTimeout(timer);
        reject(error);
      },
      onError: options.onError,
    });
    const timer = setTimeout(abort, options.timeoutMs);
  });
}
