// npm start — builds when the build is missing or older than the sources, then runs the server in production mode.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const buildFile = path.join(root, "build/index.js");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sources = ["app", "db"].map((d) => newestMtime(path.join(root, d)));
const stale = !fs.existsSync(buildFile) || Math.max(...sources, fs.statSync(path.join(root, "remix.config.js")).mtimeMs) > fs.statSync(buildFile).mtimeMs;
if (stale) {
  console.log("Building…");
  execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}
process.env.NODE_ENV ??= "production";
await import("../server");
