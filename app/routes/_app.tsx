import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { HeaderNav } from "~/components/header-nav";
import { LanguageSwitch } from "~/components/language-switch";
import { useT } from "~/lib/use-i18n";
import { readFlash } from "~/modules/auth/flash.server";
import { navFor } from "~/modules/auth/navigation";
import { canSeeHandoffs, worksInZone } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { loadLayoutFacts } from "~/modules/layout/layout-facts.server";
import { sweepRemindersIfDue } from "~/modules/notifications/reminders.server";
import { HeaderSearch } from "~/modules/search/components/header-search";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Reminders are made from here, bounded: at most once per zone every few minutes, not waited for (decision 008).
  void sweepRemindersIfDue(user.zoneId);
  const [{ flash, clear }, { unread, waiting, views, company }] = await Promise.all([readFlash(request), loadLayoutFacts(user)]);
  const url = new URL(request.url);
  return data(
    {
      user: {
        displayName: user.displayName,
        role: user.role,
        companyName: user.companyName,
        zoneName: user.zoneName,
      },
      nav: navFor(user, company),
      current: url.pathname + url.search,
      flash,
      unread,
      waiting,
      views,
      // Handoffs are between companies (and watched by leaders); admins have none.
      showHandoffs: canSeeHandoffs(user),
      // The box searches a zone's records: the province's accounts have none to search (and no /search page).
      showSearch: worksInZone(user),
    },
    clear ? { headers: { "Set-Cookie": clear } } : undefined,
  );
}

export default function AppLayout() {
  const { user, nav, flash, current, unread, waiting, showHandoffs, showSearch, views } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const viewsMenu =
    views.length > 0 ? (
      // Keyed by the location: a navigation closes the menu.
      <details key={location.key} className="views-menu">
        <summary>{t("nav.views")}</summary>
        <ul>
          {views.map((v) => (
            <li key={v.id}>
              <Link to={v.href}>
                {v.name}
                <small>
                  {" "}
                  · {t(`views.list.${v.list}`)}
                  {v.shared ? ` · ${t("views.company")}` : ""}
                </small>
              </Link>
              {v.deletable ? (
                <Form method="post" action="/views">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="id" value={v.id} />
                  <input type="hidden" name="back" value={current} />
                  <button type="submit" className="delete-view" aria-label={`${t("views.delete")} ${v.name}`}>
                    ×
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </details>
    ) : null;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="shell-header">
        {/* The phone's menu button: below the desktop width it shows the navigation and the user's links (the
            stylesheet reads its open state, so it works without JavaScript); keyed by the location, a navigation
            closes it. On a desktop it is hidden and the header is one row. */}
        <details key={location.key} className="menu-toggle">
          <summary>
            <span aria-hidden="true" className="menu-icon" />
            {t("nav.menu")}
          </summary>
        </details>
        <div className="brand">
          {t("app.name")}
          <small>{user.zoneName}</small>
        </div>
        {showSearch ? <HeaderSearch /> : null}
        <HeaderNav nav={nav} current={current} views={viewsMenu} search={showSearch} />
        <div className="user-box">
          {showHandoffs ? (
            <Link to="/handoffs" className="notice-link" aria-label={t("handoffs.badge", { n: waiting })}>
              {t("nav.handoffs")}
              {waiting > 0 ? <span className="count-badge">{waiting}</span> : null}
            </Link>
          ) : null}
          <Link to="/notifications" className="notice-link" aria-label={t("notifications.badge", { n: unread })}>
            {t("notifications.title")}
            {unread > 0 ? <span className="count-badge">{unread}</span> : null}
          </Link>
          <div className="who">
            <Link to="/account" title={t("nav.account")}>
              <strong>{user.displayName}</strong>
            </Link>
            <small>
              {t(`role.${user.role}`)}
              {user.companyName ? ` · ${user.companyName}` : ""}
            </small>
          </div>
          <LanguageSwitch className="link-button" />
          <Form method="post" action="/logout">
            <CsrfInput />
            <button type="submit" className="link-button">
              {t("nav.logout")}
            </button>
          </Form>
        </div>
      </header>
      <main id="main" className="content">
        {flash ? (
          <div className={`flash ${flash.kind}`} role="status">
            {flash.message}
          </div>
        ) : null}
        <Outlet />
      </main>
    </>
  );
}
