// The body cap in front of every route, on a real HTTP server and a keep-alive client.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, request } from "undici";
import { bodyLimit, MULTIPART_UPLOAD_PATHS, UPLOAD_PATHS } from "./body-limit.server";

describe("bodyLimit", () => {
  let server: http.Server;
  let base: string;
  const agent = new Agent({ connections: 1 });
  const read: number[] = [];
  beforeAll(async () => {
    const limit = bodyLimit({ max: 1024, uploads: [/^\/upload$/], multipartUploads: [/^\/page-with-upload$/] });
    server = http.createServer((req, res) => {
      limit(req, res, async () => {
        // What a route does: read the whole body.
        let n = 0;
        for await (const chunk of req) n += (chunk as Buffer).length;
        read.push(n);
        res.end(`read ${n}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await agent.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (path: string, body: string | Readable, headers: Record<string, string> = {}) =>
    request(base + path, { method: "POST", body, dispatcher: agent, headers: { "content-type": "application/x-www-form-urlencoded", ...headers } });

  it("passes a body within the cap whole, and the next request on the same connection", async () => {
    const small = await post("/login", "a=".padEnd(1024, "x"));
    expect(small.statusCode).toBe(200);
    expect(await small.body.text()).toBe("read 1024");
    const get = await request(`${base}/page`, { dispatcher: agent });
    expect(await get.body.text()).toBe("read 0");
  });

  it("answers 413 without reading a larger body, closes that connection, and serves the client's next request", async () => {
    const before = read.length;
    const huge = await post("/login", "a=".padEnd(5 * 1024 * 1024, "x"));
    expect(huge.statusCode).toBe(413);
    expect(huge.headers.connection).toBe("close");
    expect(await huge.body.text()).toContain("请求内容过大");
    expect(read.length).toBe(before); // the route never ran
    const next = await post("/login", "a=1");
    expect(next.statusCode).toBe(200);
    expect(await next.body.text()).toBe("read 3");
  });

  it("refuses a body of unknown length (411), lets upload routes stream theirs, and leaves bodiless requests alone", async () => {
    const chunked = await post("/login", Readable.from([Buffer.from("a=1")]));
    expect(chunked.statusCode).toBe(411);
    await chunked.body.text();
    const upload = await post("/upload", Readable.from([Buffer.alloc(4096, 1)]), { "content-type": "multipart/form-data; boundary=x" });
    expect(upload.statusCode).toBe(200);
    expect(await upload.body.text()).toBe("read 4096");
    // The app's own upload paths, as a browser without JavaScript and as Remix's client (".data") post them.
    for (const path of ["/imports", "/imports.data", "/api/v1/imports"]) {
      expect(
        UPLOAD_PATHS.some((re) => re.test(path)),
        path,
      ).toBe(true);
    }
    for (const path of ["/login", "/login.data", "/projects/12", "/projects/12/evidence", "/imports/7"]) {
      expect(
        UPLOAD_PATHS.some((re) => re.test(path)),
        path,
      ).toBe(false);
    }
    // The project page (its evidence form): multipart bodies stream, its other forms keep the cap.
    for (const path of ["/projects/12", "/projects/12.data"])
      expect(
        MULTIPART_UPLOAD_PATHS.some((re) => re.test(path)),
        path,
      ).toBe(true);
    for (const path of ["/projects/12/edit", "/projects/new"])
      expect(
        MULTIPART_UPLOAD_PATHS.some((re) => re.test(path)),
        path,
      ).toBe(false);
    const file = await post("/page-with-upload", Readable.from([Buffer.alloc(4096, 1)]), {
      "content-type": "multipart/form-data; boundary=x",
      "content-length": "4096",
    });
    expect(await file.body.text()).toBe("read 4096");
    const form = await post("/page-with-upload", "a=".padEnd(4096, "x"));
    expect(form.statusCode).toBe(413);
    await form.body.text();
    const empty = await request(`${base}/logout`, { method: "POST", dispatcher: agent });
    expect(empty.statusCode).toBe(200);
    expect(await empty.body.text()).toBe("read 0");
  });
});
