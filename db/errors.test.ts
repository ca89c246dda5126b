import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { isUniqueViolation } from "./errors";

type Execute = (query: ReturnType<typeof sql>) => Promise<unknown>;

/** The error a driver, through drizzle, throws for a second row with the same key. */
async function duplicateKeyError(execute: Execute) {
  await execute(sql`create temp table dedupe_probe (k int constraint dedupe_probe_k_uq unique, j int constraint dedupe_probe_j_uq unique)`);
  await execute(sql`insert into dedupe_probe values (1, 1)`);
  return execute(sql`insert into dedupe_probe values (1, 2)`).then(
    () => expect.unreachable("the second insert was accepted"),
    (error: unknown) => error,
  );
}

describe("isUniqueViolation", () => {
  it("recognises PGlite's error as drizzle throws it, by the constraint's name", async () => {
    const client = new PGlite();
    try {
      const db = drizzlePglite(client);
      const error = await duplicateKeyError((q) => db.execute(q));
      expect(isUniqueViolation(error, "dedupe_probe_k_uq")).toBe(true);
      expect(isUniqueViolation(error, "dedupe_probe_j_uq")).toBe(false);
    } finally {
      await client.close();
    }
  }, 60_000); // starting PGlite takes seconds on a loaded machine

  it.runIf(process.env.DATABASE_URL)(
    "recognises postgres.js's error as drizzle throws it, by the constraint's name",
    async () => {
      const client = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      try {
        const db = drizzlePostgres(client);
        const error = await duplicateKeyError((q) => db.execute(q));
        expect(isUniqueViolation(error, "dedupe_probe_k_uq")).toBe(true);
        expect(isUniqueViolation(error, "dedupe_probe_j_uq")).toBe(false);
      } finally {
        await client.end();
      }
    },
    60_000,
  );

  // The shapes the drivers throw, for runs without PostgreSQL: postgres.js sets `constraint_name`, PGlite
  // `constraint`, and drizzle (0.44+) wraps either in an error of its own with the driver's as `cause`.
  const postgresJs = {
    code: "23505",
    constraint_name: "projects_zone_code_uq",
    message: 'duplicate key value violates unique constraint "projects_zone_code_uq"',
  };
  const pglite = {
    code: "23505",
    constraint: "projects_zone_code_uq",
    message: 'duplicate key value violates unique constraint "projects_zone_code_uq"',
  };
  const wrap = (cause: unknown) => Object.assign(new Error("Failed query: insert into …"), { cause });

  it.each([
    ["postgres.js, bare", postgresJs],
    ["PGlite, bare", pglite],
    ["postgres.js, wrapped by drizzle", wrap(postgresJs)],
    ["PGlite, wrapped by drizzle", wrap(pglite)],
    ["wrapped twice (a transaction rethrowing)", wrap(wrap(pglite))],
    ["named only in the message", wrap({ code: "23505", message: 'duplicate key value violates unique constraint "projects_zone_code_uq"' })],
  ])("finds the violation: %s", (_, error) => {
    expect(isUniqueViolation(error, "projects_zone_code_uq")).toBe(true);
  });

  it.each([
    ["another constraint", wrap({ ...postgresJs, constraint_name: "investors_zone_uscc_uq", message: '… "investors_zone_uscc_uq"' })],
    ["another error code naming the constraint", wrap({ code: "23503", constraint: "projects_zone_code_uq", message: "" })],
    ["no error at all", undefined],
    ["a string thrown", "projects_zone_code_uq"],
    [
      "a cause chain that loops",
      (() => {
        const e: { cause?: unknown } = {};
        e.cause = e;
        return e;
      })(),
    ],
  ])("is not fooled: %s", (_, error) => {
    expect(isUniqueViolation(error, "projects_zone_code_uq")).toBe(false);
  });
});
