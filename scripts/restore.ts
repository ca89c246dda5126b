// npm run restore -- --in FILE [--force]: into DATABASE_URL (pg_restore) or the embedded database in DATA_DIR.
// Refuses a database that already holds tables unless --force.
import { parseArgs } from "node:util";
import { NotEmptyError, restore } from "../db/backup";
import { defaultDataDir } from "../db/index";

const { values } = parseArgs({ options: { in: { type: "string" }, force: { type: "boolean", default: false } } });
if (!values.in) {
  console.error("usage: npm run restore -- --in FILE [--force]");
  process.exit(2);
}
try {
  const result = await restore({ url: process.env.DATABASE_URL || undefined, dataDir: defaultDataDir() }, values.in, { force: values.force });
  console.log(`Restored from ${values.in}${result.movedAside ? ` (the previous data is kept in ${result.movedAside})` : ""}`);
} catch (error) {
  console.error(`Restore refused: ${(error as Error).message}`);
  process.exit(error instanceof NotEmptyError ? 3 : 1);
}
