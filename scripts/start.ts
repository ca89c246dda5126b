// npm start — builds when the build is missing or older than the sources, then runs the server in production mode.
// Started without NODE_ENV (a developer's quick start) or with `-- --demo`, an empty embedded database gets the
// demo zone; with NODE_ENV=production it gets the reference zone and ADMIN_PASSWORD (db/boot.ts).
import { buildIfStale } from "./build-if-stale";

buildIfStale();
if (process.argv.includes("--demo")) process.env.DEMO = "1";
else if (process.env.NODE_ENV !== "production") process.env.DEMO ??= "1";
process.env.NODE_ENV ??= "production";
await import("../server");
