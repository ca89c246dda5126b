// The 四比四看 scorecard's own SQL, timed: scorecard() called N times against DATABASE_URL (the bench data set,
// zone 1), median and p95 printed, plus scorecardMeasures alone for one period. No HTTP, no rendering.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench100k node --import tsx scripts/bench/scorecard-sql.ts [runs]
import { openDatabase, setDatabase } from "~db/index";
import { yearPeriod } from "~/lib/periods";
import { scorecard, scorecardMeasures } from "~/modules/reports/scorecard.server";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const runs = Number(process.argv[2] ?? 10);
const handle = await openDatabase({ url });
setDatabase(handle);
const zoneId = Number(process.env.ZONE_ID ?? 1);
const period = yearPeriod(Number(process.env.YEAR ?? 2026));

const time = async (label: string, fn: () => Promise<unknown>) => {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)].toFixed(1);
  console.log(`${label}: median ${at(0.5)} ms, p95 ${at(0.95)} ms, min ${ms[0].toFixed(1)} ms (${runs} runs)`);
};

await time("scorecard()", () => scorecard(zoneId, period, { basis: "owner", scope: "attraction" }));
await time("scorecardMeasures() one period", () => scorecardMeasures(zoneId, period, { basis: "owner", scope: "attraction" }));
await handle.close();
