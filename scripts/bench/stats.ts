/** Median and spread of repeated timings, the form every figure of the benchmark takes. */
export interface Spread {
  median: number;
  p10: number;
  p90: number;
  runs: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const lower = sorted[below] ?? Number.NaN;
  const upper = sorted[above] ?? lower;
  return lower + (upper - lower) * (position - below);
}

export function spread(values: number[]): Spread {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
    runs: sorted.length,
  };
}

/** The ratio of two medians, the way the targets compare Careside with its baseline. */
export function ratio(measured: Spread, baseline: Spread): number {
  return baseline.median > 0 ? measured.median / baseline.median : Number.NaN;
}
