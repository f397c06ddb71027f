// /proc/net/dev: every interface's counters in one read (cheaper than sysfs per counter).
//   Inter-|   Receive                                                |  Transmit
//    face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop ...
//     eth0: 1234 10 0 0 0 0 0 0 5678 20 0 0 0 0 0 0

export interface NetDevCounters {
  rx_bytes: number;
  rx_packets: number;
  rx_errors: number;
  rx_dropped: number;
  tx_bytes: number;
  tx_packets: number;
  tx_errors: number;
  tx_dropped: number;
}

export function parseProcNetDev(text: string): Map<string, NetDevCounters> {
  const out = new Map<string, NetDevCounters>();
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon < 0 || line.includes("|")) continue;
    const name = line.slice(0, colon).trim();
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    if (!name || f.length < 16 || f.some(Number.isNaN)) continue;
    out.set(name, {
      rx_bytes: f[0] as number,
      rx_packets: f[1] as number,
      rx_errors: f[2] as number,
      rx_dropped: f[3] as number,
      tx_bytes: f[8] as number,
      tx_packets: f[9] as number,
      tx_errors: f[10] as number,
      tx_dropped: f[11] as number,
    });
  }
  return out;
}
