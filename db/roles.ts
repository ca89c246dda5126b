// The app's own PostgreSQL role (issue 16): in production the app connects as a role that owns nothing and
// holds exactly what it needs, so it cannot alter the schema, disable the audit log's triggers or set
// session_replication_role (superuser only); migrations run as the owning role (DATABASE_MIGRATE_URL).
// Run by the owner of the tables (`npm run db:roles -- --app-role NAME`), again after nothing or anything:
// every statement is idempotent, and ALTER DEFAULT PRIVILEGES grants the tables of future migrations too.
import postgres from "postgres";

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Tables where the app only reads and appends. */
export const APPEND_ONLY_TABLES = ["audit_log"] as const;

export function appRoleStatements(role: string, opts: { password?: string } = {}): string[] {
  if (!ROLE_NAME.test(role)) throw new Error(`"${role}" is not a plain role name (lower-case letters, digits, _).`);
  const password = opts.password === undefined ? null : `'${opts.password.replace(/'/g, "''")}'`;
  const attributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT";
  return [
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} ${attributes}; END IF;
     END $$`,
    `ALTER ROLE ${role} ${attributes}${password ? ` PASSWORD ${password}` : ""}`,
    `DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO ${role}', current_database()); END $$`,
    // Nothing of its own: no objects in public. PUBLIC had CREATE there before PostgreSQL 15; revoking it is
    // PostgreSQL 15's default (a warning, not an error, where this role may not revoke it).
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
    `REVOKE CREATE ON SCHEMA public FROM ${role}`,
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    ...APPEND_ONLY_TABLES.map((t) => `REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON ${t} FROM ${role}`),
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    // Tables and sequences the owner (this connection's role) creates in later migrations.
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
    // Reading which migrations ran lets the app start without DATABASE_MIGRATE_URL when nothing is pending.
    `CREATE SCHEMA IF NOT EXISTS drizzle`,
    `GRANT USAGE ON SCHEMA drizzle TO ${role}`,
    `DO $$ BEGIN
       IF to_regclass('drizzle.__drizzle_migrations') IS NOT NULL THEN
         GRANT SELECT ON drizzle.__drizzle_migrations TO ${role};
       END IF;
     END $$`,
  ];
}

/** Creates or updates the app role and its grants, connected as the owner of the tables (one transaction). */
export async function grantAppRole(ownerUrl: string, role: string, opts: { password?: string } = {}) {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const [who] = await sql<{ self: string; owner: boolean }[]>`
      select current_user as self, exists (
        select from pg_tables where schemaname = 'public' and tablename = 'audit_log' and tableowner = current_user
      ) as owner`;
    if (!who.owner) {
      throw new Error(`Run this as the role that owns the tables (the migrations' role, after migrating): "${who.self}" does not own audit_log.`);
    }
    if (who.self === role) throw new Error(`The app role must not be the tables' owner "${role}".`);
    await sql.begin(async (tx) => {
      for (const statement of appRoleStatements(role, opts)) await tx.unsafe(statement);
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
