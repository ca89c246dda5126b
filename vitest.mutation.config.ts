// The unit project alone, for mutation testing (stryker.config.mjs): pure modules and their tests, no database,
// no server. `npm run test:unit` runs the same files through vitest.config.ts.
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: [
      { find: /^~db\/(.*)$/, replacement: path.join(root, "db/$1") },
      { find: /^~\/(.*)$/, replacement: path.join(root, "app/$1") },
    ],
  },
  test: {
    globals: false,
    name: "unit",
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts"],
    environment: "node",
  },
});
