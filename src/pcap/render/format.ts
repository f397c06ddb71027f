// Small text helpers shared by the pcap renderers.

export function count(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

export function bytes(n: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

/** "2024-05-01 10:00:00.123456 UTC" for an epoch-seconds timestamp. */
export function when(ts: number | null): string {
  if (ts === null || !Number.isFinite(ts)) return "-";
  const d = new Date(Math.floor(ts) * 1000);
  if (Number.isNaN(d.getTime())) return String(ts);
  const micros = String(Math.round((ts - Math.floor(ts)) * 1e6)).padStart(6, "0");
  return `${d.toISOString().slice(0, 19).replace("T", " ")}.${micros} UTC`;
}

export function seconds(s: number): string {
  if (s < 1) return `${(s * 1000).toFixed(s < 0.01 ? 3 : 1)} ms`;
  if (s < 120) return `${s.toFixed(s < 10 ? 3 : 1)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

const BARS = " ▁▂▃▄▅▆▇█";

/** A one-line sparkline of a series, bucketed (max per bucket) into at most `width` columns. */
export function sparkline(values: readonly number[], width = 60): string {
  if (values.length === 0) return "";
  const per = Math.ceil(values.length / width);
  const buckets: number[] = [];
  for (let i = 0; i < values.length; i += per) {
    buckets.push(Math.max(...values.slice(i, i + per)));
  }
  const max = Math.max(...buckets);
  return buckets
    .map((v) => BARS[max === 0 ? 0 : Math.min(8, Math.ceil((v / max) * 8))] ?? " ")
    .join("");
}

/** Rows of cells as left-aligned columns (the last column is not padded). */
export function table(rows: readonly (readonly string[])[], indent = "  "): string[] {
  const widths: number[] = [];
  for (const r of rows) {
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length);
    });
  }
  return rows.map(
    (r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  "),
  );
}
