import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

/** The `~/` and `~db/` imports, as tsconfig.json maps them; vitest.mutation.config.ts uses the same. */
export const resolve = {
  alias: [
    { find: /^~db\/(.*)$/, replacement: path.join(root, "db/$1") },
    { find: /^~\/(.*)$/, replacement: path.join(root, "app/$1") },
  ],
};

export default defineConfig({
  resolve,
  test: {
    globals: false,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts"],
          environment: "node",
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // Each file opens its own database; two cores do not gain from more than two at once.
          maxWorkers: 2,
          // Migrated databases to copy (tests/support/templates.ts).
          globalSetup: ["tests/support/global-setup.ts"],
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          fileParallelism: false,
          // Migrated databases to copy, and the prepared worlds of fromTemplate (tests/support/templates.ts).
          globalSetup: ["tests/support/global-setup.ts"],
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
