// lldpd's neighbour table as `lldpcli show neighbors details` (or `lldpctl`) prints it in its
// default plain format (lldpd src/client/display.c): one "Interface:" block per neighbour, with
// Chassis, Port and VLAN lines. Only LLDP and CDP neighbours are kept (lldpd also speaks
// EDP, FDP and SONMP). lldpd keeps the 802.3 aggregation TLV only when the port is aggregated,
// so "not aggregated" cannot be told from "not sent" here.

import type { Evidence } from "../../lib/evidence.js";
import { evidence, looksBinary, numberedLines, toInt } from "../../lib/text.js";
import { type Parsed, ParseError } from "../model.js";
import type { LinkNeighbour } from "../neighbour.js";

const KEY_LINE = /^\s*([A-Za-z][A-Za-z .-]*?):\s*(.*)$/;

/** "mac 00:1c:73:aa:bb:cc" -> the value without lldpd's subtype word. */
function idValue(text: string): string {
  const m = /^(mac|ifname|ifalias|local|ip|unhandled)\s+(.*)$/.exec(text.trim());
  return (m ? (m[2] as string) : text).trim();
}

function protocolOf(via: string): LinkNeighbour["protocol"] | undefined {
  if (/^LLDP$/i.test(via)) return "lldp";
  if (/^CDP/i.test(via)) return "cdp";
  return undefined;
}

function start(ifname: string, protocol: LinkNeighbour["protocol"], source: Evidence) {
  const n: LinkNeighbour = {
    ifname,
    protocol,
    chassisId: null,
    systemName: null,
    portId: null,
    portDescription: null,
    managementAddresses: [],
    vlan: null,
    aggregation: null,
    ttl: null,
    source,
    ev: {},
  };
  return n;
}

/** lldpcli plain text -> one LinkNeighbour per "Interface:" block that is LLDP or CDP. */
export function parseLldpctl(text: string, file: string): Parsed<LinkNeighbour[]> {
  const value: LinkNeighbour[] = [];
  const problems: ParseError[] = [];
  if (looksBinary(text) || /^\s*[{<]/.test(text)) {
    problems.push(
      new ParseError(file, 1, "expected lldpcli's plain output (not JSON, XML or binary)"),
    );
    return { value, problems };
  }
  let current: LinkNeighbour | undefined;
  let section = "";
  for (const { n, text: raw } of numberedLines(text)) {
    const m = KEY_LINE.exec(raw);
    if (!m) continue;
    const key = m[1] as string;
    const rest = (m[2] as string).trim();
    const ev = evidence(file, n, raw);
    if (key === "Interface") {
      current = undefined;
      section = "";
      const head = /^([^,\s]+),\s*via:\s*([^,\s]+)/.exec(rest);
      if (!head) {
        problems.push(new ParseError(file, n, "an Interface line without a name and via", raw));
        continue;
      }
      const protocol = protocolOf(head[2] as string);
      if (protocol === undefined) continue;
      current = start(head[1] as string, protocol, ev);
      value.push(current);
      continue;
    }
    if (current === undefined) continue;
    if (key === "Chassis" || key === "Port") section = key;
    else if (key === "ChassisID") {
      current.chassisId = idValue(rest);
      current.ev.chassisId = ev;
    } else if (key === "SysName") {
      current.systemName = rest;
      current.ev.systemName = ev;
    } else if (key === "MgmtIP") current.managementAddresses.push(rest);
    else if (key === "PortID" && section === "Port") {
      current.portId = idValue(rest);
      current.ev.portId = ev;
    } else if (key === "PortDescr") current.portDescription = rest;
    else if (key === "TTL") current.ttl = toInt(rest) ?? null;
    else if (key === "Port is aggregated. PortAggregID") {
      current.aggregation = { supported: true, enabled: true, portId: toInt(rest) ?? 0 };
      current.ev.aggregation = ev;
    } else if (key === "VLAN") {
      // "10, pvid: yes prod" marks the port VLAN; other VLAN lines are tagged VLANs.
      const vlan = /^(\d+),\s*pvid:\s*yes\b/.exec(rest);
      if (vlan) {
        current.vlan = Number(vlan[1]);
        current.ev.vlan = ev;
      }
    }
  }
  return { value, problems };
}
