// A chain target (招商目标库, issue 22) on the first link of a cluster's chain, for the matrix's worlds.
import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/index";
import { chainLinks, chainTargets, industryChains } from "../../db/schema";

export async function createChainTarget(
  tx: Executor,
  opts: { zoneId: number; clusterId: number; companyId: number; assigneeId: number | null; createdById: number; name: string },
) {
  const [link] = await tx
    .select({ id: chainLinks.id })
    .from(chainLinks)
    .innerJoin(industryChains, eq(industryChains.id, chainLinks.chainId))
    .where(and(eq(industryChains.zoneId, opts.zoneId), eq(industryChains.clusterId, opts.clusterId)))
    .orderBy(asc(chainLinks.id))
    .limit(1);
  const [row] = await tx
    .insert(chainTargets)
    .values({ ...opts, linkId: link.id, reason: "leader" })
    .returning({ id: chainTargets.id });
  return row.id;
}
