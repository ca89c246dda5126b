// The TOTP secret at rest: AES-256-GCM under a key that never sits in the database (docs/decisions/010-mfa.md).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

let cachedKey: Buffer | undefined;

/** A 32-byte key from MFA_KEY, else SESSION_SECRET, else a key file made once beside the embedded database. */
export function mfaKey(): Buffer {
  if (cachedKey) return cachedKey;
  const material = process.env.MFA_KEY || process.env.SESSION_SECRET || keyFromFile();
  cachedKey = Buffer.from(crypto.hkdfSync("sha256", material, "zcrm-mfa-salt", "totp-secret-v1", 32));
  return cachedKey;
}

function keyFromFile(): string {
  const file = process.env.MFA_KEY_FILE || path.join(path.dirname(path.resolve(process.env.DATA_DIR || "./data/pglite")), "mfa.key");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // wx: two processes racing do not overwrite each other's key.
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** Tests only: forget the derived key after changing the environment. */
export function resetMfaKeyForTests() {
  cachedKey = undefined;
}

/** "v1.<iv>.<tag>.<ciphertext>" (base64url); `context` (the user id) is bound as associated data. */
export function sealSecret(plain: string, context: string, key = mfaKey()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The plain text, or null when the box was not sealed with this key and context (or was tampered with). */
export function openSecret(sealed: string, context: string, key = mfaKey()): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
