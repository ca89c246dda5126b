// Builds the app when build/ is missing or older than any source: `npm start` and `npm test` both rely on it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function buildIfStale() {
  const buildFile = path.join(projectRoot, "build/index.js");
  const sourcesChanged = Math.max(
    newestMtime(path.join(projectRoot, "app")),
    newestMtime(path.join(projectRoot, "db")),
    fs.statSync(path.join(projectRoot, "remix.config.js")).mtimeMs,
  );
  if (fs.existsSync(buildFile) && fs.statSync(buildFile).mtimeMs >= sourcesChanged) return;
  console.log("Building…");
  execFileSync(process.execPath, [path.join(projectRoot, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}
