import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", "data/**", ".cache/**", "test-results/**", ".stryker-tmp/**", "reports/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier",
          message: 'Use `import * as z from "zod"` (the named import bloats the browser bundle).',
        },
        {
          selector: "Literal[raw=/^2_?147_?483_?647$/]",
          message: "Ids: parseId / toId / MAX_ID from ~/lib/result and ~/modules/http/respond.server, not a hand-written int32 check.",
        },
      ],
    },
  },
  {
    // Only server modules may reach the database: the browser bundle must never contain it.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.server.ts", "app/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["~db/*", "**/db/*"], message: "Only *.server.ts files import db/." }],
        },
      ],
    },
  },
  { files: ["**/*.js"], languageOptions: { globals: globals.node } },
);
