import { useRouteLoaderData } from "@remix-run/react";

/** The session's anti-forgery token; every form of a signed-in user carries it. */
export function CsrfInput() {
  const data = useRouteLoaderData("root") as { csrf: string | null } | undefined;
  return <input type="hidden" name="csrf" value={data?.csrf ?? ""} />;
}
