// Roles are compared in the policy only: the lint rule (eslint.config.js, no-restricted-syntax) refuses a role
// compared by hand anywhere else in app/.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();
async function roleErrors(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

// The first lint loads the config and the TypeScript parser: seconds on a loaded 2-core machine, not a hang.
describe("the lint rule keeps role checks in the policy", { timeout: 60_000 }, () => {
  const snippets = [
    'export const f = (user: { role: string }) => user.role === "admin";\n',
    'export const f = (viewer: { role: string }) => viewer.role !== "staff";\n',
    'export const f = (me: { role: string }) => "leader" == me.role;\n',
    'export const f = (role: string) => role === "manager";\n',
    'export const f = (viewer: { role: string }) => ["leader", "admin"].includes(viewer.role);\n',
    'declare const inArray: (c: unknown, v: string[]) => unknown;\nexport const f = (users: { role: string }) => inArray(users.role, ["staff", "manager"]);\n',
  ];
  it.each(snippets)("refuses %s in a route or module", async (code) => {
    expect(await roleErrors("app/routes/_app.example.tsx", code)).toEqual([expect.stringContaining("policy.ts")]);
    expect(await roleErrors("app/modules/example/example.server.ts", code)).toEqual([expect.stringContaining("policy.ts")]);
  });

  it.each(snippets)("allows %s in the policy", async (code) => {
    expect(await roleErrors("app/modules/auth/policy.ts", code)).toEqual([]);
  });

  it("allows comparing two roles (a role change) and passing a role on", async () => {
    expect(
      await roleErrors(
        "app/modules/example/example.server.ts",
        "export const f = (a: { role: string }, b: { role: string }) => a.role !== b.role;\n",
      ),
    ).toEqual([]);
  });
});
