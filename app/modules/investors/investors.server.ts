// Investors (投资方): the zone's shared register, its duplicate check (首谈责任制: who already follows an investor),
// and the writes, each in one transaction with its audit rows. Every query is scoped to the viewer's zone.
import type { SQL } from "drizzle-orm";
import { and, asc, count, desc, eq, exists, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { isUniqueViolation } from "~db/errors";
import { activityContacts, auditLog, companies, investorContacts, investors, projects, users } from "~db/schema";
import { contactSearchKey, investorSearchKey } from "~/lib/search-key";
import type { FieldErrors } from "~/lib/forms";
import { codedMessage } from "~/lib/forms";
import type { Conflict, Forbidden, Invalid, NotFound, Ok } from "~/lib/result";
import { conflict, forbidden, invalid, notFound, ok } from "~/lib/result";
import { auditUpdate, changedFields, writeAudit } from "~/modules/audit/audit.server";
import type { InvestorFacts, Viewer } from "~/modules/auth/policy";
import { canCreateInvestor, canEditInvestor, canViewInvestor } from "~/modules/auth/policy";
import { decodeCursor, encodeCursor } from "~/modules/projects/projects.schema";
import { followersOf } from "~/modules/projects/investor-followers.server";
import { projectScopeWhere } from "~/modules/projects/projects.server";
import type {
  ContactInput,
  CreateInvestorInput,
  InvestorField,
  InvestorFields,
  InvestorListParams,
  InvestorSort,
  UpdateInvestorInput,
} from "./investors.schema";
import { INVESTOR_FIELDS } from "./investors.schema";
import { findOtherZonesFollowing, withSimilarityThreshold } from "./other-zones.server";
import type { InvestorMatch, MatchKind, OtherZoneMatch } from "./matches";
import { blockingMatch, SIMILARITY } from "./matches";

export type { InvestorMatch, MatchKind };

const owners = alias(users, "owner");

// ---------------------------------------------------------------------------------------------------------------
// The duplicate check

/**
 * The zone-wide duplicate check run before a new investor or project is saved: investors of the viewer's zone with
 * the same code, the same name or a similar name (pg_trgm), best first, at most 10, each with who follows it.
 */
export async function findInvestorFollowers(
  viewer: Viewer,
  input: { uscc?: string | null; name: string },
  db: Executor = getDb(),
): Promise<InvestorMatch[]> {
  const name = input.name.trim();
  const uscc = input.uscc?.trim().toUpperCase() || null;
  const byName = name.length >= 2;
  if (!byName && !uscc) return [];

  const similarity = sql<number>`similarity(${investors.name}, ${name})`;
  const sameUscc = uscc ? sql`${investors.uscc} = ${uscc}` : sql`false`;
  const sameName = byName ? eq(investors.name, name) : sql`false`;
  // `%` lets the trigram index find candidates; the explicit threshold does not depend on the session's setting.
  const similarName = byName ? sql`(${investors.name} % ${name} and ${similarity} > ${SIMILARITY})` : sql`false`;
  const kind = sql<MatchKind>`case when ${sameUscc} then 'uscc' when ${sameName} then 'name' else 'similar' end`;
  const rank = sql`case when ${sameUscc} then 0 when ${sameName} then 1 else 2 end`;

  const rows = await withSimilarityThreshold(db, (tx) =>
    tx
      .select({
        id: investors.id,
        name: investors.name,
        uscc: investors.uscc,
        match: kind,
        similarity: sql<number>`${byName ? similarity : sql`0`}::float8`,
      })
      .from(investors)
      .where(and(eq(investors.zoneId, viewer.zoneId), or(sameUscc, sameName, similarName)))
      .orderBy(rank, desc(sql`${byName ? similarity : sql`0`}`), asc(investors.id))
      .limit(10),
  );

  const followers = await followersOf(
    db,
    viewer,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    similarity: Math.round(Number(r.similarity) * 100) / 100,
    followers: followers.get(r.id) ?? [],
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const SORT_COLUMNS: Record<InvestorSort, { column: typeof investors.updatedAt | typeof investors.name; text: SQL }> = {
  updated: { column: investors.updatedAt, text: sql`${investors.updatedAt}::text` },
  name: { column: investors.name, text: sql`${investors.name}` },
};

export type InvestorListRow = Awaited<ReturnType<typeof listInvestors>>["rows"][number];

/**
 * The zone's investors, searched by name or code, keyset-paged; each with how many of its projects the viewer may
 * see and which companies follow it.
 */
export async function listInvestors(viewer: Viewer, params: InvestorListParams) {
  const db = getDb();
  const where: SQL[] = [eq(investors.zoneId, viewer.zoneId)];
  if (params.q) {
    where.push(
      or(
        sql`${investors.name} ilike ${`%${escapeLike(params.q)}%`}`,
        sql`${investors.uscc} like ${`${escapeLike(params.q.replace(/\s+/g, "").toUpperCase())}%`}`,
      )!,
    );
  }
  const after = decodeCursor(params.after);
  const before = after ? undefined : decodeCursor(params.before);
  const forward = !before;
  const cursor = after ?? before;
  const { column, text } = SORT_COLUMNS[params.sort];
  const pageWhere = [...where];
  if (cursor && cursor.v !== null) {
    const ahead = (params.dir === "desc") === forward ? sql`<` : sql`>`;
    pageWhere.push(sql`(${column} ${ahead} ${cursor.v} or (${column} = ${cursor.v} and ${investors.id} ${ahead} ${cursor.id}))`);
  }
  const ascending = (params.dir === "asc") === forward;
  const orderBy = ascending ? [asc(column), asc(investors.id)] : [desc(column), desc(investors.id)];

  const visible = db
    .select({ n: sql<number>`count(*)::int` })
    .from(projects)
    .where(and(eq(projects.investorId, investors.id), projectScopeWhere(viewer)));
  // Subqueries as query builders: drizzle leaves columns of a one-table select unqualified, which a raw
  // correlated subquery would misread.
  const followingCompanies = db
    .select({ names: sql<string[]>`array_agg(distinct ${companies.shortName})` })
    .from(projects)
    .innerJoin(companies, eq(companies.id, projects.companyId))
    .where(and(eq(projects.investorId, investors.id), ne(projects.status, "lost")));

  const [fetched, [{ n: total }]] = await Promise.all([
    db
      .select({
        id: investors.id,
        name: investors.name,
        uscc: investors.uscc,
        region: investors.region,
        industry: investors.industry,
        updatedAt: investors.updatedAt,
        visibleProjects: sql<number>`(${visible})`,
        companies: sql<string[]>`coalesce((${followingCompanies}), '{}')`,
        sortValue: sql<string>`${text}`,
      })
      .from(investors)
      .where(and(...pageWhere))
      .orderBy(...orderBy)
      .limit(params.size + 1),
    db
      .select({ n: count() })
      .from(investors)
      .where(and(...where)),
  ]);
  const hasMore = fetched.length > params.size;
  const page = fetched.slice(0, params.size);
  if (!forward) page.reverse();
  const edge = (row: (typeof page)[number] | undefined) => (row ? encodeCursor({ v: row.sortValue, id: row.id }) : undefined);
  const nextCursor = forward ? (hasMore ? edge(page.at(-1)) : undefined) : edge(page.at(-1));
  const prevCursor = forward ? (cursor ? edge(page[0]) : undefined) : hasMore ? edge(page[0]) : undefined;
  return {
    rows: page.map(({ sortValue: _s, ...row }) => ({ ...row, companies: [...row.companies].sort((a, b) => a.localeCompare(b, "zh-CN")) })),
    total,
    nextCursor,
    prevCursor,
  };
}

/** The facts the policy needs about one investor, or undefined when it is not in the viewer's zone. */
export async function loadInvestorFacts(viewer: Viewer, id: number, db: Executor = getDb()): Promise<InvestorFacts | undefined> {
  const [row] = await db
    .select({ zoneId: investors.zoneId, createdById: investors.createdById })
    .from(investors)
    .where(and(eq(investors.id, id), eq(investors.zoneId, viewer.zoneId)));
  if (!row) return undefined;
  const holders = await db.selectDistinct({ companyId: projects.companyId }).from(projects).where(eq(projects.investorId, id));
  return { ...row, companyIds: holders.map((h) => h.companyId) };
}

/** Used by a project or an activity: such a contact is kept (the foreign keys would refuse its removal anyway). */
const contactInUse = () =>
  sql<boolean>`(${or(
    exists(
      getDb()
        .select({ one: sql`1` })
        .from(projects)
        .where(eq(projects.investorContactId, investorContacts.id)),
    ),
    exists(
      getDb()
        .select({ one: sql`1` })
        .from(activityContacts)
        .where(eq(activityContacts.contactId, investorContacts.id)),
    ),
  )})`;

async function contactsOf(db: Executor, investorId: number) {
  return db
    .select({
      id: investorContacts.id,
      name: investorContacts.name,
      title: investorContacts.title,
      mobile: investorContacts.mobile,
      wechat: investorContacts.wechat,
      email: investorContacts.email,
      notes: investorContacts.notes,
      inUse: contactInUse(),
    })
    .from(investorContacts)
    .where(eq(investorContacts.investorId, investorId))
    .orderBy(asc(investorContacts.id));
}

/**
 * One investor: its contacts, its projects the viewer may see, and who follows the rest (company and owner only).
 * Undefined when it does not exist in the viewer's zone.
 */
export async function getInvestorForViewer(viewer: Viewer, id: number) {
  const db = getDb();
  const facts = await loadInvestorFacts(viewer, id, db);
  if (!facts || !canViewInvestor(viewer, facts)) return undefined;
  const creator = alias(users, "creator");
  const [[investor], contacts, visibleProjects, hidden] = await Promise.all([
    db
      .select({
        id: investors.id,
        name: investors.name,
        uscc: investors.uscc,
        region: investors.region,
        industry: investors.industry,
        website: investors.website,
        notes: investors.notes,
        version: investors.version,
        createdByName: creator.displayName,
        createdAt: investors.createdAt,
        updatedAt: investors.updatedAt,
      })
      .from(investors)
      .leftJoin(creator, eq(creator.id, investors.createdById))
      .where(eq(investors.id, id)),
    contactsOf(db, id),
    db
      .select({
        id: projects.id,
        code: projects.code,
        name: projects.name,
        stage: projects.stage,
        status: projects.status,
        totalInvestmentWan: projects.totalInvestmentWan,
        confidential: projects.confidential,
        companyName: companies.shortName,
        ownerName: owners.displayName,
      })
      .from(projects)
      .innerJoin(companies, eq(companies.id, projects.companyId))
      .leftJoin(owners, eq(owners.id, projects.ownerId))
      .where(and(eq(projects.investorId, id), projectScopeWhere(viewer)))
      .orderBy(desc(projects.updatedAt), desc(projects.id))
      .limit(200),
    followersOf(db, viewer, [id], { hiddenOnly: true }),
  ]);
  return {
    investor,
    contacts,
    projects: visibleProjects,
    otherFollowers: hidden.get(id) ?? [],
    canEdit: canEditInvestor(viewer, facts),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** A code or name another investor of the zone already has: the field's message and that investor to link to. */
export type InvestorTaken = { kind: "taken"; errors: FieldErrors; existing: { id: number; name: string } };
/** Similar investors of the zone: the user confirms having seen who follows them before registering. */
export type InvestorSimilar = { kind: "similar"; matches: InvestorMatch[]; otherZones: OtherZoneMatch[] };
export type InvestorSnapshot = Record<InvestorField, string | null> & { contacts: ContactSnapshot[] };
type ContactSnapshot = {
  id: number | null;
  name: string;
  title: string | null;
  mobile: string | null;
  wechat: string | null;
  email: string | null;
  notes: string | null;
};
/** Someone saved first: who and when, and the record as it is now saved. */
export type InvestorStale = {
  kind: "stale";
  by: string | null;
  at: string | null;
  version: number;
  /** The record as it is now saved. */
  current: InvestorSnapshot;
  /** Where the user's input differs from what is saved now; contacts compared as a whole. */
  fields: { field: InvestorField | "contacts"; theirs: string | null; yours: string | null }[];
};

type InvestorValues = { name: string } & Record<Exclude<InvestorField, "name">, string | null>;

function investorValues(input: InvestorFields): InvestorValues {
  return {
    name: input.name,
    uscc: input.uscc ?? null,
    region: input.region ?? null,
    industry: input.industry ?? null,
    website: input.website ?? null,
    notes: input.notes ?? null,
  };
}

function contactValues(c: ContactInput) {
  return { name: c.name, title: c.title ?? null, mobile: c.mobile ?? null, wechat: c.wechat ?? null, email: c.email ?? null, notes: c.notes ?? null };
}

const CONTACT_FIELDS = ["name", "title", "mobile", "wechat", "email", "notes"] as const;

/** The field error for a code or name another investor of the zone already has, with that investor to link to. */
function duplicateRefusal(match: { id: number; name: string; match: MatchKind }): Conflict<InvestorTaken> {
  const existing = { id: match.id, name: match.name };
  return match.match === "uscc"
    ? conflict({ kind: "taken", errors: { uscc: codedMessage("investors.usccTaken", { name: match.name }) }, existing })
    : conflict({ kind: "taken", errors: { name: codedMessage("investors.nameTaken", { name: match.name }) }, existing });
}

async function usccHolder(viewer: Viewer, uscc: string | undefined) {
  if (!uscc) return undefined;
  const [row] = await getDb()
    .select({ id: investors.id, name: investors.name })
    .from(investors)
    .where(and(eq(investors.zoneId, viewer.zoneId), eq(investors.uscc, uscc)));
  return row;
}

export type CreateInvestorResult =
  Ok<{ id: number; name: string; otherZones: OtherZoneMatch[] }> | Invalid | Conflict<InvestorTaken | InvestorSimilar>;

/**
 * Registers an investor with its contacts. The zone is searched first: the same code (or the same name with no code
 * to tell them apart) is refused; a similar investor needs `confirmed` after the user has seen who follows it.
 */
export async function createInvestor(viewer: Viewer, input: CreateInvestorInput): Promise<CreateInvestorResult> {
  if (!canCreateInvestor(viewer)) return invalid({ _form: "error.forbidden" });
  const [matches, otherZones] = await Promise.all([
    findInvestorFollowers(viewer, { uscc: input.uscc, name: input.name }),
    // Another zone following it is a warning, never a block (issue 20): told again once registered.
    findOtherZonesFollowing(viewer, { uscc: input.uscc, name: input.name }),
  ]);
  const blocking = blockingMatch(matches, input.uscc);
  if (blocking) return duplicateRefusal(blocking);
  if (matches.length && !input.confirmed) return conflict({ kind: "similar", matches, otherZones });

  try {
    return await getDb().transaction(async (tx): Promise<CreateInvestorResult> => {
      const created = await insertInvestor(tx, viewer, input);
      return ok({ id: created.id, name: input.name, otherZones });
    });
  } catch (error) {
    // Someone registered the same code between the check and the insert: the unique index refused it, nothing was written.
    if (!isUniqueViolation(error, "investors_zone_uscc_uq")) throw error;
    const holder = await usccHolder(viewer, input.uscc);
    return holder ? duplicateRefusal({ ...holder, match: "uscc" }) : invalid({ uscc: "validation.invalid" });
  }
}

/**
 * Writes a checked investor and its contacts in the caller's transaction, with their audit rows. The caller ran the
 * duplicate check first (createInvestor; a target's first contact, issue 22); the unique code index is the last word.
 */
export async function insertInvestor(tx: Executor, viewer: Viewer, input: InvestorFields) {
  const values = investorValues(input);
  const [created] = await tx
    .insert(investors)
    .values({ ...values, zoneId: viewer.zoneId, createdById: viewer.id, searchKey: investorSearchKey(values) })
    .returning({ id: investors.id });
  await writeAudit(tx, {
    zoneId: viewer.zoneId,
    actorId: viewer.id,
    entity: "investor",
    entityId: created.id,
    action: "create",
    after: { ...values, version: 1 },
  });
  await insertContacts(tx, viewer, created.id, input.contacts);
  return created;
}

export async function insertContacts(tx: Executor, viewer: Viewer, investorId: number, contacts: ContactInput[]) {
  if (!contacts.length) return;
  const rows = contacts.map(contactValues);
  const inserted = await tx
    .insert(investorContacts)
    .values(rows.map((r) => ({ ...r, investorId, searchKey: contactSearchKey(r) })))
    .returning({ id: investorContacts.id });
  for (const [i, { id }] of inserted.entries()) {
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "investor_contact",
      entityId: id,
      action: "create",
      after: { investorId, ...rows[i] },
    });
  }
}

/** Who last changed an investor and when, from its audit rows (every saved edit writes one). */
async function lastChange(db: Executor, investorId: number, fallbackAt: Date) {
  const actor = alias(users, "actor");
  const [row] = await db
    .select({ by: actor.displayName, at: auditLog.at })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .where(and(eq(auditLog.entity, "investor"), eq(auditLog.entityId, investorId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1);
  return { by: row?.by ?? null, at: (row?.at ?? fallbackAt).toISOString() };
}

function contactsText(contacts: Omit<ContactSnapshot, "id">[]): string | null {
  if (!contacts.length) return null;
  return contacts.map((c) => [c.name, c.title, c.mobile, c.wechat, c.email, c.notes].filter(Boolean).join(" ")).join("；");
}

async function conflictFor(
  db: Executor,
  investorId: number,
  yours: { values: InvestorValues; contacts: ContactInput[] },
): Promise<Conflict<InvestorStale>> {
  const [current] = await db.select().from(investors).where(eq(investors.id, investorId));
  const currentContacts = (await contactsOf(db, investorId)).map(({ inUse: _u, ...c }) => c);
  const fields: InvestorStale["fields"] = INVESTOR_FIELDS.filter((f) => (current[f] ?? null) !== yours.values[f]).map((field) => ({
    field,
    theirs: current[field] ?? null,
    yours: yours.values[field],
  }));
  const theirContacts = contactsText(currentContacts);
  const yourContacts = contactsText(yours.contacts.map(contactValues));
  if (theirContacts !== yourContacts) fields.push({ field: "contacts", theirs: theirContacts, yours: yourContacts });
  const snapshot: InvestorSnapshot = {
    ...(Object.fromEntries(INVESTOR_FIELDS.map((f) => [f, current[f] ?? null])) as Record<InvestorField, string | null>),
    contacts: currentContacts,
  };
  return conflict({ kind: "stale", ...(await lastChange(db, investorId, current.updatedAt)), version: current.version, current: snapshot, fields });
}

export type UpdateInvestorResult = Ok<{ changed: boolean }> | NotFound | Forbidden | Invalid | Conflict<InvestorTaken | InvestorStale>;

/**
 * Saves an edit made from `expectedVersion`, its contacts added, changed and removed in the same transaction.
 * A newer version in the database is a conflict: nothing is written and the current record comes back.
 */
export async function updateInvestor(
  viewer: Viewer,
  id: number,
  input: Omit<UpdateInvestorInput, "version">,
  expectedVersion: number,
): Promise<UpdateInvestorResult> {
  const facts = await loadInvestorFacts(viewer, id);
  if (!facts) return notFound();
  if (!canEditInvestor(viewer, facts)) return forbidden();
  const blocking = blockingMatch(await findInvestorFollowers(viewer, { uscc: input.uscc, name: input.name }), input.uscc, id);
  if (blocking) return duplicateRefusal(blocking);

  const values = investorValues(input);
  try {
    return await getDb().transaction(async (tx): Promise<UpdateInvestorResult> => {
      const [before] = await tx.select().from(investors).where(eq(investors.id, id));
      if (before.version !== expectedVersion) return conflictFor(tx, id, { values, contacts: input.contacts });
      const existing = await contactsOf(tx, id);
      const byId = new Map(existing.map((c) => [c.id, c]));
      // A row whose contact is gone (or never was this investor's) is saved as a new contact.
      const kept = input.contacts.filter((c) => c.id !== undefined && byId.has(c.id));
      const added = input.contacts.filter((c) => c.id === undefined || !byId.has(c.id));
      const keptIds = new Set(kept.map((c) => c.id));
      const removed = existing.filter((c) => !keptIds.has(c.id));
      const blocked = removed.find((c) => c.inUse);
      if (blocked) return invalid({ _form: codedMessage("investors.contactInUseError", { name: blocked.name }) });
      const edited = kept.filter((c) => changedFields(byId.get(c.id!)!, contactValues(c), [...CONTACT_FIELDS]).changed.length > 0);
      const diff = changedFields(before, values, [...INVESTOR_FIELDS]);
      if (!diff.changed.length && !added.length && !removed.length && !edited.length) return ok({ changed: false });

      const [updated] = await tx
        .update(investors)
        .set({ ...values, searchKey: investorSearchKey(values), version: sql`${investors.version} + 1`, updatedAt: new Date() })
        .where(and(eq(investors.id, id), eq(investors.version, expectedVersion)))
        .returning({ version: investors.version });
      if (!updated) return conflictFor(tx, id, { values, contacts: input.contacts });

      // Every saved edit leaves an investor row (with the version), so "who changed it last" is always answerable.
      await writeAudit(tx, {
        zoneId: viewer.zoneId,
        actorId: viewer.id,
        entity: "investor",
        entityId: id,
        action: "update",
        before: { ...diff.before, version: before.version },
        after: { ...diff.after, version: updated.version },
      });
      for (const c of removed) {
        await tx.delete(investorContacts).where(eq(investorContacts.id, c.id));
        const { inUse: _u, id: contactId, ...gone } = c;
        await writeAudit(tx, {
          zoneId: viewer.zoneId,
          actorId: viewer.id,
          entity: "investor_contact",
          entityId: contactId,
          action: "delete",
          before: { investorId: id, ...gone },
        });
      }
      for (const c of edited) {
        const after = contactValues(c);
        await tx
          .update(investorContacts)
          .set({ ...after, searchKey: contactSearchKey(after) })
          .where(eq(investorContacts.id, c.id!));
        const { inUse: _u, id: _id, ...prior } = byId.get(c.id!)!;
        await auditUpdate(tx, {
          zoneId: viewer.zoneId,
          actorId: viewer.id,
          entity: "investor_contact",
          entityId: c.id!,
          action: "update",
          before: { investorId: id, ...prior },
          after: { investorId: id, ...after },
        });
      }
      await insertContacts(tx, viewer, id, added);
      return ok({ changed: true });
    });
  } catch (error) {
    if (!isUniqueViolation(error, "investors_zone_uscc_uq")) throw error;
    const holder = await usccHolder(viewer, input.uscc);
    return holder ? duplicateRefusal({ ...holder, match: "uscc" }) : invalid({ uscc: "validation.invalid" });
  }
}
