// npm run cluster -- up|down|status
// nginx in front of CLUSTER_APPS (2) app processes, PgBouncer in transaction mode, and a streaming replica the
// report pages read (scripts/lib/cluster.ts, decision 035). Everything under CLUSTER_DIR (default
// $TMPDIR/zone-crm-cluster), ports from CLUSTER_PORT_BASE (34100: nginx; +1 primary, +2 replica, +3 PgBouncer,
// +10… the apps). CLUSTER_PRIMARY_URL: replicate that primary instead of running one (it must accept replication
// connections); CLUSTER_SEED_FROM: the cluster's own primary starts as a copy of this database (e.g. the bench's).
import { buildIfStale } from "./build-if-stale";
import { clusterDown, clusterUp, defaultClusterDir, readClusterState } from "./lib/cluster";

const command = process.argv[2];
if (command === "up") {
  buildIfStale();
  const state = await clusterUp({ seedFrom: process.env.CLUSTER_SEED_FROM || undefined });
  console.log(
    [
      "",
      `  the app (nginx):      ${state.urls.app}`,
      `  the primary:          ${state.urls.primary}`,
      `  PgBouncer:            ${state.urls.bouncer}`,
      `  the replica:          ${state.urls.replica}`,
      `  \`npm run cluster -- down\` stops it all and removes ${state.dir}.`,
    ].join("\n"),
  );
} else if (command === "down") {
  await clusterDown(defaultClusterDir());
} else if (command === "status") {
  const state = readClusterState();
  console.log(state ? JSON.stringify(state, null, 2) : `No cluster in ${defaultClusterDir()}.`);
} else {
  console.error("usage: npm run cluster -- up|down|status");
  process.exit(2);
}
