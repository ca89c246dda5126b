// Global setup of the integration and e2e projects: this run's migrated templates (tests/support/templates.ts),
// removed again when the run ends.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildMigratedTemplates, removeTemplates } from "./templates";

export default async function setup(project: TestProject) {
  const run = { run: crypto.randomBytes(4).toString("hex"), dir: fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-templates-")) };
  try {
    // Integration files open in-memory PGlite; the e2e servers open PGlite folders.
    await buildMigratedTemplates(run, { dump: project.name === "integration", dataDir: project.name === "e2e" });
  } catch (error) {
    await removeTemplates(run);
    throw error;
  }
  project.provide("templates", run);
  return () => removeTemplates(run);
}
