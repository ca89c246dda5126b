// The production server: opens the database at boot, serves the Remix build, closes cleanly on SIGTERM.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { broadcastDevReady } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { BootError, bootDatabase } from "./db/boot";
import { setDatabase } from "./db/index";
import { openReplicaFromEnv } from "./db/replica";
import { bodyLimit } from "./app/modules/http/body-limit.server";
import { refuseControlCharacters } from "./app/modules/http/control-chars.server";

const root = path.dirname(new URL(import.meta.url).pathname);
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const isProduction = process.env.NODE_ENV === "production";

const handle = await bootDatabase({ log: console.log }).catch((error: unknown) => {
  if (!(error instanceof BootError)) throw error;
  console.error(`\n*** Not started: ${error.message}\n`);
  process.exit(1);
});
setDatabase(handle);
// DATABASE_REPLICA_URL: the leaders' report loaders read a streaming replica while it keeps up (decision 035).
const replica = await openReplicaFromEnv();

const buildPath = path.join(root, "build/index.js");
if (!fs.existsSync(buildPath)) {
  console.error("No build found at build/index.js: run `npm run build` (npm start does it for you).");
  process.exit(1);
}
const build = (await import(buildPath)) as ServerBuild;
// Resource routes (exports, evidence downloads, /api/*) bypass entry.server's handlers: their 403s and 404s are
// audited through this wrapper, with the build's own session and database modules.
(build.entry.module as { auditResourceRoutes?: (routes: ServerBuild["routes"]) => void }).auditResourceRoutes?.(build.routes);

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

app.use((_req, res, next) => {
  res.locals.nonce = crypto.randomBytes(16).toString("base64");
  next();
});
app.use(
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.nonce}'`],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: isProduction && process.env.COOKIE_SECURE !== "0" ? [] : null,
      },
    },
    hsts: isProduction && process.env.COOKIE_SECURE !== "0",
    referrerPolicy: { policy: "same-origin" },
  }),
);

// Control characters in a path or search parameter (a NUL in `q`) are refused before any loader sees them.
app.use(refuseControlCharacters());

// Bodies are capped before anything reads them (upload routes stream with their own limits).
app.use(bodyLimit());

// Cross-site form posts are refused before they reach an action (the forms' CSRF tokens are the second line).
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  if (req.path.startsWith("/api/")) return next(); // bearer tokens, no cookies
  const origin = req.get("origin");
  const site = req.get("sec-fetch-site");
  const sameOrigin = origin ? origin === `${req.protocol}://${req.get("host")}` : site !== "cross-site";
  if (!sameOrigin) {
    res.status(403).type("text/plain; charset=utf-8").send("跨站请求已被拒绝 (cross-site request refused)");
    return;
  }
  next();
});

// For load balancers: /livez answers while the process serves (no database, also the benchmark's bare floor);
// /healthz also asks the database, so an instance that lost PostgreSQL is taken out of rotation.
app.get("/livez", (_req, res) => {
  res.set("Cache-Control", "no-store").type("text/plain").send("ok");
});
app.get("/healthz", async (_req, res) => {
  try {
    await handle.query("select 1");
    res.set("Cache-Control", "no-store").type("text/plain").send("ok");
  } catch {
    res.status(503).set("Cache-Control", "no-store").type("text/plain").send("database unavailable");
  }
});

app.use(compression());
app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
// public/'s own files (favicon.svg) have an extension; a page's path has none and goes on without a stat of the disk.
const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h" });
app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: isProduction ? "production" : "development",
    getLoadContext: (req, res) => ({
      nonce: res.locals.nonce as string,
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    }),
  }),
);

const server = app.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const replicaNote = replica ? `, reports from the replica ${replica.location}` : "";
  console.log(`招商引资 CRM listening on http://${host}:${actualPort} (database: ${handle.kind} ${handle.location}${replicaNote})`);
  // Under `npm run dev` (remix dev --manual) the dev server waits for this before it reloads the browser.
  if (!isProduction) void broadcastDevReady(build);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing`);
  server.close();
  server.closeAllConnections();
  await replica?.close().catch((error) => console.error(error));
  await handle.close().catch((error) => console.error(error));
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
