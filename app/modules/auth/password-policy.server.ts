import { dictionary } from "@zxcvbn-ts/language-common";

// ASVS 5.0 (V6.2): 10–128 characters, no composition rules, refused when it is a known common password.
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

let common: Set<string> | undefined;

/** The 49k common passwords shipped with @zxcvbn-ts/language-common, loaded once into a Set. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

export type PasswordProblem = "validation.passwordLength" | "validation.passwordCommon";

/** Why a new password is refused, or null. Length counts characters (code points), not UTF-16 units. */
export function passwordProblem(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) return "validation.passwordLength";
  if (isCommonPassword(password)) return "validation.passwordCommon";
  return null;
}
