// readHost(root): the one entry point that turns a root directory into a HostSnapshot.
import { kernelRefuses } from "../../lib/shell-quote.js";
import { escapeControl } from "../../lib/text.js";
import { emptySnapshot, type HostSnapshot, ParseError } from "../model.js";
import { type CommandSource, liveCommands, recordedCommands } from "./commands.js";
import { fillHiddenLacpFacts } from "./hidden-facts.js";
import { readBonds } from "./read-bonds.js";
import { readConfig } from "./read-config.js";
import { readInterfaces } from "./read-interfaces.js";
import { readIpmp } from "./read-ipmp.js";
import { readNeighbours } from "./read-neighbours.js";
import { readRoutes } from "./read-routes.js";
import { readRoutingDaemons } from "./read-routing.js";
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

/**
 * Names no Linux kernel would give an interface (dev_valid_name) come from a damaged or
 * forged input: each becomes a problem (an input-unparseable finding) so the report says so.
 */
function refusedNames(snap: HostSnapshot): ParseError[] {
  const named: Array<{ name: string; file: string }> = [];
  for (const i of Object.values(snap.interfaces)) named.push({ name: i.name, file: i.source.file });
  for (const b of snap.bonds) {
    named.push({ name: b.name, file: b.source.file });
    for (const m of b.slaves) named.push({ name: m.name, file: m.source.file });
  }
  for (const t of snap.teams) named.push({ name: t.name, file: "" });
  for (const c of snap.configuredBonds) {
    for (const name of [c.name, ...c.members]) named.push({ name, file: c.file });
  }
  const seen = new Set<string>();
  const out: ParseError[] = [];
  for (const { name, file } of named) {
    const why = kernelRefuses(name);
    if (why === undefined || seen.has(name)) continue;
    seen.add(name);
    out.push(
      new ParseError(
        file || "sys/class/net",
        0,
        `the interface name ${JSON.stringify(escapeControl(name))} is one the Linux kernel refuses (${why}): the input is damaged or forged`,
      ),
    );
  }
  return out;
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

/**
 * What the host that took a snapshot could not see: its failed commands and unreadable files
 * (kept in the marker), so a report on the snapshot does not look more complete than the
 * host's own. At most 50 lines: the marker is input like any other.
 */
function unseenWhenTaken(fs: RootFs): string[] {
  const text = fs.read(SNAPSHOT_MARKER);
  if (text === undefined) return [];
  let marker: { failed_commands?: unknown; unseen?: unknown; uid?: unknown };
  try {
    marker = JSON.parse(text) as typeof marker;
  } catch {
    return [];
  }
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  const asUser =
    typeof marker.uid === "number" && marker.uid !== 0
      ? [
          `the snapshot was taken as uid ${marker.uid}, not root: the kernel hid 802.3ad partner details in /proc/net/bonding, and root-only files (NetworkManager keyfiles) were not read`,
        ]
      : [];
  return [
    ...asUser,
    ...strings(marker.failed_commands).map(
      (f) => `when the snapshot was taken, command failed: ${f}`,
    ),
    ...strings(marker.unseen)
      .filter((u) => u.includes(": permission denied"))
      .map((u) => `when the snapshot was taken: ${u}`),
  ].slice(0, 50);
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
  snap.routingDaemons = readRoutingDaemons(fs, commands);
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
  snap.unseen.push(...(commands.notes ?? []));
  for (const rel of fs.denied)
    snap.unseen.push(`${rel}: permission denied${live ? " (run as root to read it)" : ""}`);
  if (!live) snap.unseen.push(...unseenWhenTaken(fs));
  problems.push(...fs.problems, ...refusedNames(snap));
  snap.sources = [...new Set(fs.used)];
  return snap;
}
