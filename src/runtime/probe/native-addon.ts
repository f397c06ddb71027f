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
   * A raw ICMP (echo replies only) or ARP packet socket bound to `ifname`, read by libuv;
   * "arp-send" only sends (no receive hook, so it opens fast; closing any packet socket takes
   * the kernel 5-15 ms).
   */
  open(
    kind: "icmp" | "arp" | "arp-send",
    ifname: string,
    onPacket: (b: Buffer, t_ms: number) => void,
  ): NativeSocket;
  /** Sends `b` (to `dest` for ICMP; broadcast for ARP); returns the send time (ms, real time). */
  send(socket: NativeSocket, b: Buffer, dest?: string): number;
  close(socket: NativeSocket): void;
  interfaceInfo(ifname: string): { index: number; mac: string; ipv4: string | null };
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

export function loadNative(file: string): ProberChoice {
  if (!existsSync(file))
    return {
      kind: "ping",
      reason: `native prober not built (${file} missing; it needs python3, make and a C compiler at npm ci)`,
    };
  let addon: NativeProberAddon;
  try {
    addon = createRequire(import.meta.url)(file) as NativeProberAddon;
  } catch (err) {
    return { kind: "ping", reason: `native prober did not load: ${(err as Error).message}` };
  }
  try {
    addon.close(addon.open("icmp", "lo", () => undefined));
  } catch (err) {
    return {
      kind: "ping",
      reason: `native prober cannot open raw sockets (needs root or CAP_NET_RAW): ${(err as Error).message}`,
    };
  }
  return { kind: "native", addon, reason: "raw ICMP and ARP sockets, kernel timestamps" };
}
