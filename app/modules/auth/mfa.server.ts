// TOTP second factor (RFC 6238 through `otpauth`) with one-time recovery codes (docs/decisions/010-mfa.md).
import crypto from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { getDb } from "~db/index";
import type { Executor } from "~db/index";
import { mfaRecoveryCodes, users } from "~db/schema";
import { clock } from "~/lib/clock";
import { translator } from "~/lib/i18n";
import { auditAuth } from "./auth-audit.server";
import { mfaKey, openSecret, sealSecret } from "./mfa-crypto.server";
import { mfaRequired } from "./policy";

export const TOTP_PERIOD = 30;
// The name authenticator apps show beside the code: the Chinese product name.
const ISSUER = translator("zh")("mfa.issuer");
export const RECOVERY_CODE_COUNT = 10;
const ENROLMENT_TTL_MS = 15 * 60_000;

// Who must use a second factor is the policy's rule (admins and leaders).
export { mfaRequired };

function totp(secretBase32: string, login: string) {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label: login,
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** The current time step (30 s since the epoch) on the app's clock. */
export function currentStep(now = clock.now()) {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD);
}

/** The time step a code belongs to (this one or its neighbours, for clock drift), or null. */
function stepOfCode(secretBase32: string, login: string, code: string): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = clock.now().getTime();
  const delta = totp(secretBase32, login).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : currentStep(new Date(now)) + delta;
}

export type Enrolment = { secret: string; uri: string; qrDataUrl: string; ticket: string };

/**
 * A fresh secret to scan. It is not stored until a code confirms it: the page carries it in a ticket sealed with
 * the MFA key, bound to the user and valid for 15 minutes.
 */
export async function startEnrolment(user: { id: number; login: string }): Promise<Enrolment> {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const uri = totp(secret, user.login).toString();
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 1, width: 200 });
  const ticket = sealSecret(JSON.stringify({ secret, until: clock.now().getTime() + ENROLMENT_TTL_MS }), `enrol:${user.id}`);
  return { secret, uri, qrDataUrl, ticket };
}

const RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

function newRecoveryCode() {
  const bytes = crypto.randomBytes(12);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

function normaliseRecoveryCode(code: string) {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** Codes are random (≈59 bits), so a keyed hash is enough; the key is the MFA key, not in the database. */
export function hashRecoveryCode(code: string) {
  return crypto.createHmac("sha256", mfaKey()).update(normaliseRecoveryCode(code)).digest("hex");
}

/** Stores the secret (sealed) and ten new recovery codes; returns the codes, shown once. */
export async function enableMfa(db: Executor, user: { id: number; zoneId: number }, secret: string, acceptedStep: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db
    .update(users)
    .set({ mfaSecret: sealSecret(secret, `user:${user.id}`), mfaEnabledAt: clock.now(), mfaLastStep: acceptedStep })
    .where(eq(users.id, user.id));
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, user.id));
  await db.insert(mfaRecoveryCodes).values(codes.map((code) => ({ userId: user.id, codeHash: hashRecoveryCode(code) })));
  await auditAuth({ zoneId: user.zoneId, actorId: user.id, userId: user.id, action: "mfa_enabled" }, db);
  return codes;
}

export type ConfirmResult = { ok: true; recoveryCodes: string[] } | { ok: false; error: "expired" | "code" };

/** Turns MFA on when the code matches the ticket's secret. */
export async function confirmEnrolment(user: { id: number; zoneId: number; login: string }, ticket: string, code: string): Promise<ConfirmResult> {
  const opened = openSecret(ticket, `enrol:${user.id}`);
  const parsed = opened ? (JSON.parse(opened) as { secret: string; until: number }) : null;
  if (!parsed || parsed.until < clock.now().getTime()) return { ok: false, error: "expired" };
  const step = stepOfCode(parsed.secret, user.login, code.trim());
  if (step === null) return { ok: false, error: "code" };
  const recoveryCodes = await getDb().transaction((tx) => enableMfa(tx, user, parsed.secret, step));
  return { ok: true, recoveryCodes };
}

export type SecondFactorResult = { ok: true; usedRecoveryCode: boolean } | { ok: false };

/**
 * Checks a TOTP code or a recovery code. A TOTP code is accepted once: the step it belongs to must be later than
 * the last accepted one, and the update that records it is conditional, so two racing requests cannot both win.
 */
export async function verifySecondFactor(user: { id: number; login: string }, input: string): Promise<SecondFactorResult> {
  const code = input.trim().slice(0, 40);
  const db = getDb();
  if (/^\d{6}$/.test(code)) {
    const [row] = await db.select({ mfaSecret: users.mfaSecret }).from(users).where(eq(users.id, user.id));
    const secret = row?.mfaSecret ? openSecret(row.mfaSecret, `user:${user.id}`) : null;
    if (!secret) return { ok: false };
    const step = stepOfCode(secret, user.login, code);
    if (step === null) return { ok: false };
    const accepted = await db
      .update(users)
      .set({ mfaLastStep: step })
      .where(and(eq(users.id, user.id), or(isNull(users.mfaLastStep), lt(users.mfaLastStep, step))))
      .returning({ id: users.id });
    return accepted.length === 1 ? { ok: true, usedRecoveryCode: false } : { ok: false };
  }
  if (normaliseRecoveryCode(code).length !== 12) return { ok: false };
  const used = await db
    .update(mfaRecoveryCodes)
    .set({ usedAt: clock.now() })
    .where(and(eq(mfaRecoveryCodes.userId, user.id), eq(mfaRecoveryCodes.codeHash, hashRecoveryCode(code)), isNull(mfaRecoveryCodes.usedAt)))
    .returning({ id: mfaRecoveryCodes.id });
  return used.length === 1 ? { ok: true, usedRecoveryCode: true } : { ok: false };
}

export async function remainingRecoveryCodes(userId: number): Promise<number> {
  const rows = await getDb()
    .select({ id: mfaRecoveryCodes.id })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
  return rows.length;
}

/** Removes the second factor (the user themself when not required, or an admin for a lost device). */
export async function clearMfa(db: Executor, userId: number) {
  await db.update(users).set({ mfaSecret: null, mfaEnabledAt: null, mfaLastStep: null }).where(eq(users.id, userId));
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
}
