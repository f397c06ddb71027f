// Command output behind a small interface with a recorded twin: the live host runs the
// command; a sosreport or snapshot holds its output under sos_commands/ with sos's file name.

import { execFileSync } from "node:child_process";
import { splitToolNoise } from "../parse/tool-noise.js";
import { packageOf } from "../tools.js";
import type { RootFs } from "./root-fs.js";

export interface CommandSpec {
  id: string;
  argv: readonly string[];
  /** Where sos (and `linkguard snapshot`) stores the output, relative to the root. */
  sos: string;
}

/** sos's file name for a command line: spaces become "_", "/" becomes ".". */
function sosName(argv: readonly string[]): string {
  return argv.join("_").replace(/\//g, ".");
}

function spec(id: string, dir: string, argv: string[]): CommandSpec {
  return { id, argv, sos: `sos_commands/${dir}/${sosName(argv)}` };
}

export const COMMANDS = {
  ipDetailJsonAddress: spec("ip-d-j-address", "networking", ["ip", "-d", "-j", "address"]),
  ipDetailJsonLink: spec("ip-d-j-link", "networking", ["ip", "-d", "-j", "link"]),
  ipJsonRoute: spec("ip-j-route", "networking", ["ip", "-j", "route"]),
  ipDetailAddress: spec("ip-d-address", "networking", ["ip", "-d", "address"]),
  ipStatsDetailLink: spec("ip-s-d-link", "networking", ["ip", "-s", "-d", "link"]),
  ipRouteTableAll: spec("ip-route-all", "networking", ["ip", "route", "show", "table", "all"]),
  ipBondXstats: spec("ip-bond-xstats", "networking", [
    "ip",
    "-s",
    "link",
    "xstats",
    "type",
    "bond",
  ]),
  ifconfigAll: spec("ifconfig-a", "networking", ["ifconfig", "-a"]),
  /** Process names only (no arguments: they can hold secrets, and a snapshot goes in tickets). */
  psComm: spec("ps-comm", "process", ["ps", "-e", "-o", "comm="]),
  sysctlAll: spec("sysctl-a", "kernel", ["sysctl", "-a"]),
  dmidecode: spec("dmidecode", "hardware", ["dmidecode"]),
  // What a support engineer asks for first; collected by `linkguard snapshot`.
  ipStatsLink: spec("ip-s-link", "networking", ["ip", "-s", "link"]),
  unameA: spec("uname-a", "kernel", ["uname", "-a"]),
  dmesg: spec("dmesg", "kernel", ["dmesg"]),
  lldpcliNeighbors: spec("lldpcli-neighbors", "lldpd", ["lldpcli", "show", "neighbors", "details"]),
} as const;

/** Interface names as the kernel allows them (IFNAMSIZ 16, no "/" or whitespace). */
const IFNAME_RE = /^[^\s/:]{1,15}$/;

export function isValidIfname(name: string): boolean {
  return IFNAME_RE.test(name) && name !== "." && name !== "..";
}

export function ethtoolInfo(ifname: string): CommandSpec {
  return spec(`ethtool-i-${ifname}`, "networking", ["ethtool", "-i", ifname]);
}

/** `ethtool IFACE` (link, speed, duplex), as sos's networking plugin names it. */
export function ethtoolLink(ifname: string): CommandSpec {
  return spec(`ethtool-${ifname}`, "networking", ["ethtool", ifname]);
}

export function teamdctlState(team: string): CommandSpec {
  return spec(`teamdctl-${team}`, "teamd", ["teamdctl", team, "state", "dump"]);
}

interface CommandOutput {
  text: string;
  /** The file a finding should quote: the sos path, or "$ ip -d -j address" for live output. */
  file: string;
}

export interface CommandSource {
  run(cmd: CommandSpec): CommandOutput | undefined;
  /** Commands that could not be run (missing tool, non-zero exit), with the reason. */
  readonly failures: string[];
  /** Messages a tool mixed into its recorded output (iproute2's stderr in sos files). */
  readonly notes?: string[];
}

/** Live: run the command (argument array, never a shell), bounded in time. */
export function liveCommands(timeoutMs = 5000): CommandSource {
  const failures: string[] = [];
  const seen = new Map<string, CommandOutput | undefined>();
  return {
    failures,
    run(cmd) {
      if (seen.has(cmd.sos)) return seen.get(cmd.sos);
      const out = runOnce(cmd);
      seen.set(cmd.sos, out);
      return out;
    },
  };
  function runOnce(cmd: CommandSpec): CommandOutput | undefined {
    try {
      const text = execFileSync(cmd.argv[0] as string, cmd.argv.slice(1), {
        encoding: "utf8",
        timeout: timeoutMs,
        stdio: ["ignore", "pipe", "pipe"],
        maxBuffer: 64 * 1024 * 1024,
      });
      return { text, file: `$ ${cmd.argv.join(" ")}` };
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: string };
      const pkg = packageOf(cmd.argv[0] as string);
      const install = pkg ? ` (package ${pkg})` : "";
      // EACCES: no executable one this user may run on PATH (a PATH directory it cannot enter
      // is enough): for the reader that is "not installed" too, said honestly.
      const why =
        e.code === "ENOENT"
          ? `not installed${install}`
          : e.code === "EACCES"
            ? `not installed, or not executable by this user${install}`
            : (e.stderr?.trim() || e.message).split("\n")[0];
      failures.push(`${cmd.argv.join(" ")}: ${why}`);
      return undefined;
    }
  }
}

/**
 * Recorded: read the output that sos or `linkguard snapshot` stored under the root. sos keeps
 * stderr in the same file: the tools' own messages (iproute2, sysctl) are taken out here and
 * kept as notes.
 */
export function recordedCommands(fs: RootFs): CommandSource {
  const notes: string[] = [];
  const seen = new Set<string>();
  return {
    failures: [],
    notes,
    run(cmd) {
      const raw = fs.read(cmd.sos);
      if (raw === undefined) return undefined;
      const tool = cmd.argv[0] ?? "";
      const { text, noise } = splitToolNoise(tool, raw);
      if (!seen.has(cmd.sos)) {
        seen.add(cmd.sos);
        for (const n of noise)
          notes.push(
            `${cmd.sos} line ${n.line}: ${tool === "ip" ? "iproute2" : tool} said "${n.text}", so this output may miss some ${tool === "ip" ? "interfaces or details" : "values"}`,
          );
      }
      return { text, file: cmd.sos };
    },
  };
}
