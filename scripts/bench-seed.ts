// npm run bench:seed [-- --projects 100000 --seed 1 --force]: the benchmark's province-scale zone in DATABASE_URL.
// npm run bench:seed -- --zones 88 [--largest 20000 --activities 2 --force]: the province, 88 zones (the largest
// 20,000 projects, 1,012,000 in all), the first zone `demo`, the rest made by createZone; run again with a larger
// --zones it adds the zones the database lacks (how the growth at 1, 11, 44, 88 zones is measured).
import { parseArgs } from "node:util";
import { seedBenchDatabase, seedProvinceBench } from "./bench/seed";

const { values } = parseArgs({
  options: {
    projects: { type: "string", default: "100000" },
    zones: { type: "string" },
    largest: { type: "string", default: "20000" },
    activities: { type: "string", default: "2" },
    seed: { type: "string", default: "1" },
    force: { type: "boolean", default: false },
  },
});

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("bench:seed needs DATABASE_URL (a PostgreSQL database; the embedded PGlite is not for benchmarks).");
  process.exit(1);
}
const whole = (name: string, value: string, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be a whole number ≥ ${min}`);
    process.exit(1);
  }
  return n;
};
const started = Date.now();
try {
  if (values.zones !== undefined) {
    const { counts, logins } = await seedProvinceBench(url, {
      zones: whole("zones", values.zones, 1),
      largest: whole("largest", values.largest, 3000),
      activitiesPerProject: whole("activities", values.activities, 1),
      seed: Number(values.seed),
      force: values.force,
    });
    console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s:`, counts);
    console.log("bench logins:", { ...logins, province: "province" });
  } else {
    const projects = whole("projects", values.projects, 1000);
    const { counts, logins } = await seedBenchDatabase(url, { projects, seed: Number(values.seed), force: values.force });
    console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s:`, counts);
    console.log("bench logins:", logins);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
