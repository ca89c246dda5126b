-- API tokens (issue 16): an expiry, scopes, and a reason when revoked.
ALTER TABLE "api_tokens" ADD COLUMN "revoked_reason" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "scopes" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- Tokens made before: 90 days from now, and the scopes their user's role may hold (policy.ts grantableApiScopes:
-- reports:read ← canSeeReports = leader, admin; imports:write ← canImport = a manager of a company, admin).
UPDATE "api_tokens" t SET
  "expires_at" = now() + interval '90 days',
  "scopes" = array_remove(array[
    CASE WHEN u."role" IN ('leader', 'admin') THEN 'reports:read' END,
    CASE WHEN (u."role" = 'manager' AND u."company_id" IS NOT NULL) OR u."role" = 'admin' THEN 'imports:write' END
  ], NULL)
FROM "users" u WHERE u."id" = t."user_id";--> statement-breakpoint
-- A disabled user's tokens are revoked for good: re-enabling the user must not bring them back.
UPDATE "api_tokens" t SET "revoked_at" = now(), "revoked_reason" = 'user_disabled'
FROM "users" u WHERE u."id" = t."user_id" AND u."disabled" AND t."revoked_at" IS NULL;--> statement-breakpoint
UPDATE "api_tokens" SET "revoked_reason" = 'admin' WHERE "revoked_at" IS NOT NULL AND "revoked_reason" IS NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ALTER COLUMN "expires_at" SET NOT NULL;
