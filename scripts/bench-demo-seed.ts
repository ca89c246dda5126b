// npm run bench:demo-seed — times the demo zone's seed (what a fresh `npm start` loads) on an in-memory PGlite.
// The target is well within a minute (45 s) on the development machine; the demo-seed test checks only what is
// seeded, since a wall-clock bound in a test fails on a loaded machine rather than on slow code.
import { openDatabase } from "../db/index";
import { seedDemo } from "../db/seed/demo";
import { setupReferenceZone } from "../db/seed/reference";

const TARGET_MS = 45_000;
// A fixed fake hash: argon2 (~50 ms a call) is not what this measures.
const PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$ZGVtby1zYWx0$ZGVtby1oYXNoLWZvci10ZXN0cw";

const handle = await openDatabase({ inMemory: true });
try {
  await handle.migrate();
  const started = performance.now();
  const counts = await handle.db.transaction(async (tx) => {
    const ref = await setupReferenceZone(tx, { passwordHash: PASSWORD_HASH });
    return seedDemo(tx, ref, { passwordHash: PASSWORD_HASH, today: "2026-11-27" });
  });
  const ms = performance.now() - started;
  console.log(`demo seed: ${(ms / 1000).toFixed(1)} s (target < ${TARGET_MS / 1000} s)`, counts);
  if (ms >= TARGET_MS) process.exitCode = 1;
} finally {
  await handle.close();
}
