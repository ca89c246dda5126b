import { useEffect, useRef } from "react";

type ChartOption = Record<string, unknown>;

/**
 * An ECharts chart drawn in the browser only: the library is loaded on mount (its tree-shaken `echarts/core`
 * parts, in their own chunk), never on the server and never by an inline script. The page shows the same figures
 * as a table, so without JavaScript nothing is missing. Values in a chart are for the eye; exact figures are in
 * the table beside it.
 */
export function EChart({ option, label, height = 320 }: { option: ChartOption; label: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const serialized = JSON.stringify(option);
  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    void (async () => {
      const [core, charts, components, renderers] = await Promise.all([
        import("echarts/core"),
        import("echarts/charts"),
        import("echarts/components"),
        import("echarts/renderers"),
      ]);
      core.use([
        charts.BarChart,
        charts.LineChart,
        charts.FunnelChart,
        components.GridComponent,
        components.TooltipComponent,
        components.LegendComponent,
        renderers.CanvasRenderer,
      ]);
      if (disposed || !ref.current) return;
      const chart = core.init(ref.current, undefined, { renderer: "canvas" });
      chart.setOption(JSON.parse(serialized) as ChartOption);
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(ref.current);
      dispose = () => {
        observer.disconnect();
        chart.dispose();
      };
    })();
    return () => {
      disposed = true;
      dispose?.();
    };
  }, [serialized]);
  return <div ref={ref} className="chart" style={{ height }} role="img" aria-label={label} data-testid="chart" />;
}
