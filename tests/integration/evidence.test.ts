import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachments, auditLog, projectApprovals } from "../../db/schema";
import type { Viewer } from "../../app/modules/auth/policy";
import {
  addApprovalDocument,
  addEvidence,
  listApprovalDocuments,
  listEvidence,
  milestonesWithEvidence,
  openEvidence,
  removeEvidence,
} from "../../app/modules/attachments/attachments.server";
import { EVIDENCE_MAX_BYTES } from "../../app/modules/attachments/attachments.schema";
import { fileStorage } from "../../app/modules/attachments/storage.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createEvidence, samplePdf, samplePng, sha256 } from "../support/evidence";
import { createProject, createReferenceZone, createTwoCompanies } from "../support/factories";

const filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-evidence-"));
const savedFilesDir = process.env.FILES_DIR;
afterAll(() => {
  if (savedFilesDir === undefined) delete process.env.FILES_DIR;
  else process.env.FILES_DIR = savedFilesDir;
  fs.rmSync(filesRoot, { recursive: true, force: true });
});

/** Every file under the folder, the temporary ones included. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** Yields the bytes in chunks, the way a request body arrives, and counts how far it was read. */
function chunked(bytes: Uint8Array, size = 64 * 1024) {
  const progress = { read: 0 };
  async function* stream() {
    for (let at = 0; at < bytes.byteLength; at += size) {
      const chunk = bytes.subarray(at, at + size);
      progress.read += chunk.byteLength;
      yield chunk;
    }
  }
  return { stream: stream(), progress };
}

async function readAll(stream: AsyncIterable<Uint8Array>) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe.each(databaseKinds())("milestone evidence (%s)", (kind) => {
  let db: TestDatabase;
  let world: Awaited<ReturnType<typeof buildWorld>>;
  let filesDir: string;

  async function buildWorld() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const cluster = ref.clusters[0].id;
    const leader: Viewer = { id: ref.leaderId, zoneId: ref.zoneId, companyId: ref.committeeId, role: "leader" };
    const base = { zoneId: ref.zoneId, clusterId: cluster };
    const project = await createProject(db.db, { ...base, companyId: a.company.id, ownerId: a.staff1.id, stage: "evaluating" });
    return { ref, a, b, leader, base, project };
  }

  const rowsOf = (projectId: number) => db.db.select().from(attachments).where(eq(attachments.projectId, projectId));

  beforeAll(async () => {
    filesDir = path.join(filesRoot, kind);
    process.env.FILES_DIR = filesDir;
    db = await openTestDatabase(kind);
    world = await buildWorld();
  });
  afterAll(() => db?.dispose());

  it("staff attach the signed agreement (PDF) and a site photo (PNG) to their project, stored with their sha256", async () => {
    const { a, project } = world;
    const pdf = samplePdf();
    const png = samplePng();
    const agreement = await addEvidence(a.staff1, project.id, "signed", { fileName: "投资协议（签字版）.pdf", data: pdf });
    const photo = await addEvidence(a.staff1, project.id, "construction", { fileName: "C:\\photos\\site.png", data: chunked(png, 7).stream });
    expect(agreement).toMatchObject({
      kind: "ok",
      value: { attachment: { stage: "signed", mimeType: "application/pdf", sizeBytes: pdf.byteLength } },
    });
    expect(photo).toMatchObject({ kind: "ok", value: { attachment: { stage: "construction", mimeType: "image/png", fileName: "site.png" } } });
    if (agreement.kind !== "ok" || photo.kind !== "ok") throw new Error("upload refused");

    const [row] = await db.db.select().from(attachments).where(eq(attachments.id, agreement.value.attachment.id));
    expect(row).toMatchObject({ projectId: project.id, fileName: "投资协议（签字版）.pdf", sha256: sha256(pdf), uploadedById: a.staff1.id });
    // The key is random, never the user's file name.
    expect(row.storageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}$/);
    const stored = await fileStorage().get(row.storageKey);
    expect(Buffer.compare(await readAll(stored!), pdf)).toBe(0);
    expect(photo.value.attachment.sha256).toBe(sha256(png));

    const audit = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "attachment"), eq(auditLog.entityId, row.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "create", actorId: a.staff1.id, after: { sha256: sha256(pdf), stage: "signed" } });

    const listed = await listEvidence(a.staff1, project.id);
    expect(listed.map((e) => [e.stage, e.fileName, e.uploaderName, e.canRemove])).toEqual([
      ["construction", "site.png", a.staff1.displayName, true],
      ["signed", "投资协议（签字版）.pdf", a.staff1.displayName, true],
    ]);
    // The colleague sees them but may not remove them; another company sees nothing.
    expect((await listEvidence(a.staff2, project.id)).map((e) => e.canRemove)).toEqual([false, false]);
    expect(await listEvidence(world.b.staff1, project.id)).toEqual([]);
  });

  it("stores a file name without its right-to-left override or other bidi and control characters", async () => {
    const { a, project } = world;
    const added = await addEvidence(a.staff1, project.id, "signed", { fileName: "x\u202Etxt.exe.pdf\u2066\u200F\u0085", data: samplePdf() });
    if (added.kind !== "ok") throw new Error("upload refused");
    const [row] = await db.db.select({ fileName: attachments.fileName }).from(attachments).where(eq(attachments.id, added.value.attachment.id));
    expect(row.fileName).toBe("xtxt.exe.pdf");
  });

  it("a text file renamed .pdf and a renamed .exe are refused by their content, and nothing is kept", async () => {
    const { a, project } = world;
    const before = filesUnder(filesDir);
    const rows = (await rowsOf(project.id)).length;
    const text = Buffer.from("这不是PDF，只是改了扩展名的文本文件。\n".repeat(50));
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00", "latin1"), Buffer.alloc(64 * 1024)]);
    expect(await addEvidence(a.staff1, project.id, "signed", { fileName: "协议.pdf", data: text })).toEqual({
      kind: "invalid",
      fieldErrors: { file: "evidence.error.type" },
    });
    const renamed = chunked(exe, 1024);
    expect(await addEvidence(a.staff1, project.id, "signed", { fileName: "协议.pdf", data: renamed.stream })).toEqual({
      kind: "invalid",
      fieldErrors: { file: "evidence.error.type" },
    });
    // Refused on its first bytes: the rest was never read.
    expect(renamed.progress.read).toBeLessThan(exe.byteLength);
    expect(await addEvidence(a.staff1, project.id, "signed", { fileName: "empty.pdf", data: Buffer.alloc(0) })).toEqual({
      kind: "invalid",
      fieldErrors: { file: "evidence.error.noFile" },
    });
    expect((await rowsOf(project.id)).length).toBe(rows);
    expect(filesUnder(filesDir)).toEqual(before);
  });

  it("a file over 20 MB is refused while it streams in, leaving no row and no file; exactly 20 MB is accepted", async () => {
    const { a, project } = world;
    const before = filesUnder(filesDir);
    const rows = (await rowsOf(project.id)).length;
    const big = Buffer.alloc(EVIDENCE_MAX_BYTES + 1024 * 1024);
    samplePdf().copy(big);
    const upload = chunked(big, 1024 * 1024);
    expect(await addEvidence(a.staff1, project.id, "signed", { fileName: "scan.pdf", data: upload.stream })).toEqual({
      kind: "invalid",
      fieldErrors: { file: "evidence.error.tooLarge" },
      params: { file: { max: "20" } },
    });
    expect(upload.progress.read).toBe(EVIDENCE_MAX_BYTES + 1024 * 1024); // stopped at the first chunk beyond the limit
    expect((await rowsOf(project.id)).length).toBe(rows);
    expect(filesUnder(filesDir)).toEqual(before);

    const exact = await addEvidence(a.staff1, project.id, "signed", { fileName: "scan.pdf", data: big.subarray(0, EVIDENCE_MAX_BYTES) });
    expect(exact).toMatchObject({ kind: "ok", value: { attachment: { sizeBytes: EVIDENCE_MAX_BYTES } } });
    if (exact.kind === "ok") expect((await removeEvidence(a.staff1, project.id, exact.value.attachment.id)).kind).toBe("ok");
  });

  it("only those who may edit the project upload: not a colleague who may only read it, a leader or another company", async () => {
    const { a, b, leader, project } = world;
    const before = filesUnder(filesDir);
    const file = () => ({ fileName: "协议.pdf", data: samplePdf() });
    expect(await addEvidence(a.staff2, project.id, "signed", file())).toEqual({ kind: "forbidden" });
    expect(await addEvidence(leader, project.id, "signed", file())).toEqual({ kind: "forbidden" });
    expect(await addEvidence(b.manager, project.id, "signed", file())).toEqual({ kind: "notFound" });
    expect(await addEvidence(a.staff1, 2_000_000_000, "signed", file())).toEqual({ kind: "notFound" });
    // Only the four milestones carry evidence.
    expect(await addEvidence(a.staff1, project.id, "negotiating", file())).toEqual({
      kind: "invalid",
      fieldErrors: { stage: "evidence.error.stage" },
    });
    expect(await addEvidence(a.staff1, project.id, null, file())).toEqual({ kind: "invalid", fieldErrors: { stage: "evidence.error.stage" } });
    // The company's manager may.
    expect(await addEvidence(a.manager, project.id, "registered", { fileName: "营业执照.png", data: samplePng() })).toMatchObject({ kind: "ok" });
    expect(filesUnder(filesDir).length).toBe(before.length + 1);
  });

  it("a failed database write removes the file it had stored", async () => {
    const { a, project } = world;
    const before = filesUnder(filesDir);
    // A manager of the right company who is not in the users table: the insert fails on its foreign key.
    const ghost: Viewer = { id: 2_000_000_000, zoneId: a.manager.zoneId, companyId: a.company.id, role: "manager" };
    await expect(addEvidence(ghost, project.id, "signed", { fileName: "x.pdf", data: samplePdf() })).rejects.toThrow();
    expect(filesUnder(filesDir)).toEqual(before);
  });

  it("the uploader or the company's manager removes evidence, with an audit row; a colleague cannot", async () => {
    const { a, project } = world;
    const added = await addEvidence(a.staff1, project.id, "production", { fileName: "投产.png", data: samplePng() });
    if (added.kind !== "ok") throw new Error("upload refused");
    const [row] = await db.db.select().from(attachments).where(eq(attachments.id, added.value.attachment.id));
    expect(await removeEvidence(a.staff2, project.id, row.id)).toEqual({ kind: "forbidden" });
    expect(await removeEvidence(world.b.manager, project.id, row.id)).toEqual({ kind: "notFound" });
    expect(await removeEvidence(a.manager, project.id, row.id)).toEqual({ kind: "ok", value: { fileName: "投产.png" } });
    expect(await db.db.select().from(attachments).where(eq(attachments.id, row.id))).toEqual([]);
    expect(await fileStorage().get(row.storageKey)).toBeUndefined();
    const [audit] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "attachment"), eq(auditLog.entityId, row.id), eq(auditLog.action, "delete")));
    expect(audit).toMatchObject({ actorId: a.manager.id, before: { fileName: "投产.png", sha256: row.sha256 } });
  });

  it("serves a file only to those who may see its project", async () => {
    const { a, b, leader, project } = world;
    const [row] = await rowsOf(project.id);
    const seen = await openEvidence(leader, row.id);
    expect(seen).toMatchObject({ fileName: row.fileName, mimeType: row.mimeType, sha256: row.sha256 });
    expect(sha256(await readAll((await seen!.body())!))).toBe(row.sha256);
    expect(await openEvidence(a.staff2, row.id)).toBeDefined();
    expect(await openEvidence(b.staff1, row.id)).toBeUndefined();
    expect(await openEvidence(b.manager, row.id)).toBeUndefined();
  });

  it("tells reports which milestones carry evidence, by project or by zone and period", async () => {
    const { a, b, leader, base, ref } = world;
    const signedMarch = await createProject(db.db, {
      ...base,
      companyId: a.company.id,
      ownerId: a.staff1.id,
      stage: "construction",
      signedOn: "2026-03-10",
      constructionOn: "2026-05-02",
    });
    const signedJune = await createProject(db.db, {
      ...base,
      companyId: b.company.id,
      ownerId: b.staff1.id,
      stage: "signed",
      signedOn: "2026-06-01",
    });
    const claimedOnly = await createProject(db.db, {
      ...base,
      companyId: a.company.id,
      ownerId: a.staff1.id,
      stage: "signed",
      signedOn: "2026-03-20",
    });
    await createEvidence(db.db, { projectId: signedMarch.id, uploadedById: a.staff1.id, stage: "signed" });
    await createEvidence(db.db, { projectId: signedMarch.id, uploadedById: a.staff1.id, stage: "signed" });
    await createEvidence(db.db, { projectId: signedMarch.id, uploadedById: a.staff1.id, stage: "construction", mimeType: "image/png" });
    await createEvidence(db.db, { projectId: signedJune.id, uploadedById: b.staff1.id, stage: "signed" });
    // Attached ahead of the move to registration: evidence without a reached milestone.
    await createEvidence(db.db, { projectId: signedJune.id, uploadedById: b.staff1.id, stage: "registered" });

    const ids = [signedMarch.id, signedJune.id, claimedOnly.id];
    expect(await milestonesWithEvidence(leader, { projectIds: ids })).toEqual([
      { projectId: signedMarch.id, stage: "signed", on: "2026-03-10", files: 2 },
      { projectId: signedMarch.id, stage: "construction", on: "2026-05-02", files: 1 },
      { projectId: signedJune.id, stage: "signed", on: "2026-06-01", files: 1 },
      { projectId: signedJune.id, stage: "registered", on: null, files: 1 },
    ]);
    // A period counts milestones reached in it: March–May has one evidenced signing and one construction start,
    // while the other March signing is claimed without evidence.
    expect(await milestonesWithEvidence(leader, { zoneId: ref.zoneId, from: "2026-03-01", to: "2026-05-31" })).toEqual([
      { projectId: signedMarch.id, stage: "signed", on: "2026-03-10", files: 2 },
      { projectId: signedMarch.id, stage: "construction", on: "2026-05-02", files: 1 },
    ]);
    // Within the viewer's scope: company B's staff see only B's projects; another zone's id finds nothing.
    expect((await milestonesWithEvidence(b.staff1, { projectIds: ids })).map((m) => m.projectId)).toEqual([signedJune.id, signedJune.id]);
    expect(await milestonesWithEvidence(leader, { zoneId: ref.zoneId + 999, from: "2026-01-01", to: "2026-12-31" })).toEqual([]);
    expect(await milestonesWithEvidence(leader, { projectIds: [] })).toEqual([]);
  });

  it("an approval item's document is stored like evidence, listed with its item, audited; a text file renamed .pdf is refused", async () => {
    const { a, ref, project } = world;
    const [item] = await db.db
      .insert(projectApprovals)
      .values({ projectId: project.id, name: "环评", authority: "市生态环境局", allowedDays: 30 })
      .returning({ id: projectApprovals.id });
    const at = { zoneId: ref.zoneId, projectId: project.id, approvalId: item.id };
    const pdf = samplePdf();
    expect(await addApprovalDocument(a.staff1, at, { fileName: "环评批复.pdf", data: pdf })).toEqual({
      kind: "ok",
      value: { fileName: "环评批复.pdf" },
    });
    const docs = await listApprovalDocuments(project.id);
    expect(docs).toEqual([
      expect.objectContaining({ approvalId: item.id, fileName: "环评批复.pdf", mimeType: "application/pdf", sizeBytes: pdf.byteLength }),
    ]);
    // Not a milestone's evidence: the stage lists do not show it.
    expect((await listEvidence(a.staff1, project.id)).map((e) => e.fileName)).not.toContain("环评批复.pdf");
    const [row] = await db.db.select().from(attachments).where(eq(attachments.id, docs[0].id));
    expect(row).toMatchObject({ approvalId: item.id, benefitId: null, stage: null, sha256: sha256(pdf), uploadedById: a.staff1.id });
    const audited = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "attachment"), eq(auditLog.entityId, docs[0].id), eq(auditLog.action, "create")));
    expect(audited).toHaveLength(1);

    const before = filesUnder(filesDir).length;
    const text = Buffer.from("这不是PDF，只是改了扩展名的文本文件");
    expect(await addApprovalDocument(a.staff1, at, { fileName: "批复.pdf", data: text })).toEqual({
      kind: "invalid",
      fieldErrors: { file: "evidence.error.type" },
    });
    expect(await listApprovalDocuments(project.id)).toHaveLength(1);
    expect(filesUnder(filesDir).length).toBe(before);
  });
});
