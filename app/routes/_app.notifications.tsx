import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useZodForm, ZodForm } from "~/components/zod-form";
import { formatDateTime } from "~/lib/dates";
import { noFieldsSchema } from "~/lib/forms";
import { isMessageKey } from "~/lib/i18n";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { safeRedirect } from "~/lib/safe-redirect";
import { requireUser } from "~/modules/auth/session.server";
import { listNotifications, markRead } from "~/modules/notifications/notifications.server";
import { invariantResponse, parseId } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const rows = await listNotifications(user);
  return {
    items: rows.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), read: n.readAt !== null, readAt: undefined })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const intent = form.get("intent");
  if (intent === "read-all") {
    await markRead(user);
    return redirect("/notifications");
  }
  if (intent === "open") {
    const id = parseId(form.get("id"));
    // Opening a notice marks it read, then goes where it points (never outside this site).
    const result = await markRead(user, id);
    invariantResponse(result.found);
    return redirect(safeRedirect(result.link, "/notifications"));
  }
  invariantResponse(false, 400);
}

export default function NotificationsPage() {
  const { items } = useLoaderData<typeof loader>();
  const t = useT();
  const readAll = useZodForm(noFieldsSchema, { intent: "read-all" });
  // A notice of a kind this version has no words for (written by another version, or by hand) still shows.
  const noticeText = (kind: string, params: Record<string, string>) => {
    const key = `notifications.${kind}`;
    return isMessageKey(key) ? t(key, params) : t("notifications.other");
  };
  return (
    <>
      <div className="page-head">
        <h1>{t("notifications.title")}</h1>
        {items.some((n) => !n.read) ? (
          <ZodForm form={readAll}>
            <button className="button">{t("notifications.readAll")}</button>
          </ZodForm>
        ) : null}
      </div>
      <section className="panel">
        {items.length === 0 ? <p className="muted">{t("notifications.none")}</p> : null}
        <ul className="notices">
          {items.map((n) => (
            <li key={n.id} className={n.read ? "read" : "unread"}>
              <OpenNoticeForm id={n.id}>
                {!n.read ? <span className="dot" aria-label={t("notifications.unread")} /> : null}
                <span>{noticeText(n.kind, n.params as Record<string, string>)}</span>
                <span className="muted">{formatDateTime(n.createdAt)}</span>
              </OpenNoticeForm>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** A notice is a button: opening it marks it read and follows its link. */
function OpenNoticeForm({ id, children }: { id: number; children: React.ReactNode }) {
  const f = useZodForm(noFieldsSchema, { intent: "open" });
  return (
    <ZodForm form={f}>
      <input type="hidden" name="id" value={id} />
      <button className="notice">{children}</button>
    </ZodForm>
  );
}
