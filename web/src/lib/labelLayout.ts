// Labels that never sit on one another: each wants to be at a position (a pixel y), and they are
// moved apart as little as possible so that neighbours keep at least `gap` between them, all
// within [low, high]. Order is kept: a label above another stays above it.

export function spreadLabels(wanted: readonly number[], gap: number, low: number, high: number): number[] {
  const order = wanted.map((y, index) => ({ y, index })).sort((a, b) => a.y - b.y);
  const placed = order.map((label) => Math.min(high, Math.max(low, label.y)));
  // Downwards: each keeps its gap from the one above it.
  for (let i = 1; i < placed.length; i++) placed[i] = Math.max(placed[i] ?? 0, (placed[i - 1] ?? 0) + gap);
  // Upwards from the bottom edge: what the first pass pushed past it comes back.
  const last = placed.length - 1;
  if (last >= 0) placed[last] = Math.min(placed[last] ?? 0, high);
  for (let i = last - 1; i >= 0; i--) placed[i] = Math.min(placed[i] ?? 0, (placed[i + 1] ?? 0) - gap);
  const result = new Array<number>(wanted.length);
  order.forEach((label, i) => {
    result[label.index] = placed[i] ?? label.y;
  });
  return result;
}
