// Parses one line of `ip -o monitor link address` (iproute2's one-line form). Pure.
// Link:    "3: a0@b0: <NO-CARRIER,BROADCAST,UP> mtu 1500 ... state LOWERLAYERDOWN ... \    link/ether ..."
// Address: "3: a0    inet 10.1.0.1/24 scope global a0\       valid_lft forever ..."
// Either may start with "Deleted ".

export interface LinkMessage {
  type: "link";
  deleted: boolean;
  index: number;
  ifname: string;
  flags: string[];
  /** LOWER_UP present: the kernel sees carrier. */
  carrier: boolean;
  adminUp: boolean;
  operstate: string;
  mtu: number | null;
  master: string | null;
}

export interface AddressMessage {
  type: "address";
  deleted: boolean;
  index: number;
  ifname: string;
  family: "inet" | "inet6";
  address: string;
  prefix: number;
}

export type MonitorMessage =
  | LinkMessage
  | AddressMessage
  | { type: "unknown"; line: string }
  /** The kernel dropped messages (socket buffer full): state must be read again. */
  | { type: "overflow" };

const LINK_RE = /^(\d+): ([^:@\s]+)(?:@[^:\s]+)?: <([^>]*)>(.*)$/;
const ADDR_RE = /^(\d+): (\S+)\s+(inet6?) ([0-9a-f.:]+)\/(\d+)/i;

export function parseMonitorLine(raw: string): MonitorMessage {
  let line = raw.trimEnd();
  const deleted = line.startsWith("Deleted ");
  if (deleted) line = line.slice("Deleted ".length);
  const link = LINK_RE.exec(line);
  if (link) {
    const flags = (link[3] ?? "").split(",").filter(Boolean);
    const rest = link[4] ?? "";
    return {
      type: "link",
      deleted,
      index: Number(link[1]),
      ifname: link[2] ?? "",
      flags,
      carrier: flags.includes("LOWER_UP") && !flags.includes("NO-CARRIER"),
      adminUp: flags.includes("UP"),
      operstate: /\bstate (\S+)/.exec(rest)?.[1] ?? "UNKNOWN",
      mtu: numberAfter(rest, "mtu"),
      master: /\bmaster (\S+)/.exec(rest)?.[1] ?? null,
    };
  }
  const addr = ADDR_RE.exec(line);
  if (addr) {
    return {
      type: "address",
      deleted,
      index: Number(addr[1]),
      ifname: addr[2] ?? "",
      family: addr[3] === "inet6" ? "inet6" : "inet",
      address: addr[4] ?? "",
      prefix: Number(addr[5]),
    };
  }
  return { type: "unknown", line: raw };
}

function numberAfter(text: string, word: string): number | null {
  const m = new RegExp(`\\b${word} (\\d+)`).exec(text);
  return m ? Number(m[1]) : null;
}
