import { monitorEventLoopDelay } from "node:perf_hooks";
import { readImportFile } from "../app/modules/imports/read-file";
import { sheetBytes } from "./bench/import-sheet";
import { extraSheetNames } from "../app/modules/imports/import-sheets";
const bytes = sheetBytes(50000, { clusterName: "光伏" });
for (let i = 0; i < 2; i++) {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  const read = await readImportFile(bytes, {}, { extraSheets: extraSheetNames() });
  loop.disable();
  console.log("read", (performance.now() - t0).toFixed(0), "ms; loop max", (loop.max / 1e6).toFixed(0), read.ok);
  const t1 = performance.now();
  const s = structuredClone(read);
  console.log("structuredClone of the result", (performance.now() - t1).toFixed(0), "ms", !!s);
}
