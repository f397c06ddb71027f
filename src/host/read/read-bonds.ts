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
import type { RootFs } from "./root-fs.js";

/** Fill fields `into` lacks from `from`; slaves are matched by name. */
export function mergeBond(into: Bond, from: Bond): void {
  fillMissing(into, from);
  for (const s of from.slaves) {
    const have = into.slaves.find((x) => x.name === s.name);
    if (have) fillMissing(have, s);
    else into.slaves.push(s);
  }
}

function fillMissing<T extends { ev: Record<string, unknown> }>(into: T, from: T): void {
  const target = into as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(from)) {
    if (value === undefined || ["ev", "source", "slaves", "extra", "name"].includes(key)) continue;
    if (target[key] === undefined || (key === "mode" && target[key] === "unknown")) {
      target[key] = value;
      if (from.ev[key] !== undefined) into.ev[key] = from.ev[key];
    }
  }
}

/** The files of /sys/class/net/<bond>/ that parseBondingSysfs reads. */
function sysfsFiles(fs: RootFs, bond: string): Record<string, string> {
  const dir = `sys/class/net/${bond}`;
  const files: Record<string, string> = {};
  for (const name of fs.list(`${dir}/bonding`)) {
    const text = fs.read(`${dir}/bonding/${name}`);
    if (text !== undefined) files[`bonding/${name}`] = text;
  }
  for (const entry of fs.list(dir)) {
    if (!entry.startsWith("lower_") && !entry.startsWith("slave_")) continue;
    for (const name of fs.list(`${dir}/${entry}/bonding_slave`)) {
      const text = fs.read(`${dir}/${entry}/bonding_slave/${name}`);
      if (text !== undefined) files[`${entry}/bonding_slave/${name}`] = text;
    }
  }
  return files;
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
  const masters = (fs.read("sys/class/net/bonding_masters") ?? "").split(/\s+/).filter(Boolean);
  const fromSysfs = new Set([...masters, ...bonds.map((b) => b.name)]);
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
