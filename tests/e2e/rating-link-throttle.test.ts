// The public rating link (/rate/:token) is rate-limited per link and per address (link-throttle.server.ts), and the
// limit holds when fifty requests arrive at once: they are built first and released together, not sent in a loop.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LINK_HITS_PER_ADDRESS, LINK_HITS_PER_TOKEN } from "../../app/modules/auth/link-throttle.server";
import { databaseKinds } from "../support/db";
import { createReferenceZone } from "../support/factories";
import type { TestServer } from "../support/server";
import { startTestServer } from "../support/server";

const token = () => crypto.randomBytes(32).toString("base64url");

describe.each(databaseKinds())("the rating link's rate limit under fifty requests at once (%s)", (kind) => {
  let server: TestServer<null>;

  beforeAll(async () => {
    // The server trusts X-Forwarded-For from loopback, as behind a proxy: each test has its own address.
    server = await startTestServer(
      kind,
      async (db) => {
        await createReferenceZone(db);
        return null;
      },
      { env: { TRUST_PROXY: "loopback" } },
    );
  });
  afterAll(() => server?.stop());

  /** Requests built first, then released together. */
  async function atOnce(ip: string, paths: string[]) {
    let release!: () => void;
    const barrier = new Promise<void>((resolve) => (release = resolve));
    const shots = paths.map(async (path) => {
      await barrier;
      return fetch(server.baseUrl + path, { redirect: "manual", headers: { "X-Forwarded-For": ip } });
    });
    release();
    const responses = await Promise.all(shots);
    await Promise.all(responses.map((r) => r.arrayBuffer()));
    return responses;
  }

  it("answers one link at most its limit of fifty requests at once, and refuses the rest with 429", async () => {
    const link = `/rate/${token()}`;
    const responses = await atOnce(
      "10.40.0.1",
      Array.from({ length: 50 }, () => link),
    );
    const statuses = responses.map((r) => r.status);
    // 404: the link was looked up (it does not exist); 429: refused before any lookup.
    expect(statuses.filter((s) => s === 404)).toHaveLength(LINK_HITS_PER_TOKEN);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - LINK_HITS_PER_TOKEN);
  });

  it("answers one address at most its limit over many links, fifty at once", async () => {
    const ip = "10.41.0.1";
    // The first 40 of the address's budget, sent at once over fresh links (each under its own limit).
    const first = await atOnce(
      ip,
      Array.from({ length: 40 }, () => `/rate/${token()}`),
    );
    expect(first.filter((r) => r.status === 404)).toHaveLength(40);
    const second = await atOnce(
      ip,
      Array.from({ length: 50 }, () => `/rate/${token()}`),
    );
    expect(second.filter((r) => r.status === 404)).toHaveLength(LINK_HITS_PER_ADDRESS - 40);
    expect(second.filter((r) => r.status === 429)).toHaveLength(50 - (LINK_HITS_PER_ADDRESS - 40));
    // Another address is not held back by this one.
    const other = await atOnce("10.41.0.2", [`/rate/${token()}`]);
    expect(other[0].status).toBe(404);
  });
});
