// Bonds: /proc/net/bonding is the richest source; sysfs and netlink fill what it hides
// (without CAP_NET_ADMIN the kernel leaves out the 802.3ad details there).
import { evidence } from "../../lib/text.js";
import type { Bond, NetInterface, ParseError } from "../model.js";
import { bondsFromNetlink, type LinkDetails } from "../netlink-bonds.js";
import { parseBondXstats } from "../parse/bond-xstats.js";
import { parseBondingSysfs } from "../parse/bonding-sysfs.js";
import { parseIpDetailBond } from "../parse/ip-address-text.js";
import { ipJsonBondDetails } from "../parse/ip-json.js";
import { parseProcNetBonding } from "../parse/proc-net-bonding.js";
import { COMMANDS, type CommandSource, isValidIfname } from "./commands.js";
import { mergeBond } from "./merge-bond.js";
import type { RootFs } from "./root-fs.js";

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
