// Solaris `ifconfig -a`: IPMP groups, test addresses (NOFAILOVER), standby NICs, MACs.
import { netmaskToPrefix, normalizeMac } from "../../lib/net.js";
import { evidence, numberedLines } from "../../lib/text.js";
import { type IpmpInterface, type Parsed, ParseError } from "../model.js";

// illumos usr/src/uts/common/net/if.h: IFF_* interface flags.
const IFF: Array<[number, string]> = [
  [0x1, "UP"],
  [0x2, "BROADCAST"],
  [0x4, "DEBUG"],
  [0x8, "LOOPBACK"],
  [0x10, "POINTOPOINT"],
  [0x20, "NOTRAILERS"],
  [0x40, "RUNNING"],
  [0x80, "NOARP"],
  [0x100, "PROMISC"],
  [0x200, "ALLMULTI"],
  [0x400, "INTELLIGENT"],
  [0x800, "MULTICAST"],
  [0x1000, "MULTI_BCAST"],
  [0x2000, "UNNUMBERED"],
  [0x4000, "DHCPRUNNING"],
  [0x8000, "PRIVATE"],
  [0x10000, "NOXMIT"],
  [0x20000, "NOLOCAL"],
  [0x40000, "DEPRECATED"],
  [0x80000, "ADDRCONF"],
  [0x100000, "ROUTER"],
  [0x200000, "NONUD"],
  [0x400000, "ANYCAST"],
  [0x800000, "NORTEXCH"],
  [0x1000000, "IPv4"],
  [0x2000000, "IPv6"],
  [0x8000000, "NOFAILOVER"],
  [0x10000000, "FAILED"],
  [0x20000000, "STANDBY"],
  [0x40000000, "INACTIVE"],
  [0x80000000, "OFFLINE"],
];

/** "9040843" (hex, as ifconfig prints it) -> flag names. */
export function decodeSolarisFlags(hex: string): string[] {
  const v = Number.parseInt(hex, 16);
  if (!Number.isFinite(v)) return [];
  // bits above 31 (IFF_VIRTUAL, IFF_IPMP...) do not fit a JS bit operation: use division
  const low = v % 2 ** 32;
  return IFF.filter(([bit]) => Math.floor(low / bit) % 2 === 1).map(([, name]) => name);
}

const HEADER = /^([\w.]+(?::\d+)?):\s+flags=([0-9a-f]+)(?:<([^>]*)>)?(.*)$/i;

function newInterface(name: string, flags: string[], ev: IpmpInterface["source"]): IpmpInterface {
  const has = (f: string) => flags.includes(f);
  return {
    name,
    physical: name.split(":")[0] as string,
    flags,
    standby: has("STANDBY"),
    deprecated: has("DEPRECATED"),
    noFailover: has("NOFAILOVER"),
    inactive: has("INACTIVE"),
    failed: has("FAILED"),
    addresses: [],
    origin: "ifconfig",
    source: ev,
    ev: { flags: ev },
  };
}

/** Solaris `ifconfig -a` output (flags in hex decoded, groupname, ether). */
export function parseSolarisIfconfig(text: string, file: string): Parsed<IpmpInterface[]> {
  const value: IpmpInterface[] = [];
  const problems: ParseError[] = [];
  let cur: IpmpInterface | undefined;
  for (const { n, text: raw } of numberedLines(text)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const ev = evidence(file, n, raw);
    const h = HEADER.exec(line);
    if (h && !/^\s/.test(raw)) {
      const named = h[3]?.split(",").filter(Boolean);
      const flags = named && named.length > 0 ? named : decodeSolarisFlags(h[2] as string);
      cur = newInterface(h[1] as string, flags, ev);
      if (flags.includes("LOOPBACK")) cur = undefined;
      else value.push(cur);
      continue;
    }
    if (!cur) {
      if (!/^(mtu|inet|ether|groupname)\b/.test(line))
        problems.push(new ParseError(file, n, "line outside an interface block", raw));
      continue;
    }
    const words = line.split(/\s+/);
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      const next = words[i + 1];
      if (w === "inet" && next) {
        const addr: IpmpInterface["addresses"][number] = {
          address: next,
          test: cur.noFailover,
          source: ev,
        };
        const mask = words.indexOf("netmask", i);
        const prefix = mask > 0 ? netmaskToPrefix(words[mask + 1] ?? "") : undefined;
        if (prefix !== undefined) addr.prefix = prefix;
        const brd = words.indexOf("broadcast", i);
        if (brd > 0 && words[brd + 1]) addr.broadcast = words[brd + 1] as string;
        cur.addresses.push(addr);
        i++;
      } else if (w === "groupname" && next) {
        cur.group = next;
        cur.ev.group = ev;
        i++;
      } else if (w === "ether" && next) {
        const mac = normalizeMac(next);
        if (mac) cur.mac = mac;
        cur.ev.mac = ev;
        i++;
      }
    }
  }
  // Logical interfaces (ge0:1) belong to their physical interface's group.
  for (const i of value) {
    if (i.group === undefined) {
      const phys = value.find((p) => p.name === i.physical && p.group !== undefined);
      if (phys?.group) i.group = phys.group;
    }
  }
  return { value, problems };
}
