// The one way the benchmark and the end-to-end tests start a server: it waits for "listening on", and says why not.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnServer } from "../../scripts/lib/spawn-server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zcrm-spawn-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A stand-in server: a script of a few lines. */
function script(name: string, body: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, body);
  return file;
}

describe("spawnServer", () => {
  it("resolves the URL once the server says it listens, passes the environment, and stops it", async () => {
    const server = spawnServer({
      script: script(
        "ok.mjs",
        `console.error("booting " + process.env.GREETING); setTimeout(() => console.log("listening on http://127.0.0.1:4321"), 200); setInterval(() => {}, 1000);`,
      ),
      env: { PATH: process.env.PATH, GREETING: "你好", LEFT_OUT: undefined },
    });
    expect(await server.listening).toBe("http://127.0.0.1:4321");
    expect(server.output()).toContain("booting 你好");
    await server.stop();
    expect(server.child.exitCode !== null || server.child.signalCode !== null).toBe(true);
  });

  it("rejects with the server's output when it exits before listening", async () => {
    const server = spawnServer({
      script: script("fails.mjs", `console.error("the data folder is in use by process 42"); process.exit(3);`),
      env: { PATH: process.env.PATH },
    });
    await expect(server.listening).rejects.toThrow(/exited with 3:\n[^]*in use by process 42/);
    expect(await server.exited).toBe(3);
  });

  it("rejects with the output and stops the server when it does not listen in time", async () => {
    const server = spawnServer({
      script: script("silent.mjs", `console.log("still migrating"); setInterval(() => {}, 1000);`),
      env: { PATH: process.env.PATH },
      timeoutMs: 1500,
    });
    await expect(server.listening).rejects.toThrow(/did not start within 1500 ms:\n[^]*still migrating/);
    await server.exited;
    expect(server.child.signalCode).toBe("SIGTERM");
  });
});
