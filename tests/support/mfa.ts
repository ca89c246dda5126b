// Second factors of test users, as their authenticator apps would hold them: the secret a user enrolled with
// (read from the enrolment page, like a person scanning it) and the last code step used, since the server
// accepts each step once. Shared by the HTTP and the browser helpers of one test file.
import * as OTPAuth from "otpauth";

const PERIOD_MS = 30_000;
type Device = { secret: string; lastStep: number; recoveryCodes: string[] };
const devices = new Map<string, Device>();

const key = (baseUrl: string, login: string) => `${baseUrl}|${login.trim().toLowerCase()}`;

export function rememberDevice(baseUrl: string, login: string, secret: string, step: number, recoveryCodes: string[] = []) {
  devices.set(key(baseUrl, login), { secret, lastStep: step, recoveryCodes });
}

export function deviceOf(baseUrl: string, login: string): Device | undefined {
  return devices.get(key(baseUrl, login));
}

export function codeAt(secret: string, step: number) {
  return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), period: 30, timestamp: step * PERIOD_MS });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A code the server will accept: of a step later than the last one used, within the server's window of one step
 * either side of now; waits for the next step when both neighbours are used up.
 */
export async function nextCode(secret: string, lastStep: number | null): Promise<{ code: string; step: number }> {
  // Not in the last second of a step: the server must judge it in the same step.
  if (Date.now() % PERIOD_MS > PERIOD_MS - 1500) await sleep(1600);
  const now = Math.floor(Date.now() / PERIOD_MS);
  let step = Math.max(now - 1, (lastStep ?? -Infinity) + 1);
  if (step > now + 1) {
    await sleep((step - 1) * PERIOD_MS - Date.now() + 200);
    step = Math.max(Math.floor(Date.now() / PERIOD_MS) - 1, step);
  }
  return { code: codeAt(secret, step), step };
}

/** The next code for a remembered device, marking its step used. */
export async function nextCodeFor(baseUrl: string, login: string): Promise<string> {
  const device = deviceOf(baseUrl, login);
  if (!device) throw new Error(`no authenticator remembered for ${login}`);
  const { code, step } = await nextCode(device.secret, device.lastStep);
  device.lastStep = step;
  return code;
}
