// The worker that reads one uploaded sheet (read-sheet.ts) off the server's event loop; read-file.ts starts it.
import { parentPort, workerData } from "node:worker_threads";
import type { ReadOptions } from "./read-sheet";
import { readSheet } from "./read-sheet";

const { bytes, options } = workerData as { bytes: Uint8Array; options: ReadOptions };
parentPort!.postMessage(await readSheet(bytes, options));
