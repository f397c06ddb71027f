// Numbers on axes and in legends: SI prefixes, so 12 400 000 B/s reads as "12.4 MB/s".

const PREFIXES = ["", "k", "M", "G", "T", "P"];

export function formatSi(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  let v = Math.abs(value);
  let i = 0;
  while (v >= 1000 && i < PREFIXES.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = v >= 100 || i === 0 ? 0 : 1;
  const shown = i === 0 && v < 10 && v !== Math.round(v) ? v.toFixed(1) : v.toFixed(digits);
  return `${value < 0 ? "-" : ""}${shown} ${PREFIXES[i]}${unit}`;
}

export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

/** Loss is 0..1 on the wire, a percentage on screen. */
export function formatLoss(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return `${(value * 100).toFixed(value > 0 && value < 0.1 ? 1 : 0)} %`;
}

export function formatBytes(value: number | null): string {
  if (value === null) return "gone";
  return formatSi(value, "B");
}
