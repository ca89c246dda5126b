// `npm run zone` against a temporary embedded database: the same createZone as the province admin's page.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { openDatabase } from "../../db/index";
import { cities, companies, users, zones } from "../../db/schema";
import { createReferenceZone } from "../support/factories";

const root = path.resolve(import.meta.dirname, "../..");

describe("npm run zone (embedded database)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-zone-cli-"));
  const dataDir = path.join(dir, "pglite");
  const run = promisify(execFile);
  const cli = async (argv: string[], password: string | undefined = "Zone-Cli-Pass-2026") => {
    try {
      const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", path.join(root, "scripts/zone.ts"), ...argv], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", ADMIN_PASSWORD: password ?? "" },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const inDb = async <T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>) => {
    const handle = await openDatabase({ dataDir });
    try {
      return await fn(handle.db);
    } finally {
      await handle.close();
    }
  };

  beforeAll(async () => {
    const handle = await openDatabase({ dataDir });
    await handle.migrate();
    await createReferenceZone(handle.db);
    await handle.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("creates a zone in its city, refuses the same code again with nothing changed, and lists both zones", async () => {
    const made = await cli(["create", "--code", "jzkfq", "--name", "晋中开发区", "--city", "晋中"]);
    expect(made.stderr).toBe("");
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/Created zone jzkfq \(id \d+\) with 18 companies; its admin signs in as jzkfq_admin\./);
    const zone = await inDb(async (db) => {
      const [z] = await db
        .select({ id: zones.id, city: cities.name })
        .from(zones)
        .innerJoin(cities, eq(cities.id, zones.cityId))
        .where(eq(zones.code, "jzkfq"));
      const [c] = await db.select({ n: count() }).from(companies).where(eq(companies.zoneId, z.id));
      const [admin] = await db.select({ role: users.role }).from(users).where(eq(users.login, "jzkfq_admin"));
      return { ...z, companies: c.n, adminRole: admin?.role };
    });
    expect(zone).toMatchObject({ city: "晋中", companies: 19, adminRole: "admin" });

    const again = await cli(["create", "--code", "jzkfq", "--name", "晋中开发区二"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('a zone with code "jzkfq" exists already: nothing was changed');
    expect(await inDb(async (db) => (await db.select({ n: count() }).from(zones))[0].n)).toBe(2);

    const list = await cli(["list"], undefined);
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.startsWith("jzkfq\t"))).toMatch(/^jzkfq\t晋中开发区\t晋中\t18 companies\t1 users\t\d{4}-\d\d-\d\d\tjzkfq_admin$/);
  }, 180_000);

  it("refuses without ADMIN_PASSWORD or with an unknown city, before touching the database", async () => {
    const noPassword = await cli(["create", "--code", "ycq", "--name", "运城开发区"], "");
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain("Set ADMIN_PASSWORD");
    const badCity = await cli(["create", "--code", "ycq", "--name", "运城开发区", "--city", "北京"]);
    expect(badCity.code).toBe(2);
    expect(badCity.stderr).toContain('Unknown city "北京"');
    expect(await inDb(async (db) => db.select().from(zones).where(eq(zones.code, "ycq")))).toEqual([]);
  }, 120_000);
});
