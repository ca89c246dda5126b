import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { clusters, companies, projects, users } from "../../db/schema";
import { PROJECT_SORTS } from "../../app/modules/projects/projects.schema";
import type { ProjectSort } from "../../app/modules/projects/projects.schema";
import { listProjects, ZONE_INDEXED_SORTS } from "../../app/modules/projects/projects.server";
import { parseProjectListParams } from "../../app/modules/projects/projects.schema";
import { PROJECT_STAGES } from "../../app/lib/domain-values";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createInvestor, createOtherZone, createProject, createReferenceZone, createTwoCompanies, createUser } from "../support/factories";

const SORT_SQL: Record<ProjectSort, string> = {
  updated: "updated_at",
  code: "code",
  name: "name",
  stage: "stage",
  investment: "total_investment_wan",
  lastActivity: "last_activity_on",
  nextAction: "next_action_on",
  signed: "signed_on",
};

describe.each(databaseKinds())("the project list (%s)", (kind) => {
  let db: TestDatabase;
  let manager: Awaited<ReturnType<typeof createTwoCompanies>>["a"]["manager"];
  let staff: typeof manager;
  let companyId: number;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const ref = await createReferenceZone(db.db);
    const { a } = await createTwoCompanies(db.db, ref);
    manager = a.manager;
    staff = a.staff1;
    companyId = a.company.id;
    const special = await createInvestor(db.db, { zoneId: ref.zoneId, name: "华恒100%新材料有限公司" });
    for (let i = 0; i < 83; i++) {
      const p = await createProject(db.db, {
        zoneId: ref.zoneId,
        companyId,
        clusterId: ref.clusters[i % 3].id,
        ownerId: i % 2 ? a.staff1.id : a.staff2.id,
        name: `项目${String(i % 17).padStart(2, "0")}号`,
        stage: PROJECT_STAGES[i % 8],
        investorId: i === 5 ? special.id : undefined,
        // Repeated values and NULLs test the keyset tie-breaks.
        plannedInvestmentWan: i % 7 === 0 ? undefined : `${(i % 5) * 1000}.50`,
      });
      await db.db
        .update(projects)
        .set({
          plannedInvestmentWan: i % 7 === 0 ? null : `${(i % 5) * 1000}.50`,
          lastActivityOn: i % 3 === 0 ? null : `2026-0${(i % 9) + 1}-1${i % 10}`,
          signedOn: i % 4 === 0 ? `2025-0${(i % 9) + 1}-01` : null,
          updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 11, 0) + (i % 2) * 0.4),
        })
        .where(eq(projects.id, p.id));
    }
  });
  afterAll(() => db?.dispose());

  async function expectedOrder(sort: ProjectSort, dir: "asc" | "desc") {
    const rows = await db.query<{ id: number }>(
      `select id from projects where company_id = $1 order by ${SORT_SQL[sort]} ${dir} nulls last, id ${dir}`,
      [companyId],
    );
    return rows.map((r) => r.id);
  }

  for (const sort of PROJECT_SORTS) {
    for (const dir of ["asc", "desc"] as const) {
      it(`pages through every project exactly once, forwards and back, sorted by ${sort} ${dir}`, async () => {
        const expected = await expectedOrder(sort, dir);
        const seen: number[] = [];
        const pages: string[][] = [];
        let after: string | undefined;
        let last: Awaited<ReturnType<typeof listProjects>> | undefined;
        for (let guard = 0; guard < 10; guard++) {
          const sp = new URLSearchParams({ sort, dir, size: "25", ...(after ? { after } : {}) });
          last = await listProjects(manager, parseProjectListParams(sp));
          expect(last.total).toBe(83);
          seen.push(...last.rows.map((r) => r.id));
          pages.push(last.rows.map((r) => String(r.id)));
          if (!last.nextCursor) break;
          after = last.nextCursor;
        }
        expect(seen).toEqual(expected);
        expect(pages.map((p) => p.length)).toEqual([25, 25, 25, 8]);

        // And back from the last page to the first.
        const back: number[][] = [];
        let before = last!.prevCursor;
        while (before) {
          const page = await listProjects(manager, parseProjectListParams(new URLSearchParams({ sort, dir, size: "25", before })));
          back.unshift(page.rows.map((r) => r.id));
          before = page.prevCursor;
        }
        expect(back.flat()).toEqual(expected.slice(0, 75));
      });
    }
  }

  it("filters by stage, owner and text, and a % in the search is literal", async () => {
    const byStage = await listProjects(manager, parseProjectListParams(new URLSearchParams({ stage: "signed", size: "100" })));
    expect(byStage.rows.length).toBeGreaterThan(0);
    expect(byStage.rows.every((r) => r.stage === "signed")).toBe(true);

    const mine = await listProjects(staff, parseProjectListParams(new URLSearchParams({ owner: "me", size: "100" })));
    expect(mine.total).toBe(41);

    const byInvestor = await listProjects(manager, parseProjectListParams(new URLSearchParams({ q: "100%新材料" })));
    expect(byInvestor.rows.map((r) => r.investorName)).toEqual(["华恒100%新材料有限公司"]);
    const percentOnly = await listProjects(manager, parseProjectListParams(new URLSearchParams({ q: "%" })));
    expect(percentOnly.total).toBe(1);
  });

  // One test per role: each walks every sort both ways three times over, which takes a while on PGlite.
  it.each(["manager", "staff", "leader"] as const)(
    "answers a common search term row by row with exactly the pages of the rare-term plan, in every sort; its count stops at the threshold (%s)",
    async (role) => {
      const leader = { id: 0, zoneId: manager.zoneId, companyId: null, role: "leader" as const };
      for (const viewer of [{ manager, staff, leader }[role]]) {
        for (const q of ["项目0", "华恒", "号"]) {
          for (const sort of PROJECT_SORTS) {
            for (const dir of ["asc", "desc"] as const) {
              const label = `${viewer.role} ${q} ${sort} ${dir}`;
              const pages = async (common: number) => {
                const out: { ids: number[]; total: number; capped: boolean }[] = [];
                let after: string | undefined;
                do {
                  const sp = new URLSearchParams({ q, sort, dir, size: "25", ...(after ? { after } : {}) });
                  const page = await listProjects(viewer, parseProjectListParams(sp), { commonSearchMatches: common });
                  out.push({ ids: page.rows.map((r) => r.id), total: page.total, capped: page.totalCapped });
                  after = page.nextCursor;
                } while (after);
                return out;
              };
              const rare = await pages(1_000_000);
              const matches = rare[0].total;
              expect(rare.flatMap((p) => p.ids).length, label).toBe(matches);
              expect(matches, label).toBeGreaterThan(0);
              for (const common of [1, 3]) {
                // The same rows and pages; the count stops at the threshold ("3+") when the term is that common.
                const rows = await pages(common);
                expect(
                  rows.map((p) => p.ids),
                  label,
                ).toEqual(rare.map((p) => p.ids));
                // Row by row only where one index walk gives the order (a leader's name or date sort sorts the matches).
                const byRows = viewer.role !== "leader" || ZONE_INDEXED_SORTS.has(sort);
                const count = byRows ? [Math.min(matches, common), matches > common] : [matches, false];
                for (const page of rows) expect([page.total, page.capped], label).toEqual(count);
              }
            }
          }
        }
      }
    },
    // 3 terms × every sort × both ways × 3 plans: over a minute on PGlite when the 2 cores are shared.
    180_000,
  );

  it("ignores bad URL values instead of failing", async () => {
    const params = parseProjectListParams(new URLSearchParams({ sort: "password", dir: "sideways", size: "100000", stage: "x", after: "garbage" }));
    expect(params).toMatchObject({ sort: "updated", dir: "desc", size: 25, stage: undefined });
    const page = await listProjects(manager, params);
    expect(page.rows).toHaveLength(25);
  });
  // The rows carry ids and take their cluster, company and owner names from the zone's names kept per process
  // (decision 042): they must be the database's names of the moment, whatever was cached before.
  it("names each row's cluster, company and owner as the database does now, after renames and for another zone's owner", async () => {
    const leader = { id: 0, zoneId: manager.zoneId, companyId: null, role: "leader" as const };
    const joined = async () =>
      db.query<{ id: number; cluster: string; company: string; owner: string | null }>(
        `select p.id, c.name as cluster, co.short_name as company, u.display_name as owner from projects p
         join clusters c on c.id = p.cluster_id join companies co on co.id = p.company_id left join users u on u.id = p.owner_id
         where p.company_id = $1`,
        [companyId],
      );
    const listed = async (viewer: typeof manager | typeof leader) => {
      const page = await listProjects(viewer, parseProjectListParams(new URLSearchParams({ size: "100" })));
      return page.rows.map((r) => ({ id: r.id, cluster: r.clusterName, company: r.companyName, owner: r.ownerName }));
    };
    const expectAsDatabase = async () => {
      const expected = new Map((await joined()).map((r) => [r.id, r]));
      for (const viewer of [manager, staff, leader]) {
        const rows = await listed(viewer);
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(row).toEqual(expected.get(row.id));
      }
    };
    await expectAsDatabase(); // and the names are cached now
    const [someone] = await db.query<{ project: number; owner: number; cluster: number }>(
      "select id as project, owner_id as owner, cluster_id as cluster from projects where company_id = $1 and owner_id is not null limit 1",
      [companyId],
    );
    await db.db.update(clusters).set({ name: "改名的产业链" }).where(eq(clusters.id, someone!.cluster));
    await db.db.update(companies).set({ shortName: "改名公司" }).where(eq(companies.id, companyId));
    await db.db.update(users).set({ displayName: "改名的人" }).where(eq(users.id, someone!.owner));
    await expectAsDatabase();
    expect((await listed(manager)).find((r) => r.id === someone!.project)).toMatchObject({
      cluster: "改名的产业链",
      company: "改名公司",
      owner: "改名的人",
    });

    // An owner the zone's names do not hold (a person of another zone): read by id, never blank.
    const other = await createOtherZone(db.db);
    const stranger = await createUser(db.db, { zoneId: other.zoneId, companyId: other.companyId, role: "staff", displayName: "外区的人" });
    await db.db.update(projects).set({ ownerId: stranger.id }).where(eq(projects.id, someone!.project));
    await expectAsDatabase();
    expect((await listed(leader)).find((r) => r.id === someone!.project)?.owner).toBe("外区的人");
  });
});
