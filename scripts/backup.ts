// npm run backup -- --out FILE: the database DATABASE_URL names (pg_dump), or the embedded one in DATA_DIR.
import { parseArgs } from "node:util";
import { backup } from "../db/backup";
import { defaultDataDir } from "../db/index";

const { values } = parseArgs({ options: { out: { type: "string" } } });
if (!values.out) {
  console.error("usage: npm run backup -- --out FILE");
  process.exit(2);
}
try {
  await backup({ url: process.env.DATABASE_URL || undefined, dataDir: defaultDataDir() }, values.out);
  console.log(`Backup written to ${values.out}`);
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
