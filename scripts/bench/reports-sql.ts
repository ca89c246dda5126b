// The 三个一批 year report's and the scorecard's own SQL (and the scorecard's measures for one period alone), timed as scripts/bench/targets.ts calls them: N runs each
// against DATABASE_URL (zone 1, this year), median and p95 printed. No HTTP, no rendering.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench100k node --import tsx scripts/bench/reports-sql.ts [runs]
import { openDatabase, setDatabase } from "~db/index";
import { todayInZone, yearOf } from "~/lib/dates";
import { scorecard, scorecardMeasures } from "~/modules/reports/scorecard.server";
import { threeBatchesReport } from "~/modules/reports/three-batches.server";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const runs = Number(process.argv[2] ?? 20);
const handle = await openDatabase({ url });
setDatabase(handle);
const zoneId = Number(process.env.ZONE_ID ?? 1);
const year = Number(process.env.YEAR ?? yearOf(todayInZone()));
const from = `${year}-01-01`;
const to = `${year}-12-31`;

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

await time("三个一批 year report", () => threeBatchesReport(zoneId, { from, to, basis: "owner", evidenceOnly: false }));
await time("三个一批 year report, first contact, evidenced", () =>
  threeBatchesReport(zoneId, { from, to, basis: "firstContact", evidenceOnly: true }),
);
await time("scorecard year", () => scorecard(zoneId, { kind: "year", from, to }, { basis: "owner", scope: "attraction" }));
await time("scorecard measures, the year alone", () => scorecardMeasures(zoneId, { from, to }, { basis: "owner", scope: "attraction" }));
await handle.close();
