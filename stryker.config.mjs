// Mutation testing of the pure rule modules: `npm run test:mutation` (not part of `npm test`; see docs/testing.md).
// While working on one file: `npx stryker run --mutate app/lib/money.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  // Only the unit project: the rule modules are pure, their tests need no database or server.
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  mutate: [
    "app/modules/auth/policy.ts",
    "app/modules/projects/stage-gates.ts",
    "app/modules/imports/import-rows.ts",
    "app/modules/imports/approval-sheet.ts",
    "app/modules/imports/benefit-sheet.ts",
    "app/modules/approvals/approval-rules.ts",
    "app/modules/approvals/speed-rules.ts",
    "app/modules/policies/policy-rules.ts",
    "app/lib/money.ts",
    "app/lib/dates.ts",
    "app/lib/periods.ts",
    "app/lib/rollup-spans.ts",
    "app/lib/light.ts",
    "app/lib/uscc.ts",
    "app/lib/scorecard.ts",
    "app/lib/zone-ranking.ts",
    "app/lib/chain-strength.ts",
    "app/lib/cell-link.ts",
  ],
  // The sandbox needs the app's sources and the unit tests, not the e2e/integration suites or build output.
  ignorePatterns: ["/build", "/public/build", "/data", "/.cache", "/test-results", "/screenshots", "/reports", "/tests", "/drizzle", "/docs"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 95, low: 90, break: null },
  timeoutMS: 10000,
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
