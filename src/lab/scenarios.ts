// The lab's scenarios: a topology, where the watcher runs and with which flags, the fault
// steps, and the events that prove the watcher saw it. Incidents 002 and 004 are two of them.
import type { EventKind } from "../events/types.js";
import type { PortAnnouncement } from "./discovery-frames.js";
import type { SenderSpec } from "./discovery-sender.js";
import { type FaultKind, injectFault } from "./faults.js";
import type { IpBatch } from "./ip-batch.js";
import type { Lab } from "./lab.js";
import { DSR, DSR_VIP, DUAL_HOMED, TWO_SWITCHES } from "./topologies.js";
import type { TopologySpec } from "./topology.js";

interface ScenarioContext {
  lab: Lab;
  /** A running `ip -batch` in the fault's switch namespace, for faults whose instant counts. */
  batch: IpBatch;
  /** Resolves when an event of this kind (optionally about this interface) has arrived. */
  waitFor(kind: EventKind, ifname?: string): Promise<void>;
  sleep(ms: number): Promise<void>;
  /** The switch ports' LLDP/CDP senders: stop one (by link), or start one. */
  senders: { stop(link: string): void; start(spec: SenderSpec): void };
}

export interface Scenario {
  name: string;
  description: string;
  topology: TopologySpec;
  /** The host the watcher runs in, and its flags. */
  watchHost: string;
  watchArgs: string[];
  /** "recable" and "discovery-stop" act on what the switch port announces (LLDP/CDP). */
  fault: { kind: FaultKind | "recable" | "discovery-stop"; link: string };
  /** The events the watcher must raise; the first of `detect` gives detection_ms. */
  detect: EventKind[];
  expect: EventKind[];
  /** How long the fault stays after the expected events, before restore (default 1000). */
  holdMs?: number;
  /** Expected after restore. */
  recover: EventKind[];
  /** The gateway sends an unsolicited ARP every second, so members always receive something. */
  hellos?: { host: string; ifname: string; address: string };
  /** Switch ports that announce themselves with LLDP/CDP from before the watcher starts. */
  senders?: SenderSpec[];
  /** Injects the fault (the runner stamps the time just before). */
  run(ctx: ScenarioContext): Promise<void>;
}

const SERVER_WATCH = ["-i", "eth0,eth1", "--interval", "50", "--probe-interval", "20"];
const GW_HELLOS = { host: "gw", ifname: "eth0", address: "10.77.0.1" };

const simple =
  (kind: FaultKind, link: string, opts: Parameters<typeof injectFault>[3] = {}) =>
  (ctx: ScenarioContext) =>
    injectFault(ctx.lab, link, kind, { ...opts, batch: ctx.batch });

/** A switch port's announcement: one LLDP frame a second, valid for `ttl` seconds. */
function announce(link: string, a: Omit<PortAnnouncement, "ttl">, ttl = 4): SenderSpec {
  return { link, announce: { ...a, ttl }, protocols: ["lldp"], intervalMs: 1000 };
}
const SW_A = { chassisMac: "02:4c:a8:aa:00:01", systemName: "sw-a", managementIp: "192.0.2.11" };
const SW_B = { chassisMac: "02:4c:a8:bb:00:01", systemName: "sw-b", managementIp: "192.0.2.12" };
const NEIGHBOUR_WATCH = ["-i", "eth0,eth1", "--interval", "100", "--no-auto-gateway"];

const NEIGHBOUR_SCENARIOS: Scenario[] = [
  {
    name: "neighbour-recabled",
    description:
      "eth1 is re-cabled from sw-a Ethernet1/6 to sw-b Ethernet1/5: the bond's members now end on two switches",
    topology: TWO_SWITCHES,
    watchHost: "server",
    watchArgs: NEIGHBOUR_WATCH,
    fault: { kind: "recable", link: "server:eth1" },
    senders: [
      announce("server:eth0", { ...SW_A, port: "Ethernet1/5", vlan: 10, aggregated: true }),
      announce("server:eth1", { ...SW_A, port: "Ethernet1/6", vlan: 10, aggregated: true }),
    ],
    detect: ["neighbour-changed"],
    expect: ["neighbour-changed"],
    recover: [],
    async run(ctx) {
      ctx.senders.stop("server:eth1");
      ctx.senders.start(
        announce("server:eth1", { ...SW_B, port: "Ethernet1/5", vlan: 10, aggregated: true }),
      );
    },
  },
  {
    name: "neighbour-ttl-expiry",
    description: "sw-a stops sending LLDP on eth0's port (the link stays up): its 3 s TTL runs out",
    topology: DUAL_HOMED,
    watchHost: "server",
    watchArgs: NEIGHBOUR_WATCH,
    fault: { kind: "discovery-stop", link: "server:eth0" },
    senders: [announce("server:eth0", { ...SW_A, port: "Ethernet1/5", vlan: 10 }, 3)],
    detect: ["neighbour-lost"],
    expect: ["neighbour-lost"],
    recover: [],
    async run(ctx) {
      ctx.senders.stop("server:eth0");
    },
  },
];

export const SCENARIOS: Scenario[] = [
  {
    name: "cable-pull",
    description: "eth0's switch port goes down: carrier drops at once",
    topology: DUAL_HOMED,
    watchHost: "server",
    watchArgs: SERVER_WATCH,
    fault: { kind: "cut", link: "server:eth0" },
    detect: ["link-down"],
    expect: ["link-down", "probe-loss"],
    recover: ["link-up", "probe-recovered"],
    run: simple("cut", "server:eth0"),
  },
  {
    name: "silent-upstream",
    description: "incident 004: eth0's path dies silently (carrier up), 2 s later the link drops",
    topology: DUAL_HOMED,
    watchHost: "server",
    watchArgs: SERVER_WATCH,
    fault: { kind: "silent-drop", link: "server:eth0" },
    detect: ["probe-loss"],
    expect: ["probe-loss", "link-down"],
    recover: ["link-up", "probe-recovered"],
    hellos: GW_HELLOS,
    async run(ctx) {
      await injectFault(ctx.lab, "server:eth0", "silent-drop");
      await ctx.waitFor("probe-loss", "eth0");
      await ctx.sleep(2000);
      await injectFault(ctx.lab, "server:eth0", "cut", { batch: ctx.batch });
    },
  },
  {
    name: "flap",
    description: "eth0's port goes down and up 4 times, 300 ms apart",
    topology: DUAL_HOMED,
    watchHost: "server",
    watchArgs: SERVER_WATCH,
    fault: { kind: "flap", link: "server:eth0" },
    detect: ["link-down"],
    expect: ["link-down", "link-up", "carrier-flap"],
    recover: [],
    run: simple("flap", "server:eth0", { count: 4, intervalMs: 300 }),
  },
  {
    name: "gateway-loss",
    description: "the gateway is unreachable through eth1 only; eth0 still reaches it",
    topology: DUAL_HOMED,
    watchHost: "server",
    watchArgs: SERVER_WATCH,
    fault: { kind: "gateway-loss", link: "server:eth1" },
    detect: ["probe-loss"],
    expect: ["probe-loss"],
    recover: ["probe-recovered"],
    run: simple("gateway-loss", "server:eth1", { peer: "gw:eth0" }),
  },
  {
    name: "dsr-arp-conflict",
    description: `incident 002: the real server loses arp_ignore/arp_announce and answers ARP for the VIP ${DSR_VIP}`,
    topology: DSR,
    watchHost: "client",
    watchArgs: ["-i", "eth0", "--interval", "100", "--arp-target", DSR_VIP, "--no-auto-gateway"],
    fault: { kind: "arp-conflict", link: "rs:eth0" },
    detect: ["address-conflict"],
    expect: ["address-conflict"],
    recover: [],
    run: simple("arp-conflict", "rs:eth0", { address: DSR_VIP }),
  },
  ...NEIGHBOUR_SCENARIOS,
];

export function findScenario(name: string): Scenario {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s)
    throw new Error(
      `no scenario "${name}" (scenarios: ${SCENARIOS.map((x) => x.name).join(", ")})`,
    );
  return s;
}
