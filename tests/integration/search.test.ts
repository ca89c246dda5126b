import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { investorContacts, investors, projects } from "../../db/schema";
import type { Viewer } from "../../app/modules/auth/policy";
import { searchEverything } from "../../app/modules/search/search.server";
import type { SearchKind } from "../../app/modules/search/search.server";
import { fillMissingSearchKeys } from "../../app/modules/search/search-keys.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createInvestor, createOtherZone, createProject, createReferenceZone, createTwoCompanies, createUser } from "../support/factories";

describe.each(databaseKinds())("the header search (%s)", (kind) => {
  let db: TestDatabase;
  let w: Awaited<ReturnType<typeof setUp>>;

  async function setUp() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const other = await createOtherZone(db.db);
    const otherStaff = await createUser(db.db, { zoneId: other.zoneId, companyId: other.companyId, role: "staff" });
    const leader: Viewer = { id: ref.leaderId, zoneId: ref.zoneId, companyId: ref.committeeId, role: "leader" };
    const cluster = ref.clusters[0].id;
    const make = (companyId: number, ownerId: number, name: string, confidential = false) =>
      createProject(db.db, { zoneId: ref.zoneId, companyId, clusterId: cluster, ownerId, name, confidential });
    const openA = await make(a.company.id, a.staff1.id, "晶圆半导体封测项目");
    const secretB = await make(b.company.id, b.staff1.id, "半导体保密扩产项目", true);
    const openB = await make(b.company.id, b.staff1.id, "半导体材料公开项目");
    const secretA = await make(a.company.id, a.staff2.id, "半导体设备保密项目", true);
    const otherZone = await createProject(db.db, {
      zoneId: other.zoneId,
      companyId: other.companyId,
      clusterId: other.clusterId,
      ownerId: otherStaff.id,
      name: "另一区半导体项目",
    });
    // A landed enterprise, registered under its own name and USCC.
    await db.db
      .update(projects)
      .set({ stage: "registered", projectCompanyName: "太原中芯微电子有限公司", projectCompanyUscc: "91140100MA0K123456" })
      .where(eq(projects.id, openA.id));
    const investor = await createInvestor(db.db, { zoneId: ref.zoneId, name: "北京长城投资集团" });
    await db.db.insert(investorContacts).values({ investorId: investor.id, name: "赵立新", title: "投资总监", mobile: "13912345678" });
    const otherInvestor = await createInvestor(db.db, { zoneId: other.zoneId, name: "远方长城资本" });
    return { ref, a, b, otherStaff, leader, openA, secretB, openB, secretA, otherZone, investor, otherInvestor };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    w = await setUp();
  });
  afterAll(() => db.dispose());

  const ids = async (viewer: Viewer, q: string, kind: SearchKind) =>
    ((await searchEverything(viewer, q, 30)).find((g) => g.kind === kind)?.hits ?? []).map((h) => h.id).sort((x, y) => x - y);

  it("finds projects by pinyin initials, full pinyin, Chinese and code, only within the viewer's scope", async () => {
    const { a, b, openA, openB, secretA, secretB } = w;
    // Company A's staff: their company's open project; A's confidential one is another staff member's; nothing of B.
    expect(await ids(a.staff1, "bdt", "project")).toEqual([openA.id]);
    expect(await ids(a.staff1, "bandaoti", "project")).toEqual([openA.id]);
    expect(await ids(a.staff1, "半导体", "project")).toEqual([openA.id]);
    expect(await ids(a.staff1, openA.code.toLowerCase(), "project")).toEqual([openA.id]);
    // The owner of a confidential project finds it; A's manager sees all of A's; B's confidential one never.
    expect(await ids(a.staff2, "bdt", "project")).toEqual([openA.id, secretA.id]);
    expect(await ids(a.manager, "bdt", "project")).toEqual([openA.id, secretA.id]);
    expect(await ids(b.manager, "bdt", "project")).toEqual([secretB.id, openB.id].sort((x, y) => x - y));
    expect(await ids(a.manager, "baomi", "project")).toEqual([secretA.id]);
    expect(await ids(a.manager, secretB.code, "project")).toEqual([]);
  });

  it("never shows another zone's records, even to the zone's leader", async () => {
    const { leader, otherStaff, otherZone, openA, openB, secretA, secretB, investor, otherInvestor } = w;
    expect(await ids(leader, "bdt", "project")).toEqual([openA.id, secretB.id, openB.id, secretA.id].sort((x, y) => x - y));
    expect(await ids(leader, "另一区", "project")).toEqual([]);
    expect(await ids(leader, "bjcc", "investor")).toEqual([investor.id]);
    expect(await ids(otherStaff, "bdt", "project")).toEqual([otherZone.id]);
    expect(await ids(otherStaff, "yfcc", "investor")).toEqual([otherInvestor.id]);
    expect(await ids(otherStaff, "bjcc", "investor")).toEqual([]);
    expect(await ids(otherStaff, "zlx", "contact")).toEqual([]);
  });

  it("finds an enterprise by its USCC or pinyin initials, and investors and contacts by name, USCC, mobile and initials", async () => {
    const { a, b, openA, investor } = w;
    expect(await ids(a.staff1, "91140100ma0k123456", "enterprise")).toEqual([openA.id]);
    expect(await ids(a.staff1, "tyzx", "enterprise")).toEqual([openA.id]);
    // A two-character word is found where a word of the key starts: the name, its initials, its pinyin.
    expect(await ids(a.staff1, "太原", "enterprise")).toEqual([openA.id]);
    expect(await ids(a.staff1, "ty", "enterprise")).toEqual([openA.id]);
    expect(await ids(a.staff1, "中芯微", "enterprise")).toEqual([openA.id]);
    // The enterprise is company A's project: B's people do not find it.
    expect(await ids(b.staff1, "91140100MA0K123456", "enterprise")).toEqual([]);
    expect(await ids(b.staff1, "bjcc", "investor")).toEqual([investor.id]);
    expect(await ids(b.staff1, investor.uscc!, "investor")).toEqual([investor.id]);
    const contact = await searchEverything(b.staff1, "zlx");
    expect(contact.find((g) => g.kind === "contact")?.hits).toMatchObject([{ title: "赵立新", href: `/investors/${investor.id}` }]);
    expect(await ids(b.staff1, "1391234", "contact")).toHaveLength(1);
  });

  it("keeps keys current: a rename without its key is found under the new name at the next search", async () => {
    const { a, openA } = w;
    await db.db.update(projects).set({ name: "光伏组件扩产项目" }).where(eq(projects.id, openA.id));
    const [row] = await db.db.select({ key: projects.searchKey }).from(projects).where(eq(projects.id, openA.id));
    expect(row.key).toBeNull();
    expect(await ids(a.staff1, "gfzj", "project")).toEqual([openA.id]);
    expect(await ids(a.staff1, "jingyuan", "project")).toEqual([]);
    await db.db.update(investors).set({ name: "晋商银行" }).where(eq(investors.id, w.investor.id));
    expect(await ids(a.staff1, "jsyh", "investor")).toEqual([w.investor.id]);
    expect(await fillMissingSearchKeys(Infinity)).toBe(0);
  });

  it("treats LIKE's wildcards as text", async () => {
    expect(await searchEverything(w.leader, "%")).toEqual([]);
    expect(await searchEverything(w.leader, "_")).toEqual([]);
    expect(await searchEverything(w.leader, "   ")).toEqual([]);
  });
});
