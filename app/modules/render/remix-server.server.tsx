// Remix 2.17's <RemixServer>, with the route table built once per build instead of once per request (issue 23).
//
// RemixServer (@remix-run/react 2.17.5, dist/server.js) calls createServerRoutes over the manifest and then
// createStaticRouter, which converts those routes again into data routes, on every render: 60 route objects
// twice over, ~3 % of a list page's Node CPU, for a table that only changes with the build. Here both are made
// once per build (keyed on the manifest's route table) and each request gets a router whose routes are that one
// table and whose state is the request's. Everything else is RemixServer's own code; the pages' HTML is the same
// byte for byte (compared on the bench database's list pages, docs/benchmarks.md "Speed, round 2"). Stable route arrays are also what the cache
// of flattened branches keys on (patches/@remix-run+router+1.23.3.patch; upstream remix-run/react-router#14967, React Router 7).
import type { EntryContext } from "@remix-run/node";
import { RemixContext } from "@remix-run/react/dist/components.js";
import { RemixErrorBoundary } from "@remix-run/react/dist/errorBoundaries.js";
import { createServerRoutes, shouldHydrateRouteLoader } from "@remix-run/react/dist/routes.js";
import { StreamTransfer } from "@remix-run/react/dist/single-fetch.js";
import type { Router as RemixRouter, RouterState, StaticHandlerContext } from "@remix-run/router";
import { IDLE_NAVIGATION } from "@remix-run/router";
import { Suspense } from "react";
import { createStaticRouter, StaticRouterProvider } from "react-router-dom/server";

type Future = EntryContext["future"];

type Template = { router: RemixRouter; byId: Map<string, RemixRouter["routes"][number]> };

const templates = new WeakMap<EntryContext["manifest"]["routes"], Template>();

/** The build's route table as a static router, made on the build's first render and kept with its manifest. */
export function routerTemplate(context: EntryContext): Template {
  let template = templates.get(context.manifest.routes);
  if (!template) {
    const routes = createServerRoutes(context.manifest.routes, context.routeModules, context.future, context.isSpaMode);
    const blank = { matches: [], basename: undefined } as unknown as StaticHandlerContext;
    const router = createStaticRouter(routes, blank, {
      future: { v7_partialHydration: true, v7_relativeSplatPath: context.future.v3_relativeSplatPath },
    });
    const byId = new Map<string, RemixRouter["routes"][number]>();
    const walk = (list: RemixRouter["routes"]) => {
      for (const route of list) {
        byId.set(route.id, route);
        if (route.children) walk(route.children);
      }
    };
    walk(router.routes);
    template = { router, byId };
    templates.set(context.manifest.routes, template);
  }
  return template;
}

/** What createStaticRouter returns for this request, on the build's one route table. */
export function requestRouter(template: Template, handlerContext: StaticHandlerContext): RemixRouter {
  // As createStaticRouter does: the handler's matches point at the data routes the render uses.
  const matches = handlerContext.matches.map((match) => ({ ...match, route: template.byId.get(match.route.id) ?? match.route }));
  const state: RouterState = {
    historyAction: "POP" as RouterState["historyAction"],
    location: handlerContext.location,
    matches,
    loaderData: handlerContext.loaderData,
    actionData: handlerContext.actionData,
    errors: handlerContext.errors,
    initialized: true,
    navigation: IDLE_NAVIGATION,
    restoreScrollPosition: null,
    preventScrollReset: false,
    revalidation: "idle",
    fetchers: new Map(),
    blockers: new Map(),
  };
  return Object.create(template.router, {
    basename: { value: handlerContext.basename },
    state: { get: () => state },
  }) as RemixRouter;
}

type Props = { context: EntryContext; url: string | URL; abortDelay?: number; nonce?: string };

export function RemixServer({ context, url: _url, abortDelay, nonce }: Props) {
  const { manifest, routeModules, criticalCss, serverHandoffString } = context;
  const template = routerTemplate(context);

  // RemixServer's partial hydration: a route with a clientLoader and a HydrateFallback renders its fallback.
  context.staticHandlerContext.loaderData = { ...context.staticHandlerContext.loaderData };
  for (const match of context.staticHandlerContext.matches) {
    const routeId = match.route.id;
    const route = routeModules[routeId];
    const manifestRoute = context.manifest.routes[routeId];
    if (route && shouldHydrateRouteLoader(manifestRoute, route, context.isSpaMode) && (route.HydrateFallback || !manifestRoute.hasLoader)) {
      context.staticHandlerContext.loaderData[routeId] = undefined;
    }
  }
  const router = requestRouter(template, context.staticHandlerContext);
  const future: Future = context.future;

  return (
    <>
      <RemixContext.Provider
        value={{
          manifest,
          routeModules,
          criticalCss,
          serverHandoffString,
          future,
          isSpaMode: context.isSpaMode,
          serializeError: context.serializeError,
          abortDelay,
          renderMeta: context.renderMeta,
        }}
      >
        <RemixErrorBoundary location={router.state.location}>
          <StaticRouterProvider router={router} context={context.staticHandlerContext} hydrate={false} />
        </RemixErrorBoundary>
      </RemixContext.Provider>
      {future.v3_singleFetch && context.serverHandoffStream ? (
        <Suspense>
          <StreamTransfer
            context={context}
            identifier={0}
            reader={context.serverHandoffStream.getReader()}
            textDecoder={new TextDecoder()}
            nonce={nonce}
          />
        </Suspense>
      ) : null}
    </>
  );
}
