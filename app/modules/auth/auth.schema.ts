// The sign-in and account forms' fields, shared by each form (react-hook-form) and its action. Messages are
// dictionary keys. Only presence is checked here: whether a password or a code is right is the server's answer,
// after its throttle (auth.server.ts, mfa.server.ts, account.server.ts).
import * as z from "zod";

/** Text that must not be blank, cut to `max` characters as the action has always read it. */
const present = (max: number, message: string) =>
  z
    .string(message)
    .transform((v) => v.slice(0, max))
    .refine((v) => v.trim() !== "", message);

/**
 * The sign-in form: the login as typed (the server normalizes it) and the password, both required. One message
 * says so ("enter your login and password"): next to the login when it is blank, else next to the password.
 */
export const signInSchema = z
  .object({
    login: z.string("login.required").transform((v) => v.slice(0, 64)),
    password: z.string("login.required").transform((v) => v.slice(0, 256)),
  })
  .superRefine((v, ctx) => {
    if (!v.login.trim()) ctx.addIssue({ code: "custom", path: ["login"], message: "login.required" });
    else if (!v.password) ctx.addIssue({ code: "custom", path: ["password"], message: "login.required" });
  });

/** The code of an authenticator or a recovery code, at the sign-in step and when turning it on or off. */
export const mfaCodeSchema = z.object({ code: present(40, "mfa.codeWrong") });

/** Turning the authenticator on: the code and the sealed ticket the page carries. */
export const mfaEnrolSchema = mfaCodeSchema.extend({ ticket: z.string("mfa.codeWrong").transform((v) => v.slice(0, 2000)) });

/** A user's own password change: the current one is required; the new one's rules are the server's policy. */
export const changePasswordSchema = z.object({
  current: z
    .string("validation.required")
    .min(1, "validation.required")
    .transform((v) => v.slice(0, 1024)),
  password: z.string("validation.required").transform((v) => v.slice(0, 1024)),
});
