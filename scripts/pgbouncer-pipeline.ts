// node --import tsx scripts/pgbouncer-pipeline.ts <url> [rounds]: does a query postgres.js pipelines behind another
// get its answer? Behind PgBouncer 1.18 in transaction mode (`npm run cluster`'s, its URL printed by `up`) it does
// not: a parameterless query and a parameterised one sent together on one connection, and the second waits for
// ever (decision 040). Tries the client as postgres.js builds it by default (max_pipeline 100), with
// max_pipeline 1, and as the app builds it with DB_PIPELINE=0 (max_pipeline 0, transactions on a reserved
// connection), each with one connection (and two where said); a round that takes more than 2 s counts as hung and ends that client.
import { sql as drizzleSql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { clientOptions, preparing } from "../db/index";

const url = process.argv[2];
const rounds = Number(process.argv[3] ?? 50);
if (!url) {
  console.error("usage: node --import tsx scripts/pgbouncer-pipeline.ts <postgres url> [rounds]");
  process.exit(2);
}

const hang = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms));

// max_pipeline is an option postgres.js reads but does not declare in its types.
async function trial(name: string, options: Record<string, unknown>, pipeline: boolean) {
  const client = postgres(url, { max: 1, prepare: false, onnotice: () => {}, ...options } as postgres.Options<Record<string, never>>);
  const db = drizzle(preparing(client, { prepare: false, pipeline }));
  let answered = 0;
  let failure = "";
  for (let i = 0; i < rounds && !failure; i++) {
    try {
      await Promise.race([
        Promise.all([
          client.unsafe("select pg_sleep(0.01)"),
          client.unsafe("select $1::int as x", [i]),
          db.transaction(async (tx) => {
            await tx.execute(drizzleSql`select ${i}::int as y`);
            await tx.transaction(async (inner) => inner.execute(drizzleSql`select 1`));
          }),
        ]),
        hang(2_000),
      ]);
      answered++;
    } catch (error) {
      failure = `round ${i + 1}: ${(error as Error).message}`;
    }
  }
  console.log(`${name}: ${answered}/${rounds} rounds answered${failure ? `; ${failure}` : ""}`);
  await client.end({ timeout: 0 });
}

await trial("postgres.js default (max_pipeline 100)", {}, true);
await trial("max_pipeline 1", { max_pipeline: 1 }, true);
// With two connections: postgres.js lets a BEGIN through on any connection when max is 1.
await trial("max_pipeline 0 with postgres.js's begin(), 2 connections", { max_pipeline: 0, max: 2 }, true);
await trial("DB_PIPELINE=0 (max_pipeline 0, reserved transactions)", clientOptions({ pipeline: false }), false);
await trial("DB_PIPELINE=0, 2 connections", { ...clientOptions({ pipeline: false }), max: 2 }, false);
process.exit(0);
