// Text of `ip address`, `ip -d address` and `ip -s -d link` (what sosreports keep).
// iproute2 ip/ipaddress.c: one header line per link, then indented detail lines.

import type { Evidence } from "../../lib/evidence.js";
import { normalizeMac } from "../../lib/net.js";
import { evidence, numberedLines, toInt } from "../../lib/text.js";
import { type Address, type NetInterface, type Parsed, ParseError } from "../model.js";

const HEADER = /^(\d+):\s+([^:\s]+(?:@[^:\s]+)?):\s+<([^>]*)>(.*)$/;
// Address flags iproute2 prints after "scope X" (ifa_flag_names in ipaddress.c, plus dynamic).
const ADDR_FLAGS = new Set([
  "secondary",
  "temporary",
  "nodad",
  "optimistic",
  "dadfailed",
  "home",
  "deprecated",
  "tentative",
  "permanent",
  "mngtmpaddr",
  "noprefixroute",
  "autojoin",
  "stable-privacy",
  "dynamic",
]);
const KINDS = new Set([
  "bond",
  "team",
  "vlan",
  "bridge",
  "veth",
  "macvlan",
  "ipvlan",
  "dummy",
  "vxlan",
  "bridge_slave",
  "team_slave",
]);

/** "word value word value" -> map (the shape of iproute2's detail lines). */
function pairs(words: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < words.length; i += 2) out[words[i] as string] = words[i + 1] as string;
  return out;
}

function parseAddress(line: string, ev: Evidence): Address | undefined {
  const words = line.trim().split(/\s+/);
  const family = words[0] === "inet6" ? "inet6" : "inet";
  const [address, prefixText] = (words[1] ?? "").split("/");
  if (!address) return undefined;
  const addr: Address = {
    family,
    address,
    prefix: toInt(prefixText) ?? (family === "inet" ? 32 : 128),
    flags: [],
    source: ev,
  };
  for (let i = 2; i < words.length; i++) {
    const w = words[i] as string;
    if (w === "brd" && words[i + 1]) addr.broadcast = words[++i] as string;
    else if (w === "scope" && words[i + 1]) addr.scope = words[++i] as string;
    else if (w === "peer" || w === "metric" || w === "proto") i++;
    else if (ADDR_FLAGS.has(w)) addr.flags.push(w);
    else if (i === words.length - 1 && family === "inet") addr.label = w;
  }
  return addr;
}

export interface IpDetail {
  kind: "bond" | "bond_slave";
  values: Record<string, string>;
  ev: Evidence;
}

/** Text of `ip -d address` / `ip address` / `ip -s -d link` (sosreport). */
export function parseIpAddressText(text: string, file: string): Parsed<NetInterface[]> {
  const value: NetInterface[] = [];
  const problems: ParseError[] = [];
  let cur: NetInterface | undefined;
  let skipStats = 0;
  for (const { n, text: raw } of numberedLines(text)) {
    if (raw.trim() === "") continue;
    const ev = evidence(file, n, raw);
    const h = HEADER.exec(raw);
    if (h) {
      const rest = (h[4] ?? "").trim().split(/\s+/);
      const opts = pairs(rest);
      cur = {
        name: (h[2] as string).split("@")[0] as string,
        flags: (h[3] ?? "").split(",").filter(Boolean),
        addresses: [],
        source: ev,
        ev: { name: ev },
      };
      const mtu = toInt(opts.mtu);
      if (mtu !== undefined) cur.mtu = mtu;
      if (opts.master) cur.master = opts.master;
      if (opts.state) cur.operstate = opts.state.toLowerCase();
      cur.carrier = cur.flags.includes("LOWER_UP");
      for (const k of ["mtu", "master", "operstate", "carrier"] as const) cur.ev[k] = ev;
      value.push(cur);
      skipStats = 0;
      continue;
    }
    if (!cur || !/^\s/.test(raw)) {
      problems.push(new ParseError(file, n, "line outside an interface block", raw));
      continue;
    }
    const line = raw.trim();
    const first = line.split(/\s+/)[0] ?? "";
    if (skipStats > 0) {
      skipStats--;
      continue;
    }
    if (/^(RX|TX)(:|\s)/.test(line)) {
      skipStats = 1; // the numbers line under each stats header
      continue;
    }
    if (first.startsWith("link/")) {
      const words = line.split(/\s+/);
      if (first === "link/loopback") cur.kind = "loopback";
      const mac = normalizeMac(words[1]);
      if (mac) {
        cur.mac = mac;
        cur.ev.mac = ev;
      }
      const perm = words.indexOf("permaddr");
      const permMac = perm > 0 ? normalizeMac(words[perm + 1]) : undefined;
      if (permMac) {
        cur.permanentMac = permMac;
        cur.ev.permanentMac = ev;
      }
      continue;
    }
    if (first === "inet" || first === "inet6") {
      const addr = parseAddress(line, ev);
      if (addr) cur.addresses.push(addr);
      else problems.push(new ParseError(file, n, "address line without an address", raw));
      continue;
    }
    if (KINDS.has(first) && cur.kind === undefined && !first.endsWith("_slave")) {
      cur.kind = first;
      cur.ev.kind = ev;
    }
    // valid_lft, altname, detail lines of other kinds: nothing the rules need
  }
  return { value, problems };
}

/** The "bond ..." and "bond_slave ..." detail lines of `ip -d address|link`, per interface. */
export function parseIpDetailBond(text: string, file: string): Record<string, IpDetail> {
  const out: Record<string, IpDetail> = {};
  let name: string | undefined;
  for (const { n, text: raw } of numberedLines(text)) {
    const h = HEADER.exec(raw);
    if (h) {
      name = (h[2] as string).split("@")[0];
      continue;
    }
    const words = raw.trim().split(/\s+/);
    const kind = words[0];
    if (!name || (kind !== "bond" && kind !== "bond_slave")) continue;
    out[name] = { kind, values: pairs(words.slice(1)), ev: evidence(file, n, raw) };
  }
  return out;
}
