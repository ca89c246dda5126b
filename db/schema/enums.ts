import { pgEnum } from "drizzle-orm/pg-core";

export const companyKindEnum = pgEnum("company_kind", ["committee", "attraction", "service", "platform"]);
export const userRoleEnum = pgEnum("user_role", ["staff", "manager", "leader", "admin"]);

export const PROJECT_STAGES = [
  "lead",
  "contacted",
  "negotiating",
  "evaluating",
  "signed",
  "registered",
  "construction",
  "production",
] as const;
export const projectStageEnum = pgEnum("project_stage", PROJECT_STAGES);

export const PROJECT_STATUSES = ["active", "on_hold", "lost"] as const;
export const projectStatusEnum = pgEnum("project_status", PROJECT_STATUSES);

export const LOST_REASONS = ["other_location", "investor_withdrew", "policy_not_met", "failed_review", "other"] as const;
export const lostReasonEnum = pgEnum("lost_reason", LOST_REASONS);

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
export const sourceChannelEnum = pgEnum("source_channel", SOURCE_CHANNELS);

export const INVESTMENT_TYPES = ["new", "expansion", "upgrade"] as const; // 新建 增资扩产 技改
export const investmentTypeEnum = pgEnum("investment_type", INVESTMENT_TYPES);

export const REVIEW_OUTCOMES = ["approved", "rejected", "another_round"] as const;
export const reviewOutcomeEnum = pgEnum("review_outcome", REVIEW_OUTCOMES);

export const ACTIVITY_KINDS = ["call", "visit", "site_visit", "negotiation", "review_meeting", "signing", "other"] as const;
export const activityKindEnum = pgEnum("activity_kind", ACTIVITY_KINDS);

export const projectEventKindEnum = pgEnum("project_event_kind", ["created", "imported", "stage", "status", "owner"]);

export const HANDOFF_KINDS = ["transfer", "assist"] as const;
export const handoffKindEnum = pgEnum("handoff_kind", HANDOFF_KINDS);
export const HANDOFF_STATUSES = ["pending", "accepted", "rejected", "cancelled", "closed"] as const;
export const handoffStatusEnum = pgEnum("handoff_status", HANDOFF_STATUSES);
export const ASSIST_NEEDS = ["financing", "land", "factory", "registration", "other"] as const;
export const assistNeedEnum = pgEnum("assist_need", ASSIST_NEEDS);

export const SERVICE_REQUEST_TYPES = ["permits", "utilities", "land", "policy_funds", "hiring", "finance", "other"] as const;
export const serviceRequestTypeEnum = pgEnum("service_request_type", SERVICE_REQUEST_TYPES);
export const serviceRequestChannelEnum = pgEnum("service_request_channel", ["hotline", "visit", "owner"]);
export const serviceRequestStatusEnum = pgEnum("service_request_status", ["open", "assigned", "solved", "reopened"]);

export type ProjectStage = (typeof PROJECT_STAGES)[number];
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type UserRole = (typeof userRoleEnum.enumValues)[number];
export type CompanyKind = (typeof companyKindEnum.enumValues)[number];
