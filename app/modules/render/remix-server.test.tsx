import type { EntryContext } from "@remix-run/node";
import type { StaticHandlerContext } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import { requestRouter, routerTemplate } from "./remix-server.server";

function entryContext(): EntryContext {
  const route = (id: string, parentId: string | undefined, path: string | undefined, index = false) => ({
    id,
    parentId,
    path,
    index,
    module: `/build/${id}.js`,
    hasAction: false,
    hasLoader: true,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: id === "root",
  });
  const module = { default: () => null };
  return {
    manifest: {
      routes: {
        root: route("root", undefined, ""),
        "routes/_app": route("routes/_app", "root", undefined),
        "routes/_app.projects._index": route("routes/_app.projects._index", "routes/_app", "projects", true),
        "routes/_app.projects.$id": route("routes/_app.projects.$id", "routes/_app", "projects/:id"),
      },
    },
    routeModules: { root: module, "routes/_app": module, "routes/_app.projects._index": module, "routes/_app.projects.$id": module },
    future: { v3_relativeSplatPath: true, v3_singleFetch: true },
    isSpaMode: false,
  } as unknown as EntryContext;
}

function handlerContext(pathname: string, ids: string[]): StaticHandlerContext {
  return {
    basename: "/",
    location: { pathname, search: "", hash: "", state: null, key: "default" },
    matches: ids.map((id) => ({ params: {}, pathname, pathnameBase: pathname, route: { id } })),
    loaderData: Object.fromEntries(ids.map((id) => [id, { id }])),
    actionData: null,
    errors: null,
    statusCode: 200,
    loaderHeaders: {},
    actionHeaders: {},
    activeDeferreds: null,
  } as unknown as StaticHandlerContext;
}

describe("RemixServer's route table", () => {
  it("is built once per build: every request of the same manifest gets the same routes", () => {
    const context = entryContext();
    const first = routerTemplate(context);
    expect(routerTemplate({ ...context } as EntryContext)).toBe(first);
    const a = requestRouter(first, handlerContext("/projects", ["root", "routes/_app", "routes/_app.projects._index"]));
    const b = requestRouter(first, handlerContext("/projects/7", ["root", "routes/_app", "routes/_app.projects.$id"]));
    expect(a.routes).toBe(b.routes);
    // A new build (a new manifest) gets its own table.
    expect(routerTemplate(entryContext())).not.toBe(first);
  });

  it("gives each request its own state, with the matches pointing into the one table", () => {
    const template = routerTemplate(entryContext());
    const ids = ["root", "routes/_app", "routes/_app.projects.$id"];
    const router = requestRouter(template, handlerContext("/projects/7", ids));
    const other = requestRouter(template, handlerContext("/projects", ["root", "routes/_app", "routes/_app.projects._index"]));
    expect(router.state.location.pathname).toBe("/projects/7");
    expect(other.state.location.pathname).toBe("/projects");
    expect(router.state.matches.map((m) => m.route.id)).toEqual(ids);
    expect(router.state.matches[2]!.route).toBe(router.routes[0]!.children![0]!.children!.find((r) => r.id === ids[2]));
    expect(router.state.loaderData["routes/_app.projects.$id"]).toEqual({ id: "routes/_app.projects.$id" });
    expect(router.basename).toBe("/");
    // The data routes know the root's error boundary, as createStaticRouter's conversion sets it.
    expect(router.routes[0]!.hasErrorBoundary).toBe(true);
  });
});
