// `ip -s link xstats type bond`: per-member LACPDU counters (iproute2 ip/iplink_bond.c,
// bond_print_xstats). A member with "LACPDU Rx 0" never heard from its partner.
import { numberedLines, toInt } from "../../lib/text.js";
import type { Parsed } from "../model.js";

export interface LacpduCounters {
  lacpduRx?: number;
  lacpduTx?: number;
  /** The line of the "LACPDU Rx" counter (evidence). */
  line: number;
}

/** `ip -s link xstats type bond` text -> per-member LACPDU counters. */
export function parseBondXstats(
  text: string,
  file: string,
): Parsed<Record<string, LacpduCounters>> {
  void file;
  const out: Record<string, LacpduCounters> = {};
  let member: string | undefined;
  // A line holding one name is the bond or a member; the name right before the counters
  // is the member they belong to, whatever the indentation.
  let pending: string | undefined;
  for (const { n, text: raw } of numberedLines(text)) {
    const line = raw.trim();
    if (line === "") continue;
    const counter = /^(LACPDU|Marker)\b(.*?)\s+(\d+)$/.exec(line);
    if (!counter) {
      if (/^\S+$/.test(line)) pending = line;
      continue;
    }
    if (pending !== undefined) {
      member = pending;
      pending = undefined;
    }
    if (!member) continue;
    const entry: LacpduCounters = out[member] ?? { line: n };
    out[member] = entry;
    const value = toInt(counter[3]);
    const what = `${counter[1]}${counter[2]}`.trim();
    if (what === "LACPDU Rx") {
      if (value !== undefined) entry.lacpduRx = value;
      entry.line = n;
    } else if (what === "LACPDU Tx" && value !== undefined) entry.lacpduTx = value;
  }
  return { value: out, problems: [] };
}
