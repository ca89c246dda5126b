// npm run zone -- create --code CODE --name NAME [--city CITY] — makes a zone from the reference template with
// its admin CODE_admin (password ADMIN_PASSWORD), through the same function as the province admin's page.
// npm run zone -- list — the zones with their city, companies, users and admins.
// npm run zone -- province-admin — creates the province admin `province_admin` and the province leader `province`
// (ADMIN_PASSWORD) if missing.
import { parseArgs } from "node:util";
import { openDatabase } from "../db/index";
import { MigrationPermissionError, migrateDatabase } from "../db/migrate";
import { hashPassword } from "../app/modules/auth/password.server";
import { passwordProblem } from "../app/modules/auth/password-policy.server";
import { createZone, ensureProvinceAdmin, ensureProvinceLeader, findCity, listCities, listZones } from "../app/modules/zones/zones.server";

const usage = `usage: npm run zone -- create --code CODE --name NAME [--city CITY]   (ADMIN_PASSWORD: the admin's password)
       npm run zone -- list
       npm run zone -- province-admin                                  (ADMIN_PASSWORD: its password)`;
function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { code: { type: "string" }, name: { type: "string" }, city: { type: "string" } },
});
const command = positionals[0];
if (command !== "create" && command !== "list" && command !== "province-admin") fail("Say what to do: create, list or province-admin.");
if (command === "create" && (!values.code || !values.name)) fail("A zone needs --code and --name.");
const password = process.env.ADMIN_PASSWORD ?? "";
if (command !== "list") {
  const weak = passwordProblem(password);
  if (weak) fail(password ? "ADMIN_PASSWORD is too short, too long or too common (10–128 characters)." : "Set ADMIN_PASSWORD (10–128 characters).");
}

const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined });
try {
  await migrateDatabase(handle);
  if (command === "list") {
    for (const z of await listZones(handle.db)) {
      const created = z.createdAt.toISOString().slice(0, 10);
      console.log([z.code, z.name, z.city ?? "—", `${z.companies} companies`, `${z.users} users`, created, z.admins.join(",") || "—"].join("\t"));
    }
  } else if (command === "province-admin") {
    const passwordHash = await hashPassword(password);
    const [made, leader] = await handle.db.transaction(async (tx) => [
      await ensureProvinceAdmin(tx, { passwordHash }),
      await ensureProvinceLeader(tx, { passwordHash }),
    ]);
    console.log(made.created ? "Created province_admin." : "province_admin exists already: nothing changed.");
    console.log(leader.created ? "Created province (省级领导)." : "province exists already: nothing changed.");
  } else {
    let cityId: number | null = null;
    if (values.city) {
      const city = await findCity(handle.db, values.city);
      if (!city) {
        const names = (await listCities(handle.db)).map((c) => `${c.name} (${c.code})`).join(", ");
        fail(`Unknown city "${values.city}": the cities are ${names}.`);
      }
      cityId = city.id;
    }
    const result = await createZone({ code: values.code!, name: values.name!, cityId, password }, { actorId: null, db: handle.db });
    if (result.kind === "ok") {
      const z = result.value;
      console.log(`Created zone ${z.code} (id ${z.zoneId}) with ${z.companies} companies; its admin signs in as ${z.adminLogin}.`);
    } else {
      const reasons: Record<string, string> = {
        "zones.validation.code": "the code is 2–16 lowercase letters or digits",
        "zones.validation.codeTaken": `a zone with code "${values.code}" exists already: nothing was changed`,
        "zones.validation.adminTaken": `the login ${values.code}_admin is taken: choose another code`,
        "zones.validation.name": "the name is 2–40 characters",
        "zones.validation.city": "unknown city",
      };
      const messages = Object.values(result.fieldErrors).map((key) => reasons[key ?? ""] ?? key);
      console.error(`Refused: ${messages.join("; ")}.`);
      process.exitCode = 1;
    }
  }
} catch (error) {
  if (!(error instanceof MigrationPermissionError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await handle.close();
}
