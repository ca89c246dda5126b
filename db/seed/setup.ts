import { todayInZone } from "../../app/lib/dates";
import { hashPassword } from "../../app/modules/auth/password.server";
import { ensureProvinceAdmin, ensureProvinceLeader } from "../../app/modules/zones/zones.server";
import type { Database } from "../index";
import { seedDemo } from "./demo";
import { setupReferenceZone } from "./reference";

/**
 * The reference zone (clusters, companies, admin and leader), the province admin `province_admin` (decision 019)
 * and the province leader `province` (省级领导, issue 20),
 * and with `demo` the demo users and projects.
 */
export async function setupDatabase(db: Database, opts: { password: string; demo: boolean; today?: string }) {
  const passwordHash = await hashPassword(opts.password);
  return db.transaction(async (tx) => {
    const ref = await setupReferenceZone(tx, { passwordHash });
    await ensureProvinceAdmin(tx, { passwordHash });
    await ensureProvinceLeader(tx, { passwordHash });
    if (!opts.demo) return { users: 4, investors: 0, projects: 0, activities: 0 };
    const counts = await seedDemo(tx, ref, { passwordHash, today: opts.today ?? todayInZone(), chainTags: true });
    return { ...counts, users: counts.users + 4 };
  });
}
