import { relations, sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { userRoleEnum } from "./enums";
import { cities, companies, zones } from "./org";

export const users = pgTable(
  "users",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    companyId: integer().references(() => companies.id),
    /** A city leader's city (市级领导 read their city's zones); null for every other role. */
    cityId: integer().references(() => cities.id),
    login: text().notNull(),
    displayName: text().notNull(),
    role: userRoleEnum().notNull(),
    passwordHash: text().notNull(),
    disabled: boolean().notNull().default(false),
    email: text(),
    phone: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Set when an admin resets the password: the user changes it before doing anything else (issue 19). */
    mustChangePassword: boolean().notNull().default(false),
    /** TOTP secret (base32), encrypted at rest by the auth module; null until MFA is turned on. */
    mfaSecret: text(),
    mfaEnabledAt: timestamp({ withTimezone: true }),
    /** The last TOTP time step accepted: a code is never accepted twice. */
    mfaLastStep: bigint({ mode: "number" }),
  },
  (t) => [
    uniqueIndex("users_login_uq").on(t.login),
    index("users_zone_idx").on(t.zoneId),
    index("users_company_idx").on(t.companyId),
    index("users_city_idx").on(t.cityId),
    check("users_city_leader_city_ck", sql`(${t.role}::text = 'city_leader') = (${t.cityId} is not null)`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    // sha256 of the random cookie value: a database leak does not hand out live sessions.
    idHash: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
    /** Password accepted, second factor still to be given: the session opens nothing but the MFA step. */
    mfaPending: boolean().notNull().default(false),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    label: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    /** Why it was revoked: `admin` (by hand) or `user_disabled` (its user was disabled; re-enabling keeps it revoked). */
    revokedReason: text(),
    /** Refused from this time on (1–365 days after creation, 90 by default). */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** What it may call beyond /api/v1/me (`reports:read`, `imports:write`), a subset of what its user's role may hold. */
    scopes: text().array().notNull().default([]),
  },
  (t) => [uniqueIndex("api_tokens_hash_uq").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    login: text().notNull(),
    ip: text().notNull(),
    /** Recorded before the check, as a failure, and turned into a success if it was one: in-flight attempts count. */
    succeeded: boolean().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The trusted device (device cookie) the attempt came from; null for a stranger's attempt. */
    deviceId: integer(),
  },
  (t) => [
    index("login_attempts_login_idx").on(t.login, t.at),
    index("login_attempts_ip_idx").on(t.ip, t.at),
    index("login_attempts_device_idx").on(t.deviceId, t.at),
  ],
);

/**
 * Browsers that have signed in as a user (OWASP's device cookies): their sign-ins are not refused when strangers
 * have locked the login or the address; each has its own small failure budget. Only a hash of the token is kept;
 * a revoked or expired row makes the cookie worthless.
 */
export const trustedDevices = pgTable(
  "trusted_devices",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    userAgent: text(),
  },
  (t) => [uniqueIndex("trusted_devices_token_uq").on(t.tokenHash), index("trusted_devices_user_idx").on(t.userId)],
);

// One-time recovery codes for MFA, stored as hashes; each works once.
export const mfaRecoveryCodes = pgTable(
  "mfa_recovery_codes",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("mfa_recovery_codes_user_idx").on(t.userId)],
);

export const usersRelations = relations(users, ({ one }) => ({
  zone: one(zones, { fields: [users.zoneId], references: [zones.id] }),
  company: one(companies, { fields: [users.companyId], references: [companies.id] }),
}));

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
