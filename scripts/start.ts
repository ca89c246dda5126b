// npm start — builds when the build is missing or older than the sources, then runs the server in production mode.
import { buildIfStale } from "./build-if-stale";

buildIfStale();
process.env.NODE_ENV ??= "production";
await import("../server");
