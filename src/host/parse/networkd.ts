// systemd-networkd: a bond is a .netdev ([NetDev] Kind=bond, [Bond] options); its members are
// the links whose .network file says [Network] Bond=NAME. Times default to seconds here.

import type { Evidence } from "../../lib/evidence.js";
import { normalizeMac } from "../../lib/net.js";
import type { ConfiguredBond, MemberMatch, Parsed } from "../model.js";
import { ConfigConflict, ParseError } from "../model.js";
import type { ConfigResult } from "./config-result.js";
import {
  addMember,
  type IniEntry,
  makeAddress,
  newBond,
  parseIni,
  setOption,
} from "./config-values.js";

// [Bond] key -> kernel option (systemd.netdev(5) "[Bond] Section Options").
const BOND_KEYS: Record<string, string> = {
  Mode: "mode",
  TransmitHashPolicy: "xmit_hash_policy",
  LACPTransmitRate: "lacp_rate",
  MIIMonitorSec: "miimon",
  PeerNotifyDelaySec: "peer_notif_delay",
  UpDelaySec: "updelay",
  DownDelaySec: "downdelay",
  LearnPacketIntervalSec: "lp_interval",
  AdSelect: "ad_select",
  AdActorSystemPriority: "ad_actor_sys_prio",
  AdUserPortKey: "ad_user_port_key",
  AdActorSystem: "ad_actor_system",
  FailOverMACPolicy: "fail_over_mac",
  ARPValidate: "arp_validate",
  ARPIntervalSec: "arp_interval",
  ARPIPTargets: "arp_ip_target",
  ARPAllTargets: "arp_all_targets",
  ARPMissedMax: "arp_missed_max",
  PrimaryReselectPolicy: "primary_reselect",
  ResendIGMP: "resend_igmp",
  PacketsPerSlave: "packets_per_slave",
  GratuitousARP: "num_grat_arp",
  AllSlavesActive: "all_slaves_active",
  DynamicTransmitLoadBalancing: "tlb_dynamic_lb",
  MinLinks: "min_links",
};

const isTrue = (v: string) => /^(1|yes|y|true|t|on)$/i.test(v);
const baseName = (f: string) => f.split("/").pop() ?? f;

function netdev(
  file: string,
  entries: IniEntry[],
  out: ConfigResult,
  problems: ParseError[],
): void {
  const get = (s: string, k: string) => entries.filter((e) => e.section === s && e.key === k).pop();
  const kind = get("NetDev", "Kind")?.value;
  if (kind !== "bond" && kind !== "team") return;
  const name = get("NetDev", "Name");
  if (!name || name.value === "") {
    problems.push(new ParseError(file, 0, `${kind} .netdev has no [NetDev] Name=`));
    return;
  }
  const dup = out.bonds.find((b) => b.name === name.value);
  if (dup) {
    const why = `${name.value} is already declared in ${dup.file}; networkd ignores this one`;
    problems.push(new ConfigConflict(file, name.ev.line, why, name.ev.text));
    return;
  }
  const bond = newBond(name.value, "networkd", kind, file, name.ev);
  for (const e of entries) {
    if (e.section !== "Bond") continue;
    // An empty ARPIPTargets= clears the list, as for every systemd list setting.
    if (e.key === "ARPIPTargets" && e.value === "") {
      delete bond.options.arp_ip_target;
      delete bond.ev.arp_ip_target;
      continue;
    }
    setOption(bond, BOND_KEYS[e.key] ?? e.key, e.value, e.ev, problems, "systemd");
  }
  out.bonds.push(bond);
}

interface Link {
  name: string;
  ev: Evidence;
  /** Set when `name` is no interface name: a Name= glob or a Driver= match. */
  match?: MemberMatch;
}

/** The links a .network matches by exact Name= (or MACAddress= when it names none). */
function matched(entries: IniEntry[]): Link[] {
  const links: Link[] = [];
  for (const e of entries) {
    if (e.section !== "Match") continue;
    if (e.key === "Name") {
      for (const n of e.value.split(/\s+/)) {
        if (n === "" || n.startsWith("!")) continue;
        links.push(
          /[*?[]/.test(n) ? { name: n, ev: e.ev, match: { name: n } } : { name: n, ev: e.ev },
        );
      }
    }
  }
  if (links.length === 0) {
    const mac = entries.find((e) => e.section === "Match" && e.key === "MACAddress");
    const norm = normalizeMac(mac?.value.split(/\s+/)[0]);
    if (mac && norm) links.push({ name: norm, ev: mac.ev });
  }
  if (links.length === 0) {
    const drv = entries.find((e) => e.section === "Match" && e.key === "Driver");
    const d = drv?.value.split(/\s+/)[0];
    if (drv && d) links.push({ name: `Driver=${d}`, ev: drv.ev, match: { driver: d } });
  }
  return links;
}

function network(file: string, entries: IniEntry[], ctx: Ctx): void {
  const all = matched(entries);
  // Only the first .network (in lexical order) that matches a link applies (systemd.network(5)).
  const links = all.filter((l) => /[*?[]/.test(l.name) || !ctx.claimed.has(l.name));
  if (all.length > 0 && links.length === 0) return;
  for (const l of links) ctx.claimed.add(l.name);
  for (const e of entries) {
    if (e.section === "Network" && e.key === "Bond") {
      const bond = ctx.out.bonds.find((b) => b.name === e.value);
      if (!bond) {
        const why = `port refers to ${e.value}, which no .netdev file defines`;
        ctx.problems.push(new ConfigConflict(file, e.ev.line, why, e.ev.text));
        continue;
      }
      for (const l of links) {
        addMember(bond, l.name, e.ev);
        if (l.match) {
          bond.memberMatch ??= {};
          bond.memberMatch[l.name] = l.match;
        }
      }
      portFlags(bond, entries, links, ctx.problems);
    }
    if (e.key === "Address" && (e.section === "Network" || e.section === "Address")) {
      const label = entries.find((x) => x.block === e.block && x.key === "Label")?.value;
      for (const l of links) {
        const name = label ? `${l.name}:${label.replace(/^.*:/, "")}` : l.name;
        const a = makeAddress(name, e.value, "networkd", e.ev, ctx.problems);
        if (a) ctx.out.addresses.push(a);
      }
    }
  }
}

/** PrimarySlave=/ActiveSlave= on a port become the bond's primary / active_slave. */
function portFlags(
  bond: ConfiguredBond,
  entries: IniEntry[],
  links: Link[],
  problems: ParseError[],
): void {
  const port = links[0]?.name;
  if (port === undefined) return;
  for (const e of entries) {
    if (e.section !== "Network" || !isTrue(e.value)) continue;
    if (e.key === "PrimarySlave") setOption(bond, "primary", port, e.ev, problems, "systemd");
    if (e.key === "ActiveSlave") setOption(bond, "active_slave", port, e.ev, problems, "systemd");
  }
}

interface Ctx {
  out: ConfigResult;
  problems: ParseError[];
  claimed: Set<string>;
}

/** systemd-networkd .netdev/.network files from one directory. */
export function parseNetworkdSet(
  files: Array<{ file: string; text: string }>,
): Parsed<ConfigResult> {
  const ctx: Ctx = { out: { bonds: [], addresses: [] }, problems: [], claimed: new Set() };
  // networkd reads files in lexical order of their names, whatever directory they are in.
  const sorted = [...files].sort((a, b) => (baseName(a.file) < baseName(b.file) ? -1 : 1));
  const parsed = sorted.map((f) => {
    const r = parseIni(f.text, f.file);
    ctx.problems.push(...r.problems);
    return { file: f.file, entries: r.entries };
  });
  for (const f of parsed)
    if (f.file.endsWith(".netdev")) netdev(f.file, f.entries, ctx.out, ctx.problems);
  for (const f of parsed) if (f.file.endsWith(".network")) network(f.file, f.entries, ctx);
  return { value: ctx.out, problems: ctx.problems };
}
