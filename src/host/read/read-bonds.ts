// Bonds: /proc/net/bonding is the richest source; sysfs and netlink fill what it hides
// (without CAP_NET_ADMIN the kernel leaves out the 802.3ad details there).
import { evidence } from "../../lib/text.js";
import type { Bond, LacpPortInfo, NetInterface, ParseError } from "../model.js";
import { bondsFromNetlink, type LinkDetails } from "../netlink-bonds.js";
import { parseBondXstats } from "../parse/bond-xstats.js";
import { parseBondingSysfs } from "../parse/bonding-sysfs.js";
import { parseIpDetailBond } from "../parse/ip-address-text.js";
import { ipJsonBondDetails } from "../parse/ip-json.js";
import { parseProcNetBonding } from "../parse/proc-net-bonding.js";
import { COMMANDS, type CommandSource, isValidIfname } from "./commands.js";
import type { RootFs } from "./root-fs.js";

/**
 * Merge `from` into `into` fact by fact: a field `into` lacks is taken from `from` with the
 * evidence line of `from`. Nested facts (the 802.3ad section, the active aggregator, each
 * member's actor and partner) are merged field by field too, so a non-root /proc view that
 * printed "802.3ad info" without the aggregator keeps the aggregator netlink or sysfs showed.
 */
export function mergeBond(into: Bond, from: Bond): void {
  fillMissing(into, from);
  mergeAd(into, from);
  for (const s of from.slaves) {
    const have = into.slaves.find((x) => x.name === s.name);
    if (!have) {
      into.slaves.push(s);
      continue;
    }
    fillMissing(have, s);
    for (const side of ["actor", "partner"] as const) {
      const src = s[side];
      if (src === undefined) continue;
      have[side] ??= {};
      const dst = have[side];
      for (const [field, evKey] of Object.entries(LACP_EV)) {
        const k = field as keyof LacpPortInfo;
        if (dst[k] !== undefined || src[k] === undefined) continue;
        (dst as Record<string, unknown>)[k] = src[k];
        const e = s.ev[`${side}${evKey}`];
        if (e !== undefined) have.ev[`${side}${evKey}`] = e;
      }
    }
  }
}

/** LacpPortInfo field -> the suffix of its evidence key ("partner" + "SystemMacAddress"). */
const LACP_EV: Record<keyof LacpPortInfo, string> = {
  systemPriority: "SystemPriority",
  systemMac: "SystemMacAddress",
  key: "PortKey",
  portPriority: "PortPriority",
  portNumber: "PortNumber",
  state: "PortState",
};

/** Bond8023ad / ActiveAggregator field -> its evidence key in Bond.ev. */
const AD_EV: Record<string, string> = {
  lacpActive: "lacpActive",
  lacpRate: "lacpRate",
  minLinks: "minLinks",
  adSelect: "adSelect",
  systemPriority: "systemPriority",
  systemMac: "systemMac",
};
const AGG_EV: Record<string, string> = {
  id: "aggregatorId",
  ports: "aggregatorPorts",
  actorKey: "actorKey",
  partnerKey: "partnerKey",
  partnerMac: "partnerMac",
};

function mergeAd(into: Bond, from: Bond): void {
  if (from.ad === undefined) return;
  if (into.mode !== "802.3ad" && into.mode !== "unknown") return;
  into.ad ??= {};
  const ad = into.ad;
  copyFields(ad as Record<string, unknown>, from.ad as Record<string, unknown>, AD_EV, into, from);
  const src = from.ad.activeAggregator;
  // "bond X has no active aggregator" from /proc is a fact too: keep it over a stale one.
  if (src === undefined || into.extra.noActiveAggregator !== undefined) return;
  ad.activeAggregator ??= {};
  const agg = ad.activeAggregator;
  copyFields(agg as Record<string, unknown>, src as Record<string, unknown>, AGG_EV, into, from);
}

function copyFields(
  dst: Record<string, unknown>,
  src: Record<string, unknown>,
  evKeys: Record<string, string>,
  into: Bond,
  from: Bond,
): void {
  for (const [field, evKey] of Object.entries(evKeys)) {
    if (dst[field] !== undefined || src[field] === undefined) continue;
    dst[field] = src[field];
    const e = from.ev[evKey];
    if (e !== undefined) into.ev[evKey] = e;
  }
}

function fillMissing<T extends { ev: Record<string, unknown> }>(into: T, from: T): void {
  const target = into as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(from)) {
    if (
      value === undefined ||
      ["ev", "source", "slaves", "extra", "name", "ad", "actor", "partner"].includes(key)
    )
      continue;
    if (target[key] === undefined || (key === "mode" && target[key] === "unknown")) {
      target[key] = value;
      if (from.ev[key] !== undefined) into.ev[key] = from.ev[key];
    }
  }
}

/**
 * The files of /sys/class/net/<bond>/ that parseBondingSysfs reads. Member details come from
 * the bond's lower_<if>/ (slave_<if>/ on old kernels) or, when those links were not
 * collected, from /sys/class/net/<member>/bonding_slave/ ("../<member>/bonding_slave/...").
 */
function sysfsFiles(fs: RootFs, bond: string): Record<string, string> {
  const dir = `sys/class/net/${bond}`;
  const files: Record<string, string> = {};
  for (const name of fs.list(`${dir}/bonding`)) {
    const text = fs.read(`${dir}/bonding/${name}`);
    if (text !== undefined) files[`bonding/${name}`] = text;
  }
  const seen = new Set<string>();
  for (const entry of fs.list(dir)) {
    if (!entry.startsWith("lower_") && !entry.startsWith("slave_")) continue;
    seen.add(entry.replace(/^(lower|slave)_/, ""));
    for (const name of fs.list(`${dir}/${entry}/bonding_slave`)) {
      const text = fs.read(`${dir}/${entry}/bonding_slave/${name}`);
      if (text !== undefined) files[`${entry}/bonding_slave/${name}`] = text;
    }
  }
  const listed = (files["bonding/slaves"] ?? "").split(/\s+/).filter(Boolean);
  for (const member of new Set([...listed, ...membersByLink(fs, bond)])) {
    if (seen.has(member) || !isValidIfname(member)) continue;
    for (const name of fs.list(`sys/class/net/${member}/bonding_slave`)) {
      const text = fs.read(`sys/class/net/${member}/bonding_slave/${name}`);
      if (text !== undefined) files[`../${member}/bonding_slave/${name}`] = text;
    }
  }
  return files;
}

/** Interfaces whose bonding_slave/ says they belong to `bond` (upper_<bond> or master link). */
function membersByLink(fs: RootFs, bond: string): string[] {
  const out: string[] = [];
  for (const name of fs.list("sys/class/net")) {
    if (name === bond || !isValidIfname(name)) continue;
    if (!fs.isDir(`sys/class/net/${name}/bonding_slave`)) continue;
    const master = fs.link(`sys/class/net/${name}/master`)?.split("/").pop();
    if (master === bond || fs.exists(`sys/class/net/${name}/upper_${bond}`)) out.push(name);
  }
  return out;
}

/** Bonds sysfs knows: bonding_masters, and every /sys/class/net/<if>/ with a bonding/ dir. */
function sysfsBondNames(fs: RootFs): string[] {
  const masters = (fs.read("sys/class/net/bonding_masters") ?? "").split(/\s+/).filter(Boolean);
  const dirs = fs
    .list("sys/class/net")
    .filter((n) => isValidIfname(n) && fs.isDir(`sys/class/net/${n}/bonding`));
  return [...new Set([...masters, ...dirs])];
}

/** Bond details from netlink JSON (live, snapshot), else the text of `ip -d address` (sos). */
function readLinkDetails(commands: CommandSource): Record<string, LinkDetails> {
  for (const cmd of [COMMANDS.ipDetailJsonAddress, COMMANDS.ipDetailJsonLink]) {
    const out = commands.run(cmd);
    if (out) return ipJsonBondDetails(out.text, out.file);
  }
  for (const cmd of [COMMANDS.ipDetailAddress, COMMANDS.ipStatsDetailLink]) {
    const out = commands.run(cmd);
    if (out) return parseIpDetailBond(out.text, out.file);
  }
  return {};
}

export function readBonds(
  fs: RootFs,
  commands: CommandSource,
  problems: ParseError[],
  interfaces: Record<string, NetInterface>,
): Bond[] {
  const bonds: Bond[] = [];
  for (const name of fs.list("proc/net/bonding")) {
    const file = `proc/net/bonding/${name}`;
    const text = fs.read(file);
    if (text === undefined) continue;
    const parsed = parseProcNetBonding(text, file, name);
    problems.push(...parsed.problems);
    bonds.push(...parsed.value);
  }
  const fromSysfs = new Set([...sysfsBondNames(fs), ...bonds.map((b) => b.name)]);
  for (const name of fromSysfs) {
    if (!isValidIfname(name) || !fs.isDir(`sys/class/net/${name}/bonding`)) continue;
    const parsed = parseBondingSysfs(sysfsFiles(fs, name), name, `sys/class/net/${name}`);
    problems.push(...parsed.problems);
    const have = bonds.find((b) => b.name === name);
    if (have) mergeBond(have, parsed.value);
    else bonds.push(parsed.value);
  }
  // Netlink fills what /proc and sysfs hid or lacked, and knows bonds they do not show.
  for (const nl of bondsFromNetlink(readLinkDetails(commands), interfaces)) {
    const have = bonds.find((b) => b.name === nl.name);
    if (have) mergeBond(have, nl);
    else bonds.push(nl);
  }
  addLacpduCounters(bonds, commands, problems);
  return bonds;
}

function addLacpduCounters(bonds: Bond[], commands: CommandSource, problems: ParseError[]): void {
  if (!bonds.some((b) => b.mode === "802.3ad")) return;
  const out = commands.run(COMMANDS.ipBondXstats);
  if (!out) return;
  const parsed = parseBondXstats(out.text, out.file);
  problems.push(...parsed.problems);
  for (const bond of bonds) {
    for (const slave of bond.slaves) {
      const c = parsed.value[slave.name];
      if (!c) continue;
      if (c.lacpduRx !== undefined) slave.lacpduRx = c.lacpduRx;
      if (c.lacpduTx !== undefined) slave.lacpduTx = c.lacpduTx;
      slave.ev.lacpduRx = evidence(out.file, c.line, `LACPDU Rx ${c.lacpduRx ?? "?"}`);
    }
  }
}
