// Satisfaction from the enterprise (issue 18 item 2, decision 018): the hotline's 回访 and the one-time link, one
// rating per request, never from the handling company.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { serviceRatingLinks, serviceRequestRatings, serviceRequests } from "../../db/schema";
import type { Viewer } from "../../app/modules/auth/policy";
import { clock } from "../../app/lib/clock";
import { addDays, todayInZone } from "../../app/lib/dates";
import { closeServiceRequestSchema, logServiceRequestSchema } from "../../app/modules/service/service-requests.schema";
import {
  assignServiceRequest,
  closeServiceRequest,
  logServiceRequest,
  reopenServiceRequest,
} from "../../app/modules/service/service-requests.server";
import { currentRatingLink, ratingConfig } from "../../app/modules/service/rating-links.server";
import { findRatingLink, listFollowUps, logFollowUp, rateByLink, ratingOf } from "../../app/modules/service/service-ratings.server";
import type { TestDatabase } from "../support/db";
import { databaseKinds, openTestDatabase } from "../support/db";
import { createProject, createReferenceZone, createTwoCompanies, createUser } from "../support/factories";

const today = todayInZone();
const asViewer = (u: { id: number; zoneId: number; companyId: number | null; role: Viewer["role"] }): Viewer => ({
  id: u.id,
  zoneId: u.zoneId,
  companyId: u.companyId,
  role: u.role,
});
const hotline = { kind: "service", hotline: true } as const;

describe.each(databaseKinds())("the enterprise's rating of a solved request (%s)", (kind) => {
  let db: TestDatabase;
  let w: Awaited<ReturnType<typeof build>>;

  async function build() {
    const ref = await createReferenceZone(db.db);
    const { a } = await createTwoCompanies(db.db, ref);
    const hotlineCompany = ref.companies.find((c) => c.code === "zh")!;
    const platform = ref.companies.find((c) => c.code === "kfjs")!;
    const hotlineStaff = await createUser(db.db, { zoneId: ref.zoneId, companyId: hotlineCompany.id, role: "staff" });
    const hotlineManager = await createUser(db.db, { zoneId: ref.zoneId, companyId: hotlineCompany.id, role: "manager" });
    const platformManager = await createUser(db.db, { zoneId: ref.zoneId, companyId: platform.id, role: "manager" });
    const handler = await createUser(db.db, { zoneId: ref.zoneId, companyId: platform.id, role: "staff" });
    const landed = await createProject(db.db, {
      zoneId: ref.zoneId,
      clusterId: ref.clusters[0].id,
      companyId: a.company.id,
      ownerId: a.staff1.id,
      stage: "registered",
      name: "晋阳精密铸造项目",
    });
    return {
      ref,
      platform,
      landed,
      hotlineStaff: asViewer(hotlineStaff),
      hotlineManager: asViewer(hotlineManager),
      platformManager: asViewer(platformManager),
      handler: asViewer(handler),
      ownerStaff: asViewer(a.staff1),
    };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    w = await build();
  });
  afterAll(() => db?.dispose());
  afterEach(() => clock.reset());

  const version = async (id: number) =>
    (await db.db.select({ v: serviceRequests.version }).from(serviceRequests).where(eq(serviceRequests.id, id)))[0].v;
  /** A request logged by the hotline, handled by the platform company's `handler`, solved `solvedOn`. */
  async function solvedRequest(solvedOn = today) {
    const logged = await logServiceRequest(
      w.hotlineStaff,
      logServiceRequestSchema.parse({
        projectId: String(w.landed.id),
        channel: "hotline",
        type: "utilities",
        description: "厂区双回路供电迟迟未接入",
        handlingCompanyId: String(w.platform.id),
        receivedOn: addDays(solvedOn, -2),
      }),
    );
    const { id } = (logged as { value: { id: number } }).value;
    await assignServiceRequest(w.platformManager, id, { handlerId: w.handler.id, version: await version(id) });
    const closed = await closeServiceRequest(
      w.handler,
      id,
      closeServiceRequestSchema.parse({ resolution: "已接入送电", solvedOn, version: String(await version(id)) }),
    );
    expect(closed.kind).toBe("ok");
    return id;
  }
  const ratings = async (id: number) => db.db.select().from(serviceRequestRatings).where(eq(serviceRequestRatings.requestId, id));

  it("the handler and their company's manager are refused; the hotline logs the 回访 once", async () => {
    const id = await solvedRequest();
    expect(await logFollowUp(w.handler, id, { score: 5 })).toEqual({ kind: "forbidden" });
    expect(await logFollowUp(w.platformManager, id, { score: 5 })).toEqual({ kind: "forbidden" });
    // The project's company reads the request but does not rate it.
    expect(await logFollowUp(w.ownerStaff, id, { score: 5 })).toEqual({ kind: "forbidden" });
    expect(await ratings(id)).toEqual([]);
    expect(await logFollowUp(w.hotlineStaff, id, { score: 4, comment: "送电及时，希望加快验收" })).toEqual({ kind: "ok" });
    expect(await logFollowUp(w.hotlineManager, id, { score: 1 })).toEqual({ kind: "conflict", detail: "rated" });
    expect(await ratingOf(id)).toMatchObject({ source: "hotline", score: 4, comment: "送电及时，希望加快验收" });
    // Rated by the hotline, the enterprise's link is spent.
    expect((await currentRatingLink(id))?.used).toBe(true);
  });

  it("an unsolved request cannot be rated", async () => {
    const logged = await logServiceRequest(
      w.hotlineStaff,
      logServiceRequestSchema.parse({
        projectId: String(w.landed.id),
        channel: "hotline",
        type: "land",
        description: "厂房产权证办理",
        handlingCompanyId: String(w.platform.id),
        receivedOn: today,
      }),
    );
    const { id } = (logged as { value: { id: number } }).value;
    expect(await logFollowUp(w.hotlineStaff, id, { score: 3 })).toEqual({ kind: "forbidden" });
  });

  it("the enterprise rates once through its link; the link says so afterwards; an unknown token finds nothing", async () => {
    const id = await solvedRequest();
    const link = await currentRatingLink(id);
    expect(link).toMatchObject({ expired: false, used: false });
    // Only a hash of the token is stored.
    const [stored] = await db.db.select().from(serviceRatingLinks).where(eq(serviceRatingLinks.requestId, id));
    expect(JSON.stringify(stored)).not.toContain(link!.token);
    expect(await findRatingLink(link!.token)).toMatchObject({ state: "open", type: "utilities", solvedOn: today });
    expect(await rateByLink(link!.token, { score: 5, comment: "很满意" })).toEqual({ kind: "ok" });
    expect(await rateByLink(link!.token, { score: 1 })).toEqual({ kind: "conflict", detail: "rated" });
    expect(await findRatingLink(link!.token)).toMatchObject({ state: "used" });
    expect(await ratingOf(id)).toMatchObject({ source: "link", score: 5, by: null });
    expect(await logFollowUp(w.hotlineStaff, id, { score: 2 })).toEqual({ kind: "conflict", detail: "rated" });
    expect(await rateByLink(`${link!.token.slice(0, -2)}xx`, { score: 1 })).toEqual({ kind: "notFound" });
    expect(await findRatingLink("short")).toBeNull();
  });

  it("a link expires after the configured days", async () => {
    const id = await solvedRequest();
    const link = (await currentRatingLink(id))!;
    clock.advance(ratingConfig.linkValidDays() * 86_400_000 + 60_000);
    expect(await findRatingLink(link.token)).toMatchObject({ state: "expired" });
    expect(await rateByLink(link.token, { score: 5 })).toEqual({ kind: "conflict", detail: "expired" });
    expect(await ratings(id)).toEqual([]);
    expect((await currentRatingLink(id))?.expired).toBe(true);
  });

  it("reopening removes the rating and the link; closing again makes a new link", async () => {
    const id = await solvedRequest();
    const first = (await currentRatingLink(id))!;
    expect(await rateByLink(first.token, { score: 2 })).toEqual({ kind: "ok" });
    expect(await reopenServiceRequest(w.ownerStaff, id, { reason: "企业反映仍有跳闸", version: await version(id) })).toEqual({ kind: "ok" });
    expect(await ratings(id)).toEqual([]);
    expect(await findRatingLink(first.token)).toBeNull();
    await closeServiceRequest(
      w.handler,
      id,
      closeServiceRequestSchema.parse({ resolution: "更换开关", solvedOn: today, version: String(await version(id)) }),
    );
    const second = (await currentRatingLink(id))!;
    expect(second.token).not.toBe(first.token);
    expect(await rateByLink(second.token, { score: 5 })).toEqual({ kind: "ok" });
  });

  it("twenty answers sent together, by link and by 回访: exactly one is stored", async () => {
    const id = await solvedRequest();
    const { token } = (await currentRatingLink(id))!;
    // Built first, released together: every call starts before any has finished.
    const answers = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? () => rateByLink(token, { score: 1 + (i % 5) })
        : () => logFollowUp(i % 4 === 1 ? w.hotlineStaff : w.hotlineManager, id, { score: 1 + (i % 5) }),
    );
    const results = await Promise.all(answers.map((answer) => answer()));
    expect(results.filter((r) => r.kind === "ok")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "conflict")).toHaveLength(19);
    expect(await ratings(id)).toHaveLength(1);
  });

  it("twenty answers through the same link sent together: exactly one is stored", async () => {
    const id = await solvedRequest();
    const { token } = (await currentRatingLink(id))!;
    const answers = Array.from({ length: 20 }, (_, i) => () => rateByLink(token, { score: 1 + (i % 5) }));
    const results = await Promise.all(answers.map((answer) => answer()));
    expect(results.filter((r) => r.kind === "ok")).toHaveLength(1);
    expect(results.filter((r) => r.kind === "conflict")).toHaveLength(19);
    expect(await ratings(id)).toHaveLength(1);
  });

  it("the 回访 list: solved N days ago or more and unrated, for the hotline only", async () => {
    const n = ratingConfig.followUpAfterDays();
    const due = await solvedRequest(addDays(today, -n));
    const recent = await solvedRequest(addDays(today, -(n - 1)));
    const rated = await solvedRequest(addDays(today, -n - 5));
    await logFollowUp(w.hotlineStaff, rated, { score: 3 });
    const ids = (await listFollowUps(w.hotlineStaff, hotline)).map((r) => r.id);
    expect(ids).toContain(due);
    expect(ids).not.toContain(recent);
    expect(ids).not.toContain(rated);
    expect(await listFollowUps(w.handler, { kind: "platform", hotline: false })).toEqual([]);
  });
});
