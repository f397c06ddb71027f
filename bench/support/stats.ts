// Small statistics for benchmarks: this machine is noisy, so medians and spreads, not means.
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  if (s.length === 0) return Number.NaN;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function summary(xs: number[], unit = "ms"): string {
  const s = [...xs].sort((a, b) => a - b);
  const f = (n: number | undefined) => (n === undefined ? "-" : n.toFixed(1));
  return `median ${f(median(s))} ${unit} (min ${f(s[0])}, max ${f(s[s.length - 1])}, n=${s.length})`;
}
