// Small but real files for evidence tests, and evidence records made the way the app stores them.
import crypto from "node:crypto";
import zlib from "node:zlib";
import type { Executor } from "../../db/index";
import { attachments } from "../../db/schema";
import type { EvidenceStage } from "../../app/modules/attachments/attachments.schema";
import { createLocalDiskStorage, newStorageKey } from "../../app/modules/attachments/storage.server";

/** A valid one-page PDF (catalog, page tree, page, content stream, font, cross-reference table). */
export function samplePdf(text = "Investment agreement"): Buffer {
  const content = `BT /F1 24 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

function pngChunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A valid PNG: signature, IHDR, one IDAT of a width × height RGB image, IEND. */
export function samplePng(width = 2, height = 2): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x3c)]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", pixels),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

export const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

/**
 * An evidence file written straight into a files folder and the database, as an upload would leave it
 * (for worlds prepared before the server starts). Without a folder only the row is made.
 */
export async function createEvidence(
  db: Executor,
  opts: { projectId: number; uploadedById: number; stage?: EvidenceStage; fileName?: string; bytes?: Buffer; mimeType?: string; filesDir?: string },
) {
  const bytes = opts.bytes ?? samplePdf();
  const storageKey = newStorageKey();
  if (opts.filesDir) await createLocalDiskStorage(opts.filesDir).put(storageKey, bytes);
  const [row] = await db
    .insert(attachments)
    .values({
      projectId: opts.projectId,
      stage: opts.stage ?? "signed",
      fileName: opts.fileName ?? "投资协议.pdf",
      mimeType: opts.mimeType ?? "application/pdf",
      sizeBytes: bytes.byteLength,
      sha256: sha256(bytes),
      storageKey,
      uploadedById: opts.uploadedById,
    })
    .returning();
  return row;
}
