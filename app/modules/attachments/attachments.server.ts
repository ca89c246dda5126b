// Milestone evidence (DOMAIN.md, "A milestone may carry evidence"): files attached to a project's signing,
// registration, construction and production, kept in file storage with a row (and an audit row) in the database.
import type { SQL } from "drizzle-orm";
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import type { Readable } from "node:stream";
import type { Transaction } from "~db/index";
import { getDb } from "~db/index";
import { attachments, projects, users } from "~db/schema";
import { clock } from "~/lib/clock";
import type { Forbidden, Invalid, NotFound, Ok } from "~/lib/result";
import { forbidden, notFound, ok } from "~/lib/result";
import { writeAudit } from "~/modules/audit/audit.server";
import type { ProjectAccess, Viewer } from "~/modules/auth/policy";
import { canAddEvidence, canRemoveEvidence, projectAccess } from "~/modules/auth/policy";
import { loadProjectFacts, projectScopeWhere } from "~/modules/projects/projects.server";
import type { ActivityFileError, EvidenceError, EvidenceStage } from "./attachments.schema";
import { EVIDENCE_MAX_BYTES, EVIDENCE_MIME_TYPES, EVIDENCE_STAGES, evidenceInvalid, isEvidenceStage } from "./attachments.schema";
import type { PutBody } from "./storage.server";
import { fileStorage, newStorageKey } from "./storage.server";
import { cleanFileName } from "./file-name";

/** How much of the start of a file the type detection reads (file-type's own recommendation). */
const HEAD_BYTES = 4100;

export type EvidenceFile = { fileName: string; data: PutBody };
export type EvidenceAttachment = { id: number; stage: EvidenceStage; fileName: string; mimeType: string; sizeBytes: number; sha256: string };
export type AddEvidenceResult = Ok<{ attachment: EvidenceAttachment }> | NotFound | Forbidden | Invalid;

class Refused extends Error {
  constructor(readonly code: Exclude<EvidenceError, "stage">) {
    super(code);
  }
}

/** The viewer's access to the project ("none" also when it does not exist). */
export async function evidenceAccess(viewer: Viewer, projectId: number): Promise<ProjectAccess> {
  const facts = await loadProjectFacts(projectId);
  return facts ? projectAccess(viewer, facts) : "none";
}

const concat = (chunks: Uint8Array[]) => (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));

/**
 * Passes the bytes through while enforcing the rules: the type is decided from the first bytes before anything
 * else is passed on, and the size is counted as the bytes arrive, so a refused file stops being read at once.
 */
async function* checkedBytes(source: PutBody, found: { mime?: string }): AsyncGenerator<Uint8Array> {
  const head: Uint8Array[] = [];
  let headLength = 0;
  let total = 0;
  const detect = async () => {
    const bytes = concat(head);
    if (bytes.byteLength === 0) throw new Refused("noFile");
    const type = await fileTypeFromBuffer(bytes);
    if (!type || !(EVIDENCE_MIME_TYPES as readonly string[]).includes(type.mime)) throw new Refused("type");
    found.mime = type.mime;
    return bytes;
  };
  for await (const chunk of source instanceof Uint8Array ? [source] : source) {
    total += chunk.byteLength;
    if (total > EVIDENCE_MAX_BYTES) throw new Refused("tooLarge");
    if (found.mime) {
      yield chunk;
      continue;
    }
    head.push(chunk);
    headLength += chunk.byteLength;
    if (headLength >= HEAD_BYTES) yield await detect();
  }
  if (!found.mime) yield await detect();
}

type Stored = { storageKey: string; mimeType: string; sizeBytes: number; sha256: string };

/** Stores the bytes under a fresh key if they pass the checks (type by content, size while streaming). */
async function storeChecked(data: PutBody): Promise<Stored | { refused: Exclude<EvidenceError, "stage"> }> {
  const storageKey = newStorageKey();
  const found: { mime?: string } = {};
  try {
    const stored = await fileStorage().put(storageKey, checkedBytes(data, found));
    return { storageKey, mimeType: found.mime!, sizeBytes: stored.size, sha256: stored.sha256 };
  } catch (error) {
    if (error instanceof Refused) return { refused: error.code };
    throw error;
  }
}

/**
 * Attaches a file to one of a project's milestones. Only someone who may edit the project may; any of the four
 * milestones is allowed (evidence often arrives just before the stage is moved). The file is stored first, then
 * the row and its audit row are written in one transaction; if that fails the stored file is removed again.
 */
export async function addEvidence(viewer: Viewer, projectId: number, stage: unknown, file: EvidenceFile): Promise<AddEvidenceResult> {
  const facts = await loadProjectFacts(projectId);
  if (!facts || projectAccess(viewer, facts) === "none") return notFound();
  if (!canAddEvidence(viewer, facts)) return forbidden();
  if (!isEvidenceStage(stage)) return evidenceInvalid("stage");
  const fileName = cleanFileName(file.fileName);
  if (!fileName) return evidenceInvalid("noFile");

  const storage = fileStorage();
  const checked = await storeChecked(file.data);
  if ("refused" in checked) return evidenceInvalid(checked.refused);
  const { storageKey, ...stored } = checked;

  const values = { projectId, stage, fileName, ...stored };
  try {
    const id = await getDb().transaction(async (tx) => {
      const [row] = await tx
        .insert(attachments)
        .values({ ...values, storageKey, uploadedById: viewer.id, uploadedAt: clock.now() })
        .returning({ id: attachments.id });
      await writeAudit(tx, {
        zoneId: facts.zoneId,
        actorId: viewer.id,
        entity: "attachment",
        entityId: row.id,
        action: "create",
        after: values,
      });
      return row.id;
    });
    return ok({ attachment: { id, ...values } });
  } catch (error) {
    await storage.delete(storageKey).catch(() => {});
    throw error;
  }
}

export type RemoveEvidenceResult = Ok<{ fileName: string }> | NotFound | Forbidden;

/** Removes a file: its uploader or the company's manager, while they may edit the project. */
export async function removeEvidence(viewer: Viewer, projectId: number, attachmentId: number): Promise<RemoveEvidenceResult> {
  const db = getDb();
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.projectId, projectId)));
  const facts = row ? await loadProjectFacts(row.projectId) : undefined;
  if (!row || !facts || projectAccess(viewer, facts) === "none") return notFound();
  if (!canRemoveEvidence(viewer, facts, row.uploadedById)) return forbidden();

  await db.transaction(async (tx) => {
    await tx.delete(attachments).where(eq(attachments.id, row.id));
    await writeAudit(tx, {
      zoneId: facts.zoneId,
      actorId: viewer.id,
      entity: "attachment",
      entityId: row.id,
      action: "delete",
      before: {
        projectId: row.projectId,
        stage: row.stage,
        fileName: row.fileName,
        mimeType: row.mimeType,
        sizeBytes: row.sizeBytes,
        sha256: row.sha256,
        uploadedById: row.uploadedById,
      },
    });
  });
  // After the commit: a leftover file is harmless, a row pointing at a missing file is not.
  await fileStorage()
    .delete(row.storageKey)
    .catch((error) => console.error(`evidence ${row.id}: could not delete ${row.storageKey}`, error));
  return ok({ fileName: row.fileName });
}

export type EvidenceItem = Awaited<ReturnType<typeof listEvidence>>[number];

/** A project's evidence, milestone by milestone, newest first; empty when the viewer may not see the project. */
export async function listEvidence(viewer: Viewer, projectId: number, known?: Awaited<ReturnType<typeof loadProjectFacts>>) {
  const facts = known ?? (await loadProjectFacts(projectId));
  if (!facts || projectAccess(viewer, facts) === "none") return [];
  const rows = await getDb()
    .select({
      id: attachments.id,
      stage: attachments.stage,
      fileName: attachments.fileName,
      mimeType: attachments.mimeType,
      sizeBytes: attachments.sizeBytes,
      uploadedAt: attachments.uploadedAt,
      uploadedById: attachments.uploadedById,
      uploaderName: users.displayName,
    })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.uploadedById))
    .where(and(eq(attachments.projectId, projectId), inArray(attachments.stage, [...EVIDENCE_STAGES])))
    .orderBy(desc(attachments.uploadedAt), desc(attachments.id));
  return rows.map(({ uploadedById, uploadedAt, stage, ...row }) => ({
    ...row,
    stage: stage as EvidenceStage,
    uploadedAt: uploadedAt.toISOString(),
    canRemove: canRemoveEvidence(viewer, facts, uploadedById),
  }));
}

/** One file to send to the viewer, or undefined when it does not exist or the viewer may not see its project. */
export async function openEvidence(
  viewer: Viewer,
  attachmentId: number,
): Promise<{ fileName: string; mimeType: string; sizeBytes: number; sha256: string; body: () => Promise<Readable | undefined> } | undefined> {
  const [row] = await getDb()
    .select({
      fileName: attachments.fileName,
      mimeType: attachments.mimeType,
      sizeBytes: attachments.sizeBytes,
      sha256: attachments.sha256,
      storageKey: attachments.storageKey,
    })
    .from(attachments)
    .innerJoin(projects, eq(projects.id, attachments.projectId))
    .where(and(eq(attachments.id, attachmentId), projectScopeWhere(viewer)));
  if (!row) return undefined;
  const { storageKey, ...meta } = row;
  return { ...meta, body: () => fileStorage().get(storageKey) };
}

/** The business date of each milestone, on the project row. */
const MILESTONE_ON: Record<EvidenceStage, SQL> = {
  signed: sql`${projects.signedOn}`,
  registered: sql`${projects.registeredOn}`,
  construction: sql`${projects.constructionOn}`,
  production: sql`${projects.productionOn}`,
};
const milestoneOn = sql`(case ${attachments.stage} ${sql.join(
  EVIDENCE_STAGES.map((stage) => sql`when ${sql.raw(`'${stage}'`)} then ${MILESTONE_ON[stage]}`),
  sql` `,
)} end)`;

export type MilestoneEvidenceFilter =
  | { projectIds: number[] }
  /** Milestones whose business date falls in [from, to] (YYYY-MM-DD), for a period's report. */
  | { zoneId: number; from: string; to: string };

export type MilestoneWithEvidence = { projectId: number; stage: EvidenceStage; on: string | null; files: number };

/**
 * Which milestones carry at least one evidence file, for reports that count only evidenced milestones.
 * Within the viewer's scope, like every query: a leader's covers the zone. `on` is the milestone's business date
 * (null when a file was attached ahead of the stage move); the period form returns only reached milestones.
 */
export async function milestonesWithEvidence(viewer: Viewer, filter: MilestoneEvidenceFilter): Promise<MilestoneWithEvidence[]> {
  const where: SQL[] = [projectScopeWhere(viewer), inArray(attachments.stage, [...EVIDENCE_STAGES])];
  if ("projectIds" in filter) {
    if (filter.projectIds.length === 0) return [];
    where.push(inArray(attachments.projectId, filter.projectIds));
  } else {
    where.push(eq(projects.zoneId, filter.zoneId), isNotNull(milestoneOn));
    where.push(gte(milestoneOn, filter.from), lte(milestoneOn, filter.to));
  }
  const rows = await getDb()
    .select({
      projectId: attachments.projectId,
      stage: attachments.stage,
      on: sql<string | null>`${milestoneOn}::text`,
      files: count(),
    })
    .from(attachments)
    .innerJoin(projects, eq(projects.id, attachments.projectId))
    .where(and(...where))
    .groupBy(attachments.projectId, attachments.stage, milestoneOn)
    .orderBy(asc(attachments.projectId), asc(attachments.stage));
  return rows.map((r) => ({ ...r, stage: r.stage as EvidenceStage, files: Number(r.files) }));
}

// ---------------------------------------------------------------------------------------------------------------
// Files of an activity (visit photos, minutes, business cards): stored with the same checks as evidence while the
// form is read, then written with the activity in its one transaction — or all deleted again, so that a refused
// file leaves neither an activity nor a stray row behind.

export type StoredActivityFile = Stored & { fileName: string };
export type StoreActivityFileResult = { stored: StoredActivityFile } | { refused: ActivityFileError; fileName: string };

/** Stores one file of an activity that is not written yet; the caller writes it with the activity or discards it. */
export async function storeActivityFile(file: EvidenceFile): Promise<StoreActivityFileResult> {
  const fileName = cleanFileName(file.fileName);
  if (!fileName) return { refused: "noFile", fileName: "" };
  const checked = await storeChecked(file.data);
  // A file with no bytes at all is named as such (the evidence form's "pick a file" would puzzle the user).
  if ("refused" in checked) return { refused: checked.refused === "noFile" ? "empty" : checked.refused, fileName };
  return { stored: { ...checked, fileName } };
}

/** Deletes stored files whose activity was not written (a refused form, a failed transaction). */
export async function discardActivityFiles(files: StoredActivityFile[]): Promise<void> {
  await Promise.all(
    files.map((f) =>
      fileStorage()
        .delete(f.storageKey)
        .catch(() => {}),
    ),
  );
}

/**
 * Writes the rows (and audit rows) of a new activity's stored files inside the activity's transaction. The caller
 * has checked that the viewer may log the activity (`canLogActivity`); the project and its zone come from it.
 */
export async function insertActivityFiles(
  tx: Transaction,
  viewer: Viewer,
  at: { zoneId: number; projectId: number; activityId: number },
  files: StoredActivityFile[],
): Promise<void> {
  if (!files.length) return;
  const rows = await tx
    .insert(attachments)
    .values(files.map((f) => ({ ...f, projectId: at.projectId, activityId: at.activityId, uploadedById: viewer.id, uploadedAt: clock.now() })))
    .returning({ id: attachments.id });
  for (const [i, row] of rows.entries()) {
    const { storageKey: _key, ...file } = files[i];
    await writeAudit(tx, {
      zoneId: at.zoneId,
      actorId: viewer.id,
      entity: "attachment",
      entityId: row.id,
      action: "create",
      after: { projectId: at.projectId, activityId: at.activityId, ...file },
    });
  }
}

export type ActivityFile = { id: number; activityId: number; fileName: string; mimeType: string; sizeBytes: number };

/** The files of a project's activities, oldest first; empty when the viewer may not see the project. */
export async function listActivityFiles(
  viewer: Viewer,
  projectId: number,
  known?: Awaited<ReturnType<typeof loadProjectFacts>>,
): Promise<ActivityFile[]> {
  const facts = known ?? (await loadProjectFacts(projectId));
  if (!facts || projectAccess(viewer, facts) === "none") return [];
  const rows = await getDb()
    .select({
      id: attachments.id,
      activityId: attachments.activityId,
      fileName: attachments.fileName,
      mimeType: attachments.mimeType,
      sizeBytes: attachments.sizeBytes,
    })
    .from(attachments)
    .where(and(eq(attachments.projectId, projectId), isNotNull(attachments.activityId), isNull(attachments.stage)))
    .orderBy(asc(attachments.id));
  return rows.map((r) => ({ ...r, activityId: r.activityId! }));
}

// ---------------------------------------------------------------------------------------------------------------
// Documents of an approval item (issue 21): the same storage, checks and limits as evidence.

export type ApprovalDocument = { id: number; approvalId: number; fileName: string; mimeType: string; sizeBytes: number };

/**
 * Stores a file that belongs to a record of a project other than a stage (an approval item's document, a benefit's
 * evidence): the same storage, checks and limits as evidence. The caller checked the viewer may work that record;
 * the file is stored first, then its row and audit row in one transaction, and removed again if that fails.
 */
async function addRecordFile(
  viewer: Viewer,
  at: { zoneId: number; projectId: number },
  record: { approvalId: number } | { benefitId: number },
  file: EvidenceFile,
): Promise<Ok<{ fileName: string }> | Invalid> {
  const fileName = cleanFileName(file.fileName);
  if (!fileName) return evidenceInvalid("noFile");
  const checked = await storeChecked(file.data);
  if ("refused" in checked) return evidenceInvalid(checked.refused);
  const { storageKey, ...stored } = checked;
  const values = { projectId: at.projectId, ...record, stage: null, fileName, ...stored };
  try {
    await getDb().transaction(async (tx) => {
      const [row] = await tx
        .insert(attachments)
        .values({ ...values, storageKey, uploadedById: viewer.id, uploadedAt: clock.now() })
        .returning({ id: attachments.id });
      await writeAudit(tx, { zoneId: at.zoneId, actorId: viewer.id, entity: "attachment", entityId: row.id, action: "create", after: values });
    });
    return ok({ fileName });
  } catch (error) {
    await fileStorage()
      .delete(storageKey)
      .catch(() => {});
    throw error;
  }
}

/** Stores a document of an approval item; the caller checked the viewer may work the item (canWorkApproval). */
export function addApprovalDocument(viewer: Viewer, at: { zoneId: number; projectId: number; approvalId: number }, file: EvidenceFile) {
  return addRecordFile(viewer, at, { approvalId: at.approvalId }, file);
}

/** The documents of a project's approval items, oldest first. */
export async function listApprovalDocuments(projectId: number): Promise<ApprovalDocument[]> {
  const rows = await getDb()
    .select({
      id: attachments.id,
      approvalId: attachments.approvalId,
      fileName: attachments.fileName,
      mimeType: attachments.mimeType,
      sizeBytes: attachments.sizeBytes,
    })
    .from(attachments)
    .where(and(eq(attachments.projectId, projectId), isNotNull(attachments.approvalId)))
    .orderBy(asc(attachments.uploadedAt), asc(attachments.id));
  return rows.map((r) => ({ ...r, approvalId: r.approvalId! }));
}

// ---------------------------------------------------------------------------------------------------------------
// Evidence of a policy benefit (政策兑现, issue 21): the same storage, checks and limits as evidence.

export type BenefitEvidence = { id: number; benefitId: number; fileName: string; mimeType: string; sizeBytes: number };

/** Stores a file of a benefit; the caller checked the viewer may record the project's benefits (canRecordBenefit). */
export function addBenefitEvidence(viewer: Viewer, at: { zoneId: number; projectId: number; benefitId: number }, file: EvidenceFile) {
  return addRecordFile(viewer, at, { benefitId: at.benefitId }, file);
}

/** The files of one benefit, oldest first. */
export async function listBenefitEvidence(benefitId: number): Promise<BenefitEvidence[]> {
  const rows = await getDb()
    .select({
      id: attachments.id,
      benefitId: attachments.benefitId,
      fileName: attachments.fileName,
      mimeType: attachments.mimeType,
      sizeBytes: attachments.sizeBytes,
    })
    .from(attachments)
    .where(eq(attachments.benefitId, benefitId))
    .orderBy(asc(attachments.uploadedAt), asc(attachments.id));
  return rows.map((r) => ({ ...r, benefitId: r.benefitId! }));
}
