// The report loaders' way to the read replica (db/replica.ts, decision 035), as a server-only module: a route
// imports it without pulling the database driver into the browser's bundle.
export { readingReports } from "~db/replica";
