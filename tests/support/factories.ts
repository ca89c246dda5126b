// Test data: each test makes what it needs through these.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/index";
import { clusters, companies, investors, projectEvents, projectHoldings, projects, users, zones } from "../../db/schema";
import type { ProjectStage, UserRole } from "../../app/lib/domain-values";
import { completeUscc } from "../../app/lib/uscc";
import { hashPassword } from "../../app/modules/auth/password.server";
import type { ReferenceZone } from "../../db/seed/reference";
import { setupReferenceZone } from "../../db/seed/reference";

export const TEST_PASSWORD = "Test-Password-2026";
let cachedHash: Promise<string> | undefined;
/** One real argon2id hash of TEST_PASSWORD, computed once per file. */
export function testPasswordHash() {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
}

export async function createReferenceZone(db: Executor): Promise<ReferenceZone> {
  return setupReferenceZone(db, { passwordHash: await testPasswordHash() });
}

/** A second, minimal zone with one attraction company, for "nothing of another zone leaks". */
export async function createOtherZone(db: Executor) {
  const [zone] = await db
    .insert(zones)
    .values({ code: `other-${crypto.randomUUID().slice(0, 8)}`, name: "另一开发区" })
    .returning();
  const [cluster] = await db.insert(clusters).values({ zoneId: zone.id, name: "半导体" }).returning();
  const [company] = await db
    .insert(companies)
    .values({ zoneId: zone.id, name: "另一区半导体公司", shortName: "另一区半导体", kind: "attraction", clusterId: cluster.id })
    .returning();
  return { zoneId: zone.id, clusterId: cluster.id, companyId: company.id };
}

let seq = 0;
const next = () => ++seq;

export async function createUser(
  db: Executor,
  opts: { zoneId: number; companyId: number | null; role: UserRole; login?: string; displayName?: string; disabled?: boolean; cityId?: number },
) {
  const n = next();
  const [user] = await db
    .insert(users)
    .values({
      zoneId: opts.zoneId,
      companyId: opts.companyId,
      cityId: opts.cityId ?? null,
      role: opts.role,
      login: opts.login ?? `${opts.role}${n}_${crypto.randomBytes(3).toString("hex")}`,
      displayName: opts.displayName ?? `${opts.role}-${n}`,
      passwordHash: await testPasswordHash(),
      disabled: opts.disabled ?? false,
    })
    .returning();
  return user;
}

export async function createInvestor(db: Executor, opts: { zoneId: number; name?: string }) {
  const n = next();
  const [investor] = await db
    .insert(investors)
    .values({
      zoneId: opts.zoneId,
      name: opts.name ?? `测试投资方${n}有限公司`,
      uscc: completeUscc(`91140100MA${String(n).padStart(7, "0")}`),
    })
    .returning();
  return investor;
}

export async function createProject(
  db: Executor,
  opts: {
    zoneId: number;
    companyId: number;
    clusterId: number;
    ownerId: number | null;
    investorId?: number;
    name?: string;
    stage?: ProjectStage;
    status?: "active" | "on_hold" | "lost";
    confidential?: boolean;
    plannedInvestmentWan?: string;
    contractedInvestmentWan?: string;
    signedOn?: string;
    constructionOn?: string;
    productionOn?: string;
    formerCompanyId?: number;
    formerOwnerId?: number;
  },
) {
  const n = next();
  const investorId = opts.investorId ?? (await createInvestor(db, { zoneId: opts.zoneId })).id;
  const [project] = await db
    .insert(projects)
    .values({
      zoneId: opts.zoneId,
      code: `T-${n}-${crypto.randomBytes(3).toString("hex")}`,
      name: opts.name ?? `测试项目${n}`,
      investorId,
      clusterId: opts.clusterId,
      companyId: opts.companyId,
      ownerId: opts.ownerId,
      firstContactCompanyId: opts.formerCompanyId ?? opts.companyId,
      stage: opts.stage ?? "lead",
      status: opts.status ?? "active",
      confidential: opts.confidential ?? false,
      plannedInvestmentWan: opts.plannedInvestmentWan ?? "1000.00",
      contractedInvestmentWan: opts.contractedInvestmentWan,
      signedOn: opts.signedOn,
      constructionOn: opts.constructionOn,
      productionOn: opts.productionOn,
    })
    .returning();
  await db.insert(projectEvents).values({ projectId: project.id, kind: "created", toStage: "lead", businessOn: "2026-01-05", actorId: opts.ownerId });
  if (opts.formerCompanyId) {
    await db.insert(projectHoldings).values([
      { projectId: project.id, companyId: opts.formerCompanyId, fromOn: "2026-01-05", untilOn: "2026-02-01" },
      { projectId: project.id, companyId: opts.companyId, fromOn: "2026-02-01" },
    ]);
  } else {
    await db.insert(projectHoldings).values({ projectId: project.id, companyId: opts.companyId, fromOn: "2026-01-05" });
  }
  if (opts.formerOwnerId) {
    await db.insert(projectEvents).values({
      projectId: project.id,
      kind: "owner",
      fromOwnerId: opts.formerOwnerId,
      toOwnerId: opts.ownerId,
      businessOn: "2026-02-01",
      actorId: opts.ownerId,
    });
  }
  return project;
}

/** Two attraction companies of the reference zone, with a manager and two staff each. */
export async function createTwoCompanies(db: Executor, ref: ReferenceZone) {
  const [a, b] = ref.companies.filter((c) => c.kind === "attraction");
  const make = async (company: typeof a) => ({
    company,
    manager: await createUser(db, { zoneId: ref.zoneId, companyId: company.id, role: "manager" }),
    staff1: await createUser(db, { zoneId: ref.zoneId, companyId: company.id, role: "staff" }),
    staff2: await createUser(db, { zoneId: ref.zoneId, companyId: company.id, role: "staff" }),
  });
  return { a: await make(a), b: await make(b) };
}

/**
 * A staff member who changed company: created at `fromCompanyId`, then moved to `toCompanyId` by a plain update of
 * their row, as an admin's edit did before moves had to reassign open projects (issue 16). Projects of the old
 * company may still name them as owner; they must grant nothing.
 */
export async function createMovedUser(
  db: Executor,
  opts: { zoneId: number; fromCompanyId: number; toCompanyId: number; role?: "staff" | "manager" },
) {
  const user = await createUser(db, { zoneId: opts.zoneId, companyId: opts.fromCompanyId, role: opts.role ?? "staff" });
  await db.update(users).set({ companyId: opts.toCompanyId }).where(eq(users.id, user.id));
  return { ...user, companyId: opts.toCompanyId };
}
