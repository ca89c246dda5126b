import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { formatDateTime } from "~/lib/dates";
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
          <Form method="post">
            <CsrfInput />
            <button className="button" name="intent" value="read-all">
              {t("notifications.readAll")}
            </button>
          </Form>
        ) : null}
      </div>
      <section className="panel">
        {items.length === 0 ? <p className="muted">{t("notifications.none")}</p> : null}
        <ul className="notices">
          {items.map((n) => (
            <li key={n.id} className={n.read ? "read" : "unread"}>
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="id" value={n.id} />
                <button className="notice" name="intent" value="open">
                  {!n.read ? <span className="dot" aria-label={t("notifications.unread")} /> : null}
                  <span>{noticeText(n.kind, n.params as Record<string, string>)}</span>
                  <span className="muted">{formatDateTime(n.createdAt)}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
