// React 18.3's streaming renderer (renderToPipeableStream) can pad a 2 KB chunk with zero bytes when a multi-byte
// character (every Chinese one) does not fit at its end: it flushes the whole buffer instead of the written part
// (react-dom-server.node writeStringChunk; facebook/react#31134). The character itself follows intact in the next
// chunk, so dropping every 0x00 byte restores the exact HTML. In UTF-8 a 0x00 byte is only ever U+0000 itself,
// which HTML parsers turn into U+FFFD anyway: nothing legitimate is lost.
import { Transform } from "node:stream";

export function dropNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (chunk.indexOf(0) === -1) return done(null, chunk);
      const kept = Buffer.allocUnsafe(chunk.length);
      let length = 0;
      for (const byte of chunk) if (byte !== 0) kept[length++] = byte;
      done(null, kept.subarray(0, length));
    },
  });
}
