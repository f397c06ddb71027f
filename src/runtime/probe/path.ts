// One probe path (a member interface and a target, ICMP or ARP) and the contract every
// prober keeps, native or ping/arping: one result per probe sent, in order of sending, with
// the RTT when answered; every ARP reply's MAC; problems as messages, never a throw.

import type { ProbeKind, ProbeResult } from "../../events/types.js";
import { isValidIfname } from "../../host/read/commands.js";

export interface ProbePath {
  ifname: string;
  target: string;
  kind: ProbeKind;
}

export interface ProberCallbacks {
  result(r: ProbeResult): void;
  /** ARP replies name the MAC that answered (conflict detection). */
  arpReply?(t_ms: number, ifname: string, target: string, mac: string): void;
  /** The prober could not run (for a watcher event or a log line). */
  problem?(message: string): void;
}

export interface PathProber {
  readonly path: ProbePath;
  start(): void;
  stop(): void;
}

const IP_RE = /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-fA-F:]+$/;

export function assertProbePath(p: ProbePath): void {
  if (!isValidIfname(p.ifname)) throw new Error(`probe: bad interface name "${p.ifname}"`);
  if (!IP_RE.test(p.target)) throw new Error(`probe: target "${p.target}" is not an IP address`);
  if (p.kind === "arp" && p.target.includes(":"))
    throw new Error(`probe: ARP needs an IPv4 target, got ${p.target}`);
}
