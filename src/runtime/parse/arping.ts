// Parses reply lines of iputils `arping` (the ARP prober). Pure.
//   "Unicast reply from 10.77.0.1 [6E:2B:1C:0D:9A:11]  0.612ms"
export interface ArpReply {
  from: string;
  mac: string;
  rtt_ms: number;
}

const REPLY_RE = /^(?:Unicast|Broadcast) reply from (\S+) \[([0-9A-Fa-f:]{17})\]\s+([\d.]+)ms/;

export function parseArpingLine(line: string): ArpReply | null {
  const m = REPLY_RE.exec(line.trim());
  if (!m) return null;
  return { from: m[1] ?? "", mac: (m[2] ?? "").toLowerCase(), rtt_ms: Number(m[3]) };
}
