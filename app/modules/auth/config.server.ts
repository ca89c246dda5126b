import crypto from "node:crypto";

const isProduction = process.env.NODE_ENV === "production";

function minutes(name: string, fallback: number) {
  const v = Number(process.env[name]);
  return (Number.isFinite(v) && v > 0 ? v : fallback) * 60_000;
}

// A random per-process secret works for one server; set SESSION_SECRET so sessions survive a restart.
const fallbackSecret = crypto.randomBytes(32).toString("hex");

export const authConfig = {
  sessionSecret: process.env.SESSION_SECRET || fallbackSecret,
  /** Secure cookies in production unless explicitly served over plain HTTP (COOKIE_SECURE=0). */
  secureCookies: isProduction && process.env.COOKIE_SECURE !== "0",
  idleTimeoutMs: minutes("SESSION_IDLE_MINUTES", 120),
  absoluteLifetimeMs: minutes("SESSION_MAX_HOURS", 12) * 60,
  throttleWindowMs: 15 * 60_000,
  maxFailuresPerLogin: 5,
  maxFailuresPerIp: 30,
};
