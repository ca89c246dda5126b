import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import globals from "globals";
import tseslint from "typescript-eslint";

const zodNamedImport = {
  selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier",
  message: 'Use `import * as z from "zod"` (the named import bloats the browser bundle).',
};
// Ids are parsed in one place (issue 17): no hand-written int32 bound.
const handWrittenId = {
  selector: "Literal[raw=/^2_?147_?483_?647$/]",
  message: "Ids: parseId / toId / MAX_ID from ~/lib/result and ~/modules/http/respond.server, not a hand-written int32 check.",
};
// Authorization rules live in app/modules/auth/policy.ts (issue 17): elsewhere a role is never compared by hand.
const rolesInPolicy = "Ask app/modules/auth/policy.ts (add a rule there, with its table row) instead of comparing a role.";
const roleComparisons = [
  { selector: "BinaryExpression[operator=/^[!=]=/][left.property.name='role'][right.type='Literal']", message: rolesInPolicy },
  { selector: "BinaryExpression[operator=/^[!=]=/][right.property.name='role'][left.type='Literal']", message: rolesInPolicy },
  { selector: "BinaryExpression[operator=/^[!=]=/][left.name='role'][right.type='Literal']", message: rolesInPolicy },
  { selector: "BinaryExpression[operator=/^[!=]=/][right.name='role'][left.type='Literal']", message: rolesInPolicy },
  { selector: "CallExpression[callee.property.name='includes'] > MemberExpression.arguments[property.name='role']", message: rolesInPolicy },
  { selector: "CallExpression[callee.name='inArray'][arguments.0.property.name='role'] > ArrayExpression.arguments", message: rolesInPolicy },
];

// Projects are the bottom of the domain modules: the modules built on them are never imported from them. The one
// exception is the writer of notifications, which every domain (auth and admin too) uses.
const bottomMessage = "Projects are at the bottom (issue 17): move the shared piece down into projects, or pass a function in.";
const projectsAtTheBottom = [
  {
    target: "./app/modules/projects",
    from: ["investors", "handoffs", "service", "attachments", "imports", "pipeline", "reports", "overview", "admin", "project-page"].map(
      (m) => `./app/modules/${m}`,
    ),
    message: bottomMessage,
  },
  { target: "./app/modules/projects", from: "./app/modules/notifications", except: ["./notify.server.ts"], message: bottomMessage },
];

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
      "no-restricted-syntax": ["error", zodNamedImport, handWrittenId],
    },
  },
  {
    // The policy is the one place that compares roles (tests may build their own facts).
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/modules/auth/policy.ts", "app/**/*.test.ts"],
    rules: { "no-restricted-syntax": ["error", zodNamedImport, handWrittenId, ...roleComparisons] },
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
  {
    // Module dependencies go one way (issue 17): projects at the bottom; investors, handoffs, service, attachments
    // and notifications may import projects, never the reverse. A cycle is an error; the TypeScript resolver reads
    // the ~/ and ~db/ paths of tsconfig.json.
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": ["error", { zones: projectsAtTheBottom }],
    },
  },
  { files: ["**/*.js"], languageOptions: { globals: globals.node } },
);
