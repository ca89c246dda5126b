// The enterprise's rating of a solved request (decision 018): logged by the hotline company's 回访 call, or given
// by the enterprise itself through a one-time link, never by the handling company. One rating per request (a unique
// index: a second answer, however close in time, loses and is told so).
import { and, asc, eq, gt, isNull, lte, sql, TransactionRollbackError } from "drizzle-orm";
import QRCode from "qrcode";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "~db/index";
import { getDb } from "~db/index";
import { companies, projects, serviceRatingLinks, serviceRequestEvents, serviceRequestRatings, serviceRequests, users } from "~db/schema";
import { clock } from "~/lib/clock";
import { addDays, todayInZone } from "~/lib/dates";
import type { ServiceRatingSource } from "~/lib/domain-values";
import type { Conflict, Forbidden, Invalid, NotFound, Ok } from "~/lib/result";
import { conflict, forbidden, notFound, ok } from "~/lib/result";
import { writeAudit } from "~/modules/audit/audit.server";
import type { Viewer, ViewerCompanyFacts } from "~/modules/auth/policy";
import { canListFollowUps, canLogFollowUp, canShowRatingLink, serviceRequestAccess } from "~/modules/auth/policy";
import { currentRatingLink, hashToken, ratingConfig } from "./rating-links.server";
import type { RatingInput } from "./service-ratings.schema";
import { loadServiceRequestFacts, loadViewerCompany } from "./service-requests.server";

export type RatingLinkState = "open" | "expired" | "used";

/** What the public page shows for a token: the enterprise and the subject, nothing confidential; null if unknown. */
export async function findRatingLink(token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await getDb()
    .select({
      requestId: serviceRatingLinks.requestId,
      expiresAt: serviceRatingLinks.expiresAt,
      usedAt: serviceRatingLinks.usedAt,
      enterprise: projects.projectCompanyName,
      type: serviceRequests.type,
      receivedOn: serviceRequests.receivedOn,
      solvedOn: serviceRequests.solvedOn,
      handlingCompany: companies.name,
      rated: sql<boolean>`exists (select 1 from ${serviceRequestRatings} where ${serviceRequestRatings.requestId} = ${serviceRatingLinks.requestId})`,
    })
    .from(serviceRatingLinks)
    .innerJoin(serviceRequests, eq(serviceRequests.id, serviceRatingLinks.requestId))
    .innerJoin(projects, eq(projects.id, serviceRequests.projectId))
    .innerJoin(companies, eq(companies.id, serviceRequests.handlingCompanyId))
    .where(eq(serviceRatingLinks.tokenHash, hashToken(token)));
  if (!row) return null;
  const state: RatingLinkState = row.usedAt || row.rated ? "used" : row.expiresAt.getTime() <= clock.now().getTime() ? "expired" : "open";
  return {
    state,
    enterprise: row.enterprise,
    type: row.type,
    receivedOn: row.receivedOn,
    solvedOn: row.solvedOn,
    handlingCompany: row.handlingCompany,
    expiresAt: row.expiresAt.toISOString(),
  };
}

type RatingOutcome = Ok<undefined> | NotFound | Forbidden | Invalid | Conflict<"rated" | "expired">;

/**
 * Stores the rating unless the request has one: insert … on conflict do nothing on the unique request index, so of
 * any number of answers sent together exactly one is stored and the others are told it was rated already.
 */
async function insertRating(
  tx: Executor,
  requestId: number,
  input: RatingInput & { source: ServiceRatingSource; byId: number | null },
): Promise<boolean> {
  const stored = await tx
    .insert(serviceRequestRatings)
    .values({ requestId, source: input.source, score: input.score, comment: input.comment ?? null, byId: input.byId, at: clock.now() })
    .onConflictDoNothing({ target: serviceRequestRatings.requestId })
    .returning({ id: serviceRequestRatings.id });
  return stored.length === 1;
}

/** The enterprise answers through its link: one answer, before the link expires. */
export async function rateByLink(token: string, input: RatingInput): Promise<RatingOutcome> {
  const link = await findRatingLink(token);
  if (!link) return notFound();
  if (link.state !== "open") return conflict(link.state === "expired" ? "expired" : "rated");
  return getDb()
    .transaction(async (tx): Promise<RatingOutcome> => {
      // The link is taken under its row lock; a second answer with the same link waits here and then finds it used.
      const [taken] = await tx
        .update(serviceRatingLinks)
        .set({ usedAt: clock.now() })
        .where(
          and(eq(serviceRatingLinks.tokenHash, hashToken(token)), isNull(serviceRatingLinks.usedAt), gt(serviceRatingLinks.expiresAt, clock.now())),
        )
        .returning({ requestId: serviceRatingLinks.requestId });
      if (!taken) return conflict("rated");
      if (!(await insertRating(tx, taken.requestId, { ...input, source: "link", byId: null }))) {
        tx.rollback();
      }
      const [request] = await tx.select({ zoneId: serviceRequests.zoneId }).from(serviceRequests).where(eq(serviceRequests.id, taken.requestId));
      // The enterprise has no account: the audit row has no actor, and the request's page shows the rating's source.
      await writeAudit(tx, {
        zoneId: request.zoneId,
        actorId: null,
        entity: "service_request",
        entityId: taken.requestId,
        action: "rate",
        after: { source: "link", score: input.score, comment: input.comment ?? null },
      });
      return ok();
    })
    .catch((error: unknown) => {
      // tx.rollback() throws to undo the link's use: the request was rated by the hotline in between.
      if (error instanceof TransactionRollbackError) return conflict("rated" as const);
      throw error;
    });
}

/** The hotline logs its 回访 call: the enterprise's score and comment, by someone outside the handling company. */
export async function logFollowUp(viewer: Viewer, requestId: number, input: RatingInput): Promise<RatingOutcome> {
  const facts = await loadServiceRequestFacts(requestId);
  const company = await loadViewerCompany(viewer);
  // The hotline reads every request of the zone for 回访; others who cannot see it learn nothing.
  if (!facts || facts.zoneId !== viewer.zoneId || (serviceRequestAccess(viewer, facts) === "none" && !canListFollowUps(viewer, company)))
    return notFound();
  if (!canLogFollowUp(viewer, company, facts)) return forbidden();
  return getDb().transaction(async (tx): Promise<RatingOutcome> => {
    if (!(await insertRating(tx, requestId, { ...input, source: "hotline", byId: viewer.id }))) return conflict("rated");
    await tx
      .update(serviceRatingLinks)
      .set({ usedAt: clock.now() })
      .where(and(eq(serviceRatingLinks.requestId, requestId), isNull(serviceRatingLinks.usedAt)));
    await tx.insert(serviceRequestEvents).values({
      requestId,
      kind: "rated",
      actorId: viewer.id,
      text: input.comment ?? null,
      details: { source: "hotline", score: input.score },
      at: clock.now(),
    });
    await writeAudit(tx, {
      zoneId: viewer.zoneId,
      actorId: viewer.id,
      entity: "service_request",
      entityId: requestId,
      action: "rate",
      after: { source: "hotline", score: input.score, comment: input.comment ?? null },
    });
    return ok();
  });
}

/** The request's rating, if any, as its page shows it. */
export async function ratingOf(requestId: number) {
  const by = alias(users, "rated_by");
  const [row] = await getDb()
    .select({
      source: serviceRequestRatings.source,
      score: serviceRequestRatings.score,
      comment: serviceRequestRatings.comment,
      at: serviceRequestRatings.at,
      by: by.displayName,
    })
    .from(serviceRequestRatings)
    .leftJoin(by, eq(by.id, serviceRequestRatings.byId))
    .where(eq(serviceRequestRatings.requestId, requestId));
  return row ? { ...row, at: row.at.toISOString() } : null;
}

/**
 * The 回访 list: the zone's requests solved at least N days ago with no rating yet, oldest first. The hotline reads
 * every enterprise's (as it logs requests for every one); a confidential project shows its registered name only.
 */
export async function listFollowUps(viewer: Viewer, company: ViewerCompanyFacts, today = todayInZone()) {
  if (!canListFollowUps(viewer, company)) return [];
  const handler = alias(users, "handler");
  const before = addDays(today, -ratingConfig.followUpAfterDays());
  return getDb()
    .select({
      id: serviceRequests.id,
      enterprise: projects.projectCompanyName,
      projectName: sql<string>`case when ${projects.confidential} then coalesce(${projects.projectCompanyName}, '') else ${projects.name} end`,
      type: serviceRequests.type,
      description: serviceRequests.description,
      raisedBy: serviceRequests.raisedBy,
      resolution: serviceRequests.resolution,
      solvedOn: serviceRequests.solvedOn,
      handlingCompanyId: serviceRequests.handlingCompanyId,
      handlingCompany: companies.shortName,
      handlerId: serviceRequests.handlerId,
      handler: handler.displayName,
    })
    .from(serviceRequests)
    .innerJoin(projects, eq(projects.id, serviceRequests.projectId))
    .innerJoin(companies, eq(companies.id, serviceRequests.handlingCompanyId))
    .leftJoin(handler, eq(handler.id, serviceRequests.handlerId))
    .where(
      and(
        eq(serviceRequests.zoneId, viewer.zoneId),
        eq(serviceRequests.status, "solved"),
        lte(serviceRequests.solvedOn, before),
        sql`not exists (select 1 from ${serviceRequestRatings} where ${serviceRequestRatings.requestId} = ${serviceRequests.id})`,
      ),
    )
    .orderBy(asc(serviceRequests.solvedOn), asc(serviceRequests.id))
    .limit(500);
}

/**
 * The request page's rating panel: the rating if there is one; else the enterprise's link (URL and QR code) while it
 * is open, and whether this viewer may log a 回访 here. `origin` is the site's address the link starts with.
 */
export async function ratingPanelFor(viewer: Viewer, requestId: number, origin: string) {
  const facts = await loadServiceRequestFacts(requestId);
  if (!facts) return null;
  const [rating, company] = await Promise.all([ratingOf(requestId), loadViewerCompany(viewer)]);
  const may = { rate: !rating && canLogFollowUp(viewer, company, facts) };
  if (rating || !canShowRatingLink(viewer, facts)) return { rating, link: null, may };
  const link = await currentRatingLink(requestId);
  if (!link || link.used) return { rating, link: null, may };
  const url = `${(process.env.PUBLIC_URL || origin).replace(/\/$/, "")}/rate/${link.token}`;
  const qr = link.expired ? null : await QRCode.toDataURL(url, { errorCorrectionLevel: "M", margin: 1, width: 180 });
  return { rating, link: { url, qr, expiresAt: link.expiresAt, expired: link.expired }, may };
}
