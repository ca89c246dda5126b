// The session settings the app's PostgreSQL client sets at connect (db/index.ts): every statement planned for its
// parameters (plan_cache_mode), and parallel workers only for statements that pay for their start
// (parallel_setup_cost, DB_PARALLEL_SETUP_COST; docs/benchmarks.md, 2026-12-07). PostgreSQL only: PGlite runs no
// parallel workers and takes no startup parameters.
import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/index";
import { openDatabase, parallelSetupCost } from "../../db/index";

describe("parallelSetupCost", () => {
  it("is 10000 unless DB_PARALLEL_SETUP_COST says otherwise; nonsense falls back to 10000", () => {
    expect(parallelSetupCost({})).toBe("10000");
    expect(parallelSetupCost({ DB_PARALLEL_SETUP_COST: "1000" })).toBe("1000");
    expect(parallelSetupCost({ DB_PARALLEL_SETUP_COST: "0" })).toBe("0");
    expect(parallelSetupCost({ DB_PARALLEL_SETUP_COST: "-5" })).toBe("10000");
    expect(parallelSetupCost({ DB_PARALLEL_SETUP_COST: "lots" })).toBe("10000");
  });
});

describe.skipIf(!process.env.DATABASE_URL)("the app's PostgreSQL sessions", () => {
  let handle: DatabaseHandle | undefined;
  const saved = process.env.DB_PARALLEL_SETUP_COST;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
    if (saved === undefined) delete process.env.DB_PARALLEL_SETUP_COST;
    else process.env.DB_PARALLEL_SETUP_COST = saved;
  });
  const show = async (name: string) => (await handle!.query<Record<string, string>>(`show ${name}`))[0][name];

  it("plan every statement for its parameters and start parallel workers only past a setup cost of 10000", async () => {
    delete process.env.DB_PARALLEL_SETUP_COST;
    handle = await openDatabase({ url: process.env.DATABASE_URL });
    expect(await show("plan_cache_mode")).toBe("force_custom_plan");
    expect(await show("parallel_setup_cost")).toBe("10000");
  });

  it("take DB_PARALLEL_SETUP_COST", async () => {
    process.env.DB_PARALLEL_SETUP_COST = "2500";
    handle = await openDatabase({ url: process.env.DATABASE_URL });
    expect(await show("parallel_setup_cost")).toBe("2500");
  });
});
