// Starting the app's server as a child process and waiting for its "listening on <url>" line: one way, for the
// benchmark, the end-to-end tests and their support.
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

export type SpawnServerOptions = {
  /** The script to run, relative to the project root (or absolute): server.ts, or scripts/start.ts as `npm start` runs. */
  script?: string;
  /** The child's whole environment; a name set to undefined is left out. */
  env: Record<string, string | undefined>;
  /** Flags for node before the script (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** How long the server may take to say it listens. */
  timeoutMs?: number;
};

export type SpawnedServer = {
  child: ChildProcessWithoutNullStreams;
  /** The server's URL once it says "listening on"; rejects with its output if it exits first or takes too long. */
  listening: Promise<string>;
  /** The exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** All it wrote so far, stdout and stderr interleaved. */
  output: () => string;
  /** SIGTERM, then waits for the exit; its code, or null. */
  stop: () => Promise<number | null>;
};

export function spawnServer({ script = "server.ts", env, nodeArgs = [], timeoutMs = 120_000 }: SpawnServerOptions): SpawnedServer {
  const childEnv = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)) as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", path.resolve(root, script)], { cwd: root, env: childEnv });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  // A caller that only awaits `exited` (a server expected to refuse to start) need not handle this rejection.
  listening.catch(() => {});
  return {
    child,
    listening,
    exited,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
