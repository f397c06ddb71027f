// Live updates append the newest rows to what is shown instead of fetching the whole window
// again: rows after the last one shown are added, rows before the window's start dropped.
import type { InterfaceSeries, ProbeSeries, SeriesResponse } from "../api.js";

type Columns<T> = { [K in keyof T]: T[K] extends (number | null)[] ? K : never }[keyof T];

function merge<T extends { t: number[] }>(
  old: T | undefined,
  gap: T | undefined,
  columns: readonly Columns<T>[],
  from: number,
): T | undefined {
  if (old === undefined) return gap;
  const last = old.t.at(-1) ?? Number.NEGATIVE_INFINITY;
  const keepOld = old.t.findIndex((t) => t >= from);
  const start = keepOld === -1 ? old.t.length : keepOld;
  const newRows = gap === undefined ? [] : gap.t.flatMap((t, i) => (t > last ? [i] : []));
  const out = { ...old, t: [...old.t.slice(start), ...newRows.map((i) => gap?.t[i] ?? 0)] };
  for (const c of columns) {
    const before = (old[c] as (number | null)[]).slice(start);
    const after = newRows.map((i) => (gap?.[c] as (number | null)[] | undefined)?.[i] ?? null);
    (out as Record<string, unknown>)[c as string] = [...before, ...after];
  }
  return out;
}

const IF_COLUMNS = ["rx_bps", "tx_bps", "rx_pps", "tx_pps", "link"] as const;
const PROBE_COLUMNS = ["rtt_ms", "loss"] as const;

/** `old` with `gap`'s newer rows appended and rows before `from` dropped. */
export function appendSeries(
  old: SeriesResponse,
  gap: SeriesResponse,
  from: number,
  to: number,
): SeriesResponse {
  const ifnames = new Set([...old.interfaces, ...gap.interfaces].map((s) => s.ifname));
  const interfaces: InterfaceSeries[] = [];
  for (const name of [...ifnames].sort()) {
    const m = merge(
      old.interfaces.find((s) => s.ifname === name),
      gap.interfaces.find((s) => s.ifname === name),
      IF_COLUMNS,
      from,
    );
    if (m !== undefined) interfaces.push(m);
  }
  const key = (p: ProbeSeries) => `${p.ifname}\u0000${p.target}\u0000${p.kind}`;
  const probeKeys = new Set([...old.probes, ...gap.probes].map(key));
  const probes: ProbeSeries[] = [];
  for (const k of probeKeys) {
    const m = merge(
      old.probes.find((p) => key(p) === k),
      gap.probes.find((p) => key(p) === k),
      PROBE_COLUMNS,
      from,
    );
    if (m !== undefined) probes.push(m);
  }
  return { ...old, from_ms: from, to_ms: to, interfaces, probes };
}

/** Rows shown across every series: live appends grow it, and past a limit the view refetches. */
export function rowCount(s: SeriesResponse): number {
  return Math.max(0, ...s.interfaces.map((i) => i.t.length), ...s.probes.map((p) => p.t.length));
}
