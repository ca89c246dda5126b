// The chain as an ECharts diagram, upstream on the left: drawn in the browser only, after the page has loaded, with
// ECharts fetched then (a dynamic import: no other page carries it). The table under it is the same data without
// JavaScript and on a phone, where the diagram is not drawn.
import { useNavigate } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { ChainStrength } from "~/lib/chain-strength";

export type DiagramLink = {
  id: number;
  name: string;
  segmentLabel: string;
  strength: ChainStrength;
  strengthLabel: string;
  summary: string;
  subLinks: { id: number; name: string; strength: ChainStrength; strengthLabel: string; summary: string }[];
};

/** The strength colours; the same as the table's badges (app.css .strength-*). */
export const STRENGTH_COLOURS: Record<ChainStrength, { fill: string; text: string }> = {
  empty: { fill: "#f5f5f5", text: "#8c8c8c" },
  weak: { fill: "#ffd591", text: "#613400" },
  present: { fill: "#95de64", text: "#135200" },
  strong: { fill: "#237804", text: "#ffffff" },
};

/** Below this width the diagram is not drawn: the table is the phone's view. */
const MIN_WIDTH = 641;

export function ChainDiagram({ links, linkHref, label }: { links: DiagramLink[]; linkHref: (id: number) => string; label: string }) {
  const ref = useRef<HTMLDivElement | null>(null);
  const navigate = useNavigate();

  useEffect(() => {
    const el = ref.current;
    if (!el || window.innerWidth < MIN_WIDTH || !links.length) return;
    let disposed = false;
    let dispose = () => {};
    void (async () => {
      const [core, charts, components, renderers] = await Promise.all([
        import("echarts/core"),
        import("echarts/charts"),
        import("echarts/components"),
        import("echarts/renderers"),
      ]);
      if (disposed) return;
      core.use([charts.GraphChart, components.TooltipComponent, renderers.CanvasRenderer]);
      const chart = core.init(el);
      const nodes: {
        id: string;
        name: string;
        x: number;
        y: number;
        value: number;
        symbolSize: number[];
        summary: string;
        itemStyle: object;
        label: object;
      }[] = [];
      const edges: { source: string; target: string; lineStyle?: object }[] = [];
      const node = (l: { id: number; name: string; strength: ChainStrength; summary: string }, x: number, y: number, sub: boolean) => {
        const colour = STRENGTH_COLOURS[l.strength];
        nodes.push({
          id: String(l.id),
          name: l.name,
          x,
          y,
          value: l.id,
          symbolSize: sub ? [110, 34] : [130, 44],
          summary: l.summary,
          itemStyle: { color: colour.fill, borderColor: "#595959", borderWidth: l.strength === "empty" ? 1 : 0, borderType: "dashed" },
          label: { show: true, color: colour.text, fontSize: sub ? 12 : 14, fontWeight: sub ? "normal" : "bold" },
        });
      };
      links.forEach((l, i) => {
        node(l, i * 180, 0, false);
        if (i > 0) edges.push({ source: String(links[i - 1].id), target: String(l.id) });
        l.subLinks.forEach((s, j) => {
          node(s, i * 180, 80 + j * 56, true);
          edges.push({ source: String(l.id), target: String(s.id), lineStyle: { type: "dashed" } });
        });
      });
      chart.setOption({
        aria: { enabled: true, label: { description: label } },
        tooltip: {
          formatter: (p: { data?: { name?: string; summary?: string } }) => (p.data?.summary ? `${p.data.name}<br/>${p.data.summary}` : ""),
        },
        series: [
          {
            type: "graph",
            layout: "none",
            symbol: "roundRect",
            roam: false,
            edgeSymbol: ["none", "arrow"],
            edgeSymbolSize: 8,
            lineStyle: { color: "#8c8c8c", width: 1.5 },
            data: nodes,
            links: edges,
          },
        ],
      });
      chart.on("click", (p) => {
        const id = (p.data as { value?: number } | undefined)?.value;
        if (typeof id === "number") navigate(linkHref(id), { preventScrollReset: true });
      });
      const resize = () => chart.resize();
      window.addEventListener("resize", resize);
      dispose = () => {
        window.removeEventListener("resize", resize);
        chart.dispose();
      };
    })();
    return () => {
      disposed = true;
      dispose();
    };
  }, [links, linkHref, label, navigate]);

  return <div ref={ref} className="chain-diagram" role="img" aria-label={label} data-testid="chain-diagram" />;
}
