import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

interface Props {
  /** The chart's heading, also its accessible name. */
  title: string;
  /** A sentence saying what the chart shows, for screen readers (the canvas says nothing). */
  summary: string;
  series: uPlot.Series[];
  data: uPlot.AlignedData;
  /** x values (seconds) to mark with a dashed vertical line: changes made to the agent. */
  marks?: number[];
  yLabel?: string;
  /** A fixed y range (a percentage: 0–100); else uPlot fits the data. */
  yRange?: [number, number];
  testId: string;
  height?: number;
}

/**
 * A uPlot line chart in a <figure>: created once, fed new data on change, resized with its box.
 * Marks are drawn on uPlot's own canvas in its `draw` hook (uPlot's way of annotating).
 */
export function UPlotChart({ title, summary, series, data, marks = [], yLabel, yRange, testId, height = 220 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const marksRef = useRef(marks);
  marksRef.current = marks;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const drawMarks = (u: uPlot) => {
      const { ctx, bbox } = u;
      ctx.save();
      ctx.strokeStyle = '#6b3fa0';
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 2 * devicePixelRatio;
      for (const x of marksRef.current) {
        const px = u.valToPos(x, 'x', true);
        if (px < bbox.left || px > bbox.left + bbox.width) continue;
        ctx.beginPath();
        ctx.moveTo(px, bbox.top);
        ctx.lineTo(px, bbox.top + bbox.height);
        ctx.stroke();
      }
      ctx.restore();
    };
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height,
      series: [{}, ...series],
      axes: [{}, { label: yLabel, size: 50 }],
      scales: { x: { time: true }, ...(yRange ? { y: { range: yRange } } : {}) },
      hooks: { draw: [drawMarks] },
    };
    plot.current = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(280, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // The series' shape is fixed per chart; data and marks change through the effect below.
  }, []);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data, marks]);

  return (
    <figure class="chart card" data-testid={testId}>
      <figcaption class="chart__title">{title}</figcaption>
      <p class="sr-only">{summary}</p>
      <div ref={box} class="chart__plot" aria-hidden="true" />
    </figure>
  );
}
