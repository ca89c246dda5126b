// Reads an uploaded sheet in a worker thread with a memory cap and a time limit, so that one file — however it is
// built — never holds up the other requests of this process nor keeps its memory. The reading itself, with its
// limits, is read-sheet.ts.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ReadOptions, ReadResult } from "./read-sheet";

export type { NamedSheet, ReadOptions, ReadResult, Sheet, SheetCell, SheetProblem, SheetRow } from "./read-sheet";
export { decodeText, MAX_CELL_CHARS, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS, MAX_UNZIPPED_BYTES } from "./read-sheet";

/** A reader that needs more heap than this, or longer than this, is stopped and the file refused. */
export const READ_MEMORY_MB = 512;
export const READ_TIME_LIMIT_MS = 60_000;
/** Files read at once by this process; more wait their turn (each reader may take READ_MEMORY_MB). */
const PARALLEL_READS = 2;

/** This module's folder in the source tree, from app/modules/imports or from the server build in build/. */
function moduleFolder() {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error("read-file: no package.json above the server");
    dir = up;
  }
  return path.join(dir, "app", "modules", "imports");
}

let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL_READS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

type ReadLimits = { memoryMb: number; timeLimitMs: number };

function readInWorker(bytes: Uint8Array, limits: ReadLimits, options: ReadOptions): Promise<ReadResult> {
  const folder = moduleFolder();
  return new Promise((resolve) => {
    const worker = new Worker(pathToFileURL(path.join(folder, "read-sheet.worker-boot.mjs")), {
      workerData: {
        entry: pathToFileURL(path.join(folder, "read-sheet.worker.ts")).href,
        bytes,
        options: { extraSheets: [...(options.extraSheets ?? [])] },
      },
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: Math.min(64, limits.memoryMb) },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const settle = (result: ReadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    };
    const timer = setTimeout(() => settle({ ok: false, problem: "tooComplex" }), limits.timeLimitMs);
    worker.on("message", (result: ReadResult) => settle(result));
    worker.on("error", (error: Error & { code?: string }) => {
      // Out of memory (ERR_WORKER_OUT_OF_MEMORY) is the file's doing; anything else is logged as ours.
      if (error.code !== "ERR_WORKER_OUT_OF_MEMORY") console.error("import: the sheet reader failed", error);
      settle({ ok: false, problem: "tooComplex" });
    });
    worker.on("exit", () => settle({ ok: false, problem: "tooComplex" }));
  });
}

/**
 * The file's rows, or the reason it is refused (read-sheet.ts), read in a worker (tests may tighten its limits);
 * `options.extraSheets` names the workbook's further sheets to read (import-sheets.ts).
 */
export async function readImportFile(bytes: Uint8Array, limits: Partial<ReadLimits> = {}, options: ReadOptions = {}): Promise<ReadResult> {
  if (bytes.byteLength === 0) return { ok: false, problem: "empty" };
  return inTurn(() => readInWorker(bytes, { memoryMb: READ_MEMORY_MB, timeLimitMs: READ_TIME_LIMIT_MS, ...limits }, options));
}
