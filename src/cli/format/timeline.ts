// The timeline as the incident-004 checker printed it, so old notes and new output line up:
// date,if,carr,state,age,chngs,ping_<target>... first, then rates and round-trip times.
// Text sums rx+tx errors and drops to stay within a terminal; CSV keeps every rate.
import type { Timeline, TimelineRow } from "../../store/queries.js";
import { RATE_KEYS } from "../../store/schema.js";
import { type CsvValue, csvNumber, renderCsv } from "./csv.js";
import { compactNumber, renderTable } from "./table.js";
import { formatIsoLocal, formatLocal } from "./time.js";

const RATES = RATE_KEYS;

/** 1 all answered, 0 any lost, "" when no probe went through the interface then. */
function ping(row: TimelineRow, target: string): string {
  const p = row.probes[target];
  if (!p || p.sent === 0) return "";
  return p.lost > 0 ? "0" : "1";
}

function carrier(row: TimelineRow): string {
  return row.carrier === null ? "" : row.carrier ? "1" : "0";
}

export function timelineCsvHeader(targets: readonly string[]): string[] {
  return [
    "date",
    "if",
    "carr",
    "state",
    "age",
    "chngs",
    ...targets.map((t) => `ping_${t}`),
    ...RATES,
    ...targets.map((t) => `rtt_ms_${t}`),
  ];
}

export function renderTimelineCsv(tl: Timeline): string {
  const millis = tl.source === "raw";
  const rows = tl.rows.map((r): CsvValue[] => [
    formatIsoLocal(r.t_ms, millis),
    r.ifname,
    carrier(r),
    r.operstate,
    r.state_age_s === null ? "" : r.state_age_s.toFixed(3),
    r.carrier_changes,
    ...tl.targets.map((t) => ping(r, t)),
    ...RATES.map((k) => csvNumber(r[k])),
    ...tl.targets.map((t) => csvNumber(r.probes[t]?.rtt_ms ?? null)),
  ]);
  return renderCsv(timelineCsvHeader(tl.targets), rows);
}

/** A minute row shows how many probes were answered ("57/60"): one loss is not an outage. */
function pingText(tl: Timeline, row: TimelineRow, target: string): string {
  const p = row.probes[target];
  if (tl.source === "raw" || !p || p.sent === 0) return ping(row, target);
  return `${p.sent - p.lost}/${p.sent}`;
}

const sum = (a: number | null, b: number | null) =>
  a === null && b === null ? null : (a ?? 0) + (b ?? 0);

export function renderTimelineText(tl: Timeline): string {
  const raw = tl.source === "raw";
  const right = "right" as const;
  const columns = [
    { header: raw ? "TIME" : "MINUTE" },
    { header: "IF" },
    { header: "CARR" },
    { header: "STATE" },
    { header: "AGE", align: right },
    { header: "CHNGS", align: right },
    ...(raw ? [] : [{ header: "DOWN_S", align: right }]),
    ...tl.targets.map((t) => ({ header: `ping ${t}`, align: right })),
    ...tl.targets.map((t) => ({ header: `rtt ${t}`, align: right })),
    ...["RX_BPS", "TX_BPS", "RX_PPS", "TX_PPS", "ERR_PS", "DROP_PS"].map((h) => ({
      header: h,
      align: right,
    })),
  ];
  const rows = tl.rows.map((r) => [
    formatLocal(r.t_ms, raw),
    r.ifname,
    carrier(r),
    r.operstate ?? "",
    r.state_age_s === null ? "" : r.state_age_s.toFixed(1),
    r.carrier_changes === null ? "" : String(r.carrier_changes),
    ...(raw ? [] : [csvNumber(r.carrier_down_s, 1)]),
    ...tl.targets.map((t) => pingText(tl, r, t)),
    ...tl.targets.map((t) => csvNumber(r.probes[t]?.rtt_ms ?? null, 2)),
    compactNumber(r.rx_bps),
    compactNumber(r.tx_bps),
    compactNumber(r.rx_pps),
    compactNumber(r.tx_pps),
    compactNumber(sum(r.rx_errors_ps, r.tx_errors_ps)),
    compactNumber(sum(r.rx_dropped_ps, r.tx_dropped_ps)),
  ]);
  return renderTable(columns, rows);
}
