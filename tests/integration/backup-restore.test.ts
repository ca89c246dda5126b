// npm run backup / npm run restore on each database: a round trip gives back every table, row for row; a restore
// over a database with tables is refused unless --force (issue 9).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/index";
import { createScratchPostgresDatabase, databaseKinds } from "../support/db";
import { tableFingerprints } from "../support/fingerprint";
import { prepareWorld } from "../support/world";

const run = promisify(execFile);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-backup-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Place = { url?: string; dataDir: string };
const envOf = (place: Place) => ({ ...process.env, DATABASE_URL: place.url ?? "", DATA_DIR: place.dataDir });
const npmRun = (script: "backup" | "restore", place: Place, args: string[]) =>
  run(process.execPath, ["--import", "tsx", path.join(root, `scripts/${script}.ts`), ...args], { cwd: root, env: envOf(place) });

async function fingerprintsOf(place: Place) {
  const handle = await openDatabase({ url: place.url, dataDir: place.dataDir });
  try {
    return await tableFingerprints(handle);
  } finally {
    await handle.close();
  }
}

describe.each(databaseKinds())("backup and restore (%s)", (kind) => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  async function newPlace(name: string): Promise<Place> {
    if (kind === "postgres") {
      const scratch = await createScratchPostgresDatabase();
      drops.push(scratch.drop);
      return { url: scratch.url, dataDir: path.join(tmp, `${kind}-${name}-unused`) };
    }
    return { dataDir: path.join(tmp, `${kind}-${name}`, "pglite") };
  }

  it("gives back every table row for row, and refuses to restore over data unless forced", async () => {
    const source = await newPlace("source");
    const handle = await openDatabase({ url: source.url, dataDir: source.dataDir });
    await handle.migrate();
    await prepareWorld(handle.db, { demoProjects: 40 });
    await handle.close();
    const before = await fingerprintsOf(source);
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(before.projects.rows).toBeGreaterThan(40);
    expect(before.audit_log).toBeDefined();

    const file = path.join(tmp, `${kind}.backup`);
    await npmRun("backup", source, ["--out", file]);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);

    const target = await newPlace("target");
    const restored = await npmRun("restore", target, ["--in", file]);
    expect(restored.stdout).toContain("Restored from");
    expect(await fingerprintsOf(target)).toEqual(before);

    // Again over the restored data: refused without --force, nothing touched.
    const refused = await npmRun("restore", target, ["--in", file]).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 3 });
    expect((refused as { stderr: string }).stderr).toContain("--force");
    await npmRun("restore", target, ["--in", file, "--force"]);
    const after = await fingerprintsOf(target);
    expect(after).toEqual(before);
    // The audit log stays append-only after a restore.
    const check = await openDatabase({ url: target.url, dataDir: target.dataDir });
    await check.query("insert into audit_log (entity, entity_id, action) values ('auth', 0, 'restore_check')");
    await expect(check.query("delete from audit_log")).rejects.toThrow(/append-only/);
    await expect(check.query("truncate audit_log")).rejects.toThrow(/append-only/);
    await check.close();
  }, 240_000);
});
