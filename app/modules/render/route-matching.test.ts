// The patch to @remix-run/router (patches/@remix-run+router+1.23.3.patch, decision 032): matchRoutes keeps the
// flattened, ranked branches of a routes array instead of walking the whole route table on every call.
//
// Correctness first: every app route × a set of paths gives the same matches as the package's own unpatched
// algorithm, which the package still ships as its UMD build (dist/router.umd.js, which nothing here loads and the
// patch leaves alone). Then the cache itself: a second call with the same array reads no route object, and
// lazy route discovery, which adds routes to an array in place, still finds the new routes.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import type { AgnosticDataRouteObject, AgnosticRouteMatch, AgnosticRouteObject } from "@remix-run/router";
import { createMemoryHistory, createRouter, matchPath, matchRoutes } from "@remix-run/router";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const umdFile = require.resolve("@remix-run/router/dist/router.umd.js");
const unpatched = require(umdFile) as { matchRoutes: typeof matchRoutes };

type Route = AgnosticRouteObject;

/** The app's route tree as Remix builds it: root, then app/routes by parentId (the flat-routes convention). */
function appRoutes(): Route[] {
  const appDirectory = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
  const manifest = flatRoutes(appDirectory, ["**/.*", "**/*.test.{ts,tsx}"]);
  const childrenOf = (parentId: string): Route[] =>
    Object.values(manifest)
      .filter((route) => (route.parentId ?? "root") === parentId)
      .map((route) => {
        const children = childrenOf(route.id);
        return {
          id: route.id,
          path: route.path,
          index: route.index,
          caseSensitive: route.caseSensitive,
          ...(children.length > 0 ? { children } : {}),
        } as Route;
      });
  return [{ id: "root", path: "", children: childrenOf("root") }];
}

/** Every route's full path with sample values for its params, and paths that should not match or match oddly. */
function samplePaths(routes: Route[]): string[] {
  const paths = new Set<string>();
  const walk = (list: Route[], parent: string) => {
    for (const route of list) {
      const full = [parent, route.path ?? ""].filter(Boolean).join("/");
      for (const value of ["7", "中文", "a%20b"]) {
        paths.add(`/${full.replace(/:[\w-]+/g, value).replace(/\*$/, `${value}/x`)}`);
      }
      if (route.children) walk(route.children, full);
    }
  };
  walk(routes, "");
  for (const extra of [
    "/",
    "",
    "/projects/",
    "/PROJECTS",
    "/Projects/7/Edit",
    "//projects",
    "/projects//7",
    "/projects/7/edit/",
    "/projects/7/nope",
    "/nope",
    "/imports/template.xlsx",
    "/imports/templatexxlsx",
    "/projects?stage=signed#top",
    "/projects/%E4%B8%AD",
    "/projects/%",
    "/api/v1/imports",
    "/province/zones/320500/projects",
  ]) {
    paths.add(extra);
  }
  return [...paths];
}

function describeMatches(matches: AgnosticRouteMatch<string, AgnosticRouteObject>[] | null) {
  return (
    matches?.map((match) => ({
      id: match.route.id,
      params: match.params,
      pathname: match.pathname,
      pathnameBase: match.pathnameBase,
    })) ?? null
  );
}

/** The routes with every route object behind a Proxy that counts reads of the properties that flattening reads. */
function counted(routes: Route[]): { routes: Route[]; reads: () => number; reset: () => void } {
  let reads = 0;
  const wrap = (list: Route[]): Route[] =>
    list.map(
      (route) =>
        new Proxy(route.children ? { ...route, children: wrap(route.children) } : { ...route }, {
          get(target, key, receiver) {
            if (key === "path" || key === "children" || key === "index" || key === "caseSensitive") reads += 1;
            return Reflect.get(target, key, receiver) as unknown;
          },
        }),
    );
  return {
    routes: wrap(routes),
    reads: () => reads,
    reset: () => {
      reads = 0;
    },
  };
}

describe("matchRoutes with the route-branch cache (patched @remix-run/router)", () => {
  const routes = appRoutes();
  const paths = samplePaths(routes);

  it("reference: the UMD build is the package's unpatched algorithm", () => {
    expect(fs.readFileSync(umdFile, "utf8")).not.toContain("routeBranchesCache");
    expect(fs.readFileSync(require.resolve("@remix-run/router"), "utf8")).toContain("routeBranchesCache");
  });

  it("finds the same matches as the unpatched algorithm for every app route and sample path, call after call", () => {
    expect(routes[0]?.children?.length).toBeGreaterThan(5);
    expect(paths.length).toBeGreaterThan(150);
    let matched = 0;
    for (const round of [1, 2]) {
      for (const pathname of paths) {
        // The patched build gets the same array every time (served from the cache after the first call);
        // the reference gets a fresh copy, so it walks the table as 6.30 does.
        const expected = describeMatches(unpatched.matchRoutes(structuredClone(routes), pathname));
        expect(describeMatches(matchRoutes(routes, pathname)), `${pathname} (round ${round})`).toEqual(expected);
        if (expected) matched += 1;
      }
    }
    // Most sample paths match a page; a few are built not to.
    expect(matched).toBeGreaterThan(paths.length);
  });

  it("gives the same answer under a basename, which the cache does not key on", () => {
    for (const basename of ["/", "/crm", "/crm/"]) {
      for (const pathname of ["/crm/projects", "/crm/projects/7/edit", "/projects", "/crmx/projects", "/crm"]) {
        expect(describeMatches(matchRoutes(routes, pathname, basename)), `${basename} ${pathname}`).toEqual(
          describeMatches(unpatched.matchRoutes(structuredClone(routes), pathname, basename)),
        );
      }
    }
  });

  it("does not walk the route table again when called again with the same routes array", () => {
    const table = counted(routes);
    const first = describeMatches(matchRoutes(table.routes, "/projects"));
    expect(first?.map((match) => match.id)).toEqual(["root", "routes/_app", "routes/_app.projects._index"]);
    expect(table.reads()).toBeGreaterThan(routes[0]?.children?.length ?? 0);

    table.reset();
    expect(describeMatches(matchRoutes(table.routes, "/projects"))).toEqual(first);
    expect(describeMatches(matchRoutes(table.routes, "/projects/7/edit"))?.at(-1)?.id).toBe("routes/_app.projects.$id_.edit");
    expect(table.reads()).toBe(0);

    // A new array (a new build's route table) is flattened on its own.
    const other = counted(routes);
    matchRoutes(other.routes, "/projects");
    expect(other.reads()).toBeGreaterThan(0);
  });

  it("finds routes that lazy route discovery adds in place during a navigation", async () => {
    // Remix's v3_lazyRouteDiscovery: the router matches its routes array, asks patchRoutesOnNavigation for the
    // missing routes, which are pushed into the same arrays, and matches that same array again.
    const router = createRouter({
      routes: [{ id: "root", path: "/", children: [{ id: "home", index: true }] }],
      history: createMemoryHistory({ initialEntries: ["/"] }),
      hydrationData: { loaderData: {} },
      patchRoutesOnNavigation: ({ path: pathname, patch }) => {
        if (pathname === "/projects/7") patch("root", [{ id: "project", path: "projects/:id" }]);
      },
    });
    router.initialize();
    try {
      // Fills the cache for the router's arrays before the discovery.
      expect(matchRoutes(router.routes, "/projects/7")).toBeNull();
      await router.navigate("/projects/7");
      expect(router.state.errors).toBeNull();
      expect(router.state.matches.map((match) => match.route.id)).toEqual(["root", "project"]);
      expect(router.state.matches.at(-1)?.params).toEqual({ id: "7" });

      // patchRoutes on a router in place: the root's children array keeps its identity.
      const rootChildren = (router.routes[0] as AgnosticDataRouteObject).children ?? [];
      expect(matchRoutes(rootChildren, "/investors")).toBeNull();
      router.patchRoutes("root", [{ id: "investors", path: "investors" }]);
      expect((router.routes[0] as AgnosticDataRouteObject).children).toBe(rootChildren);
      expect(matchRoutes(rootChildren, "/investors")?.map((match) => match.route.id)).toEqual(["investors"]);
    } finally {
      router.dispose();
    }
  });
});

describe("matchPath with the compiled-path cache (patched @remix-run/router)", () => {
  const routes = appRoutes();
  const paths = samplePaths(routes);
  const umd = unpatched as unknown as { matchPath: typeof matchPath };
  const patterns = [
    ...new Set(paths.flatMap((p) => [p, p.replace(/\/[^/]*$/, "/:id"), p.replace(/\/[^/]*$/, "/*"), p.replace(/\/[^/]*$/, "/:id?")])),
  ];

  it("reference: the UMD build compiles every path afresh", () => {
    expect(fs.readFileSync(umdFile, "utf8")).not.toContain("compiledPathCache");
    expect(fs.readFileSync(require.resolve("@remix-run/router"), "utf8")).toContain("compiledPathCache");
  });

  it("gives the unpatched answer for every pattern, flag and path, call after call", () => {
    expect(patterns.length).toBeGreaterThan(300);
    let matched = 0;
    for (const round of [1, 2]) {
      for (const path of patterns) {
        for (const caseSensitive of [false, true]) {
          for (const end of [true, false]) {
            for (const pathname of [path.replace(/:id\??|\*/, "7"), path.toUpperCase(), "/projects/7/edit", "/"]) {
              const pattern = { path, caseSensitive, end };
              const expected = umd.matchPath(pattern, pathname);
              expect(matchPath(pattern, pathname), `${path} ${caseSensitive} ${end} ${pathname} (${round})`).toEqual(expected);
              if (expected) matched += 1;
            }
          }
        }
      }
    }
    expect(matched).toBeGreaterThan(patterns.length);
  });

  it("does not build a RegExp when the same route table is matched again", () => {
    const Original = globalThis.RegExp;
    let built = 0;
    const table = structuredClone(routes);
    const before = paths.map((p) => describeMatches(matchRoutes(table, p)));
    globalThis.RegExp = new Proxy(Original, {
      construct(target, args: [string, string?]) {
        built += 1;
        return new target(...args);
      },
    });
    try {
      // The same array again, and a fresh one (flattened and ranked again): every path was compiled by the first round.
      expect(paths.map((p) => describeMatches(matchRoutes(table, p)))).toEqual(before);
      expect(paths.map((p) => describeMatches(matchRoutes(structuredClone(routes), p)))).toEqual(before);
      expect(matchRoutes(table, "/projects/7/edit")?.at(-1)?.route.id).toBe("routes/_app.projects.$id_.edit");
      expect(built).toBe(0);
      // A pattern never seen before is compiled once, then taken from the cache.
      expect(matchPath("/never/seen/:x", "/never/seen/1")?.params).toEqual({ x: "1" });
      expect(matchPath("/never/seen/:x", "/never/seen/2")?.params).toEqual({ x: "2" });
      expect(built).toBe(1);
    } finally {
      globalThis.RegExp = Original;
    }
  });

  it("stays correct past its bound of 1,000 patterns, and results do not share params", () => {
    for (let i = 0; i < 2_500; i++) {
      expect(matchPath(`/bound/${i}/:id`, `/bound/${i}/x${i}`)?.params).toEqual({ id: `x${i}` });
    }
    const a = matchPath("/p/:id", "/p/1");
    const b = matchPath("/p/:id", "/p/2");
    expect(a?.params).toEqual({ id: "1" });
    expect(b?.params).toEqual({ id: "2" });
    expect(a?.params).not.toBe(b?.params);
  });
});
