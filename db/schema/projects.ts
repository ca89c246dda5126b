import { relations, sql } from "drizzle-orm";
import { boolean, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import {
  investmentTypeEnum,
  lostReasonEnum,
  projectEventKindEnum,
  projectStageEnum,
  projectStatusEnum,
  reviewOutcomeEnum,
  sourceChannelEnum,
} from "./enums";
import { investorContacts, investors } from "./investors";
import { clusters, companies, zones } from "./org";
import { users } from "./users";

// Money is 万元 as numeric(16,2): exact, read as strings, summed in SQL.
const wan = () => numeric({ precision: 16, scale: 2 });

export const projects = pgTable(
  "projects",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    zoneId: integer()
      .notNull()
      .references(() => zones.id),
    code: text().notNull(), // 项目编号, unique within the zone
    name: text().notNull(),
    investorId: integer()
      .notNull()
      .references(() => investors.id),
    investorContactId: integer().references(() => investorContacts.id),
    clusterId: integer()
      .notNull()
      .references(() => clusters.id),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    ownerId: integer().references(() => users.id),
    firstContactCompanyId: integer().references(() => companies.id),
    sourceChannel: sourceChannelEnum(),
    content: text(), // 建设内容
    investmentType: investmentTypeEnum(),
    stage: projectStageEnum().notNull().default("lead"),
    status: projectStatusEnum().notNull().default("active"),
    lostReason: lostReasonEnum(),
    statusNote: text(),

    plannedInvestmentWan: wan(),
    contractedInvestmentWan: wan(),
    // Planned figure before signing, contracted from signing on (contracted is only entered at signing).
    totalInvestmentWan: numeric({ precision: 16, scale: 2 }).generatedAlwaysAs(sql`coalesce(contracted_investment_wan, planned_investment_wan)`),
    foreignInvestmentUsdWan: wan(),
    fixedAssetInvestmentWan: wan(),
    landMu: numeric({ precision: 12, scale: 2 }),
    annualOutputWan: wan(),
    annualTaxWan: wan(),
    jobs: integer(),
    // 接入电压等级 (kV): a fact policies read (the power price from 110 kV, issue 21). Null: not known yet.
    voltageKv: numeric({ precision: 7, scale: 2 }),

    plannedSignOn: date({ mode: "string" }),
    plannedConstructionOn: date({ mode: "string" }),
    plannedProductionOn: date({ mode: "string" }),
    // The light's reference date (亮灯): the earliest planned date of a milestone not yet reached. A project not
    // lost is late by today - milestoneDueOn when that is before today, so red and yellow are date ranges on an
    // index instead of an expression computed for every project (light.ts daysLate is the same rule).
    milestoneDueOn: date({ mode: "string" }).generatedAlwaysAs(
      sql`least(case when stage < 'signed' then planned_sign_on end, case when stage < 'construction' then planned_construction_on end, case when stage < 'production' then planned_production_on end)`,
    ),

    contactedOn: date({ mode: "string" }),
    reviewOn: date({ mode: "string" }),
    reviewOutcome: reviewOutcomeEnum(),
    agreementNo: text(),
    signedOn: date({ mode: "string" }),
    projectCompanyName: text(),
    projectCompanyUscc: text(),
    registeredOn: date({ mode: "string" }),
    constructionOn: date({ mode: "string" }),
    productionOn: date({ mode: "string" }),

    lastActivityOn: date({ mode: "string" }),
    nextActionOn: date({ mode: "string" }),
    nextAction: text(),
    // Since when a project has been quiet (the chasing list's stale tab): its last activity, or the day it was created.
    quietSinceOn: date({ mode: "string" }).generatedAlwaysAs(sql`coalesce(last_activity_on, (created_at at time zone 'Asia/Shanghai')::date)`),

    confidential: boolean().notNull().default(false),
    note: text(),
    // The header search's keys (app/lib/search-key.ts): name, code and the name's pinyin initials and full pinyin,
    // lowercase; the enterprise's registered name, USCC and pinyin ('' without one). Null means "to be computed":
    // a trigger nulls a key whose source changed without it, and the app fills the nulls (search-keys.server.ts).
    searchKey: text(),
    enterpriseKey: text(),
    version: integer().notNull().default(1),
    createdById: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("projects_zone_code_uq").on(t.zoneId, t.code),
    // Unique (id alone is): handoffs (zone_id, project_id) reference it, so a handoff's copy of the zone is the project's.
    uniqueIndex("projects_zone_id_idx").on(t.zoneId, t.id),
    // Carries the scope's columns: a staff member's or manager's capped count reads the index alone.
    index("projects_company_id_idx").on(t.companyId, t.id, t.zoneId, t.confidential, t.ownerId),
    // A staff member's or manager's list walks its company's projects in the sort's keyset order (col, id), one
    // index per sort; the nullable ones in the default order (desc nulls last, id desc).
    // With id: a board column's newest cards are read in index order too.
    index("projects_company_stage_idx").on(t.companyId, t.stage, t.id),
    index("projects_company_updated_idx").on(t.companyId, t.updatedAt, t.id),
    index("projects_company_code_idx").on(t.companyId, t.code, t.id),
    index("projects_company_name_idx").on(t.companyId, t.name, t.id),
    index("projects_company_investment_idx").on(t.companyId, t.totalInvestmentWan.desc().nullsLast(), t.id.desc().nullsFirst()),
    index("projects_company_last_activity_idx").on(t.companyId, t.lastActivityOn.desc().nullsLast(), t.id.desc().nullsFirst()),
    index("projects_company_next_action_sort_idx").on(t.companyId, t.nextActionOn.desc().nullsLast(), t.id.desc().nullsFirst()),
    index("projects_company_signed_idx").on(t.companyId, t.signedOn.desc().nullsLast(), t.id.desc().nullsFirst()),
    index("projects_owner_idx").on(t.ownerId, t.id),
    // An investor's projects, and what the province's shared-investor list shows per zone (not lost: furthest stage,
    // since when, how many, confidential ones), index-only.
    index("projects_investor_idx").on(t.investorId, t.status, t.zoneId, t.stage, t.confidential, t.contactedOn, t.createdAt),
    index("projects_investor_contact_idx").on(t.investorContactId),
    index("projects_cluster_idx").on(t.clusterId),
    index("projects_first_contact_company_idx").on(t.firstContactCompanyId),
    index("projects_created_by_idx").on(t.createdById),
    // The chasing lists (督办): red/yellow lights, overdue next actions and quiet projects in their "days" order.
    // zone_id leads the company ones too: a count within a company is then read from the index alone.
    index("projects_company_due_idx")
      .on(t.zoneId, t.companyId, t.milestoneDueOn, t.id)
      .where(sql`status <> 'lost'`),
    index("projects_zone_due_idx")
      .on(t.zoneId, t.milestoneDueOn, t.id)
      .where(sql`status <> 'lost'`),
    index("projects_company_next_action_idx")
      .on(t.zoneId, t.companyId, t.nextActionOn, t.id)
      .where(sql`status <> 'lost'`),
    index("projects_company_quiet_idx")
      .on(t.zoneId, t.companyId, t.quietSinceOn, t.id)
      .where(sql`status = 'active'`),
    // The scorecard's reserve (negotiating and evaluating, active: count, investment, big ones per company) and
    // its share of stale projects (active, per company, by last activity) read only these columns: index-only.
    // With id third, a board column's newest cards are read in index order too.
    index("projects_zone_stage_idx").on(t.zoneId, t.stage, t.id, t.status, t.companyId, t.totalInvestmentWan),
    index("projects_zone_status_idx").on(t.zoneId, t.status, t.companyId, t.lastActivityOn),
    // A period's signings, starts of construction and of production per company (owner or first contact) with their
    // investment, index-only: the 三个一批 drill-down and publishing (the report's figures read project_day_rollups),
    // and with the stage's previous dates last, the scorecard's cycle-time medians (注册→开工 too).
    // With the stage last, the province's ranking counts each zone's signings still registered or later (issue 20).
    index("projects_zone_signed_on_idx").on(t.zoneId, t.signedOn, t.companyId, t.firstContactCompanyId, t.totalInvestmentWan, t.contactedOn, t.stage),
    index("projects_zone_construction_on_idx").on(
      t.zoneId,
      t.constructionOn,
      t.companyId,
      t.firstContactCompanyId,
      t.totalInvestmentWan,
      t.signedOn,
      t.registeredOn,
    ),
    index("projects_zone_production_on_idx").on(
      t.zoneId,
      t.productionOn,
      t.companyId,
      t.firstContactCompanyId,
      t.totalInvestmentWan,
      t.constructionOn,
    ),
    index("projects_zone_updated_idx").on(t.zoneId, t.updatedAt, t.id),
    // New leads per company in a period: index-only.
    index("projects_zone_created_idx").on(t.zoneId, t.createdAt, t.companyId),
    // Per company, read index-only: the funnel's milestones, and the team page's load per owner (active projects and
    // investment, overdue actions, red lights, signed this year) from the trailing columns, not 30,000 rows.
    index("projects_zone_milestones_idx").on(
      t.zoneId,
      t.companyId,
      t.contactedOn,
      t.signedOn,
      t.constructionOn,
      t.productionOn,
      t.ownerId,
      t.status,
      t.totalInvestmentWan,
      t.nextActionOn,
      t.milestoneDueOn,
    ),
    index("projects_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    index("projects_search_key_trgm_idx").using("gin", t.searchKey.op("gin_trgm_ops")),
    index("projects_enterprise_key_trgm_idx").using("gin", t.enterpriseKey.op("gin_trgm_ops")),
    // The keys still to compute: found without reading the zone.
    index("projects_search_key_missing_idx")
      .on(t.id)
      .where(sql`${t.searchKey} is null or ${t.enterpriseKey} is null`),
    // Text search matches code prefixes too; the list sorted by investment walks this index instead of sorting
    // the zone.
    index("projects_code_trgm_idx").using("gin", t.code.op("gin_trgm_ops")),
    // The funnel's lost projects by stage and reason: index-only (the scope reads confidential).
    index("projects_lost_idx")
      .on(t.zoneId, t.companyId, t.stage, t.lostReason, t.confidential, t.id)
      .where(sql`${t.status} = 'lost'`),
    index("projects_zone_investment_idx").on(t.zoneId, t.totalInvestmentWan.desc().nullsLast(), t.id.desc().nullsFirst()),
  ],
);

// Every change of stage, status or owner, with the business date it happened and when it was recorded.
export const projectEvents = pgTable(
  "project_events",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    kind: projectEventKindEnum().notNull(),
    fromStage: projectStageEnum(),
    toStage: projectStageEnum(),
    fromStatus: projectStatusEnum(),
    toStatus: projectStatusEnum(),
    fromOwnerId: integer().references(() => users.id),
    toOwnerId: integer().references(() => users.id),
    businessOn: date({ mode: "string" }).notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: integer().references(() => users.id),
    note: text(),
    // A manager moved the project to 开工 with approval items required for construction still open (issue 21).
    gateOverrideReason: text(),
  },
  (t) => [
    index("project_events_project_idx").on(t.projectId, t.recordedAt),
    // The funnel's projects lost in a period: their status events into "lost".
    index("project_events_lost_idx")
      .on(t.projectId, t.businessOn)
      .where(sql`${t.kind} = 'status' and ${t.toStatus} = 'lost'`),
    index("project_events_actor_idx").on(t.actorId),
    index("project_events_from_owner_idx").on(t.fromOwnerId),
    index("project_events_to_owner_idx").on(t.toOwnerId),
  ],
);

// Every company that has held a project, in order; the first-contact company is on the project itself.
export const projectHoldings = pgTable(
  "project_holdings",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    fromOn: date({ mode: "string" }).notNull(),
    untilOn: date({ mode: "string" }),
  },
  (t) => [
    index("project_holdings_project_idx").on(t.projectId),
    index("project_holdings_company_idx").on(t.companyId),
    // The scope's "former holdings of my company": a handful among the company's every (mostly open) holding.
    index("project_holdings_former_idx")
      .on(t.companyId, t.projectId)
      .where(sql`${t.untilOn} is not null`),
  ],
);

export const projectsRelations = relations(projects, ({ one, many }) => ({
  zone: one(zones, { fields: [projects.zoneId], references: [zones.id] }),
  investor: one(investors, { fields: [projects.investorId], references: [investors.id] }),
  cluster: one(clusters, { fields: [projects.clusterId], references: [clusters.id] }),
  company: one(companies, { fields: [projects.companyId], references: [companies.id] }),
  owner: one(users, { fields: [projects.ownerId], references: [users.id] }),
  events: many(projectEvents),
}));
export const projectEventsRelations = relations(projectEvents, ({ one }) => ({
  project: one(projects, { fields: [projectEvents.projectId], references: [projects.id] }),
}));

export type Project = typeof projects.$inferSelect;
export type NewProject = typeof projects.$inferInsert;
export type ProjectEvent = typeof projectEvents.$inferSelect;
