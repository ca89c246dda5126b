// Industry chains (issue 22 items 1–3): the template's default chains, versioned edits by the cluster's manager and
// the committee, tagging projects with links, and what the map counts.
import { readFileSync } from "node:fs";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, chainLinks, clusters, industryChains, investors, projects, zones } from "../../db/schema";
import { updateProject } from "../../app/modules/projects/project-edits.server";
import { updateProjectSchema } from "../../app/modules/projects/project-form.schema";
import type { ReferenceZone } from "../../db/seed/reference";
import { REFERENCE_CLUSTERS } from "../../db/seed/reference";
import { REFERENCE_CHAINS } from "../../db/seed/chains";
import type { Viewer } from "../../app/modules/auth/policy";
import {
  addChainLink,
  getChainMap,
  listLinkProjects,
  listZoneChains,
  removeChainLink,
  setProjectLinks,
  updateChainLink,
} from "../../app/modules/chains/chains.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createUser } from "../support/factories";

describe.each(databaseKinds())("industry chains (%s)", (kind) => {
  let db: TestDatabase;
  let ref: ReferenceZone;
  let bdt: number; // 半导体's cluster
  let bdtCompany: number;
  let manager: Viewer;
  let staff: Viewer;
  let colleague: Viewer;
  let otherManager: Viewer;
  let leader: Viewer;

  const asViewer = (u: { id: number; zoneId: number; companyId: number | null; role: Viewer["role"] }): Viewer => ({
    id: u.id,
    zoneId: u.zoneId,
    companyId: u.companyId,
    role: u.role,
  });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ref = await createReferenceZone(db.db);
    bdt = ref.clusters.find((c) => c.name === "半导体")!.id;
    bdtCompany = ref.companies.find((c) => c.code === "bdt")!.id;
    const gfCompany = ref.companies.find((c) => c.code === "gf")!.id;
    manager = asViewer(await createUser(db.db, { zoneId: ref.zoneId, companyId: bdtCompany, role: "manager", displayName: "半导体经理" }));
    staff = asViewer(await createUser(db.db, { zoneId: ref.zoneId, companyId: bdtCompany, role: "staff" }));
    colleague = asViewer(await createUser(db.db, { zoneId: ref.zoneId, companyId: bdtCompany, role: "staff" }));
    otherManager = asViewer(await createUser(db.db, { zoneId: ref.zoneId, companyId: gfCompany, role: "manager" }));
    leader = asViewer(await createUser(db.db, { zoneId: ref.zoneId, companyId: ref.committeeId, role: "leader", displayName: "管委会主任" }));
  });
  afterAll(() => db?.dispose());

  const mapOf = async (viewer: Viewer) => (await getChainMap(viewer, bdt))!;
  const linkNamed = async (name: string) => {
    const map = await mapOf(leader);
    return map.links.flatMap((l) => [l, ...l.subLinks]).find((l) => l.name === name)!;
  };

  it("a zone made from the template has each of the 14 clusters' chains, 上游 to 下游, with sub-links", async () => {
    const overview = await listZoneChains(leader);
    expect(overview.map((c) => c.clusterName)).toEqual(REFERENCE_CLUSTERS.map((c) => c.name));
    const map = await mapOf(staff);
    expect(map.links.map((l) => l.name)).toEqual(["超纯材料", "晶圆衬底", "芯片设计", "芯片制造", "封装测试", "整机应用"]);
    expect(map.links[0].subLinks.map((s) => [s.name, s.segment])).toEqual([
      ["电子特气", "upstream"],
      ["湿电子化学品", "upstream"],
    ]);
    expect(map.links[1].products).toContain("碳化硅");
    // Nothing tagged yet: every link of every chain is empty.
    for (const c of overview) expect(c.empty).toBe(c.links);
  });

  it("the migration gives a zone made before it the same chains as the template", async () => {
    // A zone whose clusters existed before the chains did: run the migration's data statements against it.
    const [zone] = await db.db.insert(zones).values({ code: "before22", name: "旧开发区" }).returning();
    await db.db.insert(clusters).values(REFERENCE_CLUSTERS.map((c, i) => ({ zoneId: zone.id, name: c.name, sortOrder: i + 1 })));
    const sqlText = readFileSync(new URL("../../drizzle/0033_t22_chains.sql", import.meta.url), "utf8");
    const inserts = sqlText
      .split("--> statement-breakpoint")
      .map((s) => s.replace(/^--.*$/gm, "").trim())
      .filter((s) => s.startsWith("INSERT"));
    // Only this zone: the reference zone has its chains already (the statements skip nothing by themselves).
    for (const statement of inserts) {
      await db.query(
        statement
          .replace(`WHERE c."name" IN`, `WHERE c."zone_id" = ${zone.id} AND c."name" IN`)
          .replace(/WHERE c\."name" = /g, `WHERE c."zone_id" = ${zone.id} AND c."name" = `),
      );
    }
    const linksOf = async (zoneId: number) => {
      const rows = await db.db
        .select({
          cluster: clusters.name,
          name: chainLinks.name,
          parent: chainLinks.parentId,
          segment: chainLinks.segment,
          products: chainLinks.products,
        })
        .from(chainLinks)
        .innerJoin(industryChains, eq(industryChains.id, chainLinks.chainId))
        .innerJoin(clusters, eq(clusters.id, industryChains.clusterId))
        .where(eq(chainLinks.zoneId, zoneId))
        .orderBy(asc(clusters.sortOrder), asc(chainLinks.segment), asc(chainLinks.sortOrder), asc(chainLinks.name));
      return rows.map((r) => ({ ...r, parent: r.parent !== null }));
    };
    const migrated = await linksOf(zone.id);
    const expected = Object.values(REFERENCE_CHAINS).reduce((n, links) => n + links.length + links.flatMap((l) => l.children ?? []).length, 0);
    expect(migrated).toHaveLength(expected);
    expect(migrated).toEqual(await linksOf(ref.zoneId));
  });

  it("the cluster's manager edits a link; the chain's version moves on and the edit is audited", async () => {
    const before = await mapOf(manager);
    expect(before.canEdit).toBe(true);
    const link = before.links[1];
    const result = await updateChainLink(manager, bdt, {
      version: before.chain.version,
      linkId: link.id,
      segment: "upstream",
      name: "晶圆衬底",
      description: "8英寸碳化硅衬底",
      products: "碳化硅、衬底，外延片",
      sortOrder: link.sortOrder,
    });
    expect(result.kind).toBe("ok");
    const after = await mapOf(manager);
    expect(after.chain.version).toBe(before.chain.version + 1);
    expect(after.chain.updatedBy).toBe("半导体经理");
    expect(after.links[1]).toMatchObject({ description: "8英寸碳化硅衬底", products: ["碳化硅", "衬底", "外延片"] });
    const audit = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "industry_chain"), eq(auditLog.entityId, after.chain.id)));
    expect(audit.map((a) => a.action)).toEqual(["link.update"]);
    expect(audit[0].actorId).toBe(manager.id);
  });

  it("two editors at once: the second is told who saved first and nothing of the first is lost", async () => {
    const { chain, links } = await mapOf(leader);
    const link = links[2];
    const edit = (viewer: Viewer, description: string) =>
      updateChainLink(viewer, bdt, {
        version: chain.version,
        linkId: link.id,
        segment: "midstream",
        name: link.name,
        description,
        products: "",
        sortOrder: link.sortOrder,
      });
    const [first, second] = await Promise.all([edit(manager, "经理的描述"), edit(leader, "领导的描述")]);
    const kinds = [first.kind, second.kind].sort();
    expect(kinds).toEqual(["conflict", "ok"]);
    const refused = first.kind === "conflict" ? first : second;
    const winner = first.kind === "ok" ? "经理的描述" : "领导的描述";
    if (refused.kind !== "conflict") throw new Error("expected a conflict");
    expect(refused.detail.version).toBe(chain.version + 1);
    expect(refused.detail.by).toBe(first.kind === "ok" ? "半导体经理" : "管委会主任");
    expect(refused.detail.current?.description).toBe(winner);
    expect((await mapOf(leader)).links[2].description).toBe(winner);
    // Saving again from the version the conflict gave is a deliberate overwrite.
    const again = await updateChainLink(leader, bdt, {
      version: refused.detail.version,
      linkId: link.id,
      segment: "midstream",
      name: link.name,
      description: "领导再次保存",
      products: "",
      sortOrder: link.sortOrder,
    });
    expect(again.kind).toBe("ok");
  });

  it("staff and another cluster's manager may not edit the chain", async () => {
    for (const viewer of [staff, otherManager]) {
      const { chain } = await mapOf(viewer);
      expect((await mapOf(viewer)).canEdit).toBe(false);
      const result = await addChainLink(viewer, bdt, { version: chain.version, segment: "downstream", name: "偷加的环节", sortOrder: 9 });
      expect(result.kind).toBe("forbidden");
    }
    expect((await mapOf(leader)).links.map((l) => l.name)).not.toContain("偷加的环节");
  });

  it("adds a sub-link under a top-level link only, and removes a link with its tags", async () => {
    const { chain } = await mapOf(manager);
    const parent = await linkNamed("封装测试");
    expect(
      (
        await addChainLink(manager, bdt, {
          version: chain.version,
          segment: "downstream",
          parentId: parent.id,
          name: "先进封装",
          products: "Chiplet、晶圆级封装",
          sortOrder: 1,
        })
      ).kind,
    ).toBe("ok");
    const sub = await linkNamed("先进封装");
    expect(sub.segment).toBe("midstream"); // its parent's
    const v = (await mapOf(manager)).chain.version;
    const nested = await addChainLink(manager, bdt, { version: v, segment: "midstream", parentId: sub.id, name: "二级以下", sortOrder: 1 });
    expect(nested).toEqual({ kind: "invalid", fieldErrors: { parentId: "chains.error.parent" } });

    const p = await createProject(db.db, { zoneId: ref.zoneId, clusterId: bdt, companyId: bdtCompany, ownerId: staff.id, stage: "signed" });
    expect((await setProjectLinks(db.db, { id: p.id, zoneId: ref.zoneId, clusterId: bdt }, [sub.id])).refused).toEqual([]);
    expect((await linkNamed("封装测试")).figures.signed).toBe(1); // the parent counts its sub-links
    expect((await removeChainLink(manager, bdt, { version: v, linkId: sub.id })).kind).toBe("ok");
    expect((await linkNamed("封装测试")).figures.signed).toBe(0);
    const [still] = await db.db.select({ id: projects.id }).from(projects).where(eq(projects.id, p.id));
    expect(still).toBeDefined();
  });

  it("a project is tagged only with links of its own cluster's chain", async () => {
    const gfLink = (await getChainMap(leader, ref.clusters.find((c) => c.name === "光伏")!.id))!.links[0];
    const own = await linkNamed("芯片制造");
    const p = await createProject(db.db, { zoneId: ref.zoneId, clusterId: bdt, companyId: bdtCompany, ownerId: staff.id });
    const result = await setProjectLinks(db.db, { id: p.id, zoneId: ref.zoneId, clusterId: bdt }, [own.id, gfLink.id]);
    expect(result.refused).toEqual([gfLink.id]);
    expect((await linkNamed("芯片制造")).figures.pipeline + (await linkNamed("芯片制造")).figures.signed).toBe(0);
  });

  it("the project form's save tags the project, refuses a link of another cluster and audits the change", async () => {
    const p = await createProject(db.db, { zoneId: ref.zoneId, clusterId: bdt, companyId: bdtCompany, ownerId: staff.id, name: "碳化硅衬底项目" });
    const [investor] = await db.db.select({ name: investors.name }).from(investors).where(eq(investors.id, p.investorId));
    const own = await linkNamed("晶圆衬底");
    const foreign = (await getChainMap(leader, ref.clusters.find((c) => c.name === "光伏")!.id))!.links[0];
    const save = async (chainLinkIds: number[]) => {
      const [{ version }] = await db.db.select({ version: projects.version }).from(projects).where(eq(projects.id, p.id));
      const input = updateProjectSchema.parse({
        name: "碳化硅衬底项目",
        investorName: investor.name,
        clusterId: String(bdt),
        version: String(version),
        chainLinkIds: chainLinkIds.map(String),
      });
      return updateProject(staff, p.id, input);
    };
    expect(await save([own.id, foreign.id])).toEqual({ kind: "invalid", fieldErrors: { chainLinkIds: "projects.error.chainLink" } });
    expect((await listLinkProjects(leader, bdt, own.id))!.projects).toHaveLength(0);
    expect((await save([own.id])).kind).toBe("ok");
    expect((await listLinkProjects(staff, bdt, own.id))!.projects.map((x) => x.name)).toEqual(["碳化硅衬底项目"]);
    const [audit] = await db.db
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, p.id), eq(auditLog.action, "update")));
    expect(audit.before).toMatchObject({ chainLinkIds: [] });
    expect(audit.after).toMatchObject({ chainLinkIds: [own.id] });
  });

  it("the map: a link is 薄弱 while negotiated, 已有 from signing, 强 with three signed or beyond", async () => {
    const link = await linkNamed("整机应用");
    const p = await createProject(db.db, {
      zoneId: ref.zoneId,
      clusterId: bdt,
      companyId: bdtCompany,
      ownerId: staff.id,
      stage: "negotiating",
      plannedInvestmentWan: "12345.67",
    });
    await setProjectLinks(db.db, { id: p.id, zoneId: ref.zoneId, clusterId: bdt }, [link.id]);
    expect((await linkNamed("整机应用")).figures).toMatchObject({ strength: "weak", pipeline: 1, pipelineWan: "12345.67", investmentWan: null });

    await db.db.update(projects).set({ stage: "signed", contractedInvestmentWan: "20000.10" }).where(eq(projects.id, p.id));
    expect((await linkNamed("整机应用")).figures).toMatchObject({ strength: "present", signed: 1, investmentWan: "20000.10", pipelineWan: null });

    await db.db.update(projects).set({ stage: "construction" }).where(eq(projects.id, p.id));
    expect((await linkNamed("整机应用")).figures).toMatchObject({ strength: "present", landed: 1, building: 1 });

    for (const stage of ["registered", "production"] as const) {
      const q = await createProject(db.db, {
        zoneId: ref.zoneId,
        clusterId: bdt,
        companyId: bdtCompany,
        ownerId: staff.id,
        stage,
        contractedInvestmentWan: "0.90",
      });
      await setProjectLinks(db.db, { id: q.id, zoneId: ref.zoneId, clusterId: bdt }, [link.id]);
    }
    expect((await linkNamed("整机应用")).figures).toMatchObject({ strength: "strong", landed: 3, building: 2, investmentWan: "20001.90" });
    const row = (await listZoneChains(leader)).find((c) => c.clusterName === "半导体")!;
    expect(row.strong).toBe(1);
    expect(row.emptyNames).not.toContain("整机应用");
  });

  it("a confidential project on a link is counted for everyone and named only to whoever may see it", async () => {
    const link = await linkNamed("芯片设计");
    const secret = await createProject(db.db, {
      zoneId: ref.zoneId,
      clusterId: bdt,
      companyId: bdtCompany,
      ownerId: staff.id,
      stage: "signed",
      confidential: true,
      name: "保密的芯片设计项目",
    });
    await setProjectLinks(db.db, { id: secret.id, zoneId: ref.zoneId, clusterId: bdt }, [link.id]);
    const seen = async (viewer: Viewer) => (await listLinkProjects(viewer, bdt, link.id))!.projects;
    expect((await seen(staff)).map((p) => p.name)).toEqual(["保密的芯片设计项目"]);
    expect((await seen(leader)).map((p) => p.name)).toEqual(["保密的芯片设计项目"]);
    expect(await seen(colleague)).toEqual([expect.objectContaining({ name: null, id: null, code: null, visible: false, stage: "signed" })]);
    expect((await getChainMap(colleague, bdt))!.links.find((l) => l.id === link.id)!.figures.signed).toBe(1);
  });

  it("another zone's chain is not found", async () => {
    const [other] = await db.db.insert(zones).values({ code: "elsewhere", name: "别处" }).returning();
    const outsider = asViewer(await createUser(db.db, { zoneId: other.id, companyId: null, role: "leader" }));
    expect(await getChainMap(outsider, bdt)).toBeUndefined();
    expect(await listLinkProjects(outsider, bdt, (await linkNamed("芯片设计")).id)).toBeUndefined();
    const { chain } = await mapOf(leader);
    expect((await addChainLink(outsider, bdt, { version: chain.version, segment: "upstream", name: "外区", sortOrder: 1 })).kind).toBe("notFound");
  });
});
