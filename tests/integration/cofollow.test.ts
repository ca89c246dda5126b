// 协同跟进 (issue 19): from the duplicate check a company asks the one that follows an investor to let it take part
// in its project. An assist under the handoff rules: the project company's manager answers; on acceptance the asker
// becomes a helper and a follower of the investor; owner, company and first-contact credit stay as they were.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { handoffs, investors, notifications, projects } from "../../db/schema";
import { todayInZone } from "../../app/lib/dates";
import type { Viewer } from "../../app/modules/auth/policy";
import { canLogActivity, projectAccess } from "../../app/modules/auth/policy";
import {
  acceptHandoff,
  cofollowCompanies,
  getHandoffForViewer,
  listHandoffs,
  rejectHandoff,
  requestCofollow,
} from "../../app/modules/handoffs/handoffs.server";
import { findInvestorFollowers } from "../../app/modules/investors/investors.server";
import { loadProjectFacts } from "../../app/modules/projects/projects.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createInvestor, createOtherZone, createProject, createReferenceZone, createTwoCompanies, createUser } from "../support/factories";

describe.each(databaseKinds())("co-follow (%s)", (kind) => {
  let db: TestDatabase;
  let w: Awaited<ReturnType<typeof buildWorld>>;

  async function buildWorld() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const other = await createOtherZone(db.db);
    const outsider = await createUser(db.db, { zoneId: other.zoneId, companyId: other.companyId, role: "manager" });
    const leader: Viewer = { id: ref.leaderId, zoneId: ref.zoneId, companyId: ref.committeeId, role: "leader" };
    return { ref, a, b, outsider, leader };
  }

  /** An investor company A follows with one project, and that project. */
  async function followedByA(name: string, over: { confidential?: boolean; status?: "lost" } = {}) {
    const investor = await createInvestor(db.db, { zoneId: w.ref.zoneId, name });
    const project = await createProject(db.db, {
      zoneId: w.ref.zoneId,
      clusterId: w.ref.clusters[0].id,
      companyId: w.a.company.id,
      ownerId: w.a.staff1.id,
      investorId: investor.id,
      name: `${name}扩产项目`,
      stage: "negotiating",
      ...over,
    });
    return { investor, project };
  }

  const ask = (viewer: Viewer, investorId: number, toCompanyId: number) =>
    requestCofollow(viewer, investorId, { toCompanyId, reason: "我公司与该投资方母公司有长期合作，可协助对接" });
  const answer = async (viewer: Viewer, id: number) => {
    const [row] = await db.db.select({ version: handoffs.version }).from(handoffs).where(eq(handoffs.id, id));
    // The assignee sent is ignored for a co-follow: the helper is the one who asked.
    return acceptHandoff(viewer, id, { version: row.version, assigneeId: w.a.staff2.id, businessOn: todayInZone(), note: undefined });
  };
  const projectRow = async (id: number) =>
    (
      await db.db
        .select({
          companyId: projects.companyId,
          ownerId: projects.ownerId,
          firstContactCompanyId: projects.firstContactCompanyId,
          version: projects.version,
        })
        .from(projects)
        .where(eq(projects.id, id))
    )[0];

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    w = await buildWorld();
  });
  afterAll(() => db?.dispose());

  it("B's staff asks A to co-follow; A's manager accepts; B reads and logs on the project and follows the investor; the credit stays A's", async () => {
    const { a, b } = w;
    const { investor, project } = await followedByA("太原晶锐半导体材料有限公司");
    const before = await projectRow(project.id);
    expect(await cofollowCompanies(b.staff1, investor.id)).toEqual([{ id: a.company.id, name: a.company.name }]);

    const asked = await ask(b.staff1, investor.id, a.company.id);
    if (asked.kind !== "ok") throw new Error(`refused: ${JSON.stringify(asked)}`);
    const [row] = await db.db.select().from(handoffs).where(eq(handoffs.id, asked.value.id));
    expect(row).toMatchObject({ kind: "cofollow", status: "pending", fromCompanyId: b.company.id, toCompanyId: a.company.id, projectId: project.id });
    // A's manager is told, naming the asking company and the investor.
    const notices = await db.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, a.manager.id), eq(notifications.kind, "handoff_cofollow_requested")));
    expect(notices.at(-1)?.params).toMatchObject({ company: b.company.name, investor: investor.name, project: project.name });

    // Until accepted B sees the investor, not the project: no access, and its inbox names the investor only.
    let facts = (await loadProjectFacts(project.id))!;
    expect(projectAccess(b.staff1, facts)).toBe("none");
    const outgoing = (await listHandoffs(b.staff1, { box: "outgoing", status: undefined, company: undefined })).find((h) => h.id === asked.value.id)!;
    expect(outgoing).toMatchObject({ projectName: investor.name, projectCode: "—" });
    const seenByB = (await getHandoffForViewer(b.staff1, asked.value.id))!;
    expect(seenByB.hidden).toBe(true);
    expect(seenByB.project.totalInvestmentWan).toBeNull();
    // A's manager sees its own project as it is.
    expect((await getHandoffForViewer(a.manager, asked.value.id))!.handoff.projectName).toBe(project.name);

    // Only the project company's manager answers: not A's staff, not B's manager.
    expect(await answer(a.staff1, asked.value.id)).toMatchObject({ kind: "invalid", fieldErrors: { _form: "handoffs.error.notReceivingManager" } });
    expect(await answer(b.manager, asked.value.id)).toMatchObject({ kind: "invalid", fieldErrors: { _form: "handoffs.error.notReceivingManager" } });
    expect(await answer(a.manager, asked.value.id)).toEqual({ kind: "ok", value: undefined });

    const [accepted] = await db.db.select().from(handoffs).where(eq(handoffs.id, asked.value.id));
    expect(accepted).toMatchObject({ status: "accepted", assigneeId: b.staff1.id, answeredById: a.manager.id });
    facts = (await loadProjectFacts(project.id))!;
    expect(projectAccess(b.staff1, facts)).toBe("read");
    expect(canLogActivity(b.staff1, facts)).toBe(true);
    expect(canLogActivity(b.staff2, facts)).toBe(false); // the named helper and B's manager, not every colleague
    expect(canLogActivity(b.manager, facts)).toBe(true);
    // The credit and the project are unchanged: same company, owner, first-contact company, version.
    expect(await projectRow(project.id)).toEqual(before);

    // B now follows the investor (as a co-follower), as the duplicate check tells a third company.
    const matches = await findInvestorFollowers(w.a.manager, { name: investor.name });
    const followers = matches.find((m) => m.id === investor.id)!.followers;
    expect(followers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ companyId: a.company.id, ownCompany: true }),
        expect.objectContaining({ companyId: b.company.id, company: b.company.name, owner: b.staff1.displayName, cofollow: true }),
      ]),
    );
    const accNotice = await db.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, b.staff1.id), eq(notifications.kind, "handoff_cofollow_accepted")));
    expect(accNotice).toHaveLength(1);
    // A second request while co-following is refused.
    expect(await ask(b.staff2, investor.id, a.company.id)).toMatchObject({ kind: "invalid", fieldErrors: { toCompanyId: "cofollow.error.open" } });
  });

  it("a rejected request gives nothing; asking again is possible", async () => {
    const { a, b } = w;
    const { investor, project } = await followedByA("山西绿源生物科技有限公司");
    const asked = await ask(b.manager, investor.id, a.company.id);
    if (asked.kind !== "ok") throw new Error("refused");
    const [row] = await db.db.select({ version: handoffs.version }).from(handoffs).where(eq(handoffs.id, asked.value.id));
    expect(await rejectHandoff(a.manager, asked.value.id, { version: row.version, note: "本项目暂不需要协同" })).toEqual({
      kind: "ok",
      value: undefined,
    });
    expect(projectAccess(b.manager, (await loadProjectFacts(project.id))!)).toBe("none");
    expect((await ask(b.manager, investor.id, a.company.id)).kind).toBe("ok");
  });

  it("cannot be forged: not for one's own company, another zone, a leader, a confidential or lost project, or an investor of another zone", async () => {
    const { a, b, outsider, leader } = w;
    const { investor } = await followedByA("晋中精工特种金属有限公司");
    // Its own company's project: nothing to ask.
    expect(await ask(a.staff2, investor.id, a.company.id)).toMatchObject({ kind: "invalid", fieldErrors: { toCompanyId: "cofollow.error.company" } });
    // A company that does not follow the investor (its own id passed as the target).
    expect(await ask(b.staff1, investor.id, b.company.id)).toMatchObject({ kind: "invalid", fieldErrors: { toCompanyId: "cofollow.error.company" } });
    // Another zone's manager: the investor does not exist for them.
    expect(await ask(outsider, investor.id, a.company.id)).toEqual({ kind: "notFound" });
    // A leader belongs to no attraction company.
    expect(await ask(leader, investor.id, a.company.id)).toMatchObject({ kind: "invalid" });
    // Confidential and lost projects cannot be co-followed, and are not offered.
    const secret = await followedByA("保密投资方有限公司", { confidential: true });
    expect(await ask(b.staff1, secret.investor.id, a.company.id)).toMatchObject({
      kind: "invalid",
      fieldErrors: { toCompanyId: "cofollow.error.company" },
    });
    expect(await cofollowCompanies(b.staff1, secret.investor.id)).toEqual([]);
    const lost = await followedByA("已终止投资方有限公司", { status: "lost" });
    expect(await ask(b.staff1, lost.investor.id, a.company.id)).toMatchObject({ kind: "invalid" });
    // An investor of another zone with the same id space: not found.
    const [foreign] = await db.db.insert(investors).values({ zoneId: outsider.zoneId, name: "外区投资方有限公司" }).returning();
    expect(await ask(b.staff1, foreign.id, a.company.id)).toEqual({ kind: "notFound" });
    expect(await db.db.select().from(handoffs).where(eq(handoffs.fromCompanyId, outsider.companyId!))).toEqual([]);
  });
});
