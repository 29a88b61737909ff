/**
 * The latency graph of the dev tools: an SVG polyline path through the rolling window of
 * ping→pong latencies, scaled to the box inside a margin of `padding` (the highest sample at the
 * top margin, zero at the bottom one), so the stroke is never cut by the edge.
 */

/** The `points` of an SVG polyline through `values` in a `width`×`height` box; "" if empty. */
export function sparklinePoints(
  values: readonly number[],
  width: number,
  height: number,
  padding = 0,
): string {
  if (values.length === 0) {
    return "";
  }
  // One sample draws a level line, so the graph is visible from the first pong.
  const samples = values.length === 1 ? [values[0]!, values[0]!] : values;
  const max = Math.max(...samples, 1);
  const step = width / (samples.length - 1);
  return samples
    .map((value, index) => {
      const x = index * step;
      const y = height - padding - (Math.max(0, value) / max) * (height - 2 * padding);
      return `${round(x)},${round(y)}`;
    })
    .join(" ");
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
