// Loads the optional native prober (native/prober, built by `npm ci` with node-gyp). It may
// be missing (no compiler at install time), or unusable (no root or CAP_NET_RAW): then the
// probers fall back to iputils ping and arping, and say so.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export interface NativeSocket {
  readonly __nativeSocket: unique symbol;
}

export interface NativeProberAddon {
  /**
   * A raw ICMP or ICMPv6 (echo replies only) or ARP packet socket bound to `ifname`, read by
   * libuv; "arp-send" only sends (no receive hook, so it opens fast; closing any packet socket
   * takes the kernel 5-15 ms). ICMPv6 replies come without their IPv6 header: `from` names
   * the sender.
   */
  open(
    kind: "icmp" | "icmp6" | "arp" | "arp-send",
    ifname: string,
    onPacket: (b: Buffer, t_ms: number, from?: string) => void,
  ): NativeSocket;
  /**
   * Sends `b` (to `dest` for ICMP and ICMPv6, whose checksum the kernel fills in; broadcast
   * for ARP); returns the send time (ms, real time).
   */
  send(socket: NativeSocket, b: Buffer, dest?: string): number;
  /**
   * An rtnetlink socket for link and IPv4/IPv6 address events: each datagram with its time;
   * an empty one when the kernel dropped messages (the socket's buffer overflowed).
   */
  openLinkEvents(onMessage: (b: Buffer, t_ms: number) => void): NativeSocket;
  /**
   * A packet socket on `ifname` that receives only LLDP and CDP frames (whole Ethernet
   * frames, received ones only, filtered in the kernel), each with its kernel receive time.
   * `join`: also join the LLDP and CDP multicast groups while it is open. Older addons lack it.
   */
  openNeighbours?(
    ifname: string,
    join: boolean,
    onFrame: (b: Buffer, t_ms: number) => void,
  ): NativeSocket;
  close(socket: NativeSocket): void;
  interfaceInfo(ifname: string): { index: number; mac: string; ipv4: string | null };
  /** The interface's name now, or null when no interface has that index. */
  interfaceName(index: number): string | null;
}

export type ProberChoice =
  | { kind: "native"; addon: NativeProberAddon; reason: string }
  | { kind: "ping"; reason: string };

/** `LINKGUARD_PROBER`: auto (default), native (fail if it cannot run) or ping. */
export type ProberPreference = "auto" | "native" | "ping";

// dist/src/runtime/probe/ -> the package root, where native/ sits beside dist/.
const ADDON = fileURLToPath(
  new URL("../../../../native/prober/build/Release/linkguard_prober.node", import.meta.url),
);

let cached: ProberChoice | null = null;
let cachedLinks: LinkEventsChoice | null = null;

/** Where kernel link and address events come from: the addon's rtnetlink socket or `ip monitor`. */
export type LinkEventsChoice =
  | { kind: "netlink"; addon: NativeProberAddon; reason: string }
  | { kind: "ip-monitor"; reason: string };

/** Where LLDP/CDP frames come from: the addon's packet sockets or one tcpdump per member. */
export type NeighbourFramesChoice =
  | { kind: "native"; addon: NativeProberAddon; reason: string }
  | { kind: "tcpdump"; reason: string };

/**
 * The native packet sockets where the native prober runs (its raw sockets need the same
 * privilege) and its addon knows them; else tcpdump, with the reason. LINKGUARD_PROBER=ping
 * asks for every fallback, tcpdump too.
 */
export function chooseNeighbourFrames(preference = proberPreference()): NeighbourFramesChoice {
  return neighbourFramesOf(chooseProber(preference === "native" ? "auto" : preference));
}

/** The neighbour listener that goes with the prober that runs. */
export function neighbourFramesOf(prober: ProberChoice): NeighbourFramesChoice {
  if (prober.kind !== "native")
    return { kind: "tcpdump", reason: `the native prober does not run: ${prober.reason}` };
  if (typeof prober.addon.openNeighbours !== "function")
    return {
      kind: "tcpdump",
      reason: "native prober is out of date (no LLDP/CDP sockets): run npm run install",
    };
  return { kind: "native", addon: prober.addon, reason: "packet sockets, kernel BPF filter" };
}

export function proberPreference(env = process.env): ProberPreference {
  const v = env.LINKGUARD_PROBER ?? "auto";
  if (v === "auto" || v === "native" || v === "ping") return v;
  throw new Error(`LINKGUARD_PROBER must be auto, native or ping, not "${v}"`);
}

/**
 * Which prober runs here: the native one if its addon loads and may open raw sockets (tried
 * once on loopback), else ping/arping with the reason.
 */
export function chooseProber(preference = proberPreference()): ProberChoice {
  if (preference === "ping")
    return { kind: "ping", reason: "LINKGUARD_PROBER=ping asks for ping/arping" };
  cached ??= loadNative(ADDON);
  if (preference === "native" && cached.kind !== "native")
    throw new Error(`LINKGUARD_PROBER=native, but the native prober cannot run: ${cached.reason}`);
  return cached;
}

/**
 * Where link and address events come from: the addon's rtnetlink socket where the addon loads
 * (it needs no privilege; tried once), else a long-lived `ip monitor` with the reason.
 * LINKGUARD_PROBER=ping asks for every fallback, `ip monitor` too.
 */
export function chooseLinkEvents(preference = proberPreference()): LinkEventsChoice {
  if (preference === "ping")
    return { kind: "ip-monitor", reason: "LINKGUARD_PROBER=ping asks for the fallbacks" };
  cachedLinks ??= loadLinkEvents(ADDON);
  return cachedLinks;
}

export function loadLinkEvents(file: string): LinkEventsChoice {
  const loaded = loadAddon(file);
  if ("reason" in loaded) return { kind: "ip-monitor", reason: loaded.reason };
  const { addon } = loaded;
  try {
    addon.close(addon.openLinkEvents(() => undefined));
  } catch (err) {
    return {
      kind: "ip-monitor",
      reason: `native prober cannot open an rtnetlink socket: ${(err as Error).message}`,
    };
  }
  return { kind: "netlink", addon, reason: "rtnetlink socket" };
}

function loadAddon(file: string): { addon: NativeProberAddon } | { reason: string } {
  if (!existsSync(file))
    return {
      reason: `native prober not built (${file} missing; it needs python3, make and a C compiler at npm ci)`,
    };
  try {
    const addon = createRequire(import.meta.url)(file) as NativeProberAddon;
    // An addon built before link events existed cannot give them.
    if (typeof addon.openLinkEvents !== "function")
      return { reason: "native prober is out of date (no link events): run npm run install" };
    return { addon };
  } catch (err) {
    return { reason: `native prober did not load: ${(err as Error).message}` };
  }
}

export function loadNative(file: string): ProberChoice {
  const loaded = loadAddon(file);
  if ("reason" in loaded) return { kind: "ping", reason: loaded.reason };
  const { addon } = loaded;
  try {
    addon.close(addon.open("icmp", "lo", () => undefined));
  } catch (err) {
    return {
      kind: "ping",
      reason: `native prober cannot open raw sockets (needs root or CAP_NET_RAW): ${(err as Error).message}`,
    };
  }
  return { kind: "native", addon, reason: "raw ICMP, ICMPv6 and ARP sockets, kernel timestamps" };
}
