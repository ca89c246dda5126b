import { PassThrough } from "node:stream";
import { text } from "node:stream/consumers";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderWhole, withoutNulBytes } from "./render-whole.server";

function Page({ pad }: { pad: number }) {
  return (
    <main>
      <p>{"x".repeat(pad)}</p>
      {Array.from({ length: 40 }, (_, i) => (
        <p key={i}>{`第${i}行：半导体产业招商服务公司签约项目，总投资一亿元`}</p>
      ))}
    </main>
  );
}

function rawStream(element: JSX.Element): Promise<string> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(element, {
      onAllReady() {
        const out = new PassThrough();
        text(out).then(resolve, reject);
        pipe(out);
      },
      onError: reject,
    });
  });
}

describe("streamed HTML with Chinese text", () => {
  it("React's stream alone pads some chunk boundaries with NUL bytes (the bug this guards against)", async () => {
    const outputs = await Promise.all([0, 1, 2].map((pad) => rawStream(<Page pad={pad} />)));
    expect(outputs.some((html) => html.includes("\0"))).toBe(true);
  });

  it("the whole-document render is byte for byte what renderToString gives, at every alignment", async () => {
    for (const pad of [0, 1, 2]) {
      const html = (
        await renderWhole(<Page pad={pad} />, {
          onError: (e) => {
            throw e;
          },
          timeoutMs: 5000,
        })
      ).toString("utf8");
      expect(html).not.toContain("\0");
      expect(html).toBe(renderToString(<Page pad={pad} />));
    }
  });

  it("drops only the NUL bytes", () => {
    expect(withoutNulBytes(Buffer.from([0x3c, 0, 0xe4, 0xb8, 0, 0xad, 0x3e])).toString("utf8")).toBe("<中>");
    expect(withoutNulBytes(Buffer.from([0, 0, 0x61, 0, 0, 0, 0x62, 0])).toString("utf8")).toBe("ab");
    expect(withoutNulBytes(Buffer.from([0, 0])).length).toBe(0);
    const clean = Buffer.from("<p>招商</p>");
    expect(withoutNulBytes(clean)).toBe(clean);
  });

  it("a render that fails in its shell rejects instead of sending half a page", async () => {
    function Broken(): JSX.Element {
      throw new Error("loader data missing");
    }
    await expect(renderWhole(<Broken />, { onError: () => {}, timeoutMs: 5000 })).rejects.toThrow("loader data missing");
  });
});
