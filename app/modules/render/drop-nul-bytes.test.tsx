import { PassThrough } from "node:stream";
import { text } from "node:stream/consumers";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { dropNulBytes } from "./drop-nul-bytes.server";

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

function stream(element: JSX.Element, filter: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(element, {
      onAllReady() {
        const out = new PassThrough();
        text(out).then(resolve, reject);
        if (filter) pipe(dropNulBytes()).pipe(out);
        else pipe(out);
      },
      onError: reject,
    });
  });
}

describe("streamed HTML with Chinese text", () => {
  it("React's stream alone pads some chunk boundaries with NUL bytes (the bug this guards against)", async () => {
    const outputs = await Promise.all([0, 1, 2].map((pad) => stream(<Page pad={pad} />, false)));
    expect(outputs.some((html) => html.includes("\0"))).toBe(true);
  });

  it("through the filter it is byte for byte what renderToString gives, at every alignment", async () => {
    for (const pad of [0, 1, 2]) {
      const html = await stream(<Page pad={pad} />, true);
      expect(html).not.toContain("\0");
      expect(html).toBe(renderToString(<Page pad={pad} />));
    }
  });
});
