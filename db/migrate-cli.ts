// npm run db:migrate — applies drizzle/ to DATABASE_URL, or to the embedded database.
import { openDatabase } from "./index";

const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined });
await handle.migrate();
console.log(`Migrations applied to ${handle.kind} ${handle.location}`);
await handle.close();
