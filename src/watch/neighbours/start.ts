// The daemon's part: which members listen (and announce the host, when asked), and the
// listener, table, metrics, state file and store wired to the running watcher.
import { run } from "../../host/exec.js";
import { neighbourLabel } from "../../host/neighbour.js";
import { requireTools } from "../../host/tools.js";
import {
  chooseNeighbourFrames,
  type NeighbourFramesChoice,
} from "../../runtime/probe/native-addon.js";
import type { WatchConfig } from "../config.js";
import { neighbourTools } from "../needed-tools.js";
import type { Watcher } from "../watcher.js";
import { NeighbourListener } from "./listener.js";
import { hostPorts, type IpLinkJson, neighbourMembers } from "./members.js";
import type { NeighbourMetrics } from "./metrics.js";
import { NativeNeighbourListener } from "./native-listener.js";
import { NeighbourWatch } from "./neighbour-watch.js";
import { PacketSender } from "./packet-sender.js";
import type { NeighbourStoreSink } from "./store-sync.js";
import { Transmitter } from "./transmitter.js";

export interface NeighbourOptions {
  host: string;
  /** lldp.interfaces: when given, exactly these. */
  interfaces: readonly string[];
  /** Also listen on these (watched and probing interfaces) when they exist. */
  extra: readonly string[];
  stateFile: string | null;
  /** The watcher's store: it keeps the table too; null: no store. */
  store?: NeighbourStoreSink | null;
  metrics: NeighbourMetrics;
  /** lldp.transmit: announce the host on each member. */
  transmit: boolean;
  /** Where frames come from (default: native packet sockets where they can run, else tcpdump). */
  frames?: NeighbourFramesChoice;
  problem(message: string): void;
}

export interface RunningNeighbours {
  members: readonly string[];
  /** The members the host is announced on (lldp.transmit). */
  announcing: readonly string[];
  /** How frames are heard, for the start line: "native (...)" or "tcpdump (...)". */
  listener: string;
  stop(): Promise<void>;
}

/** The daemon's settings for the neighbour watch: lldp.* over the watched and probing interfaces. */
export function neighbourOptions(
  cfg: WatchConfig,
  host: string,
  probeMembers: readonly string[],
): Pick<NeighbourOptions, "host" | "interfaces" | "extra" | "stateFile" | "transmit"> {
  return {
    host,
    interfaces: cfg.lldp.interfaces,
    extra: [...cfg.interfaces, ...probeMembers],
    stateFile: cfg.lldp.state_file === false ? null : cfg.lldp.state_file,
    transmit: cfg.lldp.transmit,
  };
}

export async function startNeighbourWatch(
  watcher: Watcher,
  o: NeighbourOptions,
): Promise<RunningNeighbours | null> {
  let links: IpLinkJson[];
  try {
    links = JSON.parse((await run(["ip", "-d", "-j", "link", "show"])) || "[]") as IpLinkJson[];
  } catch (err) {
    o.problem(`neighbours: ${(err as Error).message}`);
    return null;
  }
  const members = neighbourMembers(links, o.interfaces.length > 0 ? o.interfaces : o.extra);
  if (members.length === 0) return null;
  const metrics = o.metrics;
  const frames = o.frames ?? chooseNeighbourFrames();
  try {
    // Without tcpdump the fallback would only restart a missing command: say it once, go on.
    requireTools("LLDP/CDP listening", neighbourTools(frames.kind));
  } catch (err) {
    o.problem(`neighbours: ${(err as Error).message}`);
    return null;
  }
  const watch = new NeighbourWatch({
    host: o.host,
    members,
    listen: (ifname, cb) =>
      frames.kind === "native"
        ? new NativeNeighbourListener(frames.addon, ifname, cb)
        : new NeighbourListener(ifname, cb),
    linkUp: (ifname) => watcher.samples().get(ifname)?.carrier !== false,
    raise: (events) => watcher.raise(events),
    problem: o.problem,
    heard: (n) => metrics.heard(n),
    changed: (list) => metrics.table(list),
    stateFile: o.stateFile,
    store: o.store ?? null,
  });
  await watch.start();
  watcher.correlator.cabledBy((ifname) => {
    const n = watch.table.of(ifname);
    return n === undefined ? undefined : neighbourLabel(n);
  });
  const ports = o.transmit ? hostPorts(links, members) : [];
  const first = ports[0];
  const sender = first === undefined ? null : new PacketSender(o.problem);
  const transmitter =
    sender === null || first === undefined
      ? null
      : new Transmitter({
          host: {
            hostname: o.host,
            chassisMac: first.mac,
            description: "linkguard watch",
          },
          ports,
          send: (ifname, frame) => sender.send(ifname, frame),
        });
  transmitter?.start();
  return {
    members,
    announcing: ports.map((p) => p.ifname),
    listener: `${frames.kind} (${frames.reason})`,
    async stop() {
      transmitter?.stop();
      await sender?.close();
      await watch.stop();
    },
  };
}
