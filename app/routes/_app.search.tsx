import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUser } from "~/modules/auth/session.server";
import { searchEverything } from "~/modules/search/search.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "search.title");

// The header box asks for a few hits per kind as you type (a fetcher reads this loader's JSON); the page itself
// (the box submitted without JavaScript, or 查看全部结果) lists more.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").slice(0, 100);
  const perKind = params.get("box") === "1" ? 6 : 30;
  const groups = q.trim() ? await searchEverything(user, q, perKind) : [];
  return { q, groups, perKind };
}

export default function SearchPage() {
  const { q, groups, perKind } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <div className="page-head">
        <h1>{t("search.title")}</h1>
      </div>
      <Form method="get" action="/search" role="search" className="panel search-page-form">
        <label htmlFor="search-page-q">{t("search.label")}</label>
        <div className="search-page-row">
          <input id="search-page-q" type="search" name="q" defaultValue={q} autoComplete="off" />
          <button type="submit" className="button primary">
            {t("search.submit")}
          </button>
        </div>
        <p className="muted">{t("search.hint")}</p>
      </Form>
      {q.trim() && groups.length === 0 ? <p className="panel">{t("search.none", { q })}</p> : null}
      {groups.map((g) => (
        <section key={g.kind} className="panel search-group" aria-labelledby={`search-group-${g.kind}`}>
          <h2 id={`search-group-${g.kind}`}>{t(`search.kind.${g.kind}`)}</h2>
          <ul className="search-hits">
            {g.hits.map((h) => (
              <li key={`${h.kind}-${h.id}`}>
                <Link to={h.href}>
                  <span className="search-hit-title">{h.title}</span>
                  {h.detail ? <small className="muted">{h.detail}</small> : null}
                </Link>
              </li>
            ))}
          </ul>
          {g.more ? <p className="muted">{t("search.more", { n: perKind })}</p> : null}
        </section>
      ))}
    </>
  );
}
