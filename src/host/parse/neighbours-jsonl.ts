// The watcher's neighbour table as it writes it for the doctor (one JSON object per line, see
// watch/neighbours/state-file.ts): the newest LLDP/CDP neighbour heard on each member, with
// the aggregation status bits lldpd does not keep.
import { evidence, numberedLines } from "../../lib/text.js";
import { type Parsed, ParseError } from "../model.js";
import type { LinkNeighbour } from "../neighbour.js";

/** One line of the file: a LinkNeighbour without its evidence, and when it was heard. */
export interface NeighbourRecord extends Omit<LinkNeighbour, "source" | "ev"> {
  /** When the newest frame was heard, epoch ms. */
  heardMs: number;
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function aggregation(v: unknown): LinkNeighbour["aggregation"] {
  if (typeof v !== "object" || v === null) return null;
  const a = v as Record<string, unknown>;
  if (typeof a.enabled !== "boolean") return null;
  return {
    supported: typeof a.supported === "boolean" ? a.supported : null,
    enabled: a.enabled,
    portId: num(a.portId) ?? 0,
  };
}

/** Lines whose neighbour expired (heardMs + ttl before `nowMs`) are left out when `nowMs` is given. */
export function parseNeighboursJsonl(
  text: string,
  file: string,
  nowMs?: number,
): Parsed<LinkNeighbour[]> {
  const value: LinkNeighbour[] = [];
  const problems: ParseError[] = [];
  for (const { n, text: raw } of numberedLines(text)) {
    if (raw.trim() === "") continue;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(raw) as Record<string, unknown>;
    } catch (err) {
      problems.push(new ParseError(file, n, "not a JSON object", raw, { cause: err }));
      continue;
    }
    const protocol = o.protocol;
    if (typeof o.ifname !== "string" || (protocol !== "lldp" && protocol !== "cdp")) {
      problems.push(new ParseError(file, n, "a neighbour needs ifname and protocol", raw));
      continue;
    }
    const ttl = num(o.ttl);
    const heard = num(o.heardMs);
    if (nowMs !== undefined && heard !== null && ttl !== null && heard + ttl * 1000 < nowMs)
      continue;
    const ev = evidence(file, n, raw);
    value.push({
      ifname: o.ifname,
      protocol,
      chassisId: str(o.chassisId),
      systemName: str(o.systemName),
      portId: str(o.portId),
      portDescription: str(o.portDescription),
      managementAddresses: Array.isArray(o.managementAddresses)
        ? o.managementAddresses.filter((a): a is string => typeof a === "string")
        : [],
      vlan: num(o.vlan),
      aggregation: aggregation(o.aggregation),
      ttl,
      source: ev,
      ev: { chassisId: ev, systemName: ev, portId: ev, vlan: ev, aggregation: ev },
    });
  }
  return { value, problems };
}

/** The file's text for a table: one neighbour per line, in the order given. */
export function renderNeighboursJsonl(list: readonly NeighbourRecord[]): string {
  return list.map((n) => `${JSON.stringify(n)}\n`).join("");
}
