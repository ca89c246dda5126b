// The unit project alone, for mutation testing (stryker.config.mjs): pure modules and their tests, no database,
// no server. `npm run test:unit` runs the same files through vitest.config.ts.
import { defineConfig } from "vitest/config";
import { resolve } from "./vitest.config";

export default defineConfig({
  resolve,
  test: {
    globals: false,
    name: "unit",
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts"],
    environment: "node",
  },
});
