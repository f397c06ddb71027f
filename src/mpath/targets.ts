// in.mpathd's last resort for probe targets: with no router in the routing table, ping the
// all-hosts group (224.0.0.1) through each member and keep the fastest responders (3-5).
// Linux hosts ignore multicast echo unless net.ipv4.icmp_echo_ignore_broadcasts=0.
import { run } from "../host/exec.js";

const REPLY_RE = /from (\d{1,3}(?:\.\d{1,3}){3}): icmp_seq=\d+ ttl=\d+ time=([\d.]+) ms/;

/** Responders of `ping 224.0.0.1` output, fastest first, each once. Pure. */
export function parseResponders(
  output: string,
  self: string[] = [],
): { address: string; rtt_ms: number }[] {
  const best = new Map<string, number>();
  for (const line of output.split("\n")) {
    const m = REPLY_RE.exec(line);
    if (!m) continue;
    const address = m[1] as string;
    if (self.includes(address)) continue;
    const rtt = Number(m[2]);
    best.set(address, Math.min(rtt, best.get(address) ?? Number.POSITIVE_INFINITY));
  }
  return [...best.entries()]
    .map(([address, rtt_ms]) => ({ address, rtt_ms }))
    .sort((a, b) => a.rtt_ms - b.rtt_ms);
}

/** Asks the all-hosts group through each member; returns up to `keep` of the fastest. */
export async function discoverTargets(
  members: string[],
  self: string[],
  keep = 5,
): Promise<string[]> {
  const found = new Map<string, number>();
  for (const member of members) {
    const out = await run(
      ["ping", "-n", "-c", "3", "-i", "0.2", "-w", "2", "-I", member, "224.0.0.1"],
      { timeoutMs: 4000 },
    ).catch((e: Error) => e.message);
    for (const r of parseResponders(out, self))
      found.set(r.address, Math.min(r.rtt_ms, found.get(r.address) ?? Number.POSITIVE_INFINITY));
  }
  return [...found.entries()]
    .sort((a, b) => a[1] - b[1])
    .slice(0, keep)
    .map(([a]) => a);
}
