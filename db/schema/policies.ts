import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { PolicyCondition } from "../../app/modules/policies/policy-rules";
import { companies, zones } from "./org";
import { projects } from "./projects";
import { users } from "./users";

// 政策库 and 政策兑现 (issue 21 item 5, docs/decisions/028).

/**
 * A policy of the zone's library. Its conditions are data (checked by policyConditionsSchema on every write), read
 * by the evaluator in app/modules/policies/policy-rules.ts. company_id: the company that keeps it (its manager
 * edits it); null for the committee's own.
 */
export const policies = pgTable(
  "policies",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    companyId: integer().references(() => companies.id),
    code: text(), // a seeded policy's stable key ("power-price-sei"); null for the zone's own
    title: text().notNull(),
    issuer: text().notNull(), // 发文机关
    documentNo: text(), // 文号
    validFrom: date({ mode: "string" }),
    validTo: date({ mode: "string" }),
    benefit: text().notNull(), // 政策内容: what the policy gives
    conditions: jsonb().$type<PolicyCondition[]>().notNull().default([]),
    version: integer().notNull().default(1),
    createdById: integer().references(() => users.id),
    updatedById: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("policies_zone_idx").on(t.zoneId, t.id),
    uniqueIndex("policies_zone_code_uq").on(t.zoneId, t.code),
    index("policies_company_idx").on(t.companyId),
    index("policies_created_by_idx").on(t.createdById),
    index("policies_updated_by_idx").on(t.updatedById),
  ],
);

/** A benefit promised to a project under a policy (政策兑现), and what was delivered: amounts in 万元, exact. */
export const policyBenefits = pgTable(
  "policy_benefits",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    policyId: integer()
      .notNull()
      .references(() => policies.id),
    promisedWan: numeric({ precision: 16, scale: 2 }).notNull(),
    promisedOn: date({ mode: "string" }).notNull(),
    deliveredWan: numeric({ precision: 16, scale: 2 }),
    deliveredOn: date({ mode: "string" }),
    note: text(),
    version: integer().notNull().default(1),
    createdById: integer()
      .notNull()
      .references(() => users.id),
    updatedById: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("policy_benefits_project_idx").on(t.projectId, t.promisedOn),
    index("policy_benefits_policy_idx").on(t.policyId),
    index("policy_benefits_created_by_idx").on(t.createdById),
    index("policy_benefits_updated_by_idx").on(t.updatedById),
    // The company's page of promised-but-undelivered benefits.
    index("policy_benefits_owed_idx")
      .on(t.promisedOn)
      .where(sql`delivered_on is null or delivered_wan < promised_wan`),
  ],
);

export type Policy = typeof policies.$inferSelect;
export type PolicyBenefit = typeof policyBenefits.$inferSelect;
