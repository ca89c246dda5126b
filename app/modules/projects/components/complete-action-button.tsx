// 完成 on a row of 我的工作台: a small POST form. Without JavaScript it posts and the action redirects back to /my;
// with JavaScript a fetcher posts it (marked in place) and the page stays, its list revalidated without the row.
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { useT } from "~/lib/use-i18n";

export const COMPLETE_INTENT = "complete-next-action";

export function CompleteActionButton({ activityId, action }: { activityId: number; action: string }) {
  const t = useT();
  const fetcher = useFetcher<{ done?: { activityId: number } }>();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const busy = fetcher.state !== "idle";
  return (
    <fetcher.Form method="post" action="/my" className="complete-action">
      <CsrfInput />
      <input type="hidden" name="intent" value={COMPLETE_INTENT} />
      <input type="hidden" name="activityId" value={activityId} />
      {hydrated ? <input type="hidden" name="inPlace" value="1" /> : null}
      <button type="submit" className="button" disabled={busy} aria-label={t("todo.completeLabel", { action })}>
        {t("todo.complete")}
      </button>
    </fetcher.Form>
  );
}
