import { and, count, eq, gt } from "drizzle-orm";
import { getDb } from "~db/index";
import { loginAttempts } from "~db/schema";
import { clock } from "~/lib/clock";
import { authConfig } from "./config.server";

/** Whether sign-in is locked for this login or this address, by failures inside the window. */
export async function isLoginThrottled(login: string, ip: string): Promise<boolean> {
  const since = new Date(clock.now().getTime() - authConfig.throttleWindowMs);
  const db = getDb();
  const [byLogin] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.login, login), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  if (byLogin.n >= authConfig.maxFailuresPerLogin) return true;
  const [byIp] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  return byIp.n >= authConfig.maxFailuresPerIp;
}

export async function recordLoginAttempt(login: string, ip: string, succeeded: boolean) {
  await getDb().insert(loginAttempts).values({ login, ip, succeeded, at: clock.now() });
}

export const throttleMinutes = () => Math.round(authConfig.throttleWindowMs / 60_000);
