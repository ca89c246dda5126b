// Who follows an investor: the companies and owners of its projects that are not lost. Projects answer it (it is a
// question about projects); the investor pages and a new project's duplicate check both ask.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "~db/index";
import { companies, handoffs, projects, users } from "~db/schema";
import type { Viewer } from "~/modules/auth/policy";
import type { InvestorFollower } from "./followers";
import { projectScopeWhere } from "./projects.server";

const owners = alias(users, "owner");
const helpers = alias(users, "helper");
const helperCompanies = alias(companies, "helper_company");

/** "Can the viewer see this project row?" as a boolean that is never NULL (an unowned project makes `=` NULL). */
const viewerSees = (viewer: Viewer) => sql<boolean>`coalesce((${projectScopeWhere(viewer)}), false)`;

/**
 * Who follows these investors: the company and owner of each project that is not lost. The owner of a confidential
 * project is left out unless the viewer may see that project. `hiddenOnly` limits it to projects the viewer cannot see.
 */
export async function followersOf(
  db: Executor,
  viewer: Viewer,
  investorIds: number[],
  opts: { hiddenOnly?: boolean } = {},
): Promise<Map<number, InvestorFollower[]>> {
  const result = new Map<number, InvestorFollower[]>();
  if (!investorIds.length) return result;
  const sees = viewerSees(viewer);
  const rows = await db
    .selectDistinct({
      investorId: projects.investorId,
      companyId: projects.companyId,
      company: companies.name,
      owner: sql<string | null>`case when ${projects.confidential} = false or ${sees} then ${owners.displayName} end`,
    })
    .from(projects)
    .innerJoin(companies, eq(companies.id, projects.companyId))
    .leftJoin(owners, eq(owners.id, projects.ownerId))
    .where(
      and(
        inArray(projects.investorId, investorIds),
        eq(projects.zoneId, viewer.zoneId),
        ne(projects.status, "lost"),
        opts.hiddenOnly ? sql`not ${sees}` : undefined,
      ),
    );
  // Companies that co-follow a project of the investor (an accepted 协同跟进) follow it too, with their helper.
  const cofollowing = await db
    .selectDistinct({
      investorId: projects.investorId,
      companyId: handoffs.fromCompanyId,
      company: helperCompanies.name,
      owner: sql<string | null>`case when ${projects.confidential} = false or ${sees} then ${helpers.displayName} end`,
    })
    .from(handoffs)
    .innerJoin(projects, eq(projects.id, handoffs.projectId))
    .innerJoin(helperCompanies, eq(helperCompanies.id, handoffs.fromCompanyId))
    .leftJoin(helpers, eq(helpers.id, handoffs.assigneeId))
    .where(
      and(
        inArray(projects.investorId, investorIds),
        eq(handoffs.zoneId, viewer.zoneId),
        eq(handoffs.kind, "cofollow"),
        eq(handoffs.status, "accepted"),
        ne(projects.status, "lost"),
        opts.hiddenOnly ? sql`not ${sees}` : undefined,
      ),
    );
  // A company with a project of its own is listed for that; only a company without one is listed as co-following.
  const all = [
    ...rows.map((r) => ({ ...r, cofollow: false })),
    ...cofollowing
      .filter((r) => !rows.some((x) => x.investorId === r.investorId && x.companyId === r.companyId))
      .map((r) => ({ ...r, cofollow: true })),
  ];
  all.sort((x, y) => x.company.localeCompare(y.company, "zh-CN") || (x.owner ?? "").localeCompare(y.owner ?? "", "zh-CN"));
  for (const row of all) {
    const list = result.get(row.investorId) ?? [];
    // A company already listed with an owner needs no second, owner-less line (which would hint at a hidden project).
    if (row.owner === null && list.some((f) => f.company === row.company)) continue;
    const withoutOwner = list.findIndex((f) => f.company === row.company && f.owner === null);
    if (row.owner !== null && withoutOwner >= 0) list.splice(withoutOwner, 1);
    list.push({
      companyId: row.companyId,
      company: row.company,
      owner: row.owner,
      ownCompany: row.companyId === viewer.companyId,
      ...(row.cofollow ? { cofollow: true } : {}),
    });
    result.set(row.investorId, list);
  }
  return result;
}

/** The other companies that follow one investor, as a new project for it is opened (company and owner only). */
export async function otherCompaniesFollowing(db: Executor, viewer: Viewer, investorId: number): Promise<InvestorFollower[]> {
  const followers = (await followersOf(db, viewer, [investorId])).get(investorId) ?? [];
  return followers.filter((f) => !f.ownCompany);
}

/**
 * Who follows an investor in other companies than `exceptCompanyId`: the owners of their open projects and
 * those companies' managers. They are told when another company opens a project for the same investor.
 */
export async function investorFollowerUserIds(tx: Executor, zoneId: number, investorId: number, exceptCompanyId: number) {
  const followed = await tx
    .selectDistinct({ companyId: projects.companyId, ownerId: projects.ownerId })
    .from(projects)
    .where(
      and(eq(projects.zoneId, zoneId), eq(projects.investorId, investorId), ne(projects.status, "lost"), ne(projects.companyId, exceptCompanyId)),
    );
  if (followed.length === 0) return [];
  const companyIds = [...new Set(followed.map((f) => f.companyId))];
  const managers = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.companyId, companyIds), eq(users.role, "manager"), eq(users.disabled, false)));
  return [...followed.map((f) => f.ownerId).filter((id): id is number => id !== null), ...managers.map((m) => m.id)];
}
