// npm run bench:seed [-- --projects 100000 --seed 1 --force]: the benchmark's province-scale zone in DATABASE_URL.
import { parseArgs } from "node:util";
import { seedBenchDatabase } from "./bench/seed";

const { values } = parseArgs({
  options: {
    projects: { type: "string", default: "100000" },
    seed: { type: "string", default: "1" },
    force: { type: "boolean", default: false },
  },
});

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("bench:seed needs DATABASE_URL (a PostgreSQL database; the embedded PGlite is not for benchmarks).");
  process.exit(1);
}
const projects = Number(values.projects);
if (!Number.isInteger(projects) || projects < 1000) {
  console.error("--projects must be a whole number ≥ 1000");
  process.exit(1);
}
const started = Date.now();
try {
  const { counts, logins } = await seedBenchDatabase(url, { projects, seed: Number(values.seed), force: values.force });
  console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s:`, counts);
  console.log("bench logins:", logins);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
