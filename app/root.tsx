import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useCellLinkNavigation } from "~/components/cell-link";
import { translator } from "~/lib/i18n";
import { useT } from "~/lib/use-i18n";
import { getLang } from "~/modules/auth/lang.server";
import { getSessionUser } from "~/modules/auth/session.server";
import styles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: translator(data?.lang ?? "zh")("app.name") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [lang, user] = await Promise.all([getLang(request), getSessionUser(request)]);
  return { lang, csrf: user?.csrfToken ?? null, nonce: context.nonce };
}

function Document({ children, lang, nonce }: { children: React.ReactNode; lang: string; nonce?: string }) {
  return (
    <html lang={lang === "en" ? "en" : "zh-CN"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { lang, nonce } = useLoaderData<typeof loader>();
  useCellLinkNavigation();
  return (
    <Document lang={lang} nonce={nonce}>
      <Outlet />
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  if (!notFound && !forbidden) console.error(error);
  return (
    <Document lang={data?.lang ?? "zh"} nonce={data?.nonce}>
      <main className="error-page">
        <h1>{notFound ? t("error.notFoundTitle") : isRouteErrorResponse(error) ? error.status : "500"}</h1>
        <p>{notFound ? t("error.notFound") : forbidden ? t("error.forbidden") : t("error.unexpected")}</p>
        <Link to="/">{t("error.backHome")}</Link>
      </main>
    </Document>
  );
}
