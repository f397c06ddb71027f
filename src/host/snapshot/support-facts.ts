// What a support engineer asks for first, beyond what the doctor reads: kernel and OS
// release, `ip -s link` (errors, drops), `ethtool IFACE` for every bond and team member
// (link, speed, duplex) and the kernel log lines about bonding, teaming and links, under
// sos's file names so other tools read them too.
import type { HostSnapshot } from "../model.js";
import { COMMANDS, type CommandSource, ethtoolLink, isValidIfname } from "../read/commands.js";
import type { RootFs } from "../read/root-fs.js";

/** Kernel log lines about bonds, teams and links going up or down. */
const LINK_LOG =
  /\bbond(ing)?\d*\b|\bteam(d)?\d*\b|\blink (is )?(up|down|becomes ready)|NIC Link is|carrier|\b(LACP|802\.3ad)\b|entered (blocking|forwarding|disabled) state|link status (definitely|up|down)/i;

export function kernelLogLines(dmesg: string): string {
  return dmesg
    .split("\n")
    .filter((l) => LINK_LOG.test(l))
    .join("\n");
}

/** Names that may reach ethtool's argv: valid for the kernel and never read as an option. */
function members(snapshot: HostSnapshot): string[] {
  const names = [
    ...snapshot.bonds.flatMap((b) => b.slaves.map((s) => s.name)),
    ...snapshot.teams.flatMap((t) => t.ports.map((p) => p.name)),
  ];
  return [...new Set(names)].filter((n) => isValidIfname(n) && !n.startsWith("-")).sort();
}

/**
 * Runs the extra commands through `commands` (which records them) and reads the release
 * files through `fs` (which the snapshot copies). Returns the dmesg text to store filtered.
 */
export function collectSupportFacts(
  snapshot: HostSnapshot,
  commands: CommandSource,
  fs: RootFs,
): { dmesg?: string } {
  for (const f of [
    "etc/os-release",
    "usr/lib/os-release",
    "proc/version",
    "proc/sys/kernel/osrelease",
  ])
    fs.read(f);
  commands.run(COMMANDS.unameA);
  commands.run(COMMANDS.ipStatsLink);
  for (const name of members(snapshot)) commands.run(ethtoolLink(name));
  const dmesg = commands.run(COMMANDS.dmesg);
  return dmesg === undefined ? {} : { dmesg: kernelLogLines(dmesg.text) };
}
