// The worker that reads one uploaded sheet (read-sheet.ts) off the server's event loop; read-file.ts starts it.
import { parentPort, workerData } from "node:worker_threads";
import { readSheet } from "./read-sheet";

const { bytes } = workerData as { bytes: Uint8Array };
parentPort!.postMessage(await readSheet(bytes));
