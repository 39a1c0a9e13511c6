/** Summary statistics for a benchmark's samples (milliseconds, or any unit). */
export function summarize(samples: readonly number[]) {
  if (samples.length === 0) throw new Error("no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const total = sorted.reduce((sum, x) => sum + x, 0);
  return {
    count: sorted.length,
    mean: total / sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted[sorted.length - 1]!,
  };
}
