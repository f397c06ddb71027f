// Helpers the persistent-config parsers share: option normalisation to kernel names and
// units, building ConfiguredBond entries, addresses, INI sections and teamd JSON.

import type { Evidence } from "../../lib/evidence.js";
import { isIpv4, netmaskToPrefix } from "../../lib/net.js";
import { evidence, numberedLines } from "../../lib/text.js";
import { normalizeBondMode, normalizeFailOverMac, normalizeLacpRate } from "../bond-mode.js";
import {
  BOND_OPTIONS,
  type BondMode,
  type BondOptionName,
  type ConfigFormat,
  type ConfiguredAddress,
  type ConfiguredBond,
  type ConfiguredBondEvidenceKey,
  ParseError,
} from "../model.js";

export type ConfigFile = { file: string; text: string };

/**
 * How a time value is written: "kernel" = whole ms only (BONDING_OPTS, ifupdown, NM);
 * "netplan" = ms unless a unit is given; "systemd" = seconds unless a unit is given.
 */
export type TimeStyle = "kernel" | "netplan" | "systemd";

// systemd.time(7) units, in milliseconds.
// biome-ignore format: one unit family per line
const UNIT_MS: Record<string, number> = {
  us: 0.001, usec: 0.001, "µs": 0.001,
  ms: 1, msec: 1,
  s: 1000, sec: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hr: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  w: 604_800_000, week: 604_800_000, weeks: 604_800_000,
};

/** "10ms", "30s", "15m", "1min 30s", "100" -> milliseconds (undefined if unreadable or not whole ms). */
function timeSpanMs(raw: string, style: TimeStyle): number | undefined {
  const t = raw.trim();
  if (style === "kernel") return /^\d+$/.test(t) ? Number(t) : undefined;
  // One number+unit pair per step ("1min 30s", "1min30s"); a sticky regex cannot backtrack.
  const re = /\s*(\d+(?:\.\d+)?)\s*([A-Za-zµ]*)/y;
  let total = 0;
  if (t === "") return undefined;
  while (re.lastIndex < t.length) {
    const m = re.exec(t);
    if (m === null) return undefined;
    const unit = m[2] === "" ? (style === "systemd" ? "s" : "ms") : (m[2] ?? "");
    const scale = UNIT_MS[unit];
    if (scale === undefined) return undefined;
    total += Number(m[1]) * scale;
  }
  return Number.isInteger(total) ? total : undefined;
}

// Kernel options measured in ms (bonding.rst); lp_interval is in seconds.
const MS_OPTIONS = new Set(["miimon", "updelay", "downdelay", "arp_interval", "peer_notif_delay"]);
const BOOL_OPTIONS = new Set(["all_slaves_active", "tlb_dynamic_lb", "use_carrier", "lacp_active"]);

// Numeric spellings the kernel accepts (drivers/net/bonding/bond_options.c tables).
const NUMBERED: Record<string, string[]> = {
  xmit_hash_policy: ["layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4", "vlan+srcmac"],
  arp_validate: ["none", "active", "backup", "all", "filter", "filter_active", "filter_backup"],
  primary_reselect: ["always", "better", "failure"],
  ad_select: ["stable", "bandwidth", "count"],
  arp_all_targets: ["any", "all"],
};

/** One bonding option value as the kernel would report it; an error string when unreadable. */
function normalizeOption(
  name: string,
  raw: string,
  style: TimeStyle,
): { value: string } | { error: string } {
  const v = raw.trim();
  if (name === "mode") {
    const mode = normalizeBondMode(v);
    return { value: mode === undefined || mode === "unknown" ? v : mode };
  }
  if (name === "fail_over_mac") return { value: normalizeFailOverMac(v) ?? v };
  if (name === "lacp_rate") return { value: normalizeLacpRate(v) ?? v };
  if (MS_OPTIONS.has(name) || name === "lp_interval") {
    const ms = timeSpanMs(v, style);
    if (ms === undefined) return { error: `${name} value "${v}" is not a time we can read` };
    if (name !== "lp_interval") return { value: String(ms) };
    // lp_interval is whole seconds; a bare number is already seconds in every format.
    return /^\d+$/.test(v) ? { value: v } : { value: String(Math.round(ms / 1000)) };
  }
  if (name === "arp_ip_target") {
    return {
      value: v
        .split(/[\s,]+/)
        .map((s) => s.replace(/^\+/, ""))
        .filter(Boolean)
        .join(","),
    };
  }
  if (BOOL_OPTIONS.has(name)) {
    if (/^(1|yes|true|on)$/i.test(v)) return { value: "1" };
    if (/^(0|no|false|off)$/i.test(v)) return { value: "0" };
  }
  const table = NUMBERED[name];
  if (table && /^\d$/.test(v)) return { value: table[Number(v)] ?? v };
  return { value: name in NUMBERED ? v.toLowerCase() : v };
}

export function newBond(
  name: string,
  format: ConfigFormat,
  kind: "bond" | "team",
  file: string,
  nameEv: Evidence,
): ConfiguredBond {
  return { name, format, kind, members: [], options: {}, file, ev: { name: nameEv } };
}

const KNOWN_OPTIONS: ReadonlySet<string> = new Set(BOND_OPTIONS);

/** An option's evidence key: its own name when the kernel or teamd knows it, else "option:NAME". */
function optionEvidenceKey(name: string): ConfiguredBondEvidenceKey {
  return KNOWN_OPTIONS.has(name) ? (name as BondOptionName) : `option:${name}`;
}

/** Set a kernel option (normalised) with the line that set it; unreadable values become problems. */
export function setOption(
  bond: ConfiguredBond,
  name: string,
  raw: string,
  ev: Evidence,
  problems: ParseError[],
  style: TimeStyle,
): void {
  const r = normalizeOption(name, raw, style);
  if ("error" in r) {
    problems.push(new ParseError(ev.file, ev.line, r.error, ev.text));
    return;
  }
  let value = r.value;
  const old = bond.options.arp_ip_target;
  // arp_ip_target may be given once per target (several tokens or lines); keep them all.
  if (name === "arp_ip_target" && old !== undefined && ev.file === bond.ev.arp_ip_target?.file) {
    value = [...new Set([...old.split(","), ...value.split(",")])].join(",");
  }
  bond.options[name] = value;
  bond.ev[optionEvidenceKey(name)] = ev;
  if (name === "mode") bond.mode = normalizeBondMode(raw) ?? "unknown";
}

/** Add a port once; ev.members is the first line naming a member, ev["member:NAME"] each one's line. */
export function addMember(bond: ConfiguredBond, member: string, ev: Evidence): void {
  if (member === "" || bond.members.includes(member)) return;
  bond.members.push(member);
  bond.ev.members ??= ev;
  bond.ev[`member:${member}`] = ev;
}

/** "lo:0" -> iface "lo" with label "lo:0"; plain names have no label. */
function splitAlias(name: string): { iface: string; label?: string } {
  const i = name.indexOf(":");
  return i > 0 ? { iface: name.slice(0, i), label: name } : { iface: name };
}

/** "192.0.2.1/24", "2001:db8::1/64" or a bare address; undefined when it is neither family. */
function parseCidr(
  raw: string,
): { address: string; prefix?: number; family: "inet" | "inet6" } | undefined {
  const [addr = "", pfx, extra] = raw.trim().split("/");
  if (extra !== undefined) return undefined;
  const family = isIpv4(addr)
    ? "inet"
    : /^[0-9a-f:.]+$/i.test(addr) && addr.includes(":")
      ? "inet6"
      : undefined;
  if (family === undefined) return undefined;
  if (pfx === undefined) return { address: addr, family };
  const max = family === "inet" ? 32 : 128;
  if (!/^\d+$/.test(pfx) || Number(pfx) > max) return undefined;
  return { address: addr, prefix: Number(pfx), family };
}

/** A netmask ("255.255.255.0") or prefix ("24") -> prefix length. */
export function maskOrPrefix(raw: string): number | undefined {
  const t = raw.trim();
  if (/^\d{1,3}$/.test(t) && Number(t) <= 128) return Number(t);
  return netmaskToPrefix(t);
}

/** Build a ConfiguredAddress for NAME (alias labels split off), or push a problem. */
export function makeAddress(
  name: string,
  raw: string,
  format: ConfigFormat,
  source: Evidence,
  problems: ParseError[],
  extra: { prefix?: number | undefined; broadcast?: string | undefined } = {},
): ConfiguredAddress | undefined {
  const c = parseCidr(raw);
  if (c === undefined) {
    problems.push(
      new ParseError(source.file, source.line, `"${raw}" is not an IP address`, source.text),
    );
    return undefined;
  }
  const { iface, label } = splitAlias(name);
  const a: ConfiguredAddress = { iface, family: c.family, address: c.address, format, source };
  if (label !== undefined) a.label = label;
  const prefix = c.prefix ?? extra.prefix;
  if (prefix !== undefined) a.prefix = prefix;
  if (extra.broadcast !== undefined) a.broadcast = extra.broadcast;
  return a;
}

export interface IniEntry {
  section: string;
  /** Which [section] header this entry follows (0, 1, 2...): tells repeated [Address] blocks apart. */
  block: number;
  key: string;
  value: string;
  ev: Evidence;
}

/**
 * INI as NetworkManager keyfiles and systemd units write it: [Section], Key=Value, # or ;
 * comments. `quiet(section)` hides a bad line's text (secrets must never reach a report).
 */
export function parseIni(
  text: string,
  file: string,
  quiet: (section: string) => boolean = () => false,
): { entries: IniEntry[]; problems: ParseError[] } {
  const entries: IniEntry[] = [];
  const problems: ParseError[] = [];
  let section = "";
  let block = -1;
  for (const { n, text: line } of numberedLines(text)) {
    const t = line.trim();
    if (t === "" || t.startsWith("#") || t.startsWith(";")) continue;
    const sec = /^\[([^\]]+)\]$/.exec(t);
    if (sec) {
      section = sec[1] ?? "";
      block++;
      continue;
    }
    const eq = t.indexOf("=");
    if (eq <= 0 || section === "") {
      const why = section === "" ? "line before any [section]" : "expected Key=Value";
      problems.push(new ParseError(file, n, why, quiet(section) ? "" : line));
      continue;
    }
    const key = t.slice(0, eq).trim();
    entries.push({
      section,
      block,
      key,
      value: t.slice(eq + 1).trim(),
      ev: evidence(file, n, line),
    });
  }
  return { entries, problems };
}

// teamd runner -> the bonding mode that behaves alike (teamd.conf(5)).
const RUNNER_MODE: Record<string, BondMode> = {
  roundrobin: "balance-rr",
  activebackup: "active-backup",
  loadbalance: "balance-xor",
  broadcast: "broadcast",
  lacp: "802.3ad",
};

/** Apply a runner name: options.runner plus the bonding mode it resembles. */
export function setRunner(bond: ConfiguredBond, runner: string, ev: Evidence): void {
  bond.options.runner = runner;
  bond.ev.runner = ev;
  bond.mode = RUNNER_MODE[runner.toLowerCase()] ?? "unknown";
  bond.ev.mode = ev;
}

/** teamd JSON config -> runner, lacp_rate/lacp_active, tx_hash, link_watch on the team. */
export function applyTeamJson(
  bond: ConfiguredBond,
  json: string,
  ev: Evidence,
  problems: ParseError[],
): void {
  let cfg: unknown;
  try {
    cfg = JSON.parse(json);
  } catch (e) {
    problems.push(
      new ParseError(ev.file, ev.line, "team config is not valid JSON", ev.text, { cause: e }),
    );
    return;
  }
  if (typeof cfg !== "object" || cfg === null) return;
  const c = cfg as { runner?: Record<string, unknown>; link_watch?: unknown };
  const r = c.runner ?? {};
  if (typeof r.name === "string") setRunner(bond, r.name, ev);
  const set = (k: BondOptionName, v: string) => {
    bond.options[k] = v;
    bond.ev[k] = ev;
  };
  if (typeof r.fast_rate === "boolean") set("lacp_rate", r.fast_rate ? "fast" : "slow");
  if (typeof r.active === "boolean") set("lacp_active", r.active ? "1" : "0");
  if (Array.isArray(r.tx_hash)) set("tx_hash", r.tx_hash.map(String).join(","));
  const watches = Array.isArray(c.link_watch) ? c.link_watch : c.link_watch ? [c.link_watch] : [];
  const names = watches
    .map((w) => (w as { name?: unknown } | null)?.name)
    .filter((n) => typeof n === "string");
  if (names.length > 0) set("link_watch", names.join(","));
}
