import { pgEnum } from "drizzle-orm/pg-core";
import {
  ACTIVITY_KINDS,
  ASSIST_NEEDS,
  COMPANY_KINDS,
  HANDOFF_KINDS,
  HANDOFF_STATUSES,
  INVESTMENT_TYPES,
  LOST_REASONS,
  PROJECT_EVENT_KINDS,
  PROJECT_STAGES,
  PROJECT_STATUSES,
  REVIEW_OUTCOMES,
  SERVICE_RATING_SOURCES,
  SERVICE_REQUEST_CHANNELS,
  SERVICE_REQUEST_EVENT_KINDS,
  SERVICE_REQUEST_STATUSES,
  SERVICE_REQUEST_TYPES,
  SOURCE_CHANNELS,
  USER_ROLES,
} from "../../app/lib/domain-values";

export * from "../../app/lib/domain-values";

export const companyKindEnum = pgEnum("company_kind", COMPANY_KINDS);
export const userRoleEnum = pgEnum("user_role", USER_ROLES);
export const projectStageEnum = pgEnum("project_stage", PROJECT_STAGES);
export const projectStatusEnum = pgEnum("project_status", PROJECT_STATUSES);
export const lostReasonEnum = pgEnum("lost_reason", LOST_REASONS);
export const sourceChannelEnum = pgEnum("source_channel", SOURCE_CHANNELS);
export const investmentTypeEnum = pgEnum("investment_type", INVESTMENT_TYPES);
export const reviewOutcomeEnum = pgEnum("review_outcome", REVIEW_OUTCOMES);
export const activityKindEnum = pgEnum("activity_kind", ACTIVITY_KINDS);
export const projectEventKindEnum = pgEnum("project_event_kind", PROJECT_EVENT_KINDS);
export const handoffKindEnum = pgEnum("handoff_kind", HANDOFF_KINDS);
export const handoffStatusEnum = pgEnum("handoff_status", HANDOFF_STATUSES);
export const assistNeedEnum = pgEnum("assist_need", ASSIST_NEEDS);
export const serviceRequestTypeEnum = pgEnum("service_request_type", SERVICE_REQUEST_TYPES);
export const serviceRequestChannelEnum = pgEnum("service_request_channel", SERVICE_REQUEST_CHANNELS);
export const serviceRequestStatusEnum = pgEnum("service_request_status", SERVICE_REQUEST_STATUSES);
export const serviceRatingSourceEnum = pgEnum("service_rating_source", SERVICE_RATING_SOURCES);
export const serviceRequestEventKindEnum = pgEnum("service_request_event_kind", SERVICE_REQUEST_EVENT_KINDS);
