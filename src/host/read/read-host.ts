// readHost(root): the one entry point that turns a root directory into a HostSnapshot.
import { emptySnapshot, type HostSnapshot } from "../model.js";
import { type CommandSource, liveCommands, recordedCommands } from "./commands.js";
import { fillHiddenLacpFacts } from "./hidden-facts.js";
import { readBonds } from "./read-bonds.js";
import { readConfig } from "./read-config.js";
import { readInterfaces } from "./read-interfaces.js";
import { readIpmp } from "./read-ipmp.js";
import { readNeighbours } from "./read-neighbours.js";
import { readRoutes } from "./read-routes.js";
import { readSysctls } from "./read-sysctls.js";
import { readTeams } from "./read-teams.js";
import { readVirtualization } from "./read-virt.js";
import { openRootFs, type RootFs } from "./root-fs.js";

export interface ReadOptions {
  /** Run commands instead of reading their recorded output (default: root is "/"). */
  live?: boolean;
  /** Effective uid, to know what the kernel hides from us (default: process.getuid()). */
  uid?: number;
  commands?: CommandSource;
  /** The file access to use (the snapshot writer passes one that records what was read). */
  fs?: RootFs;
}

/** Marker file `linkguard snapshot` writes at the top of its layout. */
export const SNAPSHOT_MARKER = "linkguard-snapshot.json";

function detectOrigin(fs: RootFs, live: boolean): HostSnapshot["origin"] {
  if (live) return "live";
  if (fs.exists(SNAPSHOT_MARKER)) return "snapshot";
  if (fs.exists("sos_commands") || fs.exists("sos_reports") || fs.exists("sos_logs"))
    return "sosreport";
  return "directory";
}

function readHostname(fs: RootFs): string | undefined {
  for (const f of [
    "hostname",
    "sos_commands/host/hostname",
    "etc/hostname",
    "proc/sys/kernel/hostname",
  ]) {
    const t = fs.read(f)?.trim().split("\n")[0]?.trim();
    if (t) return t;
  }
  return undefined;
}

/** When `linkguard snapshot` made this root (its marker's `created`), if it did. */
function createdAt(fs: RootFs): number | undefined {
  const text = fs.read(SNAPSHOT_MARKER);
  if (text === undefined) return undefined;
  try {
    const t = Date.parse(String((JSON.parse(text) as { created?: unknown }).created));
    return Number.isNaN(t) ? undefined : t;
  } catch {
    return undefined;
  }
}

export function readHost(root: string, options: ReadOptions = {}): HostSnapshot {
  const live = options.live ?? root === "/";
  const fs = options.fs ?? openRootFs(root, { confine: !live });
  const commands = options.commands ?? (live ? liveCommands() : recordedCommands(fs));
  const snap = emptySnapshot(root, detectOrigin(fs, live));
  const problems = snap.problems;
  const hostname = readHostname(fs);
  if (hostname !== undefined) snap.hostname = hostname;
  snap.interfaces = readInterfaces(fs, commands, problems);
  snap.bonds = readBonds(fs, commands, problems, snap.interfaces);
  snap.teams = readTeams(fs, commands, snap.interfaces, problems);
  snap.routes = readRoutes(commands, problems);
  snap.sysctls = readSysctls(fs, commands, problems, live);
  const config = readConfig(fs, problems);
  snap.configuredBonds = config.bonds;
  snap.configuredAddresses = config.addresses;
  snap.ipmp = readIpmp(fs, commands, problems, live);
  snap.virtualization = readVirtualization(fs, commands, snap.interfaces);
  snap.neighbours = readNeighbours(fs, commands, problems, live, live ? Date.now() : createdAt(fs));
  const uid = options.uid ?? process.getuid?.() ?? 0;
  snap.unseen.push(...fillHiddenLacpFacts(snap, { live, uid }));
  for (const bond of snap.bonds) {
    for (const slave of bond.slaves) {
      const i = snap.interfaces[slave.name];
      if (i?.operstate !== undefined) slave.state ??= i.operstate;
    }
  }
  if (live) snap.unseen.push(...commands.failures.map((f) => `command failed: ${f}`));
  problems.push(...fs.problems);
  snap.sources = [...new Set(fs.used)];
  return snap;
}
