// The domain's vocabularies. Pure constants, shared by the database enums (db/schema/enums.ts), the zod schemas
// and the browser, which must not pull in the database layer.

export const COMPANY_KINDS = ["committee", "attraction", "service", "platform"] as const;
// province_admin (省级管理员) administers the zones themselves and reads none of their data (decision 019).
// province_leader (省级领导) and city_leader (市级领导) read the zones' figures (all zones; their city's), read-only
// and never a project's name when it is confidential (decision 020).
export const USER_ROLES = ["staff", "manager", "leader", "admin", "province_admin", "province_leader", "city_leader"] as const;
/** The roles that live in the province's pseudo-zone and reach only the province's pages. */
export const PROVINCE_ROLES = ["province_admin", "province_leader", "city_leader"] as const;
/** The roles a zone's admin may give (its user form): never a province role. */
export const ZONE_USER_ROLES = ["staff", "manager", "leader", "admin"] as const;
export const PROJECT_STAGES = ["lead", "contacted", "negotiating", "evaluating", "signed", "registered", "construction", "production"] as const;
export const PROJECT_STATUSES = ["active", "on_hold", "lost"] as const;
export const LOST_REASONS = ["other_location", "investor_withdrew", "policy_not_met", "failed_review", "other"] as const;
export const SOURCE_CHANNELS = [
  "business_referral", // 以商招商
  "resident_office", // 驻点招商
  "exhibition", // 展会招商
  "agency", // 中介招商
  "online", // 网络招商
  "walk_in", // 上门洽谈
  "fund", // 基金招商
  "other",
] as const;
export const INVESTMENT_TYPES = ["new", "expansion", "upgrade"] as const; // 新建 增资扩产 技改
export const REVIEW_OUTCOMES = ["approved", "rejected", "another_round"] as const;
// The last three (issue 19) are milestones logged as they happen: 注册, 开工, 投产; appended so the enum keeps its order.
export const ACTIVITY_KINDS = [
  "call",
  "visit",
  "site_visit",
  "negotiation",
  "review_meeting",
  "signing",
  "other",
  "registration",
  "construction_start",
  "production_start",
] as const;
export const PROJECT_EVENT_KINDS = ["created", "imported", "stage", "status", "owner"] as const;
export const HANDOFF_KINDS = ["transfer", "assist", "cofollow"] as const;
/** What the owner asks another company for from the project's page; a co-follow is asked from the duplicate check. */
export const REQUESTABLE_HANDOFF_KINDS = ["transfer", "assist"] as const;
export const HANDOFF_STATUSES = ["pending", "accepted", "rejected", "cancelled", "closed"] as const;
export const ASSIST_NEEDS = ["financing", "land", "factory", "registration", "other"] as const;
export const SERVICE_REQUEST_TYPES = ["permits", "utilities", "land", "policy_funds", "hiring", "finance", "other"] as const;
export const SERVICE_REQUEST_CHANNELS = ["hotline", "visit", "owner"] as const;
export const SERVICE_REQUEST_STATUSES = ["open", "assigned", "solved", "reopened"] as const;
export const SERVICE_REQUEST_EVENT_KINDS = ["logged", "assigned", "note", "solved", "reopened", "rated"] as const;
/** Where an enterprise's rating came from: the hotline's 回访 call, its one-time link, or the close form before issue 18. */
export const SERVICE_RATING_SOURCES = ["hotline", "link", "legacy"] as const;
export type ServiceRatingSource = (typeof SERVICE_RATING_SOURCES)[number];
export type ServiceRequestType = (typeof SERVICE_REQUEST_TYPES)[number];
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number];
export type ServiceRequestEventKind = (typeof SERVICE_REQUEST_EVENT_KINDS)[number];

export type CompanyKind = (typeof COMPANY_KINDS)[number];
export type UserRole = (typeof USER_ROLES)[number];
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type LostReason = (typeof LOST_REASONS)[number];
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];

/** Days to solve an enterprise's request, by type, until leaders change them (also the fallback for a zone without rows). */
export const DEFAULT_SERVICE_DEADLINES: Record<(typeof SERVICE_REQUEST_TYPES)[number], number> = {
  permits: 10,
  utilities: 7,
  land: 30,
  policy_funds: 20,
  hiring: 15,
  finance: 20,
  other: 15,
};
