// npm test — the whole suite: unit, integration (PGlite; PostgreSQL too with DATABASE_URL), the authorization
// matrix against the real server, and browser tests in the system Chromium.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildIfStale, projectRoot } from "./build-if-stale";

buildIfStale();

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
const chromium = candidates.find((p): p is string => !!p && fs.existsSync(p));
const args = ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(projectRoot, ".cache/vitest.json")}`];
if (!chromium) {
  const banner = "!".repeat(78);
  console.error(
    `\n${banner}\n!! No Chromium found (looked for ${candidates.filter(Boolean).join(", ")}).\n!! THE BROWSER TESTS DID NOT RUN. Install it with: apt-get install -y chromium\n${banner}\n`,
  );
  if (process.env.REQUIRE_BROWSER === "1") {
    console.error("REQUIRE_BROWSER=1: failing because the browser tests cannot run.");
    process.exit(1);
  }
  args.push("--exclude", "tests/e2e/**/*.browser.test.ts");
}
args.push(...process.argv.slice(2));

const result = spawnSync(process.execPath, [path.join(projectRoot, "node_modules/vitest/vitest.mjs"), ...args], {
  cwd: projectRoot,
  stdio: "inherit",
  env: { ...process.env, ...(chromium ? { CHROMIUM_PATH: chromium } : {}) },
});

try {
  const report = JSON.parse(fs.readFileSync(path.join(projectRoot, ".cache/vitest.json"), "utf8"));
  const skipped = report.numPendingTests + report.numTodoTests;
  console.log(`\n${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
  if (process.env.DATABASE_URL) console.log("Databases: PGlite and PostgreSQL");
  else console.log("Databases: PGlite only (set DATABASE_URL to run the suite on PostgreSQL too)");
  if (report.numTotalTests === 0) {
    console.error("No test ran: that is a failure, not a pass.");
    process.exit(1);
  }
} catch {
  console.error("No test report was written.");
  process.exit(1);
}
process.exit(result.status ?? 1);
