// What the app's layout shows on every page besides the page itself: the badge counts, the saved views and the
// viewer's company (for the navigation). Cached per user until the zone's next write to any of them (decision 033).
import type { Viewer } from "~/modules/auth/policy";
import type { CacheViewer } from "~/modules/cache/company-cache.server";
import { companyCached } from "~/modules/cache/company-cache.server";
import { countWaitingHandoffs } from "~/modules/handoffs/handoffs.server";
import { countUnread } from "~/modules/notifications/notifications.server";
import { listViews } from "~/modules/pipeline/views.server";
import { loadViewerCompany } from "~/modules/service/service-requests.server";

export async function loadLayoutFacts(viewer: Viewer & CacheViewer) {
  // Everything the values depend on is in the key: who, in which role and company.
  return companyCached(viewer, `layout:${viewer.id}:${viewer.role}:${viewer.companyId ?? "-"}`, async () => {
    const [unread, waiting, views, company] = await Promise.all([
      countUnread(viewer),
      countWaitingHandoffs(viewer),
      listViews(viewer),
      loadViewerCompany(viewer),
    ]);
    return { unread, waiting, views, company };
  });
}
