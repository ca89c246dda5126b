// Files of an activity (issue 19): visit photos, minutes and business cards stored with the evidence's checks and
// written in the activity's own transaction, so that a refused file or a failed save leaves nothing behind.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activities, attachments, auditLog } from "../../db/schema";
import type { StoredActivityFile } from "../../app/modules/attachments/attachments.server";
import {
  discardActivityFiles,
  insertActivityFiles,
  listActivityFiles,
  listEvidence,
  openEvidence,
  storeActivityFile,
} from "../../app/modules/attachments/attachments.server";
import { EVIDENCE_MAX_BYTES } from "../../app/modules/attachments/attachments.schema";
import type { Viewer } from "../../app/modules/auth/policy";
import { logActivity } from "../../app/modules/projects/project-activities.server";
import { listProjectChanges } from "../../app/modules/projects/project-history.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { samplePdf, samplePng, sha256 } from "../support/evidence";
import { createOtherZone, createProject, createReferenceZone, createTwoCompanies, createUser } from "../support/factories";

const filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-activity-files-"));
const savedFilesDir = process.env.FILES_DIR;
afterAll(() => {
  if (savedFilesDir === undefined) delete process.env.FILES_DIR;
  else process.env.FILES_DIR = savedFilesDir;
  fs.rmSync(filesRoot, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

const visit = (summary: string) => ({
  kind: "visit" as const,
  occurredOn: "2026-11-20",
  summary,
  userIds: [],
  contactIds: [],
  reviewOutcome: null,
  nextAction: null,
  nextActionDueOn: null,
  replaceIds: [],
  keepNextActions: false,
  terms: [],
});

describe.each(databaseKinds())("activity files (%s)", (kind) => {
  let db: TestDatabase;
  let filesDir: string;
  let world: Awaited<ReturnType<typeof buildWorld>>;

  async function buildWorld() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const project = await createProject(db.db, {
      zoneId: ref.zoneId,
      clusterId: ref.clusters[0].id,
      companyId: a.company.id,
      ownerId: a.staff1.id,
      stage: "contacted",
    });
    const otherZone = await createOtherZone(db.db);
    const other = await createUser(db.db, { zoneId: otherZone.zoneId, companyId: null, role: "leader" });
    return { ref, a, b, project, other };
  }

  const activitiesOf = (projectId: number) => db.db.select().from(activities).where(eq(activities.projectId, projectId));

  async function store(fileName: string, data: Uint8Array): Promise<StoredActivityFile> {
    const outcome = await storeActivityFile({ fileName, data });
    if (!("stored" in outcome)) throw new Error(`refused: ${outcome.refused}`);
    return outcome.stored;
  }

  beforeAll(async () => {
    filesDir = path.join(filesRoot, kind);
    process.env.FILES_DIR = filesDir;
    db = await openTestDatabase(kind);
    world = await buildWorld();
  });
  afterAll(() => db?.dispose());

  it("a visit is logged with a photo and scanned minutes; both are listed under it and served to the project's viewers only", async () => {
    const { a, b, project } = world;
    const photo = samplePng(16, 12);
    const minutes = samplePdf("Minutes of the visit");
    const files = [await store("IMG_2026.png", photo), await store("会谈纪要.pdf", minutes)];
    const logged = await logActivity(a.staff1, project.id, visit("拜访投资方总部，交换名片"), (tx, at) =>
      insertActivityFiles(tx, a.staff1, at, files),
    );
    if (logged.kind !== "ok") throw new Error(`not logged: ${JSON.stringify(logged)}`);

    const listed = await listActivityFiles(a.staff2, project.id);
    expect(listed.map((f) => [f.activityId, f.fileName, f.mimeType, f.sizeBytes])).toEqual([
      [logged.value.id, "IMG_2026.png", "image/png", photo.byteLength],
      [logged.value.id, "会谈纪要.pdf", "application/pdf", minutes.byteLength],
    ]);
    // Not milestone evidence: the evidence panel and the evidenced-milestone reports do not count them.
    expect(await listEvidence(a.staff1, project.id)).toEqual([]);
    const rows = await db.db.select().from(attachments).where(eq(attachments.activityId, logged.value.id));
    expect(rows.map((r) => [r.stage, r.sha256])).toEqual([
      [null, sha256(photo)],
      [null, sha256(minutes)],
    ]);

    // Served through the evidence route's query: the project's company yes; another company and another zone not.
    expect(await openEvidence(a.staff2, listed[0].id)).toMatchObject({ mimeType: "image/png", sizeBytes: photo.byteLength });
    expect(await openEvidence(b.staff1, listed[0].id)).toBeUndefined();
    expect(await listActivityFiles(b.staff1, project.id)).toEqual([]);
    const outsider: Viewer = { id: world.other.id, zoneId: world.other.zoneId, companyId: null, role: "leader" };
    expect(await openEvidence(outsider, listed[0].id)).toBeUndefined();
  });

  it("a visit logged with a photo is one event in the change history; the audit log keeps the file's row", async () => {
    const { a, project } = world;
    const before = (await listProjectChanges(project.id)).length;
    const files = [await store("合影.png", samplePng())];
    const logged = await logActivity(a.staff1, project.id, visit("现场拜访并合影"), (tx, at) => insertActivityFiles(tx, a.staff1, at, files));
    if (logged.kind !== "ok") throw new Error(`not logged: ${JSON.stringify(logged)}`);
    const changes = await listProjectChanges(project.id);
    expect(changes.length).toBe(before + 1);
    expect([changes[0].entity, changes[0].action, changes[0].entityId]).toEqual(["activity", "create", logged.value.id]);
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "attachment"), sql`${auditLog.after} ->> 'activityId' = ${String(logged.value.id)}`));
    expect(audits.map((r) => [r.action, (r.after as { fileName: string }).fileName])).toEqual([["create", "合影.png"]]);
  });

  it("a refused save writes no activity and no file row, and the stored files are deleted again", async () => {
    const { a, project } = world;
    const before = { activities: (await activitiesOf(project.id)).length, files: filesUnder(filesDir).length };
    const files = [await store("现场.png", samplePng())];
    expect(filesUnder(filesDir).length).toBe(before.files + 1);
    // A participant of another company: logActivity refuses before its transaction.
    const refused = await logActivity(a.staff1, project.id, { ...visit("不应保存"), userIds: [world.b.staff1.id] }, (tx, at) =>
      insertActivityFiles(tx, a.staff1, at, files),
    );
    expect(refused).toMatchObject({ kind: "invalid" });
    await discardActivityFiles(files);
    // A failure inside the transaction (the file rows cannot be written) rolls the activity back too.
    const more = [await store("现场2.png", samplePng())];
    await expect(
      logActivity(a.staff1, project.id, visit("也不应保存"), async (tx, at) => {
        await insertActivityFiles(tx, a.staff1, at, more);
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    await discardActivityFiles(more);
    expect((await activitiesOf(project.id)).length).toBe(before.activities);
    expect(filesUnder(filesDir).length).toBe(before.files);
    expect(
      (await db.db.select().from(attachments).where(eq(attachments.projectId, project.id))).filter((r) => r.fileName.startsWith("现场")),
    ).toEqual([]);
  });

  it("refuses a zero-byte file, a file over 20 MB (reading no further), a renamed program, and a name of only control characters", async () => {
    const before = filesUnder(filesDir).length;
    expect(await storeActivityFile({ fileName: "名片.jpg", data: Buffer.alloc(0) })).toEqual({ refused: "empty", fileName: "名片.jpg" });

    const big = Buffer.alloc(EVIDENCE_MAX_BYTES + 1024 * 1024);
    samplePng().copy(big);
    let read = 0;
    async function* chunks() {
      for (let at = 0; at < big.byteLength; at += 1024 * 1024) {
        read += 1024 * 1024;
        yield big.subarray(at, at + 1024 * 1024);
      }
    }
    expect(await storeActivityFile({ fileName: "huge.png", data: chunks() })).toEqual({ refused: "tooLarge", fileName: "huge.png" });
    expect(read).toBeLessThanOrEqual(EVIDENCE_MAX_BYTES + 1024 * 1024);

    const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00", "latin1"), Buffer.alloc(8000)]);
    expect(await storeActivityFile({ fileName: "纪要.pdf", data: exe })).toEqual({ refused: "type", fileName: "纪要.pdf" });
    expect(await storeActivityFile({ fileName: "\u0000\u0000\u202e", data: samplePng() })).toEqual({ refused: "noFile", fileName: "" });
    // Nothing of the refused files was kept, not even in the temporary folder.
    expect(filesUnder(filesDir).length).toBe(before);
  });

  it("a NUL byte and a right-to-left override in a file name are taken out of the stored name", async () => {
    const stored = await store("card\u0000.png\u202e.exe", samplePng());
    expect(stored.fileName).toBe("card.png.exe");
    await discardActivityFiles([stored]);
  });
});
