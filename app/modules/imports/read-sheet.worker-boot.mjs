// Starts read-sheet.worker.ts in a worker thread: TypeScript through tsx, as the server itself runs.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
