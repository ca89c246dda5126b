// Keyset cursors that travel in a URL sealed (AES-256-GCM under a key derived from the session secret) and bound
// to the viewer and the list: the page edge's date and id of a project the viewer may not open are never readable
// from the link, and a cursor altered, made for someone else or for another list does not open.
import crypto from "node:crypto";
import type * as z from "zod";
import { authConfig } from "~/modules/auth/config.server";

const PREFIX = "s.";
const cursorKey = () => Buffer.from(crypto.hkdfSync("sha256", authConfig.sessionSecret, "zcrm-list-cursor", "v1", 32));
const aad = (list: string, viewerId: number) => Buffer.from(`${list}:${viewerId}`);

/** The cursor sealed for this viewer and list. */
export function sealCursor(list: string, viewerId: number, cursor: unknown): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", cursorKey(), iv);
  cipher.setAAD(aad(list, viewerId));
  const body = Buffer.concat([cipher.update(JSON.stringify(cursor), "utf8"), cipher.final()]);
  return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The cursor back, checked against its shape; undefined when it was tampered with, foreign or malformed. */
export function openCursor<T>(list: string, viewerId: number, schema: z.ZodType<T>, raw: string): T | undefined {
  if (!raw.startsWith(PREFIX) || raw.length > 1000) return undefined;
  try {
    const bytes = Buffer.from(raw.slice(PREFIX.length), "base64url");
    if (bytes.length < 29) return undefined;
    const decipher = crypto.createDecipheriv("aes-256-gcm", cursorKey(), bytes.subarray(0, 12));
    decipher.setAAD(aad(list, viewerId));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
    const parsed = schema.safeParse(JSON.parse(plain));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
