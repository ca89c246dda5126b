// Writing an import's checked rows: what each row sets on a new or matched project, the history rows of the
// milestones it reaches, and the one transaction that writes them all in batches.
import { sql } from "drizzle-orm";
import type { Transaction } from "~db/index";
import { getDb } from "~db/index";
import type { projects } from "~db/schema";
import { chunks } from "~/lib/chunks";
import { clock } from "~/lib/clock";
import { todayInZone, yearOf } from "~/lib/dates";
import type { ProjectStage } from "~/lib/domain-values";
import { compareDecimal } from "~/lib/form-fields";
import type { Viewer } from "~/modules/auth/policy";
import { nextProjectCodeNumber, projectCode } from "~/modules/projects/project-code.server";
import type { ImportRow } from "./import-rows";
import { stageReached } from "./import-rows";
import type { TemplateKey } from "./import-template";
import type { AuditRow } from "./import-bulk.server";
import { anyInt, eventLoopTurn, insertAuditRows, insertMany, paced, ROWS_PER_TURN, WRITE_BATCH } from "./import-bulk.server";
import { queryRows } from "~db/query-rows";
import { resolveInvestors } from "./import-investors.server";
import type { Existing } from "./import-match.server";

const PROJECT_COLUMNS = [
  ["zone_id", "int"],
  ["code", "text"],
  ["name", "text"],
  ["investor_id", "int"],
  ["cluster_id", "int"],
  ["company_id", "int"],
  ["owner_id", "int"],
  ["first_contact_company_id", "int"],
  ["source_channel", "source_channel"],
  ["stage", "project_stage"],
  ["status", "project_status"],
  ["planned_investment_wan", "numeric"],
  ["contracted_investment_wan", "numeric"],
  ["contacted_on", "date"],
  ["signed_on", "date"],
  ["construction_on", "date"],
  ["production_on", "date"],
  ["note", "text"],
  ["created_by_id", "int"],
  ["created_at", "timestamptz"],
  ["updated_at", "timestamptz"],
] as const;
/**
 * What an update sets, every template field at once (the stored value where the file has no column): the insert's
 * columns but those fixed at creation — an import never moves a project to another zone or company (a transfer does).
 */
const FIXED_AT_CREATION = new Set(["zone_id", "code", "company_id", "created_by_id", "created_at"]);
const UPDATE_COLUMNS = PROJECT_COLUMNS.filter(([name]) => !FIXED_AT_CREATION.has(name));
const EVENT_COLUMNS = [
  ["project_id", "int"],
  ["kind", "project_event_kind"],
  ["from_stage", "project_stage"],
  ["to_stage", "project_stage"],
  ["from_status", "project_status"],
  ["to_status", "project_status"],
  ["from_owner_id", "int"],
  ["to_owner_id", "int"],
  ["business_on", "date"],
  ["recorded_at", "timestamptz"],
  ["actor_id", "int"],
  ["note", "text"],
] as const;
const LINK_COLUMNS = [
  ["project_id", "int"],
  ["link_id", "int"],
  ["zone_id", "int"],
] as const;
const byNumber = (a: number, b: number) => a - b;

/** The chain links of the given projects, each list sorted. */
async function storedLinks(tx: Transaction, projectIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!projectIds.length) return out;
  for (const part of chunks(projectIds, WRITE_BATCH * 4)) {
    const rows = await queryRows<{ project_id: number; link_id: number }>(
      sql`select project_id, link_id from project_chain_links where project_id = ${anyInt(part)}`,
      tx,
    );
    for (const r of rows) out.set(Number(r.project_id), [...(out.get(Number(r.project_id)) ?? []), Number(r.link_id)]);
  }
  for (const links of out.values()) links.sort(byNumber);
  return out;
}

const MILESTONES = [
  ["contactedOn", "contacted"],
  ["signedOn", "signed"],
  ["constructionOn", "construction"],
  ["productionOn", "production"],
] as const satisfies readonly (readonly [keyof ImportRow, ProjectStage])[];

const atLeastSigned = (stage: ProjectStage) => stageReached(stage, "signed");

/** The project's own fields a row sets; only the columns the file has (an update keeps what the file leaves out). */
function projectValues(row: ImportRow, columns: Set<TemplateKey>, before?: Existing) {
  const has = (key: TemplateKey) => !before || columns.has(key);
  const values: Partial<typeof projects.$inferInsert> = {};
  if (has("name")) values.name = row.name;
  if (has("cluster")) values.clusterId = row.clusterId;
  if (has("owner")) values.ownerId = row.ownerId;
  if (has("source")) values.sourceChannel = row.sourceChannel;
  if (has("stage")) values.stage = row.stage;
  if (has("status")) values.status = row.status;
  if (has("note")) values.note = row.note;
  if (has("contacted_on")) values.contactedOn = row.contactedOn;
  if (has("signed_on")) values.signedOn = row.signedOn;
  if (has("construction_on")) values.constructionOn = row.constructionOn;
  if (has("production_on")) values.productionOn = row.productionOn;
  const stage = values.stage ?? before?.stage ?? "lead";
  // 总投资 is the planned figure before signing and the contracted one from signing on (DOMAIN.md).
  // An unchanged total leaves the planned and contracted figures as they are.
  const sameTotal =
    before &&
    before.totalInvestmentWan !== null &&
    row.totalInvestmentWan !== null &&
    compareDecimal(before.totalInvestmentWan, row.totalInvestmentWan) === 0;
  const signingWithoutContract = atLeastSigned(stage) && before?.contractedInvestmentWan == null;
  if (has("total_investment_wan") && (!sameTotal || signingWithoutContract)) {
    if (atLeastSigned(stage)) {
      values.contractedInvestmentWan = row.totalInvestmentWan;
      if (!before) values.plannedInvestmentWan = row.totalInvestmentWan;
    } else {
      values.plannedInvestmentWan = row.totalInvestmentWan;
      values.contractedInvestmentWan = null;
    }
  }
  // First contact is credited when a project reaches it, here or in the app; an older gap is not filled in silently.
  if (stageReached(stage, "contacted") && (!before || (!before.firstContactCompanyId && !stageReached(before.stage, "contacted")))) {
    values.firstContactCompanyId = row.companyId;
  }
  return values;
}

type EventRow = {
  projectId: number;
  kind: "stage" | "imported" | "owner";
  fromStage?: ProjectStage | null;
  toStage?: ProjectStage | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  fromOwnerId?: number | null;
  toOwnerId?: number | null;
  businessOn: string;
  actorId: number;
  note?: string | null;
};

/** The history rows of milestones a row reaches that the project had not: their business dates as given. */
function milestoneEvents(projectId: number, row: ImportRow, fromStage: ProjectStage | null, actorId: number): EventRow[] {
  const events: EventRow[] = [];
  let previous = fromStage;
  for (const [field, stage] of MILESTONES) {
    const date = row[field];
    if (!date || (fromStage && stageReached(fromStage, stage)) || !stageReached(row.stage, stage)) continue;
    events.push({ projectId, kind: "stage", fromStage: previous, toStage: stage, businessOn: date, actorId });
    previous = stage;
  }
  return events;
}

/**
 * Writes checked rows in one transaction: new projects with their holdings, updates of matched ones, the history and
 * audit rows. `onWritten` runs inside it (the run is marked done there, so a run cut off writes nothing).
 */
export async function writeRows(
  viewer: Viewer,
  rows: ImportRow[],
  columnList: TemplateKey[],
  byCode: Map<string, Existing>,
  onProgress: (done: number) => void,
  onWritten: (tx: Transaction, counts: { created: number; updated: number }) => Promise<void>,
) {
  const columns = new Set(columnList);
  const today = todayInZone();
  return getDb().transaction(async (tx) => {
    // One import of a zone at a time: codes are numbered from the zone's highest.
    await tx.execute(sql`select pg_advisory_xact_lock(7007, ${viewer.zoneId})`);
    // A batch's statements (and the triggers they fire) are planned with row estimates in the millions — a join of
    // two transition tables is guessed at n²/200 rows — so PostgreSQL compiled them with LLVM first: 0.3–0.7 s per
    // statement, about a quarter of an update import, for plans that then ran in milliseconds. Off for this
    // transaction only.
    await tx.execute(sql`set local jit = off`);
    // The connection plans every statement for its parameters (plan_cache_mode, db/index.ts), and that includes
    // the foreign-key checks PostgreSQL runs per row and key through cached plans: re-planned each time, they made
    // an import of 50,000 projects (~1.3 million checks) three times slower. Cached plans again, for this transaction.
    await tx.execute(sql`set local plan_cache_mode = auto`);
    const audit: AuditRow[] = [];
    const events: EventRow[] = [];
    const investorIds = await resolveInvestors(tx, viewer, rows, audit);
    const now = clock.now();

    const creates: { row: ImportRow; investorId: number }[] = [];
    const updates: { row: ImportRow; investorId: number; before: Existing }[] = [];
    rows.forEach((row, i) => {
      const before = row.code ? byCode.get(row.code) : undefined;
      if (before) updates.push({ row, investorId: investorIds[i], before });
      else creates.push({ row, investorId: investorIds[i] });
    });

    let codeNumber = await nextProjectCodeNumber(
      tx,
      viewer.zoneId,
      yearOf(today),
      rows.map((r) => r.code ?? ""),
    );
    let done = 0;
    for (const part of chunks(creates, WRITE_BATCH)) {
      const values = part.map(({ row, investorId }) => ({
        ...projectValues(row, columns),
        code: row.code ?? projectCode(yearOf(today), codeNumber++),
        investorId,
        companyId: row.companyId,
      }));
      const created = await insertMany(
        tx,
        "projects",
        PROJECT_COLUMNS,
        values.map((v) => ({
          zone_id: viewer.zoneId,
          code: v.code,
          name: v.name,
          investor_id: v.investorId,
          cluster_id: v.clusterId,
          company_id: v.companyId,
          owner_id: v.ownerId ?? null,
          first_contact_company_id: v.firstContactCompanyId ?? null,
          source_channel: v.sourceChannel ?? null,
          stage: v.stage,
          status: v.status,
          planned_investment_wan: v.plannedInvestmentWan ?? null,
          contracted_investment_wan: v.contractedInvestmentWan ?? null,
          contacted_on: v.contactedOn ?? null,
          signed_on: v.signedOn ?? null,
          construction_on: v.constructionOn ?? null,
          production_on: v.productionOn ?? null,
          note: v.note ?? null,
          created_by_id: viewer.id,
          created_at: now,
          updated_at: now,
        })),
        "id, code",
      );
      const idOf = new Map(created.map((c) => [String(c.code), Number(c.id)]));
      const holdings: Record<string, unknown>[] = [];
      const links: Record<string, unknown>[] = [];
      part.forEach(({ row }, i) => {
        const id = idOf.get(values[i].code)!;
        for (const linkId of new Set(row.chainLinkIds)) links.push({ project_id: id, link_id: linkId, zone_id: viewer.zoneId });
        const first = MILESTONES.map(([field]) => row[field]).find((d) => d) ?? today;
        holdings.push({ project_id: id, company_id: row.companyId, from_on: first < today ? first : today });
        events.push(...milestoneEvents(id, row, null, viewer.id));
        events.push({ projectId: id, kind: "imported", toStage: row.stage, toStatus: row.status, businessOn: today, actorId: viewer.id });
        audit.push({
          entity: "project",
          entityId: id,
          action: "import",
          after: row.chainLinkIds.length ? { ...values[i], chainLinkIds: [...new Set(row.chainLinkIds)].sort(byNumber) } : values[i],
        });
      });
      await insertMany(tx, "project_chain_links", LINK_COLUMNS, links);
      await insertMany(
        tx,
        "project_holdings",
        [
          ["project_id", "int"],
          ["company_id", "int"],
          ["from_on", "date"],
        ],
        holdings,
      );
      done += part.length;
      onProgress(done);
    }

    // 产业链环节: the file's links replace the project's; without the column a project keeps its links unless it moves
    // to another cluster, whose chain they are not part of (the project form never lets links and cluster disagree).
    const linksOf = await storedLinks(
      tx,
      updates.map((u) => u.before.id),
    );
    const relinked: { id: number; links: number[] }[] = [];

    // Rows that change nothing are not written (the project keeps its version, so no one's open form goes stale).
    const changedRows: Record<string, unknown>[] = [];
    for (const [index, { row, investorId, before }] of updates.entries()) {
      // A turn of the event loop now and then: other requests of this process are answered meanwhile.
      if (index % ROWS_PER_TURN === ROWS_PER_TURN - 1) await eventLoopTurn();
      const values = { ...projectValues(row, columns, before), ...(columns.has("investor") ? { investorId } : {}) };
      const linksBefore = linksOf.get(before.id) ?? [];
      const clusterMoves = values.clusterId !== undefined && values.clusterId !== before.clusterId;
      const linksAfter = columns.has("chain_links") ? [...new Set(row.chainLinkIds)].sort(byNumber) : clusterMoves ? [] : linksBefore;
      const linksChanged = linksAfter.join(",") !== linksBefore.join(",");
      if (linksChanged) relinked.push({ id: before.id, links: linksAfter });
      const fields = changedOnly(before, values);
      const changed =
        fields || linksChanged
          ? {
              before: { ...fields?.before, ...(linksChanged ? { chainLinkIds: linksBefore } : {}) },
              after: { ...fields?.after, ...(linksChanged ? { chainLinkIds: linksAfter } : {}) },
            }
          : null;
      if (changed) {
        const next = { ...before, ...values };
        changedRows.push({
          id: before.id,
          name: next.name,
          investor_id: next.investorId,
          cluster_id: next.clusterId,
          owner_id: next.ownerId,
          first_contact_company_id: next.firstContactCompanyId,
          source_channel: next.sourceChannel,
          stage: next.stage,
          status: next.status,
          planned_investment_wan: next.plannedInvestmentWan,
          contracted_investment_wan: next.contractedInvestmentWan,
          contacted_on: next.contactedOn,
          signed_on: next.signedOn,
          construction_on: next.constructionOn,
          production_on: next.productionOn,
          note: next.note,
          updated_at: now,
        });
      }
      const stage = values.stage ?? before.stage;
      const status = values.status ?? before.status;
      events.push(...milestoneEvents(before.id, { ...row, stage }, before.stage, viewer.id));
      if (stage !== before.stage || status !== before.status) {
        events.push({
          projectId: before.id,
          kind: "imported",
          fromStage: before.stage,
          toStage: stage,
          fromStatus: before.status,
          toStatus: status,
          businessOn: today,
          actorId: viewer.id,
        });
      }
      if (values.ownerId !== undefined && values.ownerId !== before.ownerId) {
        events.push({
          projectId: before.id,
          kind: "owner",
          fromOwnerId: before.ownerId,
          toOwnerId: values.ownerId,
          businessOn: today,
          actorId: viewer.id,
        });
      }
      if (changed) audit.push({ entity: "project", entityId: before.id, action: "import", ...changed });
    }
    for (const part of chunks(changedRows, WRITE_BATCH)) {
      await paced(() =>
        tx.execute(
          sql`update projects as p set ${sql.raw(UPDATE_COLUMNS.map(([name]) => `${name} = r.${name}`).join(", "))}, version = p.version + 1
            from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as r(id int, ${sql.raw(UPDATE_COLUMNS.map(([name, type]) => `${name} ${type}`).join(", "))})
            where p.id = r.id`,
        ),
      );
      done += part.length;
      onProgress(done);
    }

    if (relinked.length) {
      await tx.execute(sql`delete from project_chain_links where project_id = ${anyInt(relinked.map((r) => r.id))}`);
      await insertMany(
        tx,
        "project_chain_links",
        LINK_COLUMNS,
        relinked.flatMap((r) => r.links.map((linkId) => ({ project_id: r.id, link_id: linkId, zone_id: viewer.zoneId }))),
      );
    }

    await insertMany(
      tx,
      "project_events",
      EVENT_COLUMNS,
      events.map((e) => ({
        project_id: e.projectId,
        kind: e.kind,
        from_stage: e.fromStage ?? null,
        to_stage: e.toStage ?? null,
        from_status: e.fromStatus ?? null,
        to_status: e.toStatus ?? null,
        from_owner_id: e.fromOwnerId ?? null,
        to_owner_id: e.toOwnerId ?? null,
        business_on: e.businessOn,
        recorded_at: now,
        actor_id: e.actorId,
        note: e.note ?? null,
      })),
    );
    await insertAuditRows(tx, { zoneId: viewer.zoneId, actorId: viewer.id, at: now }, audit);
    onProgress(rows.length);
    const counts = { created: creates.length, updated: changedRows.length };
    await onWritten(tx, counts);
    return counts;
  });
}

/** Before → after of the fields an update changes; null when it changes nothing. */
function changedOnly(before: Existing, after: Partial<typeof projects.$inferInsert>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    const old = (before as Record<string, unknown>)[key] ?? null;
    if (String(old ?? "") !== String(value ?? "")) {
      b[key] = old;
      a[key] = value ?? null;
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}
