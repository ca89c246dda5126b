// Investors on a real database: registering with contacts, the zone-wide duplicate check (首谈责任制), who may see
// whose follow-up, optimistic locking and the one-code-per-zone rule, each with its audit rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, inArray } from "drizzle-orm";
import { auditLog, investorContacts, investors, projects } from "../../db/schema";
import { completeUscc } from "../../app/lib/uscc";
import type { Viewer } from "../../app/modules/auth/policy";
import type { ContactInput, CreateInvestorInput } from "../../app/modules/investors/investors.schema";
import { createInvestorSchema, parseInvestorListParams } from "../../app/modules/investors/investors.schema";
import {
  createInvestor,
  findInvestorFollowers,
  getInvestorForViewer,
  listInvestors,
  updateInvestor,
} from "../../app/modules/investors/investors.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createOtherZone, createProject, createReferenceZone, createTwoCompanies, createUser } from "../support/factories";

let codeSeq = 0;
/** A valid credit code no other test uses. */
const newUscc = () => completeUscc(`91140105MA${String(++codeSeq).padStart(7, "0")}`);

function input(values: Record<string, unknown>): CreateInvestorInput {
  return createInvestorSchema.parse({ contacts: [], ...values });
}

describe.each(databaseKinds())("investors (%s)", (kind) => {
  let db: TestDatabase;
  let w: Awaited<ReturnType<typeof build>>;

  async function build() {
    const ref = await createReferenceZone(db.db);
    const { a, b } = await createTwoCompanies(db.db, ref);
    const other = await createOtherZone(db.db);
    const otherStaff = await createUser(db.db, { zoneId: other.zoneId, companyId: other.companyId, role: "staff" });
    const leader: Viewer = { id: ref.leaderId, zoneId: ref.zoneId, companyId: ref.committeeId, role: "leader" };
    const admin: Viewer = { id: ref.adminId, zoneId: ref.zoneId, companyId: null, role: "admin" };
    return { ref, a, b, other, otherStaff, leader, admin, cluster: ref.clusters[0].id };
  }

  /** An investor registered straight in the database, optionally with projects of the given companies. */
  async function seedInvestor(name: string, opts: { zoneId?: number; uscc?: string | null } = {}) {
    const [row] = await db.db
      .insert(investors)
      .values({ zoneId: opts.zoneId ?? w.ref.zoneId, name, uscc: opts.uscc === undefined ? newUscc() : opts.uscc })
      .returning();
    return row;
  }

  const project = (investorId: number, company: { id: number }, ownerId: number, extra: Partial<Parameters<typeof createProject>[1]> = {}) =>
    createProject(db.db, { zoneId: w.ref.zoneId, clusterId: w.cluster, companyId: company.id, ownerId, investorId, ...extra });

  const auditRows = (entity: string, ids: number[]) =>
    db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, entity), inArray(auditLog.entityId, ids.length ? ids : [-1])))
      .orderBy(auditLog.id);

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    w = await build();
  });
  afterAll(() => db?.dispose());

  it("a staff member registers an investor with two contacts; the investor and each contact get an audit row", async () => {
    const uscc = newUscc();
    const result = await createInvestor(
      w.a.staff1,
      input({
        name: "太原星河智能装备有限公司",
        uscc: uscc.toLowerCase(),
        region: "山西省太原市",
        contacts: [
          { name: "王敏", title: "投资总监", mobile: "+86 139-1234-5678" },
          { name: "李强", email: "liqiang@example.com" },
        ],
      }),
    );
    expect(result).toMatchObject({ kind: "ok", value: { name: "太原星河智能装备有限公司" } });
    if (result.kind !== "ok") return;
    const [saved] = await db.db.select().from(investors).where(eq(investors.id, result.value.id));
    expect(saved).toMatchObject({ uscc, region: "山西省太原市", createdById: w.a.staff1.id, zoneId: w.ref.zoneId, version: 1 });
    const contacts = await db.db.select().from(investorContacts).where(eq(investorContacts.investorId, result.value.id)).orderBy(investorContacts.id);
    expect(contacts.map((c) => [c.name, c.mobile, c.email])).toEqual([
      ["王敏", "13912345678", null],
      ["李强", null, "liqiang@example.com"],
    ]);

    const [created] = await auditRows("investor", [result.value.id]);
    expect(created).toMatchObject({ action: "create", actorId: w.a.staff1.id, zoneId: w.ref.zoneId });
    expect(created.after).toMatchObject({ name: "太原星河智能装备有限公司", uscc, version: 1 });
    const contactAudit = await auditRows(
      "investor_contact",
      contacts.map((c) => c.id),
    );
    expect(contactAudit.map((r) => [r.action, (r.after as { investorId: number; name: string }).name])).toEqual([
      ["create", "王敏"],
      ["create", "李强"],
    ]);
    expect((contactAudit[0].after as { investorId: number }).investorId).toBe(result.value.id);
  });

  it("the duplicate check finds the same code, the same name and a similar name, best first", async () => {
    const huaheng = await seedInvestor("山西华恒科技有限公司");
    await project(huaheng.id, w.b.company, w.b.staff1.id);
    const sameCode = await seedInvestor("华恒（山西）控股有限公司");

    const similar = await findInvestorFollowers(w.a.staff1, { name: "山西华恒科技" });
    expect(similar[0]).toMatchObject({ id: huaheng.id, match: "similar" });
    expect(similar[0].similarity).toBeGreaterThan(0.4);

    const sameName = await findInvestorFollowers(w.a.staff1, { name: "山西华恒科技有限公司" });
    expect(sameName[0]).toMatchObject({ id: huaheng.id, match: "name", similarity: 1 });

    const all = await findInvestorFollowers(w.a.staff1, { name: "山西华恒科技有限公司", uscc: sameCode.uscc });
    expect(all.map((m) => [m.id, m.match])).toEqual([
      [sameCode.id, "uscc"],
      [huaheng.id, "name"],
    ]);

    expect(await findInvestorFollowers(w.a.staff1, { name: "完全无关的食品公司" })).toEqual([]);
  });

  it("never returns another zone's investor, not even one with the same name and code", async () => {
    const mine = await seedInvestor("晋中远景新能源有限公司");
    const theirs = await seedInvestor("晋中远景新能源有限公司", { zoneId: w.other.zoneId, uscc: mine.uscc });
    await createProject(db.db, {
      zoneId: w.other.zoneId,
      clusterId: w.other.clusterId,
      companyId: w.other.companyId,
      ownerId: w.otherStaff.id,
      investorId: theirs.id,
    });
    for (const query of [{ name: "晋中远景新能源有限公司" }, { name: "晋中远景新能源", uscc: mine.uscc }]) {
      const ids = (await findInvestorFollowers(w.a.staff1, query)).map((m) => m.id);
      expect(ids).toContain(mine.id);
      expect(ids).not.toContain(theirs.id);
      expect((await findInvestorFollowers(w.otherStaff, query)).map((m) => m.id)).toEqual([theirs.id]);
    }
    const ours = (await findInvestorFollowers(w.a.staff1, { name: "晋中远景新能源有限公司" })).find((m) => m.id === mine.id)!;
    expect(ours.followers).toEqual([]);
    expect(await getInvestorForViewer(w.a.staff1, theirs.id)).toBeUndefined();
    expect(await getInvestorForViewer(w.leader, theirs.id)).toBeUndefined();
  });

  it("tells who follows an investor by company and owner only, and hides the owner of a confidential project", async () => {
    const investor = await seedInvestor("阳泉锐思半导体材料有限公司");
    await project(investor.id, w.b.company, w.b.staff1.id, { name: "锐思高纯硅料一期项目", plannedInvestmentWan: "88888.00" });
    await project(investor.id, w.b.company, w.b.staff2.id, { name: "锐思秘密扩产项目", confidential: true });
    await project(investor.id, w.a.company, w.a.staff2.id, { name: "锐思已终止项目", status: "lost" });
    const secretOnly = await seedInvestor("阳泉锐思电子有限公司");
    await project(secretOnly.id, w.b.company, w.b.staff2.id, { name: "锐思电子保密项目", confidential: true });

    const matches = await findInvestorFollowers(w.a.staff1, { name: "阳泉锐思半导体材料有限公司" });
    const match = matches.find((m) => m.id === investor.id)!;
    expect(Object.keys(match).sort()).toEqual(["followers", "id", "match", "name", "similarity", "uscc"]);
    // The confidential project's company is already listed with an owner; the lost project of A does not count.
    // The company's id (for 请求协同跟进) is the zone's shared reference data, not a detail of its project.
    expect(match.followers).toEqual([{ companyId: w.b.company.id, company: w.b.company.name, owner: w.b.staff1.displayName, ownCompany: false }]);
    for (const f of match.followers) expect(Object.keys(f).sort()).toEqual(["company", "companyId", "ownCompany", "owner"]);
    const text = JSON.stringify(matches);
    for (const secret of ["锐思高纯硅料一期项目", "锐思秘密扩产项目", "锐思电子保密项目", "88888", "stage", "lead", w.b.staff2.displayName]) {
      expect(text).not.toContain(secret);
    }

    const secret = (viewer: Viewer) =>
      findInvestorFollowers(viewer, { name: "阳泉锐思电子有限公司" }).then((ms) => ms.find((m) => m.id === secretOnly.id)!.followers);
    expect(await secret(w.a.staff1)).toEqual([{ companyId: w.b.company.id, company: w.b.company.name, owner: null, ownCompany: false }]);
    expect(await secret(w.b.staff1)).toEqual([{ companyId: w.b.company.id, company: w.b.company.name, owner: null, ownCompany: true }]);
    expect(await secret(w.b.manager)).toEqual([
      { companyId: w.b.company.id, company: w.b.company.name, owner: w.b.staff2.displayName, ownCompany: true },
    ]);
    expect(await secret(w.leader)).toEqual([
      { companyId: w.b.company.id, company: w.b.company.name, owner: w.b.staff2.displayName, ownCompany: false },
    ]);

    // The investor's page: A sees none of B's projects, only who follows; B's manager sees them all.
    const forA = (await getInvestorForViewer(w.a.staff1, investor.id))!;
    expect(forA.projects.map((p) => p.name)).toEqual(["锐思已终止项目"]);
    expect(forA.otherFollowers).toEqual([{ companyId: w.b.company.id, company: w.b.company.name, owner: w.b.staff1.displayName, ownCompany: false }]);
    expect(JSON.stringify(forA.otherFollowers)).not.toContain("锐思");
    const forB = (await getInvestorForViewer(w.b.manager, investor.id))!;
    expect(forB.projects.map((p) => p.name).sort()).toEqual(["锐思秘密扩产项目", "锐思高纯硅料一期项目"].sort());
  });

  it("registering needs confirmation when a similar investor exists, and refuses the same code or the same name outright", async () => {
    const existing = await seedInvestor("大同凯迪轨道装备有限公司");
    await project(existing.id, w.b.company, w.b.staff1.id);

    const similar = await createInvestor(w.a.staff1, input({ name: "大同凯迪轨道装备" }));
    expect(similar).toMatchObject({ kind: "conflict", detail: { kind: "similar", matches: [{ id: existing.id, match: "similar" }] } });

    const sameCode = await createInvestor(w.a.staff1, input({ name: "凯迪装备集团", uscc: existing.uscc, confirmed: "1" }));
    expect(sameCode).toEqual({
      kind: "conflict",
      detail: {
        kind: "taken",
        errors: { uscc: "investors.usccTaken|name=大同凯迪轨道装备有限公司" },
        existing: { id: existing.id, name: existing.name },
      },
    });
    const sameName = await createInvestor(w.a.staff1, input({ name: "大同凯迪轨道装备有限公司", confirmed: "1" }));
    expect(sameName).toMatchObject({
      kind: "conflict",
      detail: { kind: "taken", errors: { name: "investors.nameTaken|name=大同凯迪轨道装备有限公司" } },
    });

    const confirmed = await createInvestor(w.a.staff1, input({ name: "大同凯迪轨道装备", confirmed: "1" }));
    expect(confirmed.kind).toBe("ok");
  });

  it("leaders and admins do not register investors; another company's staff may not edit one they do not follow", async () => {
    expect(await createInvestor(w.leader, input({ name: "晋城泽辉光电有限公司" }))).toMatchObject({
      kind: "invalid",
      fieldErrors: { _form: "error.forbidden" },
    });
    expect(await createInvestor(w.admin, input({ name: "晋城泽辉光电有限公司" }))).toMatchObject({ kind: "invalid" });
    const created = await createInvestor(w.a.staff1, input({ name: "晋城泽辉光电有限公司" }));
    if (created.kind !== "ok") throw new Error("not created");
    const change = { ...input({ name: "晋城泽辉光电股份有限公司" }) };
    expect(await updateInvestor(w.b.staff1, created.value.id, change, 1)).toEqual({ kind: "forbidden" });
    expect(await updateInvestor(w.leader, created.value.id, change, 1)).toEqual({ kind: "forbidden" });
    expect(await updateInvestor(w.a.staff2, created.value.id, change, 1)).toEqual({ kind: "forbidden" });
    expect(await updateInvestor(w.otherStaff, created.value.id, change, 1)).toEqual({ kind: "notFound" });
    // Once B has a project of it, B's people may edit it too.
    await project(created.value.id, w.b.company, w.b.staff1.id);
    expect(await updateInvestor(w.b.staff2, created.value.id, change, 1)).toEqual({ kind: "ok", value: { changed: true } });
  });

  it("two edits from the same version: the first wins, the second gets a conflict with the current values and who changed it", async () => {
    const created = await createInvestor(
      w.a.staff1,
      input({ name: "忻州华晟生物科技有限公司", region: "忻州市", contacts: [{ name: "赵倩", mobile: "13800138000" }] }),
    );
    if (created.kind !== "ok") throw new Error("not created");
    await project(created.value.id, w.a.company, w.a.staff1.id);
    const [contact] = await db.db.select().from(investorContacts).where(eq(investorContacts.investorId, created.value.id));
    const loaded = (await getInvestorForViewer(w.a.manager, created.value.id))!;
    const version = loaded.investor.version;

    const first = await updateInvestor(
      w.a.staff1,
      created.value.id,
      input({
        name: "忻州华晟生物科技有限公司",
        region: "山西省忻州市",
        contacts: [{ id: contact.id, name: "赵倩", title: "总经理", mobile: "13800138000" }],
      }),
      version,
    );
    expect(first).toEqual({ kind: "ok", value: { changed: true } });

    const yours = input({
      name: "忻州华晟生物科技有限公司",
      region: "忻州市",
      website: "www.huasheng.example",
      contacts: [{ id: contact.id, name: "赵倩", mobile: "13800138000" }],
    });
    const second = await updateInvestor(w.a.manager, created.value.id, yours, version);
    if (second.kind !== "conflict" || second.detail.kind !== "stale") throw new Error("expected a conflict");
    expect(second.detail).toMatchObject({ by: w.a.staff1.displayName, version: version + 1 });
    expect(Date.parse(second.detail.at!)).toBeGreaterThan(Date.now() - 60_000);
    expect(second.detail.current).toMatchObject({ region: "山西省忻州市", website: null });
    expect(second.detail.current.contacts).toEqual([expect.objectContaining({ id: contact.id, name: "赵倩", title: "总经理" })]);
    expect(second.detail.fields).toEqual([
      { field: "region", theirs: "山西省忻州市", yours: "忻州市" },
      { field: "website", theirs: null, yours: "www.huasheng.example" },
      { field: "contacts", theirs: "赵倩 总经理 13800138000", yours: "赵倩 13800138000" },
    ]);
    // Nothing of the second edit was written; the first is intact.
    const [now] = await db.db.select().from(investors).where(eq(investors.id, created.value.id));
    expect(now).toMatchObject({ region: "山西省忻州市", website: null, version: version + 1 });

    // Saving again from the version the conflict carried is a deliberate overwrite.
    expect(await updateInvestor(w.a.manager, created.value.id, yours, second.detail.version)).toEqual({ kind: "ok", value: { changed: true } });
    const updates = (await auditRows("investor", [created.value.id])).filter((r) => r.action === "update");
    expect(updates.map((r) => [r.actorId, r.before, r.after])).toEqual([
      [w.a.staff1.id, { region: "忻州市", version: 1 }, { region: "山西省忻州市", version: 2 }],
      [w.a.manager.id, { region: "山西省忻州市", website: null, version: 2 }, { region: "忻州市", website: "www.huasheng.example", version: 3 }],
    ]);
  });

  it("adds, edits and removes contacts in one save, each audited; a contact a project uses is not removed", async () => {
    const created = await createInvestor(
      w.a.staff1,
      input({ name: "朔州德润节能环保有限公司", contacts: [{ name: "钱伟", mobile: "13700000001" }, { name: "孙丽" }, { name: "周杰" }] }),
    );
    if (created.kind !== "ok") throw new Error("not created");
    const [qian, sun, zhou] = await db.db
      .select()
      .from(investorContacts)
      .where(eq(investorContacts.investorId, created.value.id))
      .orderBy(investorContacts.id);
    const withContacts = (contacts: Partial<ContactInput>[]) => input({ name: "朔州德润节能环保有限公司", contacts });

    const saved = await updateInvestor(
      w.a.staff1,
      created.value.id,
      withContacts([
        { id: qian.id, name: "钱伟", mobile: "137 0000 0002" },
        { id: zhou.id, name: "周杰" },
        { name: "吴敏", email: "wu@example.com" },
      ]),
      1,
    );
    expect(saved).toEqual({ kind: "ok", value: { changed: true } });
    const after = await db.db.select().from(investorContacts).where(eq(investorContacts.investorId, created.value.id)).orderBy(investorContacts.id);
    expect(after.map((c) => [c.name, c.mobile])).toEqual([
      ["钱伟", "13700000002"],
      ["周杰", null],
      ["吴敏", null],
    ]);
    const audit = await auditRows("investor_contact", [qian.id, sun.id, after[2].id]);
    expect(audit.filter((r) => r.action !== "create" || r.entityId === after[2].id).map((r) => [r.entityId, r.action, r.before, r.after])).toEqual([
      [sun.id, "delete", expect.objectContaining({ investorId: created.value.id, name: "孙丽" }), null],
      [qian.id, "update", { mobile: "13700000001" }, { mobile: "13700000002" }],
      [after[2].id, "create", null, expect.objectContaining({ investorId: created.value.id, name: "吴敏", email: "wu@example.com" })],
    ]);

    // A row naming another investor's contact (a forged id) becomes a new contact here; that contact is untouched.
    const stranger = await seedInvestor("长治泰和机械有限公司");
    const [theirs] = await db.db.insert(investorContacts).values({ investorId: stranger.id, name: "郑涛" }).returning();
    const forged = await updateInvestor(
      w.a.staff1,
      created.value.id,
      withContacts([
        { id: qian.id, name: "钱伟", mobile: "13700000002" },
        { id: zhou.id, name: "周杰" },
        { id: after[2].id, name: "吴敏", email: "wu@example.com" },
        { id: theirs.id, name: "改名" },
      ]),
      2,
    );
    expect(forged).toEqual({ kind: "ok", value: { changed: true } });
    const [untouched] = await db.db.select().from(investorContacts).where(eq(investorContacts.id, theirs.id));
    expect(untouched).toMatchObject({ investorId: stranger.id, name: "郑涛" });
    const [added] = await db.db
      .select()
      .from(investorContacts)
      .where(and(eq(investorContacts.investorId, created.value.id), eq(investorContacts.name, "改名")));
    expect(added.id).not.toBe(theirs.id);

    // 周杰 is the contact of a project now: removing him is refused and nothing changes.
    const p = await project(created.value.id, w.a.company, w.a.staff1.id);
    await db.db.update(projects).set({ investorContactId: zhou.id }).where(eq(projects.id, p.id));
    const refused = await updateInvestor(
      w.a.staff1,
      created.value.id,
      withContacts([
        { id: qian.id, name: "钱伟", mobile: "13700000002" },
        { id: after[2].id, name: "吴敏" },
      ]),
      3,
    );
    expect(refused).toEqual({ kind: "invalid", fieldErrors: { _form: "investors.contactInUseError|name=周杰" } });
    const [{ n }] = await db.db.select({ n: count() }).from(investorContacts).where(eq(investorContacts.investorId, created.value.id));
    expect(n).toBe(4);
    expect((await getInvestorForViewer(w.a.staff1, created.value.id))!.contacts.find((c) => c.id === zhou.id)?.inUse).toBe(true);
  });

  it("one credit code per zone: a second investor with it is a field error naming the first, and nothing is half-written", async () => {
    const uscc = newUscc();
    const counts = async () => {
      const [[i], [c], [a]] = await Promise.all([
        db.db.select({ n: count() }).from(investors),
        db.db.select({ n: count() }).from(investorContacts),
        db.db.select({ n: count() }).from(auditLog),
      ]);
      return { investors: i.n, contacts: c.n, audit: a.n };
    };
    const before = await counts();
    // Two people register the same code at once: whichever the check or the unique index stops gets a field error.
    const results = await Promise.all([
      createInvestor(w.a.staff1, input({ name: "临汾瑞泰医药有限公司", uscc, contacts: [{ name: "甲" }, { name: "乙" }] })),
      createInvestor(
        w.b.staff1,
        input({ name: "临汾瑞泰制药集团", uscc, confirmed: "1", contacts: [{ name: "丙" }, { name: "丁" }, { name: "戊" }] }),
      ),
    ]);
    const winners = results.filter((r) => r.kind === "ok");
    const losers = results.filter((r) => r.kind !== "ok");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winner = (winners[0] as { value: { id: number; name: string } }).value;
    expect(losers[0]).toEqual({
      kind: "conflict",
      detail: { kind: "taken", errors: { uscc: `investors.usccTaken|name=${winner.name}` }, existing: { id: winner.id, name: winner.name } },
    });
    const after = await counts();
    const winnerContacts = winner.name === "临汾瑞泰医药有限公司" ? 2 : 3;
    expect(after).toEqual({
      investors: before.investors + 1,
      contacts: before.contacts + winnerContacts,
      audit: before.audit + 1 + winnerContacts,
    });

    // The same rule on an edit: another investor's code is refused, the investor and its contacts stay as they were.
    const second = await createInvestor(w.a.staff1, input({ name: "临汾汾河物流有限公司", contacts: [{ name: "己" }] }));
    if (second.kind !== "ok") throw new Error("not created");
    const [contact] = await db.db.select().from(investorContacts).where(eq(investorContacts.investorId, second.value.id));
    const beforeEdit = await counts();
    const edit = await updateInvestor(
      w.a.staff1,
      second.value.id,
      input({ name: "临汾汾河物流有限公司", uscc, contacts: [{ id: contact.id, name: "己" }, { name: "庚" }] }),
      1,
    );
    expect(edit).toMatchObject({
      kind: "conflict",
      detail: { kind: "taken", errors: { uscc: `investors.usccTaken|name=${winner.name}` }, existing: { id: winner.id } },
    });
    expect(await counts()).toEqual(beforeEdit);
    const [unchanged] = await db.db.select().from(investors).where(eq(investors.id, second.value.id));
    expect(unchanged).toMatchObject({ uscc: null, version: 1 });
  });

  it("lists the zone's investors by name or code, with the projects the viewer sees and who follows", async () => {
    const listed = await seedInvestor("运城永信光伏科技有限公司");
    await project(listed.id, w.a.company, w.a.staff1.id);
    await project(listed.id, w.b.company, w.b.staff1.id);
    await seedInvestor("运城永信光伏科技有限公司", { zoneId: w.other.zoneId });

    const byName = await listInvestors(w.a.staff1, parseInvestorListParams(new URLSearchParams({ q: "永信光伏" })));
    expect(byName.total).toBe(1);
    const [row] = byName.rows;
    expect(row).toMatchObject({ id: listed.id, visibleProjects: 1 });
    expect(row.companies.length).toBe(2);
    const forLeader = await listInvestors(w.leader, parseInvestorListParams(new URLSearchParams({ q: "永信光伏" })));
    expect(forLeader.rows[0].visibleProjects).toBe(2);
    const byCode = await listInvestors(w.a.staff1, parseInvestorListParams(new URLSearchParams({ q: listed.uscc!.slice(0, 17).toLowerCase() })));
    expect(byCode.rows.map((r) => r.id)).toEqual([listed.id]);

    // Keyset pages by name cover every investor of the zone exactly once.
    await db.db
      .insert(investors)
      .values(Array.from({ length: 60 }, (_, i) => ({ zoneId: w.ref.zoneId, name: `分页投资方${String(i).padStart(2, "0")}有限公司` })));
    const seen: number[] = [];
    let after: string | undefined;
    do {
      const sp = new URLSearchParams({ sort: "name", dir: "asc", size: "25" });
      if (after) sp.set("after", after);
      const page = await listInvestors(w.a.staff1, parseInvestorListParams(sp));
      seen.push(...page.rows.map((r) => r.id));
      after = page.nextCursor;
    } while (after);
    const [{ n }] = await db.db.select({ n: count() }).from(investors).where(eq(investors.zoneId, w.ref.zoneId));
    expect(seen.length).toBe(n);
    expect(new Set(seen).size).toBe(n);
  });
});
